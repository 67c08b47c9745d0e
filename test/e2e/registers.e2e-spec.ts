import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Organisation } from '@wian/hierarchy';
import { TransactionHost } from '@wian/persistence';
import {
  ReceiptService,
  RegisterDirectory,
  RegisterEntry,
  type Register,
  type RegisterReceiptDto,
} from '@wian/registers';
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { binaryBody } from '../support/binary-body.js';
import { seedActor, signIn } from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

/** The department's circular as Sakon Nakhon's clerk types it into the receipt register. */
const circular307 = (overrides: Record<string, unknown> = {}) => ({
  document: {
    type: 'external_letter',
    issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
    issuerAddress: 'ถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐',
    letterNumber: 'ที่ มท ๐๘๑๐.๗/ว ๓๐๗',
    letterDate: '๒๗ กุมภาพันธ์ ๒๕๖๖',
    urgency: 'ด่วนที่สุด',
    subject:
      'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น (สถานที่กลาง) และศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นผ่านระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)',
    salutation: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด',
    references: [{ number: 'มท ๐๘๑๐.๗/ว ๒๗๙', date: '๑๐ มีนาคม ๒๕๖๕' }],
    enclosures: [
      { description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ปฏิบัติการร่วมฯ', count: 1, unit: 'ชุด' },
      { description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ช่วยเหลือประชาชนฯ', count: '๑' },
    ],
    deadline: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    ...overrides,
  },
  receivedAt: '2023-03-08T09:15:00+07:00',
  action: 'เสนอ ผวจ. / แจ้ง สถ.อ. ทุกอำเภอ',
});

describe(`saraban registers (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  let clerk: { Authorization: string };
  let admin: { Authorization: string };
  let central: Register;

  const entries = (registerId: string) =>
    t.app
      .get(TransactionHost)
      .repository(RegisterEntry)
      .find({ where: { registerId }, order: { number: 'ASC' } });

  beforeAll(async () => {
    process.env.FILE_MAX_BYTES = '65536';
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    const clerkUser = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
    clerk = { Authorization: `Bearer ${(await signIn(server, clerkUser)).accessToken}` };
    const adminUser = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
    admin = { Authorization: `Bearer ${(await signIn(server, adminUser)).accessToken}` };
    const list = await request(server)
      .get(`/organisations/${clerkUser.organisationId}/registers`)
      .set(clerk)
      .expect(200);
    expect(list.body.map((r: Register) => r.name)).toEqual(
      expect.arrayContaining(['ทะเบียนกลาง', 'ทะเบียนหนังสือส่ง', 'ทะเบียนหนังสือเวียน', 'ทะเบียนคำสั่ง']),
    );
    central = list.body.find((r: Register) => r.kind === 'receipt');
  });

  afterAll(async () => {
    delete process.env.FILE_MAX_BYTES;
    await t.close();
  });

  it('continues a series where the paper register stopped, never backwards', async () => {
    await request(server)
      .post(`/registers/${central.id}/continue-from`)
      .set(admin)
      .send({ year: '๒๕๖๖', nextNumber: 1993 })
      .expect(200);
    const back = await request(server)
      .post(`/registers/${central.id}/continue-from`)
      .set(admin)
      .send({ year: 2566, nextNumber: 1000 });
    // Moving forward is fine until a number is used; going back over 1992 is not.
    expect(back.status).toBe(409);
    expect(back.body.details[0]).toMatchObject({ field: 'nextNumber', rule: 'not_backwards' });
  });

  it('registers the circular: เลขรับ ๑๙๙๓, Thai digits and BE dates, parts kept', async () => {
    const res = await request(server)
      .post(`/registers/${central.id}/receipts`)
      .set(clerk)
      .send(circular307())
      .expect(201);
    expect(res.body).toMatchObject({
      yearBe: 2566,
      number: 1993,
      numberTh: '๑๙๙๓',
      registeredDateTh: '๘ มี.ค. ๒๕๖๖',
      registeredTimeTh: '๐๙:๑๕ น.',
      letterNumber: 'มท 0810.7/ว 307',
      letterNumberTh: 'มท ๐๘๑๐.๗/ว ๓๐๗',
      letterDate: '2023-02-27',
      letterDateTh: '๒๗ ก.พ. ๒๕๖๖',
      from: 'กรมส่งเสริมการปกครองท้องถิ่น',
      to: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด',
      urgency: 'most_urgent',
      cancelled: false,
    });
    const doc = await t.app
      .get(TransactionHost)
      .manager.query<Array<{ deadline: string; enclosures: number; refs: string }>>(
        `SELECT to_char(d.deadline_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI') AS deadline,
                (SELECT count(*)::int FROM document_enclosure e WHERE e.document_id = d.id) AS enclosures,
                (SELECT string_agg(cited_number || ' ' || cited_date, ',') FROM document_reference r WHERE r.document_id = d.id) AS refs
           FROM document d WHERE d.id = $1`,
        [res.body.documentId],
      );
    expect(doc[0]).toEqual({
      deadline: '2023-03-24 16:30',
      enclosures: 2,
      refs: 'มท 0810.7/ว 279 2022-03-10',
    });
  });

  it('returns the existing entry when the same letter is registered again in the same register', async () => {
    const again = await request(server)
      .post(`/registers/${central.id}/receipts`)
      .set(clerk)
      .send(circular307())
      .expect(200);
    expect(again.body.number).toBe(1993);
    expect((await entries(central.id)).length).toBe(1);
  });

  it('lets another register of the organisation receive it again with its own number', async () => {
    const unit = await request(server)
      .post(`/organisations/${central.organisationId}/registers`)
      .set(admin)
      .send({ name: 'ทะเบียนรับ กลุ่มงานบริการสาธารณะท้องถิ่นฯ' })
      .expect(201);
    const res = await request(server)
      .post(`/registers/${unit.body.id}/receipts`)
      .set(clerk)
      .send(circular307())
      .expect(201);
    expect(res.body.number).toBe(1);
  });

  it('finds lines by Thai subject text, sender, numbers and dates', async () => {
    const found = await request(server)
      .get(`/registers/${central.id}/entries`)
      .set(clerk)
      .query({
        q: 'ศูนย์ช่วยเหลือประชาชน',
        sender: 'ส่งเสริม',
        year: 2566,
        from: '๑ มี.ค. ๒๕๖๖',
        to: '2023-03-31',
        numberFrom: '๑๙๙๓',
      })
      .expect(200);
    expect(found.body.total).toBe(1);
    const none = await request(server)
      .get(`/registers/${central.id}/entries`)
      .set(clerk)
      .query({ q: 'งบประมาณ' })
      .expect(200);
    expect(none.body.total).toBe(0);
    // Urgency as written on the letter, or as its code; an unknown one names the field.
    for (const urgency of ['ด่วนที่สุด', 'most_urgent']) {
      const urgent = await request(server)
        .get(`/registers/${central.id}/entries`)
        .set(clerk)
        .query({ urgency })
        .expect(200);
      expect(urgent.body.total).toBe(1);
    }
    const unknown = await request(server)
      .get(`/registers/${central.id}/entries`)
      .set(clerk)
      .query({ urgency: 'ด่วนมากๆ' })
      .expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'urgency', rule: 'urgency' });
  });

  it('finds a subject written with Thai digits whichever digits the search uses', async () => {
    const register = await request(server)
      .post(`/organisations/${central.organisationId}/registers`)
      .set(admin)
      .send({ name: 'ทะเบียนรับ ทดสอบการค้นหาเลขไทย' })
      .expect(201);
    await request(server)
      .post(`/registers/${register.body.id}/receipts`)
      .set(clerk)
      .send(circular307({ subject: 'รายงานผลรอบที่ ๑ ประจำปี ๒๕๖๖' }))
      .expect(201);
    const total = async (q: string) =>
      (
        await request(server)
          .get(`/registers/${register.body.id}/entries`)
          .set(clerk)
          .query({ q })
          .expect(200)
      ).body.total as number;
    expect(await total('รอบที่ ๑')).toBe(1);
    expect(await total('รอบที่ 1')).toBe(1);
    expect(await total('ปี 2566')).toBe(1);
    expect(await total('รอบที่ ๒')).toBe(0);
  });

  it('exports the register as CSV with a BOM and as an A4 landscape PDF', async () => {
    const csv = await request(server)
      .get(`/registers/${central.id}/entries.csv`)
      .set(clerk)
      .buffer(true)
      .expect(200);
    const csvText = Buffer.isBuffer(csv.body) ? csv.body.toString('utf8') : csv.text;
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    expect(csvText).toContain('เลขทะเบียนรับ');
    expect(csvText).toContain('การบันทึกข้อมูลศูนย์ปฏิบัติการร่วม');
    const pdf = await request(server)
      .get(`/registers/${central.id}/entries.pdf`)
      .set(clerk)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const doc = await PDFDocument.load(pdf.body as Buffer);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
  });

  it('prints the receipt stamp as SVG and PNG, and stamps a received PDF', async () => {
    const [entry] = await entries(central.id);
    const svg = await request(server)
      .get(`/register-entries/${entry.id}/stamp.svg`)
      .set(clerk)
      .expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const text = Buffer.isBuffer(svg.body) ? svg.body.toString('utf8') : svg.text;
    expect(text).toContain('๑๙๙๓');
    expect(text).toContain('๘ มี.ค. ๒๕๖๖');
    expect(text).toContain('๐๙:๑๕ น.');
    const png = await request(server)
      .get(`/register-entries/${entry.id}/stamp.png`)
      .set(clerk)
      .buffer(true)
      .expect(200);
    expect((png.body as Buffer).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const letter = await PDFDocument.create();
    letter.addPage([595.28, 841.89]);
    const original = Buffer.from(await letter.save());
    const stamped = await request(server)
      .post(`/register-entries/${entry.id}/stamp.pdf`)
      .set(clerk)
      .set('Content-Type', 'application/pdf')
      .send(original)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const reloaded = await PDFDocument.load(stamped.body as Buffer);
    expect(reloaded.getPageCount()).toBe(1);
    expect((stamped.body as Buffer).length).toBeGreaterThan(original.length);
    const notPdf = await request(server)
      .post(`/register-entries/${entry.id}/stamp.pdf`)
      .set(clerk)
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('this is not a pdf'))
      .expect(400);
    expect(notPdf.body.details[0]).toMatchObject({ field: 'body', rule: 'pdf' });
  });

  describe('bad input: a 4xx naming the field and the rule, and nothing written', () => {
    const cases: Array<[string, () => object, number, string, string]> = [
      [
        'malformed letter number',
        () => circular307({ letterNumber: 'มท/๐๘๑๐/xx' }),
        400,
        'document.letterNumber',
        'document_number',
      ],
      [
        'a CE year written as BE makes the date impossible',
        () => circular307({ letterDate: '๒๗ กุมภาพันธ์ พ.ศ. ๒๐๒๓' }),
        400,
        'document.letterDate',
        'year_range',
      ],
      [
        'a letter dated after its receipt',
        () => circular307({ letterDate: '๒๗ มีนาคม ๒๕๖๖' }),
        400,
        'document.letterDate',
        'notAfterReceipt',
      ],
      [
        'a receipt time in the future',
        () => ({
          ...circular307(),
          receivedAt: `${new Date().getFullYear() + 1}-01-01T09:00:00+07:00`,
        }),
        400,
        'receivedAt',
        'notFuture',
      ],
      [
        'an unknown addressee organisation',
        () => circular307({ addressees: [{ organisationId: 99999999, wording: 'ไม่มี' }] }),
        404,
        'document.addressees',
        'exists',
      ],
      [
        'an enclosure count below 1',
        () => circular307({ enclosures: [{ description: 'คู่มือ', count: 0 }] }),
        400,
        'document.enclosures.0.count',
        'min',
      ],
      [
        'a subject over 1,000 characters',
        () => circular307({ subject: 'ก'.repeat(1001) }),
        400,
        'document.subject',
        'maxLength',
      ],
      [
        'an impossible date',
        () => circular307({ letterDate: '๓๑ เมษายน ๒๕๖๖' }),
        400,
        'document.letterDate',
        'thai_date',
      ],
      [
        'an unknown urgency',
        () => circular307({ urgency: 'ด่วนจี๋' }),
        400,
        'document.urgency',
        'urgency',
      ],
    ];

    it.each(cases)('%s', async (_name, body, status, field, rule) => {
      const before = await entries(central.id);
      const documentsBefore = await t.app
        .get(TransactionHost)
        .manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM document`);
      const res = await request(server)
        .post(`/registers/${central.id}/receipts`)
        .set(clerk)
        .send(body())
        .expect(status);
      expect(res.body.details[0]).toMatchObject({ field, rule });
      expect(res.body.details[0].message_th).toMatch(/[ก-๙]/);
      expect(res.body.details[0].message_en.length).toBeGreaterThan(5);
      expect(await entries(central.id)).toEqual(before);
      const documentsAfter = await t.app
        .get(TransactionHost)
        .manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM document`);
      expect(documentsAfter[0].n).toBe(documentsBefore[0].n);
    });

    it('a number cancelled twice', async () => {
      const [entry] = await entries(central.id);
      await request(server)
        .post(`/register-entries/${entry.id}/cancel`)
        .set(clerk)
        .send({ reason: 'ลงทะเบียนผิดเล่ม' })
        .expect(200);
      const after = await entries(central.id);
      const twice = await request(server)
        .post(`/register-entries/${entry.id}/cancel`)
        .set(clerk)
        .send({ reason: 'อีกครั้ง' })
        .expect(409);
      expect(twice.body.details[0]).toMatchObject({ field: 'id', rule: 'alreadyCancelled' });
      expect(await entries(central.id)).toEqual(after);
      expect(after[0]).toMatchObject({ number: 1993, cancelReason: 'ลงทะเบียนผิดเล่ม' });
      // A stamp says the number is good: a cancelled one has none.
      const stamp = await request(server)
        .get(`/register-entries/${entry.id}/stamp.svg`)
        .set(clerk)
        .expect(409);
      expect(stamp.body.details[0]).toMatchObject({ field: 'id', rule: 'notCancelled' });
      expect(stamp.body.details[0].message_th).toContain('๑๙๙๓');
    });
  });

  it('keeps a cancelled number and gives the next letter the next number (never reused)', async () => {
    const res = await request(server)
      .post(`/registers/${central.id}/receipts`)
      .set(clerk)
      .send(circular307({ letterNumber: 'มท ๐๘๑๐.๗/ว ๓๐๘' }))
      .expect(201);
    expect(res.body.number).toBe(1994);
  });

  it('does not continue a series ahead once wian has numbered a line that year (no gaps)', async () => {
    const ahead = await request(server)
      .post(`/registers/${central.id}/continue-from`)
      .set(admin)
      .send({ year: 2566, nextNumber: 2000 })
      .expect(409);
    expect(ahead.body.details[0]).toMatchObject({ field: 'nextNumber', rule: 'noGap' });
    expect(ahead.body.details[0].message_th).toContain('๑๙๙๕–๑๙๙๙');
    // The next number in line changes nothing and is accepted.
    await request(server)
      .post(`/registers/${central.id}/continue-from`)
      .set(admin)
      .send({ year: 2566, nextNumber: 1995 })
      .expect(200);
    const next = await request(server)
      .post(`/registers/${central.id}/receipts`)
      .set(clerk)
      .send(circular307({ letterNumber: 'มท ๐๘๑๐.๗/ว ๓๙๙' }))
      .expect(201);
    expect(next.body.number).toBe(1995);
  });

  describe('dispatch: the province forwards the circular as its own ว ๔๘๗๙', () => {
    it('numbers the letter from the group’s circular series and writes the dispatch register', async () => {
      const groupClerk = await seedActor(t.app, { organisation: 'plao-47-g6', roles: ['clerk'] });
      const asGroupClerk = {
        Authorization: `Bearer ${(await signIn(server, groupClerk)).accessToken}`,
      };
      const registers = await request(server)
        .get(`/organisations/${groupClerk.organisationId}/registers`)
        .set(asGroupClerk)
        .expect(200);
      const circulars = registers.body.find(
        (r: Register) => r.kind === 'dispatch' && r.series === 'circular',
      );
      expect(circulars.name).toBe('ทะเบียนหนังสือเวียน');
      await request(server)
        .post(`/registers/${circulars.id}/continue-from`)
        .set(admin)
        .send({ year: new Date().getFullYear(), nextNumber: 4879 })
        .expect(200);
      const draft = await request(server)
        .post(`/organisations/${groupClerk.organisationId}/documents`)
        .set(asGroupClerk)
        .send({
          type: 'external_letter',
          issuerName: 'ศาลากลางจังหวัดสกลนคร',
          issuerAddress: 'ถนนศูนย์ราชการ สน ๔๗๐๐๐',
          subject: 'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น',
          salutation: 'นายอำเภอ ทุกอำเภอ',
          references: [{ number: 'สน ๐๐๒๓.๓/ว ๕๑๓๔', date: '๒๔ มีนาคม ๒๕๖๕' }],
          deadline: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
          signature: {
            signerName: 'นายชยุต วงศ์วณิช',
            positionTitle: 'รองผู้ว่าราชการจังหวัด',
            capacity: 'acting_on_behalf',
            principalPositionTitle: 'ผู้ว่าราชการจังหวัดสกลนคร',
          },
        })
        .expect(201);
      expect(draft.body.numberText).toBeNull();
      const sent = await request(server)
        .post(`/documents/${draft.body.id}/dispatch`)
        .set(asGroupClerk)
        .send({ series: 'circular' })
        .expect(200);
      expect(sent.body.document).toMatchObject({
        numberText: 'สน 0023.6/ว 4879',
        numberTh: 'ที่ สน ๐๐๒๓.๖/ว ๔๘๗๙',
        numberSeries: 'circular',
      });
      expect(sent.body.entry).toMatchObject({
        number: 4879,
        numberTh: '๔๘๗๙',
        registerId: circulars.id,
        to: 'นายอำเภอ ทุกอำเภอ',
      });
      const again = await request(server)
        .post(`/documents/${draft.body.id}/dispatch`)
        .set(asGroupClerk)
        .send({ series: 'circular' })
        .expect(409);
      expect(again.body.details[0]).toMatchObject({
        field: 'id',
        rule: 'alreadyNumbered',
        message_th: 'หนังสือนี้ได้เลขที่ สน ๐๐๒๓.๖/ว ๔๘๗๙ แล้ว',
        message_en: 'this letter already has number สน 0023.6/ว 4879',
      });
      expect((await entries(circulars.id)).map((e) => e.number)).toEqual([4879]);
    });

    it('refuses to number a letter of an organisation without a saraban prefix, writing nothing', async () => {
      // Districts carry derived prefixes since the circulation work; a subdistrict
      // administrative organisation (อบต.) still has none.
      const districtClerk = await seedActor(t.app, {
        organisation: 'sao-470401',
        roles: ['clerk'],
      });
      const asDistrict = {
        Authorization: `Bearer ${(await signIn(server, districtClerk)).accessToken}`,
      };
      const draft = await request(server)
        .post(`/organisations/${districtClerk.organisationId}/documents`)
        .set(asDistrict)
        .send({
          type: 'external_letter',
          issuerName: 'ที่ว่าการอำเภอกุดบาก',
          subject: 'แจ้งองค์กรปกครองส่วนท้องถิ่น',
        })
        .expect(201);
      const res = await request(server)
        .post(`/documents/${draft.body.id}/dispatch`)
        .set(asDistrict)
        .send({ series: 'normal' })
        .expect(409);
      expect(res.body.details[0]).toMatchObject({ rule: 'sarabanPrefix' });
      const order = await request(server)
        .post(`/documents/${draft.body.id}/dispatch`)
        .set(asDistrict)
        .send({ series: 'order' })
        .expect(200);
      expect(order.body.document.numberText).toMatch(/^1\/25\d\d$/);
    });
  });

  describe('files', () => {
    it('keeps an uploaded PDF with its SHA-256 and lets an enclosure cite it', async () => {
      const pdf = await PDFDocument.create();
      pdf.addPage();
      const bytes = Buffer.from(await pdf.save());
      const res = await request(server)
        .post(`/organisations/${central.organisationId}/files`)
        .set(clerk)
        .set('Content-Type', 'application/pdf')
        .set('X-File-Name', encodeURIComponent('คู่มือศูนย์ช่วยเหลือประชาชน.pdf'))
        .send(bytes)
        .expect(201);
      expect(res.body).toMatchObject({
        mediaType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        originalName: 'คู่มือศูนย์ช่วยเหลือประชาชน.pdf',
      });
      const back = await request(server)
        .get(`/files/${res.body.id}`)
        .set(clerk)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(Buffer.compare(back.body as Buffer, bytes)).toBe(0);
      const letter = await request(server)
        .post(`/registers/${central.id}/receipts`)
        .set(clerk)
        .send(
          circular307({
            letterNumber: 'มท ๐๘๑๐.๗/ว ๓๑๑',
            enclosures: [{ description: 'คู่มือ', count: 1, fileId: res.body.id }],
          }),
        )
        .expect(201);
      expect(letter.body.number).toBeGreaterThan(1993);
    });

    it('refuses a file of a refused type (by its bytes, not its label) and one over the limit', async () => {
      const exe = await request(server)
        .post(`/organisations/${central.organisationId}/files`)
        .set(clerk)
        .set('Content-Type', 'application/pdf')
        .send(Buffer.from('MZ\x90\x00 this is a program, not a PDF'))
        .expect(415);
      expect(exe.body.details[0]).toMatchObject({ field: 'body', rule: 'media_type' });
      const big = await request(server)
        .post(`/organisations/${central.organisationId}/files`)
        .set(clerk)
        .set('Content-Type', 'application/pdf')
        .send(Buffer.alloc(70_000, 1))
        .expect(413);
      expect(big.body.details[0]).toMatchObject({ field: 'body', rule: 'max_size' });
      const count = await t.app
        .get(TransactionHost)
        .manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM stored_file`);
      expect(count[0].n).toBe(1);
    });

    it('refuses an enclosure citing a file that does not exist', async () => {
      const res = await request(server)
        .post(`/registers/${central.id}/receipts`)
        .set(clerk)
        .send(
          circular307({
            letterNumber: 'มท ๐๘๑๐.๗/ว ๓๑๒',
            enclosures: [{ description: 'คู่มือ', count: 1, fileId: randomUUID() }],
          }),
        )
        .expect(404);
      expect(res.body.details[0]).toMatchObject({
        field: 'document.enclosures.0.fileId',
        rule: 'exists',
      });
    });
  });

  describe('concurrency', () => {
    it('500 parallel registrations over 20 registers give each register exactly 1..n', async () => {
      const directory = t.app.get(RegisterDirectory);
      const receipts = t.app.get(ReceiptService);
      const tx = t.app.get(TransactionHost);
      const districts = await tx
        .repository(Organisation)
        .find({ where: { kind: 'district', provinceCode: 'สน' }, take: 20, order: { id: 'ASC' } });
      expect(districts).toHaveLength(18);
      const extra = await tx
        .repository(Organisation)
        .find({ where: { kind: 'district', provinceCode: 'นพ' }, take: 2 });
      const registers = await Promise.all(
        [...districts, ...extra].map(async (d) =>
          (await directory.ofOrganisation(d.id)).find((r) => r.kind === 'receipt')!,
        ),
      );
      const jobs = Array.from({ length: 500 }, (_, i) => {
        const body = circular307({
          letterNumber: `สน ๐๐๒๓.๖/ว ${i + 1}`,
          letterDate: '๑๔ มีนาคม ๒๕๖๖',
        });
        return receipts.receive(
          registers[i % 20].id,
          { ...body, receivedAt: '2023-03-15T10:00:00+07:00' } as RegisterReceiptDto,
          null,
        );
      });
      const outcomes = await Promise.all(jobs);
      expect(outcomes.every((o) => o.created)).toBe(true);
      for (const register of registers) {
        const numbers = (await entries(register.id)).map((e) => e.number);
        expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      }
    });

    it('50 parallel retries of one registration with one idempotency key give one entry', async () => {
      const last = Math.max(...(await entries(central.id)).map((e) => e.number));
      const key = randomUUID();
      const body = circular307({ letterNumber: 'มท ๐๘๑๐.๗/ว ๓๐๙' });
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          request(server)
            .post(`/registers/${central.id}/receipts`)
            .set(clerk)
            .set('Idempotency-Key', key)
            .send(body),
        ),
      );
      const numbers = new Set(responses.map((r) => r.body.number as number));
      expect(responses.map((r) => r.status).sort((a, b) => a - b)).toEqual([
        ...Array<number>(49).fill(200),
        201,
      ]);
      expect([...numbers]).toEqual([last + 1]);
      expect((await entries(central.id)).filter((e) => e.idempotencyKey === key)).toHaveLength(1);
      // The next registration proves no number was lost to the 49 that lost the race.
      const next = await request(server)
        .post(`/registers/${central.id}/receipts`)
        .set(clerk)
        .send(circular307({ letterNumber: 'มท ๐๘๑๐.๗/ว ๓๑๐' }))
        .expect(201);
      expect(next.body.number).toBe(last + 2);
    });
  });
});
