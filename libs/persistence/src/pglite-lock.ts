import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded database is open in another process. */
export class PgliteInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database at ${dataDir} is in use by process ${pid}. PGlite can be opened by ` +
        'one process at a time: stop that process (wian, or another CLI command) first, or run ' +
        'against PostgreSQL (DATABASE_URL) to share a database.',
    );
    this.name = 'PgliteInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock file (`wian.lock` with our pid), refusing when a live process holds
 * it; a lock left by a dead process is taken over. Returns the release function.
 */
export function lockPgliteDir(dataDir: string): () => void {
  const path = join(dataDir, 'wian.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(existsSync(path) ? readFileSync(path, 'utf8').trim() : NaN);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new PgliteInUseError(dataDir, holder);
      }
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Cannot take the lock ${path}`);
}
