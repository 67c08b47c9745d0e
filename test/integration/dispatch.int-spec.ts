import { AppConfig } from '@wian/config';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditTrail, verifyAuditChains } from '@wian/audit';
import { Organisation } from '@wian/hierarchy';
import type { Actor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import {
  DispatchService,
  Document,
  DocumentFactory,
  RegisterDirectory,
  RegisterEntry,
  RunningNumberService,
  StoredFile,
  type OutgoingSeries,
} from '@wian/registers';
import { formatDocumentNumber, ManualClock } from '@wian/thai';
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

type Refusal = {
  status: number;
  field: string;
  rule: string;
  message_th: string;
  message_en: string;
};

async function refusalOf(work: Promise<unknown>): Promise<Refusal> {
  const error = (await work.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  )) as {
    getStatus(): number;
    getResponse(): { details: Array<Omit<Refusal, 'status'>> };
  };
  return { status: error.getStatus(), ...error.getResponse().details[0] };
}

describe(`DispatchService.issue: a letter drafted and numbered in one statement (${engine})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tx: TransactionHost;
  let clock: ManualClock;
  let dispatch: DispatchService;
  let trail: AuditTrail;
  /** สถ.จ. สกลนคร กลุ่มงาน 6 (prefix สน 0023.6), a second unit, an อบต. without prefix. */
  let group: number;
  let second: number;
  let noPrefix: number;
  const addressees: number[] = [];
  let parentDocumentId: string;
  let fileId: string;

  /** A forwarded circular as circulation writes it: addressees, references, enclosures. */
  const letter = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'external_letter',
    issuerName: 'ศาลากลางจังหวัดสกลนคร',
    issuerAddress: 'ถนนศูนย์ราชการ สน ๔๗๐๐๐',
    // Ignored, as by draft(): the number and date come with the numbering.
    letterNumber: 'สน ๐๐๒๓.๖/ว ๑',
    letterDate: '๑ มีนาคม ๒๕๖๖',
    urgency: 'ด่วนที่สุด',
    secrecy: 'ลับ',
    subject: 'การบันทึกข้อมูลศูนย์ช่วยเหลือประชาชน "ด่วน" \\ ทดสอบ',
    addressees: [
      { organisationId: addressees[0], wording: 'นายอำเภอเมืองสกลนคร' },
      { organisationId: addressees[1], wording: 'นายอำเภอกุดบาก' },
      { wording: 'นายกองค์การบริหารส่วนจังหวัดสกลนคร' },
    ],
    references: [
      { documentId: parentDocumentId },
      { number: 'มท ๐๘๑๐.๗/ว ๓๐๗', date: '๒๗ กุมภาพันธ์ ๒๕๖๖' },
    ],
    enclosures: [
      { description: 'QR Code คู่มือ', count: 1, unit: 'ชุด', link: 'https://example.go.th/a.pdf' },
      { description: 'แบบรายงาน', count: '๒', fileId },
    ],
    requestedAction: 'บันทึกข้อมูลในระบบ INFO',
    deadline: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    signature: {
      signerName: 'นายชยุต วงศ์วณิช',
      positionTitle: 'รองผู้ว่าราชการจังหวัด',
      capacity: 'acting_on_behalf',
      principalPositionTitle: 'ผู้ว่าราชการจังหวัดสกลนคร',
    },
    contact: { unit: 'กลุ่มงานส่งเสริมฯ', telephone: '๐ ๔๒๗๑ ๑๒๓๔' },
    ...overrides,
  });

  const organisation = async (code: string, sarabanPrefix: string | null): Promise<number> =>
    (
      await dataSource.getRepository(Organisation).save({
        code,
        kind: 'internal_unit',
        nameTh: `หน่วยทดสอบ ${code}`,
        path: `/${code}/`,
        depth: 0,
        sarabanPrefix,
      })
    ).id;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openMigratedDataSource(db, { poolSize: 12 });
    tx = new TransactionHost(dataSource);
    clock = new ManualClock(new Date('2023-03-09T02:00:00.000Z'));
    const documents = new DocumentFactory(
      tx,
      Object.assign(new AppConfig(), { OFFICE_HOURS_END: '16:30' }),
    );
    trail = new AuditTrail(tx, clock);
    dispatch = new DispatchService(
      tx,
      documents,
      new RegisterDirectory(tx),
      new RunningNumberService(tx),
      trail,
      clock,
    );
    group = await organisation('plao-47-g6', 'สน 0023.6');
    second = await organisation('plao-47-g2', 'สน 0023.2');
    noPrefix = await organisation('sao-470401', null);
    addressees.push(await organisation('d-4701', null), await organisation('d-4704', null));
    const parent = await tx.run(async () =>
      documents.save(
        await documents.prepare({
          type: 'external_letter',
          issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
          letterNumber: 'มท ๐๘๑๐.๗/ว ๔๐๐',
          letterDate: '๑ มีนาคม ๒๕๖๖',
          subject: 'หนังสือเวียนผ่านระบบ',
        } as never),
        null,
      ),
    );
    parentDocumentId = parent.id;
    fileId = (
      await dataSource.getRepository(StoredFile).save({
        organisationId: group,
        sha256: 'a'.repeat(64),
        mediaType: 'application/pdf',
        sizeBytes: 100,
        originalName: 'แบบรายงาน.pdf',
        uploadedByUserId: null,
      })
    ).id;
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const counts = async () =>
    (
      await dataSource.query<Array<Record<string, number>>>(
        `SELECT (SELECT count(*)::int FROM document) AS documents,
                (SELECT count(*)::int FROM document_addressee) AS addressees,
                (SELECT count(*)::int FROM document_reference) AS refs,
                (SELECT count(*)::int FROM document_enclosure) AS enclosures,
                (SELECT count(*)::int FROM register_entry) AS lines,
                (SELECT coalesce(sum(last_number), 0)::int FROM running_number) AS numbers,
                (SELECT count(*)::int FROM audit_event) AS audit`,
      )
    )[0];

  /** `row` without `keys`. */
  const omit = (row: Record<string, unknown>, keys: string[]): Record<string, unknown> =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)));

  /** Everything the letter wrote, without its ids, times and number. */
  const written = async (documentId: string) => {
    const [document] = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM document WHERE id = $1`,
      [documentId],
    );
    const parts = async (table: string, order: string) =>
      (
        await dataSource.query<Array<Record<string, unknown>>>(
          `SELECT * FROM ${table} WHERE document_id = $1 ORDER BY ${order}`,
          [documentId],
        )
      ).map((row) => omit(row, ['id', 'document_id']));
    const [line] = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM register_entry WHERE document_id = $1`,
      [documentId],
    );
    const audit = await dataSource.query<
      Array<{ action: string; entity_id: string; payload: Record<string, unknown> }>
    >(
      `SELECT action, entity_type, entity_id, organisation_id, actor_user_id, position_id, payload
         FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY chain_seq`,
      [documentId, line.id],
    );
    return {
      document: omit(document, ['id', 'created_at', 'updated_at', 'number_running', 'number_text']),
      addressees: await parts('document_addressee', 'wording'),
      references: await parts('document_reference', 'ord'),
      enclosures: await parts('document_enclosure', 'ord'),
      line: omit(line, ['id', 'document_id', 'registered_at', 'number', 'letter_number']),
      audit: audit.map((a) => ({
        ...a,
        entity_id: a.entity_id === documentId ? 'document' : a.entity_id === line.id ? 'line' : '?',
        payload: omit(a.payload, ['documentId', 'number', 'numberText']),
      })),
    };
  };

  it('writes what draft() then dispatch() write, in one statement', async () => {
    // The two paths side by side, each in its own transaction as circulation runs them.
    const old = await tx.run(async () => {
      const draft = await dispatch.draft(group, letter() as never, CLERK);
      return dispatch.dispatch(draft.id, 'circular', CLERK);
    });
    expect(old.entry.number).toBe(1);
    // First call of the process: the prefix is read and the register looked up.
    const first = await tx.run(() => dispatch.issue(group, letter() as never, 'circular', CLERK));
    expect(first.entry.number).toBe(2);
    let issued: Awaited<ReturnType<DispatchService['issue']>> | undefined;
    const sent = await statementsOf(async () => {
      issued = await tx.run(() => dispatch.issue(group, letter() as never, 'circular', CLERK));
    });
    if (engine === 'postgres') {
      // BEGIN, the statement, COMMIT.
      expect(sent).toHaveLength(3);
      expect(sent[1]).toMatch(/^WITH number AS \(INSERT INTO running_number/);
    }
    const { document, entry } = issued!;
    expect(entry.number).toBe(3);
    expect(document).toMatchObject({
      issuingOrganisationId: group,
      origin: 'wian',
      numberPrefix: 'สน',
      numberUnitDigits: '0023',
      numberSubUnit: '6',
      numberSeries: 'circular',
      numberRunning: 3,
      numberYear: null,
      numberText: 'สน 0023.6/ว 3',
      letterDate: '2023-03-09',
      version: 2,
      createdByUserId: (CLERK as { userId: string }).userId,
    });
    expect(entry).toMatchObject({
      yearBe: 2566,
      letterNumber: 'สน 0023.6/ว 3',
      letterDate: '2023-03-09',
      fromText: 'หน่วยทดสอบ plao-47-g6',
      toText: 'นายอำเภอเมืองสกลนคร, นายอำเภอกุดบาก, นายกองค์การบริหารส่วนจังหวัดสกลนคร',
      registeredAt: clock.now(),
    });
    // What it returns is what TypeORM loads (as dispatch() returns it).
    expect(document).toEqual(
      await dataSource.getRepository(Document).findOneByOrFail({ id: document.id }),
    );
    expect(entry).toEqual(
      await dataSource.getRepository(RegisterEntry).findOneByOrFail({ id: entry.id }),
    );
    expect(entry).toEqual(expect.objectContaining({ registerId: old.entry.registerId }));
    // The same rows as draft() then dispatch(), but for the ids, times and number.
    expect(await written(document.id)).toEqual(await written(old.document.id));
    expect((await written(document.id)).audit.map((a) => a.action)).toEqual([
      'document.draft',
      'register.dispatch',
    ]);
    const [audit] = await dataSource.query<Array<{ payload: Record<string, unknown> }>>(
      `SELECT payload FROM audit_event WHERE entity_id = $1`,
      [entry.id],
    );
    expect(audit.payload).toEqual({
      documentId: document.id,
      series: 'circular',
      yearBe: 2566,
      number: 3,
      numberText: 'สน 0023.6/ว 3',
    });
    expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
  });

  it('is one statement on its own, without a transaction', async () => {
    let issued: Awaited<ReturnType<DispatchService['issue']>> | undefined;
    const sent = await statementsOf(async () => {
      issued = await dispatch.issue(group, letter() as never, 'circular', null);
    });
    if (engine === 'postgres') expect(sent).toHaveLength(1);
    expect(issued!.entry).toMatchObject({ number: 4, registeredByUserId: null, positionId: null });
    expect(issued!.document.createdByUserId).toBeNull();
  });

  it('numbers 200 concurrent issues in one series 1..200, gapless, with the chain intact', async () => {
    const targets = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const work = () =>
          dispatch.issue(second, letter({ subject: `เรื่องที่ ${i}` }) as never, 'normal', CLERK);
        // Half in a caller's transaction, half on their own; other writers on the same chain.
        return i % 2 === 0 ? tx.run(work) : work();
      }),
    ).then(async (results) => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          trail.record({ action: 'test.interleave', organisationId: second, payload: { i } }),
        ),
      );
      return results;
    });
    const numbers = targets.map((t) => t.entry.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    for (const { document, entry } of targets) {
      expect(document.numberRunning).toBe(entry.number);
      expect(document.numberText).toBe(`สน 0023.2/${entry.number}`);
      expect(entry.letterNumber).toBe(document.numberText);
    }
    const lines = await dataSource.query<Array<{ number: number; text: string }>>(
      `SELECT e.number, d.number_text AS text FROM register_entry e
         JOIN document d ON d.id = e.document_id
        WHERE d.issuing_organisation_id = $1 ORDER BY e.number`,
      [second],
    );
    expect(lines.map((l) => l.number)).toEqual(numbers);
    const [{ n }] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1`,
      [second],
    );
    expect(n).toBe(410);
    expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
  });

  it('refuses what draft() then dispatch() refuse, with the same errors, writing nothing', async () => {
    const before = await counts();
    const both = async (organisationId: number, input: Record<string, unknown>) => {
      const issued = await refusalOf(
        tx.run(() => dispatch.issue(organisationId, input as never, 'circular', CLERK)),
      );
      const drafted = await refusalOf(
        tx.run(async () => {
          const draft = await dispatch.draft(organisationId, input as never, CLERK);
          return dispatch.dispatch(draft.id, 'circular', CLERK);
        }),
      );
      return { issued, drafted };
    };
    const cases: Array<[number, Record<string, unknown>, Partial<Refusal>]> = [
      [
        group,
        letter({ addressees: [{ organisationId: 999_999, wording: 'ไม่มี' }] }),
        { status: 404, field: 'document.addressees' },
      ],
      [
        group,
        letter({ references: [{ number: 'มท ๐๘๑๐.๗/ว ๑' }, { documentId: randomUUID() }] }),
        { status: 404, field: 'document.references.1.documentId' },
      ],
      [
        group,
        letter({ enclosures: [{ description: 'ไฟล์', count: 1, fileId: randomUUID() }] }),
        { status: 404, field: 'document.enclosures.0.fileId' },
      ],
      [group, letter({ urgency: 'ด่วนมากที่สุด' }), { status: 400, field: 'document.urgency' }],
      [group, letter({ subject: undefined }), { status: 400, field: 'subject' }],
      // An unknown organisation comes before a malformed field later in the letter.
      [
        group,
        letter({ addressees: [{ organisationId: 999_998, wording: 'ไม่มี' }], urgency: 'x' }),
        { status: 404, field: 'document.addressees' },
      ],
    ];
    for (const [organisationId, input, expected] of cases) {
      const { issued, drafted } = await both(organisationId, input);
      expect(issued).toMatchObject(expected);
      expect(issued).toEqual(drafted);
    }
    // No saraban prefix: 409, the same rule and words as dispatch() (which names the document).
    const { issued, drafted } = await both(noPrefix, letter());
    expect(issued).toMatchObject({ status: 409, field: 'organisationId', rule: 'sarabanPrefix' });
    expect({ ...issued, field: 'id' }).toEqual(drafted);
    // The letter's own refusal comes first, as with draft() then dispatch().
    expect(
      await refusalOf(dispatch.issue(noPrefix, letter({ urgency: 'x' }) as never, 'normal', null)),
    ).toMatchObject({ status: 400, field: 'document.urgency' });
    expect(
      await refusalOf(dispatch.issue(424_242, letter() as never, 'circular', null)),
    ).toMatchObject({ status: 404, field: 'organisationId' });
    expect(
      await refusalOf(dispatch.issue(group, letter() as never, 'weekly' as OutgoingSeries, null)),
    ).toMatchObject({ status: 400, field: 'series' });
    expect(await counts()).toEqual(before);
    // No number was taken: the series continues where it was.
    const next = await dispatch.issue(group, letter() as never, 'circular', CLERK);
    expect(next.entry.number).toBe(5);
  });

  it('numbers an order without prefix, and follows a changed prefix', async () => {
    const order = await dispatch.issue(noPrefix, letter() as never, 'order', CLERK);
    expect(order.document).toMatchObject({
      numberPrefix: null,
      numberSeries: 'order',
      numberYear: 2566,
      numberText: '1/2566',
    });
    expect(order.document.numberText).toBe(
      formatDocumentNumber(
        { prefix: null, unitDigits: null, subUnit: null, series: 'order', running: 1, year: 2566 },
        { digits: 'arabic' },
      ),
    );
    // The prefix is kept in memory; the statement notices when it changed.
    await dataSource.query(`UPDATE organisation SET saraban_prefix = 'สน 0023.7' WHERE id = $1`, [
      group,
    ]);
    const renamed = await dispatch.issue(group, letter() as never, 'circular', CLERK);
    expect(renamed.document.numberText).toBe('สน 0023.7/ว 6');
    await dataSource.query(`UPDATE organisation SET saraban_prefix = NULL WHERE id = $1`, [group]);
    const before = await counts();
    expect(
      await refusalOf(dispatch.issue(group, letter() as never, 'circular', CLERK)),
    ).toMatchObject({ status: 409, rule: 'sarabanPrefix' });
    expect(await counts()).toEqual(before);
    await dataSource.query(`UPDATE organisation SET saraban_prefix = 'สน 0023.6' WHERE id = $1`, [
      group,
    ]);
    expect(
      (await dispatch.issue(group, letter() as never, 'circular', CLERK)).document.numberText,
    ).toBe('สน 0023.6/ว 7');
  });

  it('gives the number back when the caller’s transaction rolls back, and restarts each year', async () => {
    const failure = await tx
      .run(async () => {
        await dispatch.issue(group, letter() as never, 'circular', CLERK);
        throw new Error('the deliveries could not be written');
      })
      .catch((e: unknown) => e);
    expect(failure).toEqual(new Error('the deliveries could not be written'));
    expect((await dispatch.issue(group, letter() as never, 'circular', CLERK)).entry.number).toBe(
      8,
    );
    // 00:30 on 1 January 2024 in Bangkok: 2567, number 1, dated that day.
    clock.set(new Date('2023-12-31T17:30:00.000Z'));
    try {
      const newYear = await dispatch.issue(group, letter() as never, 'circular', CLERK);
      expect(newYear.entry).toMatchObject({ yearBe: 2567, number: 1, letterDate: '2024-01-01' });
      expect(newYear.document).toMatchObject({
        numberText: 'สน 0023.6/ว 1',
        letterDate: '2024-01-01',
      });
    } finally {
      clock.set(new Date('2023-03-09T02:00:00.000Z'));
    }
    expect(await verifyAuditChains(dataSource.manager)).toMatchObject({ ok: true });
  });
});
