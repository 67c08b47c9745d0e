import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  auditHash,
  auditHashDocument,
  canonicalJson,
  normalisePayload,
  type AuditHashInput,
} from './audit-hash.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const uuid = fc.uuid();
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const text = fc.string({ unit: 'grapheme', maxLength: 20 });
const jsonObject = fc
  .jsonValue()
  .map((value) => normalisePayload({ value }))
  .chain((payload) =>
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()).map((extra) => ({
      ...normalisePayload(extra),
      ...payload,
    })),
  );

const row: fc.Arbitrary<AuditHashInput> = fc.record({
  chainSeq: fc.bigInt({ min: 1n, max: 2n ** 62n }).map(String),
  occurredAt: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2200-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  action: fc.stringMatching(/^[a-z]{1,10}\.[a-z_]{1,10}$/),
  entityType: fc.option(text),
  entityId: fc.option(text),
  organisationId: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 })),
  actorUserId: fc.option(uuid),
  actorApiKeyId: fc.option(uuid),
  positionId: fc.option(uuid),
  onBehalfOfPositionId: fc.option(uuid),
  delegationId: fc.option(uuid),
  requestId: fc.option(text),
  ip: fc.option(fc.ipV4()),
  payload: jsonObject,
  prevHash: fc.option(hex64),
});

/** Another value for one field, different from `current` once canonicalised. */
function otherValue(key: keyof AuditHashInput): fc.Arbitrary<unknown> {
  switch (key) {
    case 'chainSeq':
      return fc.bigInt({ min: 1n, max: 2n ** 62n }).map(String);
    case 'occurredAt':
      return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2300-01-01') });
    case 'action':
      return fc.stringMatching(/^[a-z]{1,10}\.[a-z_]{1,10}$/);
    case 'organisationId':
      return fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }));
    case 'actorUserId':
    case 'actorApiKeyId':
    case 'positionId':
    case 'onBehalfOfPositionId':
    case 'delegationId':
      return fc.option(uuid);
    case 'prevHash':
      return fc.option(hex64);
    case 'ip':
      return fc.option(fc.ipV4());
    case 'payload':
      return jsonObject;
    case 'entityType':
    case 'entityId':
    case 'requestId':
      return fc.option(text);
  }
}

const FIELDS: Array<keyof AuditHashInput> = [
  'chainSeq',
  'occurredAt',
  'action',
  'entityType',
  'entityId',
  'organisationId',
  'actorUserId',
  'actorApiKeyId',
  'positionId',
  'onBehalfOfPositionId',
  'delegationId',
  'requestId',
  'ip',
  'payload',
  'prevHash',
];

/** The same JSON value with every object's keys in another order. */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, seed));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]).reverse();
  return Object.fromEntries(rotated.map(([k, v]) => [k, reorderKeys(v, seed + 1)]));
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: 'ไทย' }], c: { e: true, d: -0.5 } })).toBe(
      '{"a":[{"y":"ไทย","z":null}],"b":1,"c":{"d":-0.5,"e":true}}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785), not by locale', () => {
    expect(canonicalJson({ ก: 1, b: 2, B: 3, '€': 4, '😀': 5, '\uff61': 6 })).toBe(
      '{"B":3,"b":2,"ก":1,"€":4,"😀":5,"｡":6}',
    );
  });

  it('writes dates as ISO-8601 UTC with milliseconds', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z"}',
    );
  });

  it('escapes strings like JSON.stringify (quotes, backslashes, control characters)', () => {
    expect(canonicalJson('a"b\\c\n\u0001/ก')).toBe('"a\\"b\\\\c\\n\\u0001/ก"');
  });

  it('refuses values that JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(new Date(Number.NaN))).toThrow(TypeError);
  });

  it('does not depend on the order in which keys were inserted', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(10), (value, seed) => {
        expect(canonicalJson(reorderKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('parses back to the same JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normalised: unknown = JSON.parse(JSON.stringify(value));
        expect(JSON.parse(canonicalJson(normalised))).toEqual(normalised);
      }),
    );
  });
});

describe('normalisePayload', () => {
  it('keeps what jsonb keeps: drops undefined members, writes dates as strings', () => {
    expect(
      normalisePayload({ a: undefined, at: new Date(Date.UTC(2026, 0, 1)), n: [1, undefined] }),
    ).toEqual({ at: '2026-01-01T00:00:00.000Z', n: [1, null] });
    expect(normalisePayload(undefined)).toEqual({});
  });

  it('refuses a payload that is not a JSON object', () => {
    expect(() => normalisePayload([1, 2])).toThrow(TypeError);
    expect(() => normalisePayload('text')).toThrow(TypeError);
  });
});

describe('auditHash', () => {
  const first: AuditHashInput = {
    chainSeq: '1',
    occurredAt: new Date('2026-11-25T02:30:00.123Z'),
    action: 'auth.login',
    entityType: 'user',
    entityId: '42',
    organisationId: 7,
    actorUserId: '0b9f5a8e-2c7e-4d3a-9a51-6f1f8e0c2d11',
    actorApiKeyId: null,
    positionId: null,
    onBehalfOfPositionId: null,
    delegationId: null,
    requestId: 'req-1',
    ip: '203.0.113.9',
    payload: { method: 'password', ชื่อ: 'สมชาย' },
    prevHash: null,
  };

  it('follows the documented recipe: sha256(prev_hash ?? "" + "\\n" + canonical document)', () => {
    const document =
      '{"action":"auth.login","actor_api_key_id":null,' +
      '"actor_user_id":"0b9f5a8e-2c7e-4d3a-9a51-6f1f8e0c2d11","chain_seq":"1",' +
      '"delegation_id":null,"entity_id":"42","entity_type":"user","ip":"203.0.113.9",' +
      '"occurred_at":"2026-11-25T02:30:00.123Z","on_behalf_of_position_id":null,' +
      '"organisation_id":7,"payload":{"method":"password","ชื่อ":"สมชาย"},' +
      '"position_id":null,"prev_hash":null,"request_id":"req-1"}';
    expect(auditHashDocument(first)).toBe(document);
    expect(auditHash(first)).toBe(sha256(`\n${document}`));
    const second = { ...first, chainSeq: '2', prevHash: auditHash(first) };
    expect(auditHash(second)).toBe(sha256(`${auditHash(first)}\n${auditHashDocument(second)}`));
    expect(auditHash(first)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field changes', () => {
    fc.assert(
      fc.property(
        row,
        fc.constantFrom(...FIELDS).chain((key) => otherValue(key).map((value) => ({ key, value }))),
        (original, { key, value }) => {
          const changed: AuditHashInput = { ...original, [key]: value };
          fc.pre(canonicalJson(changed[key]) !== canonicalJson(original[key]));
          expect(auditHash(changed)).not.toBe(auditHash(original));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does not depend on the key order of the payload', () => {
    fc.assert(
      fc.property(row, fc.nat(10), (original, seed) => {
        const reordered = {
          ...original,
          payload: reorderKeys(original.payload, seed) as Record<string, unknown>,
        };
        expect(auditHash(reordered)).toBe(auditHash(original));
      }),
    );
  });

  it('binds a row to its predecessor: the same row after another hash differs', () => {
    const a = auditHash({ ...first, prevHash: 'a'.repeat(64) });
    const b = auditHash({ ...first, prevHash: 'b'.repeat(64) });
    expect(a).not.toBe(b);
  });
});
