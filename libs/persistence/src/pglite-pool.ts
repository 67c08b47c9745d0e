import { EventEmitter } from 'node:events';
import { PGlite, types, type PGliteOptions, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { lockPgliteDir } from './pglite-lock.js';

type Release = (error?: unknown) => void;
type ConnectCallback = (error: Error | null, client: PgliteClient | null, release: Release) => void;
type QueryCallback = (error: Error | null, result: PgShapedResult | null) => void;

/** What `pg` returns and TypeORM's postgres driver reads (rows, rowCount, command). */
export interface PgShapedResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results['fields'];
}

const COMMAND = /^\s*(?:--[^\n]*\n\s*)*(\w+)/;

function toPgShape(result: Results, sql: string): PgShapedResult {
  const command = (COMMAND.exec(sql)?.[1] ?? '').toUpperCase();
  return {
    rows: result.rows,
    rowCount: result.affectedRows ?? result.rows.length,
    command,
    fields: result.fields,
  };
}

/** One session of the embedded database, handed to one TypeORM query runner at a time. */
export class PgliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(
    sql: string,
    params?: unknown[] | QueryCallback,
    callback?: QueryCallback,
  ): Promise<PgShapedResult> {
    const cb = typeof params === 'function' ? params : callback;
    const values = Array.isArray(params) ? params : undefined;
    try {
      // Without parameters use the simple protocol: migrations send several statements at once.
      const result =
        values !== undefined && values.length > 0
          ? toPgShape(await this.db.query(sql, values), sql)
          : toPgShape((await this.db.exec(sql)).at(-1) ?? { rows: [], fields: [] }, sql);
      cb?.(null, result);
      return result;
    } catch (error) {
      cb?.(error as Error, null);
      throw error;
    }
  }

  release(): void {
    // Release goes through the pool's callback; present for pg compatibility.
  }
}

/**
 * A `pg.Pool` look-alike over one PGlite instance with exactly one session.
 *
 * PGlite is a single Postgres backend: if two TypeORM query runners shared it at once, one
 * runner's BEGIN would swallow the other's statements. So, like a `pg` pool of size one, the
 * session is lent to one query runner at a time and the others queue (FIFO) until it is
 * released. Code inside a transaction must use that transaction's manager (the transaction
 * host sees to it), or it waits for itself.
 */
export class PgliteSerialPool extends EventEmitter {
  private readonly client: PgliteClient;
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(private readonly db: PGlite) {
    super();
    this.client = new PgliteClient(db);
  }

  connect(callback?: ConnectCallback): Promise<PgliteClient> {
    const lend = new Promise<PgliteClient>((resolve, reject) => {
      if (this.closed) {
        reject(new Error('The embedded database (PGlite) is closed'));
        return;
      }
      const grant = (): void => {
        this.busy = true;
        resolve(this.client);
      };
      if (this.busy) this.waiting.push(grant);
      else grant();
    });
    return lend.then(
      (client) => {
        let released = false;
        callback?.(null, client, () => {
          if (released) return;
          released = true;
          this.handOver();
        });
        return client;
      },
      (error: unknown) => {
        callback?.(error as Error, null, () => undefined);
        throw error;
      },
    );
  }

  /** A query outside any query runner (rare in TypeORM): borrows the session for one statement. */
  async query(sql: string, params?: unknown[]): Promise<PgShapedResult> {
    await this.connect();
    try {
      return await this.client.query(sql, params);
    } finally {
      this.handOver();
    }
  }

  end(callback?: (error?: Error) => void): Promise<void> {
    this.closed = true;
    const done = this.db.close();
    return done.then(
      () => callback?.(),
      (error: unknown) => callback?.(error as Error),
    );
  }

  get totalCount(): number {
    return 1;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private handOver(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

/** PGlite with the extensions and type parsers wian needs, matching node-postgres' output. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const options: PGliteOptions = {
    dataDir: dataDir === 'memory://' ? undefined : dataDir,
    extensions: { pg_trgm },
    // node-postgres returns int8 and numeric as strings; do the same so both engines agree.
    parsers: {
      [types.INT8]: (value: string) => value,
      [types.NUMERIC]: (value: string) => value,
    },
  };
  if (dataDir === 'memory://') return PGlite.create(options);
  const release = lockPgliteDir(dataDir);
  try {
    const db = await PGlite.create(options);
    const close = db.close.bind(db);
    // Give the folder back when the database closes (and at exit, whatever happens).
    process.once('exit', release);
    Object.assign(db, {
      close: async () => {
        try {
          await close();
        } finally {
          release();
        }
      },
    });
    return db;
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * The `driver` option for TypeORM's postgres data source: it only needs a `Pool` class.
 * Each data source gets its own PGlite instance.
 */
export function pgliteDriver(db: PGlite): { Pool: new () => PgliteSerialPool } {
  return {
    Pool: class extends PgliteSerialPool {
      constructor() {
        super(db);
      }
    },
  };
}
