import { createHash } from 'node:crypto';
import pg from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * The positional parameters of one hand-written statement: `add(value, 'uuid')` appends a value
 * and returns its placeholder with an explicit cast (`$7::uuid`). Casts are always written:
 * in `INSERT … SELECT` PostgreSQL does not infer a parameter's type from the target column.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/**
 * One command's values in a set-based statement: `add(value, cast)` makes the value a column of
 * the command's row of \`input\` and returns the reference (\`i.rc_3\`), where {@link SqlParams}
 * would return a placeholder. SQL written against this row (the same for every command of one
 * shape) then serves all the commands of a batch; `columns` become the fields of the row.
 */
export class InputRow {
  readonly columns: Array<readonly [name: string, value: unknown, cast: string]> = [];

  constructor(
    private readonly prefix: string,
    private readonly alias = 'i',
  ) {}

  add(value: unknown, cast: string): string {
    const name = `${this.prefix}${this.columns.length}`;
    this.columns.push([name, value, cast]);
    return `${this.alias}.${name}`;
  }
}

const names = new Map<string, string>();

/** A stable name per statement text (the texts of a hot path are few: one per shape). */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `wian_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size > 1_000) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a hand-written statement of a hot path: on the open transaction's connection, or on a
 * pooled connection of its own (autocommit: the statement is its own transaction). On
 * PostgreSQL it is a named prepared statement, parsed and planned once per connection instead
 * of at every call (planning was most of the database's time for a receipt's statement); on
 * PGlite an ordinary query. Errors are the driver's (`isUniqueViolation` reads both forms).
 */
export async function queryPrepared<T>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const open = manager.queryRunner;
  if (open === undefined) {
    // Autocommit on PostgreSQL: straight to the pool, without a TypeORM query runner.
    const pool: unknown = (manager.dataSource.driver as { master?: unknown }).master;
    if (pool instanceof pg.Pool) {
      const result = await pool.query({ name: statementName(text), text, values });
      return result.rows as T[];
    }
  }
  const runner = open ?? manager.dataSource.createQueryRunner();
  try {
    const client: unknown = await runner.connect();
    if (client instanceof pg.Client) {
      const result = await client.query({ name: statementName(text), text, values });
      return result.rows as T[];
    }
    return (await runner.query(text, values)) as T[];
  } finally {
    if (open === undefined) await runner.release();
  }
}
