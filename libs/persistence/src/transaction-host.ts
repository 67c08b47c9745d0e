import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { isEmbedded } from './data-source.factory.js';

type AfterCommit = () => Promise<void> | void;

interface TransactionFrame {
  manager: EntityManager;
  afterCommit: AfterCommit[];
}

/**
 * Runs a command's writes in one transaction and lets every repository find it.
 *
 * `run()` opens a transaction (or joins the one already open in this async context), so a
 * use case that registers a letter, writes its history, audit and outbox rows commits them
 * together. Repositories call `manager` / `repository()` instead of holding their own
 * EntityManager. Side effects that must not happen before the rows exist (enqueueing a job,
 * sending a message) go to `afterCommit()`.
 */
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<TransactionFrame>();

  constructor(readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the data source's when none is open. */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * The embedded database (PGlite, no DATABASE_URL): one connection in this process, so its
   * statements run one at a time, where PostgreSQL runs as many side by side as it has cores.
   */
  get embedded(): boolean {
    return isEmbedded(this.dataSource);
  }

  repository<T extends ObjectLiteral>(target: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(target);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.storage.getStore();
    if (open) return work(open.manager);
    const frame: TransactionFrame = { manager: this.dataSource.manager, afterCommit: [] };
    const result = await this.dataSource.transaction(async (manager) => {
      frame.manager = manager;
      return this.storage.run(frame, () => work(manager));
    });
    for (const hook of frame.afterCommit) await hook();
    return result;
  }

  /** Runs `hook` once the surrounding transaction has committed (at once when there is none). */
  async afterCommit(hook: AfterCommit): Promise<void> {
    const open = this.storage.getStore();
    if (open) open.afterCommit.push(hook);
    else await hook();
  }
}
