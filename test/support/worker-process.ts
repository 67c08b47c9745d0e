import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** A build of its own, so tests never race `npm run build` (which empties dist/) elsewhere. */
const OUT = join(ROOT, '.test-build');
const MAIN = join(OUT, 'apps', 'worker', 'src', 'main.js');

let built = false;

/** Compiles the apps once per test process (about half a minute). */
export function buildWorker(): void {
  if (built && existsSync(MAIN)) return;
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', OUT], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', OUT], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  built = true;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote, for failure messages. */
  output(): string;
  exited: Promise<number | null>;
}

/** `apps/worker` as production runs it, in a process of its own. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  let output = '';
  const child = spawn(process.execPath, ['--max-semi-space-size=64', MAIN], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}
