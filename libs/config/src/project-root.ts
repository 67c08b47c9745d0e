import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding wian's package.json, found from this file (works from src and dist). */
export function projectRoot(): string {
  let dir = import.meta.dirname;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'wian') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('wian: cannot find the project root (package.json named "wian")');
    dir = parent;
  }
}
