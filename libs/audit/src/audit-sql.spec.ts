import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { auditHashDocument, canonicalJson, normalisePayload } from './audit-hash.js';
import {
  AuditSqlValue,
  canonicalTemplate,
  documentTemplate,
  normaliseSqlPayload,
  templateSql,
} from './audit-sql.js';

/** Fills a template's holes as the database would: each hole's JSON text from `valueOf`. */
function fill(parts: Array<string | AuditSqlValue>, valueOf: (hole: AuditSqlValue) => string) {
  return parts.map((p) => (typeof p === 'string' ? p : valueOf(p))).join('');
}

const payload = fc
  .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue())
  .map((value) => normalisePayload(value));

describe('audit templates (canonical JSON with values the statement fills in)', () => {
  it('without holes is canonicalJson exactly', () => {
    fc.assert(
      fc.property(payload, (value) => {
        expect(canonicalTemplate(value)).toEqual([canonicalJson(value)]);
      }),
    );
  });

  it('with holes filled by their JSON text is canonicalJson of the filled value', () => {
    fc.assert(
      fc.property(
        payload,
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 4 }),
        (value, extra) => {
          // Replace some members by holes whose JSON text is that of a known value.
          const known = new Map<AuditSqlValue, unknown>();
          const withHoles: Record<string, unknown> = { ...value };
          extra.forEach((x, i) => {
            const normal = normalisePayload({ x }).x;
            const hole = new AuditSqlValue(`hole ${i}`);
            known.set(hole, normal);
            withHoles[`h${i}`] = i % 2 === 0 ? hole : { nested: [hole, i] };
          });
          const expected: Record<string, unknown> = { ...value };
          extra.forEach((x, i) => {
            const normal = normalisePayload({ x }).x;
            expected[`h${i}`] = i % 2 === 0 ? normal : { nested: [normal, i] };
          });
          const template = canonicalTemplate(normaliseSqlPayload(withHoles));
          expect(fill(template, (hole) => canonicalJson(known.get(hole)))).toBe(
            canonicalJson(expected),
          );
        },
      ),
    );
  });

  it('renders the hashed document with chain_seq and prev_hash from the statement', () => {
    const fields = {
      action: 'register.receive',
      entityType: 'register_entry',
      entityId: 'e-1',
      organisationId: 7,
      actorUserId: null,
      actorApiKeyId: null,
      positionId: null,
      onBehalfOfPositionId: null,
      delegationId: null,
      requestId: 'req "1"',
      ip: null,
      occurredAt: new Date('2026-11-25T01:02:03.004Z'),
    };
    const number = new AuditSqlValue('number');
    const template = documentTemplate(
      { ...fields, chainSeq: '', prevHash: null, payload: {} },
      normaliseSqlPayload({ number, text: 'ทดสอบ "x"' }),
      'seq',
      'prev',
    );
    const prevHash = 'a'.repeat(64);
    const filled = fill(template, (hole) =>
      hole.json === 'seq' ? '"12"' : hole.json === 'prev' ? `"${prevHash}"` : '1993',
    );
    expect(filled).toBe(
      auditHashDocument({
        ...fields,
        chainSeq: '12',
        prevHash,
        payload: { number: 1993, text: 'ทดสอบ "x"' },
      }),
    );
  });

  it('passes literals as parameters and holes as SQL', () => {
    const values: unknown[] = [];
    const sink = { add: (value: unknown, cast: string) => `$${values.push(value)}::${cast}` };
    const sql = templateSql(sink, ['{"a":', new AuditSqlValue("'1'"), '}']);
    expect(sql).toBe(`$1::text || ('1') || $2::text`);
    expect(values).toEqual(['{"a":', '}']);
  });

  it('refuses a payload that is not an object', () => {
    expect(() => normaliseSqlPayload([1] as unknown as Record<string, unknown>)).toThrow(TypeError);
  });
});
