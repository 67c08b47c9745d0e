import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@wian/config';
import { runPendingMigrations } from '@wian/persistence';
import { openDatabase } from '../open-database.js';

export async function migrationRun(): Promise<void> {
  const db = await openDatabase();
  try {
    const applied = await runPendingMigrations(db);
    process.stdout.write(
      applied.length ? `Applied: ${applied.join(', ')}\n` : 'The schema is up to date.\n',
    );
  } finally {
    await db.destroy();
  }
}

export async function migrationRevert(): Promise<void> {
  const db = await openDatabase();
  try {
    await db.undoLastMigration({ transaction: 'each' });
    process.stdout.write('Reverted the last migration.\n');
  } finally {
    await db.destroy();
  }
}

export async function migrationShow(): Promise<void> {
  const db = await openDatabase();
  try {
    const pending = await db.showMigrations();
    process.stdout.write(pending ? 'Some migrations are pending.\n' : 'No migration is pending.\n');
  } finally {
    await db.destroy();
  }
}

const NAME = /^[A-Z][A-Za-z0-9]{2,60}$/;

/**
 * Writes a migration for whatever the entities declare that the migrations do not yet
 * create. It diffs against a throwaway embedded database with every migration applied, so
 * your own data is never touched.
 */
export async function migrationGenerate(name: string | undefined): Promise<void> {
  if (name === undefined || !NAME.test(name)) {
    throw new Error('Usage: npm run migration:generate -- AddDeliveries (PascalCase name)');
  }
  const db = await openDatabase({ url: undefined, pgliteDataDir: 'memory://' });
  try {
    await runPendingMigrations(db);
    const sql = await db.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('The entities match the migrations; nothing to generate.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (q: string): string =>
      '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((q) => `    await q.query(${quote(q.query)});`).join('\n');
    const down = sql.downQueries
      .map((q) => `    await q.query(${quote(q.query)});`)
      .reverse()
      .join('\n');
    const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const dir = join(projectRoot(), 'libs', 'persistence', 'src', 'migrations');
    const file = `${timestamp}-${kebab}.migration.ts`;
    writeFileSync(
      join(dir, file),
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
        `export class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
        `  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n` +
        `  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    const indexPath = join(dir, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(
        /(import type \{ MigrationInterface \} from 'typeorm';\n)/,
        `$1import { ${className} } from './${file.replace(/\.ts$/, '.js')}';\n`,
      )
      .replace(/,?\s*\];\s*$/, `,\n  ${className},\n];\n`);
    writeFileSync(indexPath, index);
    process.stdout.write(
      `Wrote libs/persistence/src/migrations/${file}; review it before committing.\n`,
    );
  } finally {
    await db.destroy();
  }
}
