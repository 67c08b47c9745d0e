#!/usr/bin/env node
// Runs the integration and e2e suites on PostgreSQL and on PGlite side by side (`npm test`).
// They share nothing that clashes: each PostgreSQL suite creates its own database, PGlite runs
// in memory, every suite takes its own Redis key prefix and listens on ports the kernel picks.
// PGlite's suites run on one thread, so the two runs together take little longer than the
// slower one alone. Each line is prefixed with its engine; the run fails if either fails.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const engines = (process.env.WIAN_TEST_ENGINES ?? 'postgres,pglite').split(',').filter(Boolean);
const width = Math.max(...engines.map((e) => e.length));
const children = new Set();

function run(engine) {
  const started = Date.now();
  const child = spawn(
    'npm',
    ['run', '--silent', `test:${engine}`, '--', ...process.argv.slice(2)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    },
  );
  children.add(child);
  const tag = `[${engine.padEnd(width)}]`;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => out.write(`${tag} ${line}\n`));
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      const seconds = Math.round((Date.now() - started) / 1000);
      resolve({ engine, ok: code === 0, code: code ?? signal, seconds });
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(130);
  });
}

const results = await Promise.all(engines.map(run));
for (const r of results) {
  console.log(
    `${r.ok ? 'passed' : 'FAILED'}: integration and e2e on ${r.engine} in ${r.seconds} s` +
      (r.ok ? '' : ` (exit ${r.code})`),
  );
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
