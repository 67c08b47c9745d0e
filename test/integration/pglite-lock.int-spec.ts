import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTITIES } from '@wian/app-core';
import { createDataSource, PgliteInUseError } from '@wian/persistence';

describe('the embedded database folder is used by one process at a time', () => {
  it('refuses a second opening while the first is open, and allows it once closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wian-lock-'));
    try {
      const first = await createDataSource({ pgliteDataDir: dir, poolSize: 1 }, ENTITIES);
      await first.initialize();
      // Another process holding the folder: simulate with a live pid that is not ours.
      writeFileSync(join(dir, 'wian.lock'), String(process.ppid));
      await expect(
        createDataSource({ pgliteDataDir: dir, poolSize: 1 }, ENTITIES),
      ).rejects.toBeInstanceOf(PgliteInUseError);
      writeFileSync(join(dir, 'wian.lock'), String(process.pid));
      await first.destroy();
      const second = await createDataSource({ pgliteDataDir: dir, poolSize: 1 }, ENTITIES);
      await second.initialize();
      expect(await second.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await second.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wian-lock-'));
    try {
      writeFileSync(join(dir, 'wian.lock'), '999999999');
      const ds = await createDataSource({ pgliteDataDir: dir, poolSize: 1 }, ENTITIES);
      await ds.initialize();
      await ds.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
