import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { Organisation } from '@wian/hierarchy';
import type { Role } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import type { Register } from '@wian/registers';
import request from 'supertest';
import { seedActor, signIn } from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';
type Auth = { Authorization: string };
interface Detail {
  field: string;
  rule: string;
  message_th: string;
  message_en: string;
}

/** Beyond PostgreSQL's integer (2147483647): these reached the database and answered 500. */
const TOO_BIG = 99999999999;

/** A department circular to one province, as the e2e scenario sends it. */
const letter = (document: Record<string, unknown> = {}) => ({
  document: {
    type: 'external_letter',
    issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
    subject: 'การบันทึกข้อมูลศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น',
    enclosures: [{ description: 'คู่มือการบันทึกข้อมูล', count: 1 }],
    deadline: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    ...document,
  },
  allowPastDeadline: true,
});

describe(`input validation over HTTP (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  const org = new Map<string, Organisation>();
  const auth = new Map<string, Auth>();
  let circularId: string;
  let deliveryId: string;

  const as = async (code: string, roles: Role[]): Promise<Auth> => {
    const actor = await seedActor(t.app, { organisation: code, roles });
    return { Authorization: `Bearer ${(await signIn(server, actor)).accessToken}` };
  };
  const count = async (table: string): Promise<number> => {
    const [row] = await t.app
      .get(TransactionHost)
      .manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  };
  const details = (res: request.Response): Detail[] => (res.body as { details: Detail[] }).details;

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '10000';
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    for (const o of await t.app.get(TransactionHost).repository(Organisation).find()) {
      org.set(o.code, o);
    }
    auth.set('dla', await as('dla', ['clerk', 'head']));
    auth.set('p-47', await as('p-47', ['clerk', 'head', 'officer']));
    const sent = await request(server)
      .post(`/organisations/${org.get('dla')!.id}/circulars`)
      .set(auth.get('dla')!)
      .send({ ...letter(), organisationIds: [org.get('p-47')!.id] })
      .expect(201);
    circularId = sent.body.id as string;
    const deliveries = await request(server)
      .get(`/circulars/${circularId}/deliveries`)
      .set(auth.get('dla')!)
      .expect(200);
    deliveryId = (deliveries.body.items as Array<{ id: string }>)[0].id;
  });

  afterAll(async () => {
    delete process.env.AUTH_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  describe('integers beyond PostgreSQL integer answer 400 naming the field, not 500', () => {
    it('an organisation id in the path', async () => {
      for (const path of ['/organisations/2147483648', '/organisations/2147483648/children']) {
        const res = await request(server).get(path).set(auth.get('p-47')!).expect(400);
        expect(details(res)).toEqual([
          {
            field: 'id',
            rule: 'max',
            message_th: 'id ต้องไม่มากกว่า ๒๑๔๗๔๘๓๖๔๗',
            message_en: 'id must not be greater than 2147483647',
          },
        ]);
      }
      await request(server).get('/organisations/2147483647').set(auth.get('p-47')!).expect(404);
    });

    it('provinceId in the organisation search and numberFrom in a register', async () => {
      const search = await request(server)
        .get('/organisations')
        .query({ provinceId: String(TOO_BIG) })
        .set(auth.get('p-47')!)
        .expect(400);
      expect(details(search)).toEqual([
        expect.objectContaining({ field: 'provinceId', rule: 'max' }),
      ]);
      const registers = await request(server)
        .get(`/organisations/${org.get('p-47')!.id}/registers`)
        .set(auth.get('p-47')!)
        .expect(200);
      const central = (registers.body as Register[]).find((r) => r.kind === 'receipt')!;
      const entries = await request(server)
        .get(`/registers/${central.id}/entries`)
        .query({ numberFrom: String(TOO_BIG) })
        .set(auth.get('p-47')!)
        .expect(400);
      expect(details(entries)).toEqual([
        {
          field: 'numberFrom',
          rule: 'max',
          message_th: 'numberFrom ต้องไม่มากกว่า ๒๑๔๗๔๘๓๖๔๗',
          message_en: 'numberFrom must not be greater than 2147483647',
        },
      ]);
    });

    it('every integer of a circular, writing nothing', async () => {
      const p47 = org.get('p-47')!.id;
      const cases: Array<[string, Record<string, unknown>]> = [
        ['organisationIds', { ...letter(), organisationIds: [p47, TOO_BIG] }],
        [
          'selectors.0.organisationId',
          { ...letter(), selectors: [{ kind: 'districts_of_province', organisationId: TOO_BIG }] },
        ],
        [
          'document.issuingOrganisationId',
          { ...letter({ issuingOrganisationId: TOO_BIG }), organisationIds: [p47] },
        ],
        [
          'document.addressees.0.organisationId',
          {
            ...letter({ addressees: [{ organisationId: TOO_BIG, wording: 'ผู้ว่าราชการจังหวัด' }] }),
            organisationIds: [p47],
          },
        ],
        [
          'document.enclosures.0.count',
          {
            ...letter({ enclosures: [{ description: 'คู่มือ', count: TOO_BIG }] }),
            organisationIds: [p47],
          },
        ],
        ['issuingUnitId', { ...letter(), organisationIds: [p47], issuingUnitId: TOO_BIG }],
      ];
      const circulars = await count('circular');
      const documents = await count('document');
      for (const [field, body] of cases) {
        const res = await request(server)
          .post(`/organisations/${org.get('dla')!.id}/circulars`)
          .set(auth.get('dla')!)
          .send(body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(details(res)).toEqual([
          {
            field,
            rule: 'max',
            message_th: `${field} ต้องไม่มากกว่า ๒๑๔๗๔๘๓๖๔๗`,
            message_en: `${field} must not be greater than 2147483647`,
          },
        ]);
      }
      expect(await count('circular')).toBe(circulars);
      expect(await count('document')).toBe(documents);
    });
  });

  describe('validation messages', () => {
    it('a missing reason or note is one "required" error, on every command that needs one', async () => {
      const commands: Array<[string, string, Auth]> = [
        [`/deliveries/${deliveryId}/done`, 'note', auth.get('p-47')!],
        [`/circulars/${circularId}/recall`, 'reason', auth.get('dla')!],
        [`/circulars/${circularId}/deliveries/${deliveryId}/reopen`, 'reason', auth.get('dla')!],
      ];
      for (const [path, field, who] of commands) {
        const res = await request(server).post(path).set(who).send({});
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(details(res)).toEqual([
          {
            field,
            rule: 'required',
            message_th: `ต้องระบุ ${field}`,
            message_en: `${field} is required`,
          },
        ]);
      }
      const supersede = await request(server)
        .post(`/circulars/${circularId}/supersede`)
        .set(auth.get('dla')!)
        .send({ ...letter(), organisationIds: [org.get('p-47')!.id] })
        .expect(400);
      expect(details(supersede)).toEqual([
        expect.objectContaining({ field: 'reason', rule: 'required' }),
      ]);
    });

    it('limit and offset: only the rule that failed, numbers in Thai digits in Thai', async () => {
      const get = (query: Record<string, string>) =>
        request(server).get('/organisations').query(query).set(auth.get('p-47')!).expect(400);
      expect(details(await get({ limit: 'abc' }))).toEqual([
        {
          field: 'limit',
          rule: 'isInt',
          message_th: 'limit ต้องเป็นจำนวนเต็ม',
          message_en: 'limit must be an integer',
        },
      ]);
      expect(details(await get({ offset: '-1' }))).toEqual([
        {
          field: 'offset',
          rule: 'min',
          message_th: 'offset ต้องไม่น้อยกว่า ๐',
          message_en: 'offset must not be less than 0',
        },
      ]);
      expect(details(await get({ limit: '5000' }))).toEqual([
        expect.objectContaining({
          field: 'limit',
          rule: 'max',
          message_th: 'limit ต้องไม่มากกว่า ๑๐๐๐',
        }),
      ]);
    });

    it('a receipt with neither a document nor its details says one is required', async () => {
      const registers = await request(server)
        .get(`/organisations/${org.get('p-47')!.id}/registers`)
        .set(auth.get('p-47')!)
        .expect(200);
      const central = (registers.body as Register[]).find((r) => r.kind === 'receipt')!;
      const res = await request(server)
        .post(`/registers/${central.id}/receipts`)
        .set(auth.get('p-47')!)
        .send({})
        .expect(400);
      expect(details(res)).toEqual([
        expect.objectContaining({ field: 'document', rule: 'required' }),
      ]);
      expect(details(res)[0].message_en).toContain('is required');
      expect(details(res)[0].message_en).not.toContain('not both');
    });

    it('a two-digit year asks for the year in full, in Thai in the Thai text', async () => {
      const registers = await request(server)
        .get(`/organisations/${org.get('p-47')!.id}/registers`)
        .set(auth.get('p-47')!)
        .expect(200);
      const central = (registers.body as Register[]).find((r) => r.kind === 'receipt')!;
      const entries = await count('register_entry');
      const res = await request(server)
        .post(`/registers/${central.id}/receipts`)
        .set(auth.get('p-47')!)
        .send({ ...letter(), allowPastDeadline: undefined, receivedAt: '๒๖ พ.ย. ๖๙ ๐๙:๑๕ น.' })
        .expect(400);
      const [detail] = details(res);
      expect(detail).toMatchObject({ field: 'receivedAt', rule: 'year_range' });
      expect(detail.message_th).toMatch(/^ช่อง receivedAt: /);
      expect(detail.message_th).toContain('ปีต้องเขียนเต็ม ๔ หลัก เช่น ๒๕๖๙');
      expect(detail.message_th).not.toMatch(/\bor\b/);
      expect(detail.message_en).toContain('write the year in full, e.g. 2569 (BE) or 2026 (CE)');
      expect(await count('register_entry')).toBe(entries);
    });

    it('a deadline years ahead (a transposed year) is refused in both languages, writing nothing', async () => {
      const circulars = await count('circular');
      const res = await request(server)
        .post(`/organisations/${org.get('dla')!.id}/circulars`)
        .set(auth.get('dla')!)
        .send({
          ...letter({ deadline: '๒๔ มีนาคม ๒๕๙๖' }),
          organisationIds: [org.get('p-47')!.id],
        })
        .expect(400);
      const [detail] = details(res);
      expect(detail).toMatchObject({ field: 'document.deadline', rule: 'withinAYear' });
      expect(detail.message_th).toContain('๒๔ มีนาคม ๒๕๙๖');
      expect(detail.message_th).toContain('เกิน ๑ ปี');
      expect(detail.message_en).toContain('2053-03-24');
      expect(detail.message_en).toContain('more than a year ahead');
      expect(await count('circular')).toBe(circulars);
    });

    it('a 404 keeps the id as it was given', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const res = await request(server)
        .get(`/circulars/${missing}`)
        .set(auth.get('dla')!)
        .expect(404);
      expect(details(res)[0].message_th).toContain(missing);
    });
  });
});
