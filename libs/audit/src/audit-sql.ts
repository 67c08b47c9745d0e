import { auditHashObject, canonicalJson } from './audit-hash.js';
import type { AuditEntry } from './audit-entry.js';

/**
 * A payload value that only the caller's statement knows (the number a counter hands out in
 * the same statement): `json` is an SQL expression of type text yielding the value's JSON text,
 * exactly as `JSON.stringify` writes it. Build it with {@link auditSql}.
 */
export class AuditSqlValue {
  constructor(readonly json: string) {}
}

/** Payload values computed by the statement (`expression` must be a self-contained scalar). */
export const auditSql = {
  /** An integer (or null): its decimal text. */
  integer: (expression: string): AuditSqlValue =>
    new AuditSqlValue(`coalesce((${expression})::bigint::text, 'null')`),
  /**
   * A string (or null): PostgreSQL's `to_json` escapes exactly the characters `JSON.stringify`
   * escapes (`"`, `\`, control characters, the same short forms, lower-case `\u00xx`).
   */
  text: (expression: string): AuditSqlValue =>
    new AuditSqlValue(`coalesce(to_json((${expression})::text)::text, 'null')`),
};

/** An entry for {@link AuditTrail.appendSql}: payload values may be {@link AuditSqlValue}s. */
export interface AuditSqlEntry extends Omit<AuditEntry, 'payload'> {
  payload?: Record<string, unknown>;
  /** SQL condition: the entry is written only when it holds (only the last entry may have one). */
  when?: string;
}

/** Adds a parameter to the caller's statement and returns its placeholder (`$7::text`). */
export interface SqlParameterSink {
  add(value: unknown, cast: string): string;
}

type Part = string | AuditSqlValue;

const HOLE = '\u0000wian-audit-sql-value';

/**
 * The payload as the jsonb column will return it (what `normalisePayload` does), the
 * statement's values kept in place.
 */
export function normaliseSqlPayload(payload: Record<string, unknown> | undefined): unknown {
  if (payload === undefined) return {};
  const holes: AuditSqlValue[] = [];
  const text = JSON.stringify(payload, (_key, value: unknown) => {
    if (value instanceof AuditSqlValue) {
      holes.push(value);
      return { [HOLE]: holes.length - 1 };
    }
    return value;
  });
  // The reviver puts each statement value back where its marker object was (a payload with
  // none, the usual case, is parsed as it is).
  const parsed: unknown =
    holes.length === 0
      ? JSON.parse(text)
      : JSON.parse(text, (_key, value: unknown) => {
          if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
            const index = (value as Record<string, unknown>)[HOLE];
            if (typeof index === 'number') return holes[index];
          }
          return value;
        });
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('An audit payload must be a JSON object');
  }
  return parsed;
}

/** canonicalJson with holes: literal text and the statement's values, in order. */
export function canonicalTemplate(value: unknown): Part[] {
  const parts: Part[] = [];
  // Adjacent literals are kept as one: text is appended to the last part while it is a string.
  let text = '';
  const literal = (s: string): void => {
    text += s;
  };
  const walk = (v: unknown): void => {
    if (v instanceof AuditSqlValue) {
      if (text !== '') parts.push(text);
      text = '';
      parts.push(v);
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      if (Array.isArray(v)) {
        literal('[');
        for (let i = 0; i < v.length; i++) {
          if (i > 0) literal(',');
          walk(v[i]);
        }
        literal(']');
      } else {
        const record = v as Record<string, unknown>;
        const keys = Object.keys(record).sort();
        literal('{');
        for (let i = 0; i < keys.length; i++) {
          literal(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`);
          walk(record[keys[i]]);
        }
        literal('}');
      }
    } else {
      literal(canonicalJson(v));
    }
  };
  walk(value);
  if (text !== '') parts.push(text);
  return parts;
}

/** The SQL text expression concatenating a template (literals as parameters). */
export function templateSql(params: SqlParameterSink, parts: Part[]): string {
  if (parts.length === 0) return "''";
  return parts
    .map((part) => (typeof part === 'string' ? params.add(part, 'text') : `(${part.json})`))
    .join(' || ');
}

/** The hashed document of a row whose chain_seq, prev_hash and some payload values are SQL. */
export function documentTemplate(
  fields: Parameters<typeof auditHashObject>[0],
  payload: unknown,
  chainSeqJson: string,
  prevHashJson: string,
): Part[] {
  return canonicalTemplate({
    ...auditHashObject(fields),
    chain_seq: new AuditSqlValue(chainSeqJson),
    prev_hash: new AuditSqlValue(prevHashJson),
    payload,
  });
}
