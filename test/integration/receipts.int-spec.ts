import { AppConfig } from '@wian/config';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditTrail, RequestContext, verifyAuditChains } from '@wian/audit';
import { Organisation } from '@wian/hierarchy';
import type { Actor } from '@wian/identity';
import { isUniqueViolation, TransactionHost } from '@wian/persistence';
import {
  DocumentFactory,
  ReceiptService,
  RegisterDirectory,
  RegisterEntry,
  type Register,
} from '@wian/registers';
import { ManualClock } from '@wian/thai';
import {
  createTestDatabase,
  openMigratedDataSource,
  type TestDatabase,
} from '../support/test-database.js';
import { statementsOf } from '../support/statements.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

const CLERK: Actor = {
  kind: 'user',
  userId: randomUUID(),
  username: 'clerk',
  isSystemAdmin: false,
  positionId: randomUUID(),
  organisationId: null,
  organisationPath: null,
  roles: ['clerk'],
};

/** A letter as a clerk types it in; `overrides` replace fields of the document. */
const letter = (n: number, overrides: Record<string, unknown> = {}) => ({
  document: {
    type: 'external_letter',
    issuerName: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร',
    letterNumber: `ที่ สน ๐๐๒๓.๖/ว ${n}`,
    letterDate: '๒๗ กุมภาพันธ์ ๒๕๖๖',
    urgency: 'ด่วนที่สุด',
    subject: 'การบันทึกข้อมูลศูนย์ช่วยเหลือประชาชน "ด่วน" \\ ทดสอบ\tแท็บ',
    salutation: 'นายอำเภอ ทุกอำเภอ',
    references: [{ number: 'มท ๐๘๑๐.๗/ว ๓๐๗', date: '๒๗ กุมภาพันธ์ ๒๕๖๖' }],
    enclosures: [{ description: 'QR Code คู่มือ', count: 1, unit: 'ชุด' }],
    ...overrides,
  },
  receivedAt: '2023-03-08T09:15:00+07:00',
  action: 'เสนอ นายอำเภอ',
});

