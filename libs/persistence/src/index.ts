export {
  createDataSource,
  engineOf,
  pgliteLocation,
  runPendingMigrations,
} from './data-source.factory.js';
export type { DatabaseEngine, DatabaseSettings } from './data-source.factory.js';
export { MIGRATIONS } from './migrations/index.js';
export { PersistenceModule } from './persistence.module.js';
export type { PersistenceEntities, PersistenceModuleOptions } from './persistence.module.js';
export { TransactionHost } from './transaction-host.js';
export {
  isSerializationFailure,
  isStatementAbort,
  isUniqueViolation,
  returnedRows,
} from './postgres-errors.js';
export { DatabaseHealthIndicator } from './database.health.js';
export { PgliteInUseError } from './pglite-lock.js';
export { containsPattern, escapeLike } from './like-pattern.js';
export { InputRow, queryPrepared, SqlParams } from './sql-params.js';
export { Coalescer } from './coalescer.js';
