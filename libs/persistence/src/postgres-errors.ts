interface DriverError {
  code?: unknown;
  constraint?: unknown;
}

/** The PostgreSQL error behind a TypeORM QueryFailedError (or the raw driver error). */
function driverErrorOf(error: unknown): DriverError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // Duck-typed: typeorm ships CJS and ESM builds, so `instanceof` is not reliable.
  const wrapped = (error as { driverError?: unknown }).driverError;
  const candidate = (
    typeof wrapped === 'object' && wrapped !== null ? wrapped : error
  ) as DriverError;
  return typeof candidate.code === 'string' ? candidate : undefined;
}

/** PostgreSQL 23505: a unique constraint refused the row (same on PGlite). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = driverErrorOf(error);
  if (driverError?.code !== '23505') return false;
  if (constraint === undefined) return true;
  return driverError.constraint === constraint || String(error).includes(`"${constraint}"`);
}

/** SQLSTATE WN001: a statement refused itself with `wian_abort()` (migration StatementHelpers). */
export function isStatementAbort(error: unknown): boolean {
  return driverErrorOf(error)?.code === 'WN001';
}

/** PostgreSQL 40001 / 40P01: the transaction may simply be retried. */
export function isSerializationFailure(error: unknown): boolean {
  const code = driverErrorOf(error)?.code;
  return code === '40001' || code === '40P01';
}

/**
 * The rows of an UPDATE/DELETE … RETURNING through TypeORM: the PostgreSQL driver answers
 * `[rows, affected]` when the statement's command is UPDATE or DELETE (also behind a WITH),
 * PGlite's only when the text starts with the command. Either way, the rows.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