describe(`receipts: one statement each, audit chain intact (${engine})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tx: TransactionHost;
  let receipts: ReceiptService;
  let directory: RegisterDirectory;
  let documents: DocumentFactory;
  let trail: AuditTrail;
  const orgs: number[] = [];
  const central: Register[] = [];
  let dispatch: Register;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openMigratedDataSource(db, { poolSize: 12 });
    tx = new TransactionHost(dataSource);
    const clock = new ManualClock(new Date('2023-03-09T02:00:00.000Z'));
    directory = new RegisterDirectory(tx);
    documents = new DocumentFactory(
      tx,
      Object.assign(new AppConfig(), { OFFICE_HOURS_END: '16:30' }),
    );
    trail = new AuditTrail(tx, clock);
    receipts = new ReceiptService(tx, directory, documents, trail, clock);
    for (const code of ['rcpt-a', 'rcpt-b']) {
      const saved = await dataSource.getRepository(Organisation).save({
        code,
        kind: 'internal_unit',
        nameTh: `หน่วยทดสอบ ${code}`,
        path: `/${code}/`,
        depth: 0,
      });
      orgs.push(saved.id);
      const registers = await directory.ofOrganisation(saved.id);
      central.push(registers.find((r) => r.kind === 'receipt')!);
      dispatch ??= registers.find((r) => r.kind === 'dispatch')!;
    }
    // Registers are cached once read: the statements counted below are the receipts' own.
    for (const r of central) await directory.get(r.id);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const linesOf = (registerId: string) =>
    tx.repository(RegisterEntry).find({ where: { registerId }, order: { number: 'ASC' } });

  const auditOf = (entityId: string) =>
    dataSource.query<Array<{ action: string; payload: Record<string, unknown> }>>(
      `SELECT action, payload FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [entityId],
    );

  it('writes a typed-in letter with its parts, line and audit row in one statement', async () => {
    let outcome: Awaited<ReturnType<ReceiptService['receive']>> | undefined;
    const sent = await statementsOf(async () => {
      outcome = await receipts.receive(central[0].id, letter(1) as never, CLERK);
    });
    if (engine === 'postgres') expect(sent).toHaveLength(1);
    expect(outcome).toMatchObject({
      created: true,
      entry: {
        registerId: central[0].id,
        yearBe: 2566,
        number: 1,
        letterNumber: 'สน 0023.6/ว 1',
        letterDate: '2023-02-27',
        toText: 'นายอำเภอ ทุกอำเภอ',
        urgency: 'most_urgent',
        registeredByUserId: (CLERK as { userId: string }).userId,
        cancelledAt: null,
      },
    });
    expect(outcome!.entry.registeredAt).toEqual(new Date('2023-03-08T02:15:00.000Z'));
    // What TypeORM loads is what the statement returned.
    const [stored] = await linesOf(central[0].id);
    expect(outcome!.entry).toEqual(stored);
    expect(await auditOf(outcome!.entry.id)).toEqual([
      {
        action: 'register.receive',
        payload: {
          registerId: central[0].id,
          yearBe: 2566,
          number: 1,
          documentId: outcome!.entry.documentId,
          letterNumber: 'สน 0023.6/ว 1',
        },
      },
    ]);
    const [parts] = await dataSource.query<Array<{ refs: number; encl: number }>>(
      `SELECT (SELECT count(*)::int FROM document_reference WHERE document_id = $1) AS refs,
              (SELECT count(*)::int FROM document_enclosure WHERE document_id = $1) AS encl`,
      [outcome!.entry.documentId],
    );
    expect(parts).toEqual({ refs: 1, encl: 1 });
    expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
  });

  it('returns the first line for the same letter typed in again, writing nothing', async () => {
    const again = await receipts.receive(central[0].id, letter(1) as never, CLERK);
    expect(again.created).toBe(false);
    expect(again.entry.number).toBe(1);
    const [{ n }] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM document`,
    );
    expect(n).toBe(1);
  });

  it('hashes classified letters, letters without number and addressee wording onto the chain', async () => {
    const classified = await receipts.receive(
      central[0].id,
      letter(2, { secrecy: 'ลับ' }) as never,
      CLERK,
    );
    expect(await auditOf(classified.entry.documentId)).toEqual([
      {
        action: 'document.classified_access',
        payload: { via: 'register.receive', secrecy: 'confidential' },
      },
    ]);
    const unnumbered = await RequestContext.run({ requestId: 'req-ทดสอบ', ip: '203.0.113.9' }, () =>
      receipts.receive(
        central[0].id,
        letter(3, {
          letterNumber: undefined,
          letterDate: undefined,
          salutation: undefined,
          addressees: [{ wording: 'นายอำเภอเมือง' }, { wording: 'นายอำเภอ "กุดบาก"' }],
        }) as never,
        null,
      ),
    );
    expect(unnumbered.entry).toMatchObject({
      letterNumber: null,
      letterDate: null,
      toText: 'นายอำเภอเมือง, นายอำเภอ "กุดบาก"',
      registeredByUserId: null,
    });
    const [row] = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT request_id, ip, payload FROM audit_event WHERE entity_id = $1`,
      [unnumbered.entry.id],
    );
    expect(row).toMatchObject({
      request_id: 'req-ทดสอบ',
      ip: '203.0.113.9',
      payload: { letterNumber: null, number: 3 },
    });
    expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
  });

  it('keeps numbers gapless and the chain intact under concurrency on one organisation', async () => {
    const second = await directory.create(orgs[1], 'ทะเบียนรับ กลุ่มงาน');
    const targets = [central[1].id, second.id];
    // Events of other writers on the same chain interleave with the receipts.
    await Promise.all([
      ...Array.from({ length: 120 }, (_, i) =>
        receipts.receive(targets[i % 2], letter(1000 + i) as never, CLERK),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        trail.record({ action: 'test.interleave', organisationId: orgs[1], payload: { i } }),
      ),
    ]);
    for (const registerId of targets) {
      expect((await linesOf(registerId)).map((e) => e.number)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    }
    const [{ n }] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1`,
      [orgs[1]],
    );
    expect(n).toBe(140);
    expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
  });

  describe('receiveDocument: a letter already in wian', () => {
    const newDocument = async (secrecy = 'none'): Promise<string> => {
      const prepared = await documents.prepare({
        type: 'external_letter',
        issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
        letterNumber: 'มท ๐๘๑๐.๗/ว ๔๐๐',
        letterDate: '๑ มีนาคม ๒๕๖๖',
        subject: 'หนังสือเวียนผ่านระบบ',
        addressees: [{ wording: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด' }],
        secrecy: secrecy === 'none' ? undefined : 'ลับ',
      } as never);
      return (await tx.run(() => documents.save(prepared, null))).id;
    };

    it('joins the open transaction: one statement, rolled back with it, number given back', async () => {
      const documentId = await newDocument();
      const before = await linesOf(central[1].id);
      let sent: string[] = [];
      const failure = await tx
        .run(async () => {
          sent = await statementsOf(() =>
            receipts.receiveDocument(central[1].id, documentId, CLERK, { action: 'แจ้งเวียน' }),
          );
          throw new Error('the delivery could not be recorded');
        })
        .catch((e: unknown) => e);
      expect(failure).toEqual(new Error('the delivery could not be recorded'));
      if (engine === 'postgres') expect(sent).toHaveLength(1);
      expect(await linesOf(central[1].id)).toEqual(before);

      const outcome = await tx.run(() =>
        receipts.receiveDocument(central[1].id, documentId, CLERK, {
          receivedAt: new Date('2023-03-08T03:00:00.000Z'),
          action: 'แจ้งเวียน',
          remarks: 'รับผ่านระบบ',
        }),
      );
      expect(outcome).toMatchObject({
        created: true,
        entry: {
          number: before.length + 1,
          documentId,
          letterNumber: 'มท 0810.7/ว 400',
          letterDate: '2023-03-01',
          fromText: 'กรมส่งเสริมการปกครองท้องถิ่น',
          toText: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด',
          action: 'แจ้งเวียน',
          remarks: 'รับผ่านระบบ',
          registeredAt: new Date('2023-03-08T03:00:00.000Z'),
        },
      });
      expect(await auditOf(outcome.entry.id)).toEqual([
        {
          action: 'register.receive',
          payload: {
            registerId: central[1].id,
            yearBe: 2566,
            number: before.length + 1,
            documentId,
            letterNumber: 'มท 0810.7/ว 400',
          },
        },
      ]);
      expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
    });

    it('returns the existing line for a document already received there, writing nothing', async () => {
      const documentId = await newDocument();
      const first = await receipts.receiveDocument(central[0].id, documentId, null);
      const count = (await linesOf(central[0].id)).length;
      const again = await tx.run(() => receipts.receiveDocument(central[0].id, documentId, CLERK));
      expect(again).toEqual({ created: false, entry: first.entry });
      // The same through receive() with a documentId.
      const viaReceive = await receipts.receive(central[0].id, { documentId }, CLERK);
      expect(viaReceive).toEqual({ created: false, entry: first.entry });
      expect(await linesOf(central[0].id)).toHaveLength(count);
      // Cancelled, it can be received again, with the next number.
      await dataSource.query(
        `UPDATE register_entry SET cancelled_at = now(), cancel_reason = 'ผิด' WHERE id = $1`,
        [first.entry.id],
      );
      const after = await receipts.receiveDocument(central[0].id, documentId, null);
      expect(after.created).toBe(true);
      expect(after.entry.number).toBe(count + 1);
    });

    it('answers a repeated idempotency key with the keyed line', async () => {
      const documentId = await newDocument();
      const key = `delivery-${randomUUID()}`;
      const first = await receipts.receiveDocument(central[0].id, documentId, null, {
        idempotencyKey: key,
      });
      const other = await newDocument();
      const repeated = await receipts.receiveDocument(central[0].id, other, null, {
        idempotencyKey: key,
      });
      expect(repeated).toEqual({ created: false, entry: first.entry });
    });

    it('records the classified access of a classified document', async () => {
      const documentId = await newDocument('secret');
      const outcome = await receipts.receiveDocument(central[0].id, documentId, CLERK);
      expect(await auditOf(documentId)).toEqual([
        {
          action: 'document.classified_access',
          payload: { via: 'register.receive', secrecy: 'confidential' },
        },
      ]);
      expect(outcome.created).toBe(true);
      expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
    });

    it('refuses an unknown document, a dispatch register, the future and over-long text', async () => {
      const documentId = await newDocument();
      const refusal = async (work: Promise<unknown>) => {
        const error = (await work.catch((e: unknown) => e)) as {
          getStatus(): number;
          getResponse(): { details: Array<{ field: string; rule: string; message_th: string }> };
        };
        return { status: error.getStatus(), ...error.getResponse().details[0] };
      };
      expect(
        await refusal(receipts.receiveDocument(central[0].id, randomUUID(), null)),
      ).toMatchObject({ status: 404, field: 'documentId', rule: 'exists' });
      expect(
        await refusal(receipts.receiveDocument(central[0].id, 'not-a-uuid', null)),
      ).toMatchObject({ status: 404, field: 'documentId', rule: 'exists' });
      expect(await refusal(receipts.receiveDocument(dispatch.id, documentId, null))).toMatchObject({
        status: 400,
        field: 'registerId',
        rule: 'receiptRegister',
      });
      expect(
        await refusal(
          receipts.receiveDocument(central[0].id, documentId, null, {
            receivedAt: new Date('2030-01-01T00:00:00.000Z'),
          }),
        ),
      ).toMatchObject({ status: 400, field: 'receivedAt', rule: 'notFuture' });
      expect(
        await refusal(
          receipts.receiveDocument(central[0].id, documentId, null, { remarks: 'ก'.repeat(2001) }),
        ),
      ).toMatchObject({ status: 400, field: 'remarks', rule: 'maxLength' });
      expect(
        await refusal(
          receipts.receiveDocument(central[0].id, documentId, null, { idempotencyKey: 'short' }),
        ),
      ).toMatchObject({ status: 400, field: 'idempotencyKey', rule: 'minLength' });
      const [{ n }] = await dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM register_entry WHERE document_id = $1`,
        [documentId],
      );
      expect(n).toBe(0);
    });

    it('lets a race inside a caller’s transaction end that transaction with the unique violation', async () => {
      if (engine !== 'postgres') return; // PGlite serialises transactions: no race to lose.
      const documentId = await newDocument();
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          tx
            .run(async () => {
              await new Promise((resolve) => setTimeout(resolve, 5));
              return receipts.receiveDocument(central[1].id, documentId, null);
            })
            .then(
              (outcome) => ({ outcome }),
              (error: unknown) => ({ error }),
            ),
        ),
      );
      const created = results.filter((r) => 'outcome' in r && r.outcome.created);
      expect(created).toHaveLength(1);
      for (const r of results) {
        if ('error' in r)
          expect(isUniqueViolation(r.error, 'register_entry_receipt_once_idx')).toBe(true);
      }
      // Retried, the losers get the winner's line.
      const retried = await tx.run(() => receipts.receiveDocument(central[1].id, documentId, null));
      expect(retried.created).toBe(false);
      expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
    });
  });
});
