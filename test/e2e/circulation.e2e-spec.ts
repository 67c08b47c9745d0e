import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { verifyAuditChains } from '@wian/audit';
import { Organisation } from '@wian/hierarchy';
import type { Role } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import { formatThaiDateTime, toArabicDigits, toThaiDigits } from '@wian/thai';
import request from 'supertest';
import { seedActor, signIn } from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';
type Auth = { Authorization: string };

const SUBJECT =
  'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น (สถานที่กลาง) และศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นผ่านระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)';

/** Department circular ว ๓๐๗ as the department's clerk writes it in wian. */
const circular307 = {
  document: {
    type: 'external_letter',
    issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
    issuerAddress: 'ถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐',
    urgency: 'ด่วนที่สุด',
    subject: SUBJECT,
    salutation: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด',
    references: [{ number: 'มท ๐๘๑๐.๗/ว ๒๗๙', date: '๑๐ มีนาคม ๒๕๖๕' }],
    enclosures: [
      {
        description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ปฏิบัติการร่วมฯ',
        count: 1,
        unit: 'ชุด',
        link: 'https://www.dla.go.th/manual-joc.pdf',
      },
      { description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ช่วยเหลือประชาชนฯ', count: '๑' },
    ],
    requestedAction: 'บันทึกข้อมูลศูนย์ปฏิบัติการร่วมฯ และศูนย์ช่วยเหลือประชาชนฯ ในระบบ INFO',
    deadline: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    signature: {
      signerName: 'นายศิริพันธ์ ศรีกงพลี',
      positionTitle: 'รองอธิบดี',
      capacity: 'acting_on_behalf',
      principalPositionTitle: 'อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
    },
  },
  selectors: [{ kind: 'all_provinces' }],
  // The scenario's deadline is long past, so that progress shows who is late; wian refuses a
  // past deadline unless the request says it is meant.
  allowPastDeadline: true,
};

describe(`circulation: the ว ๓๐๗ scenario over HTTP (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  const org = new Map<string, Organisation>();
  const auth = new Map<string, Auth>();
  let circularId: string;
  let provinceDelivery: string;
  let provinceCircular: string;
  /** When Sakon Nakhon's clerk says the letter came, as typed: `๒๖ พ.ย. ๒๕๖๙ ๐๙:๑๕ น.`. */
  let receivedAtTh: string;

  const as = async (code: string, roles: Role[]): Promise<Auth> => {
    const actor = await seedActor(t.app, { organisation: code, roles });
    return { Authorization: `Bearer ${(await signIn(server, actor)).accessToken}` };
  };

  /** ว ๓๐๗ sent by the department to the organisations named, with `extra` fields. */
  const sendTo = (organisationIds: number[], extra: Record<string, unknown> = {}) =>
    request(server)
      .post(`/organisations/${org.get('dla')!.id}/circulars`)
      .set(auth.get('dla')!)
      .send({
        ...circular307,
        selectors: undefined,
        organisationIds,
        issuingUnitId: org.get('dla-development')!.id,
        ...extra,
      })
      .expect(201);

  /** A department circular to Sakon Nakhon alone, received there. */
  const receivedBySakon = async (
    extra: Record<string, unknown> = {},
  ): Promise<{ circular: string; delivery: string }> => {
    const sent = await sendTo([org.get('p-47')!.id], extra);
    const [delivery] = (
      await request(server)
        .get(`/circulars/${sent.body.id}/deliveries`)
        .set(auth.get('dla')!)
        .expect(200)
    ).body.items as Array<{ id: string }>;
    await request(server)
      .post(`/deliveries/${delivery.id}/receive`)
      .set(auth.get('p-47')!)
      .send({})
      .expect(201);
    return { circular: sent.body.id as string, delivery: delivery.id };
  };

  /** Sakon Nakhon forwards a delivery it received to อำเภอเมืองสกลนคร (numbered by กลุ่มงาน ๖). */
  const forwardFromSakon = (delivery: string, document: Record<string, unknown> = {}) =>
    request(server)
      .post(`/deliveries/${delivery}/forward`)
      .set(auth.get('p-47')!)
      .send({
        document: {
          type: 'external_letter',
          issuerName: 'ศาลากลางจังหวัดสกลนคร',
          subject: SUBJECT,
          ...document,
        },
        issuingUnitId: org.get('plao-47-g6')!.id,
        organisationIds: [org.get('d-4701')!.id],
      })
      .expect(201);

  beforeAll(async () => {
    // Dozens of officials sign in from one address here; the per-address limit is not under test.
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '10000';
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    const all = await t.app.get(TransactionHost).repository(Organisation).find();
    for (const o of all) org.set(o.code, o);
    auth.set('dla', await as('dla', ['clerk', 'head']));
    auth.set('p-47', await as('p-47', ['clerk', 'head', 'officer']));
    auth.set('p-47-viewer', await as('p-47', ['officer']));
    auth.set('p-48', await as('p-48', ['clerk', 'head']));
  });

  afterAll(async () => {
    delete process.env.AUTH_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  it('sends ว ๓๐๗ from the department to every province: one delivery each, numbered in the ว series', async () => {
    const res = await request(server)
      .post(`/organisations/${org.get('dla')!.id}/circulars`)
      .set(auth.get('dla')!)
      .send({ ...circular307, issuingUnitId: org.get('dla-development')!.id })
      .expect(201);
    circularId = res.body.id;
    const provinces = [...org.values()].filter((o) => o.kind === 'province').length;
    expect(res.body).toMatchObject({
      recipientCount: provinces,
      depth: 0,
      status: 'active',
      rollupRule: 'own_and_forwarded',
    });
    expect(res.body.numberTh).toMatch(/^มท ๐๘๑๐\.๗\/ว [๐-๙]+$/);
    expect(res.body.deadlineTh).toBe('วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖');
    const list = await request(server)
      .get(`/organisations/${org.get('p-47')!.id}/deliveries`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      state: 'sent',
      stateTh: 'ส่งแล้ว รอลงรับ',
      allowedEvents: ['RECEIVE', 'RECALL', 'SUPERSEDE', 'DEADLINE_MISSED'],
    });
    provinceDelivery = list.body.items[0].id;
  });

  it('shows the sender when its deadline check and escalations will run, in Thai', async () => {
    const res = await request(server)
      .get(`/circulars/${circularId}/schedule`)
      .set(auth.get('dla')!)
      .expect(200);
    // The deadline (24 March 2566) is past, so no reminder is planned; nothing has been
    // published yet, as no worker runs in this test.
    expect(res.body.total).toBe(4);
    expect(
      (res.body.items as Array<Record<string, unknown>>).map((j) => [
        j.titleTh,
        j.runAtTh,
        j.status,
        j.statusTh,
        j.current,
      ]),
    ).toEqual([
      [
        'ตรวจเมื่อครบกำหนด แจ้งผู้กำกับดูแลรายที่ยังไม่รายงานผล',
        'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖ ๑๖:๓๐ น.',
        'planned',
        'รอเข้าคิว',
        true,
      ],
      [
        'ยกระดับครั้งที่ ๑ แจ้งหน่วยเหนือขึ้นไป ๑ ระดับ',
        'วันอังคารที่ ๒๘ มีนาคม ๒๕๖๖ ๑๖:๓๐ น.',
        'planned',
        'รอเข้าคิว',
        true,
      ],
      [
        'ยกระดับครั้งที่ ๒ แจ้งหน่วยเหนือขึ้นไป ๒ ระดับ',
        'วันพฤหัสบดีที่ ๓๐ มีนาคม ๒๕๖๖ ๑๖:๓๐ น.',
        'planned',
        'รอเข้าคิว',
        true,
      ],
      [
        'ยกระดับครั้งที่ ๓ แจ้งหน่วยเหนือขึ้นไป ๓ ระดับ',
        'วันจันทร์ที่ ๓ เมษายน ๒๕๖๖ ๑๖:๓๐ น.',
        'planned',
        'รอเข้าคิว',
        true,
      ],
    ]);
    const bad = await request(server)
      .get(`/circulars/${circularId}/schedule?deliveryId=not-a-delivery`)
      .set(auth.get('dla')!)
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('deliveryId');
  });

  it('refuses acknowledging before receipt with a 409 that names the state that allows it', async () => {
    const res = await request(server)
      .post(`/deliveries/${provinceDelivery}/acknowledge`)
      .set(auth.get('p-47')!)
      .send({})
      .expect(409);
    expect(res.body.details[0]).toMatchObject({ field: 'state', rule: 'transitionAllowed' });
    expect(res.body.details[0].message_th).toContain('ลงรับแล้ว');
    expect(res.body.details[0].message_en).toContain('allowed in: received');
  });

  it('refuses a forward before the province received the letter', async () => {
    const res = await request(server)
      .post(`/deliveries/${provinceDelivery}/forward`)
      .set(auth.get('p-47')!)
      .send({
        document: { type: 'external_letter', issuerName: 'จังหวัดสกลนคร', subject: SUBJECT },
        selectors: [{ kind: 'districts_of_province', organisationId: org.get('p-47')!.id }],
      })
      .expect(409);
    expect(res.body.details[0].rule).toBe('transitionAllowed');
  });

  it('Sakon Nakhon receives it in its central register and acknowledges; a replayed receive changes nothing', async () => {
    // The real stamp says 8 March 2566, but this letter was sent and dated today: a receipt
    // before that day is refused, naming the field, and nothing is written.
    const early = await request(server)
      .post(`/deliveries/${provinceDelivery}/receive`)
      .set(auth.get('p-47')!)
      .send({ receivedAt: '๘ มีนาคม ๒๕๖๖ ๐๙:๑๕', action: 'เสนอ ผวจ.' })
      .expect(400);
    expect(early.body.details[0]).toMatchObject({ field: 'receivedAt', rule: 'notBeforeSent' });
    expect(early.body.details[0].message_th).toMatch(/^วันที่ลงรับต้องไม่ก่อนวันที่ส่งหนังสือ \(ส่งเมื่อวัน/);
    const untouched = await request(server)
      .get(`/deliveries/${provinceDelivery}`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(untouched.body).toMatchObject({ state: 'sent', version: 1 });
    // Typed by the clerk the Thai way, to the minute: now.
    receivedAtTh = formatThaiDateTime(new Date(), 'short');
    const receivedAt = receivedAtTh;
    const received = await request(server)
      .post(`/deliveries/${provinceDelivery}/receive`)
      .set(auth.get('p-47')!)
      .set('Idempotency-Key', 'receive-307-sakon')
      .send({ receivedAt, action: 'เสนอ ผวจ.' })
      .expect(201);
    expect(received.body).toMatchObject({ state: 'received', version: 2 });
    expect(received.body.receiptEntryId).toEqual(expect.any(String));
    const again = await request(server)
      .post(`/deliveries/${provinceDelivery}/receive`)
      .set(auth.get('p-47')!)
      .set('Idempotency-Key', 'receive-307-sakon')
      .send({ receivedAt })
      .expect(201);
    expect(again.body).toMatchObject({
      state: 'received',
      version: 2,
      receiptEntryId: received.body.receiptEntryId,
    });
    const ack = await request(server)
      .post(`/deliveries/${provinceDelivery}/acknowledge`)
      .set(auth.get('p-47')!)
      .send({ note: 'ทราบ' })
      .expect(201);
    expect(ack.body).toMatchObject({ state: 'acknowledged', version: 3 });
  });

  it('another province cannot act on Sakon Nakhon’s delivery', async () => {
    await request(server)
      .post(`/deliveries/${provinceDelivery}/acknowledge`)
      .set(auth.get('p-48')!)
      .send({})
      .expect(403);
  });

  it('refuses forwards that break the rules, writing nothing', async () => {
    const base = {
      document: { type: 'external_letter', issuerName: 'ศาลากลางจังหวัดสกลนคร', subject: SUBJECT },
      issuingUnitId: org.get('plao-47-g6')!.id,
    };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, selectors: [] }, 400, 'notEmpty'],
      [
        { ...base, organisationIds: [org.get('d-4701')!.id, org.get('d-4701')!.id] },
        400,
        'noDuplicates',
      ],
      [{ ...base, organisationIds: [999999] }, 400, 'knownOrganisation'],
      [{ ...base, organisationIds: [org.get('d-4801')!.id] }, 403, 'withinSubtree'],
      [
        {
          ...base,
          document: { ...base.document, deadline: '๓๑ มีนาคม ๒๕๖๖' },
          organisationIds: [org.get('d-4701')!.id],
        },
        400,
        'notAfterParentDeadline',
      ],
      // Counted from receipt, a deadline could fall after the parent's date: refused as such
      // (it used to be refused as giving both a date and working days, which it does not).
      [
        { ...base, deadlineWorkingDays: 5, organisationIds: [org.get('d-4701')!.id] },
        400,
        'parentDeadlineIsADate',
      ],
      // Its own deadline, already past, is refused unless the request says it is meant.
      [
        {
          ...base,
          document: { ...base.document, deadline: '๒๓ มีนาคม ๒๕๖๖' },
          organisationIds: [org.get('d-4701')!.id],
        },
        400,
        'notInPast',
      ],
      [
        {
          ...base,
          selectors: [{ kind: 'districts_of_province', organisationId: org.get('d-4701')!.id }],
        },
        400,
        'selectorAnchor',
      ],
      // 99 enclosures of its own are allowed; with the parent letter's two carried, 101 are not.
      [
        {
          ...base,
          document: {
            ...base.document,
            enclosures: Array.from({ length: 99 }, (_, k) => ({
              description: `เอกสารแนบ ${k + 1}`,
              count: 1,
            })),
          },
          organisationIds: [org.get('d-4701')!.id],
        },
        400,
        'arrayMaxSize',
      ],
      // A province numbers through its own units, never in a district's register.
      [
        { ...base, issuingUnitId: org.get('d-4704')!.id, organisationIds: [org.get('d-4701')!.id] },
        400,
        'ownUnit',
      ],
      // Found only by the forward's own statement, which then refuses itself as a whole
      // (the parent's FORWARD it had written included); the refusal is worked out step by step.
      [
        {
          ...base,
          document: {
            ...base.document,
            enclosures: [
              { description: 'ไฟล์', count: 1, fileId: '00000000-0000-4000-8000-000000000000' },
            ],
          },
          organisationIds: [org.get('d-4701')!.id],
        },
        404,
        'exists',
      ],
    ];
    for (const [body, status, rule] of cases) {
      const res = await request(server)
        .post(`/deliveries/${provinceDelivery}/forward`)
        .set(auth.get('p-47')!)
        .send(body);
      expect({ status: res.status, rule: res.body.details?.[0]?.rule }).toEqual({ status, rule });
      if (rule === 'arrayMaxSize') {
        expect(res.body.details[0]).toMatchObject({ field: 'document.enclosures' });
        expect(res.body.details[0].message_th).toContain('๑๐๐');
      }
      if (rule === 'withinSubtree') {
        // The organisation named as the clerk knows it, and the field that chose it.
        expect(res.body.details[0]).toMatchObject({ field: 'organisationIds.0' });
        expect(res.body.details[0].message_th).toContain(
          `${org.get('d-4801')!.nameTh} (รหัส ${org.get('d-4801')!.id})`,
        );
      }
      if (rule === 'notAfterParentDeadline') {
        // The parent's deadline, the end of 24 March 2566, as Bangkok time in both languages.
        expect(res.body.details[0]).toMatchObject({ field: 'document.deadline' });
        expect(res.body.details[0].message_th).toContain('๒๔ มีนาคม ๒๕๖๖');
        expect(res.body.details[0].message_en).toMatch(/\(2023-03-24T\d\d:\d\d:00\+07:00\)$/);
      }
    }
    const sent = await request(server)
      .get(`/organisations/${org.get('p-47')!.id}/circulars`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(sent.body.total).toBe(0);
    const d = await request(server)
      .get(`/deliveries/${provinceDelivery}`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(d.body).toMatchObject({ state: 'acknowledged', version: 3 });
  });

  it('names the selector that brought recipients out of reach, and the sender in it, writing nothing', async () => {
    const tx = t.app.get(TransactionHost);
    const circulars = async (): Promise<number> =>
      Number(
        (await tx.manager.query<Array<{ n: string }>>('SELECT count(*) AS n FROM circular'))[0].n,
      );
    const before = await circulars();
    const p47 = org.get('p-47')!;
    const d4701 = org.get('d-4701')!;
    const district = await as('d-4701', ['clerk']);
    const letter = { type: 'external_letter', issuerName: 'ศาลากลางจังหวัดสกลนคร', subject: SUBJECT };
    const refused = async (
      sender: Organisation,
      who: Auth,
      recipients: Record<string, unknown>,
      status: number,
    ) =>
      (
        await request(server)
          .post(`/organisations/${sender.id}/circulars`)
          .set(who)
          .send({ document: letter, ...recipients })
          .expect(status)
      ).body.details as Array<Record<string, string>>;

    // A province choosing every province: the 76 others are out of its reach, and it is
    // among them itself; the selector is named, not the organisations listed one by one.
    const provinces = [...org.values()].filter((o) => o.kind === 'province' && o.active).length;
    const all = await refused(
      p47,
      auth.get('p-47')!,
      { selectors: [{ kind: 'all_provinces' }] },
      403,
    );
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ field: 'selectors.0', rule: 'withinSubtree' });
    expect(all[0].message_th).toContain(
      `ไม่อยู่ในสังกัดหรือในความกำกับดูแลของจังหวัดสกลนคร ${toThaiDigits(provinces - 1)} แห่ง`,
    );
    expect(all[0].message_th).toContain('รวมจังหวัดสกลนครซึ่งเป็นหน่วยงานผู้ส่งเอง');
    expect(all[0].message_th).toContain(`และอีก ${toThaiDigits(provinces - 1 - 20)} แห่ง`);
    expect(all[0].message_en).toContain(`includes ${provinces - 1} organisations`);
    expect(all[0].message_en).toContain('จังหวัดสกลนคร itself, the sender');

    // A district choosing the districts of its province: its siblings, and itself.
    const districts = [...org.values()].filter(
      (o) => o.kind === 'district' && o.provinceId === p47.id && o.active,
    ).length;
    const siblings = await refused(
      d4701,
      district,
      { selectors: [{ kind: 'districts_of_province', organisationId: p47.id }] },
      403,
    );
    expect(siblings).toHaveLength(1);
    expect(siblings[0]).toMatchObject({ field: 'selectors.0', rule: 'withinSubtree' });
    expect(siblings[0].message_th).toContain(`${d4701.nameTh} ${toThaiDigits(districts - 1)} แห่ง`);
    expect(siblings[0].message_th).toContain(`รวม${d4701.nameTh}ซึ่งเป็นหน่วยงานผู้ส่งเอง`);

    // Out of reach first, wherever it is; the sender listed by itself is named at its index.
    const both = await refused(
      d4701,
      district,
      {
        organisationIds: [d4701.id],
        selectors: [
          { kind: 'local_governments', organisationId: d4701.id },
          { kind: 'districts_of_province', organisationId: p47.id },
        ],
      },
      403,
    );
    expect(both.map((d) => [d.field, d.rule])).toEqual([
      ['selectors.1', 'withinSubtree'],
      ['organisationIds.0', 'notSender'],
    ]);
    const self = await refused(
      d4701,
      district,
      {
        selectors: [{ kind: 'local_governments', organisationId: d4701.id }],
        organisationIds: [d4701.id],
      },
      400,
    );
    expect(self).toEqual([
      expect.objectContaining({ field: 'organisationIds.0', rule: 'notSender' }),
    ]);

    // An empty list of kinds chooses nobody: refused as such ("every kind" is the list left out).
    const kinds = await refused(
      d4701,
      district,
      { selectors: [{ kind: 'local_governments', organisationId: d4701.id, kinds: [] }] },
      400,
    );
    expect(kinds).toEqual([
      expect.objectContaining({ field: 'selectors.0.kinds', rule: 'notEmpty' }),
    ]);
    expect(kinds[0].message_th).toContain('ไม่ต้องระบุ kinds เพื่อส่งถึงทุกประเภท');
    expect(await circulars()).toBe(before);
  });

  it('forwards as สน ๐๐๒๓.๖/ว … to its 18 districts, the PAO and the city municipality', async () => {
    const p47 = org.get('p-47')!.id;
    const res = await request(server)
      .post(`/deliveries/${provinceDelivery}/forward`)
      .set(auth.get('p-47')!)
      .send({
        document: {
          type: 'external_letter',
          issuerName: 'ศาลากลางจังหวัดสกลนคร',
          issuerAddress: 'ถนนศูนย์ราชการ สน ๔๗๐๐๐',
          urgency: 'ด่วนที่สุด',
          subject: SUBJECT,
          salutation: 'นายอำเภอ ทุกอำเภอ นายกองค์การบริหารส่วนจังหวัดสกลนคร นายกเทศมนตรีนครสกลนคร',
          references: [{ number: 'สน ๐๐๒๓.๓/ว ๕๑๓๔', date: '๒๔ มีนาคม ๒๕๖๕' }],
          signature: {
            signerName: 'นายชยุต วงศ์วณิช',
            positionTitle: 'รองผู้ว่าราชการจังหวัด',
            capacity: 'acting_on_behalf',
            principalPositionTitle: 'ผู้ว่าราชการจังหวัดสกลนคร',
          },
        },
        issuingUnitId: org.get('plao-47-g6')!.id,
        selectors: [
          { kind: 'districts_of_province', organisationId: p47 },
          { kind: 'pao_and_city_municipality', organisationId: p47 },
        ],
      });
    expect({ status: res.status, details: res.body.details }).toEqual({
      status: 201,
      details: undefined,
    });
    provinceCircular = res.body.id;
    expect(res.body).toMatchObject({
      recipientCount: 20,
      depth: 1,
      parentDeliveryId: provinceDelivery,
    });
    expect(res.body.numberTh).toMatch(/^สน ๐๐๒๓\.๖\/ว [๐-๙]+$/);
    // The deadline is the parent's when none is given.
    expect(res.body.deadlineTh).toBe('วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖');
    const d = await request(server)
      .get(`/deliveries/${provinceDelivery}`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(d.body.state).toBe('forwarded');
  });

  it('keeps the numbers circulation relies on: a delivery’s receipt number and a circular’s own number cannot be cancelled', async () => {
    const tx = t.app.get(TransactionHost);
    const [{ receipt_entry_id: receiptEntry }] = await tx.manager.query<
      Array<{ receipt_entry_id: string }>
    >(`SELECT receipt_entry_id FROM delivery WHERE id = $1`, [provinceDelivery]);
    const refused = await request(server)
      .post(`/register-entries/${receiptEntry}/cancel`)
      .set(auth.get('p-47')!)
      .send({ reason: 'ลงรับซ้ำ' })
      .expect(409);
    expect(refused.body.details[0]).toMatchObject({ field: 'id', rule: 'receivesDelivery' });
    expect(refused.body.details[0].message_th).toMatch(/^เลขรับ [๐-๙]+\/[๐-๙]+ เป็นการลงรับหนังสือเวียน/);
    // ว ๔๘๗๙ is out: its number stays until the circular is recalled.
    const [{ id: dispatchEntry }] = await tx.manager.query<Array<{ id: string }>>(
      `SELECT e.id FROM circular c JOIN register_entry e ON e.document_id = c.document_id
         JOIN register r ON r.id = e.register_id AND r.kind = 'dispatch' WHERE c.id = $1`,
      [provinceCircular],
    );
    const groupClerk = await as('plao-47-g6', ['clerk']);
    const kept = await request(server)
      .post(`/register-entries/${dispatchEntry}/cancel`)
      .set(groupClerk)
      .send({ reason: 'ออกเลขผิด' })
      .expect(409);
    expect(kept.body.details[0]).toMatchObject({ field: 'id', rule: 'numbersActiveCircular' });
    const lines = await tx.manager.query<Array<{ cancelled: boolean }>>(
      `SELECT cancelled_at IS NOT NULL AS cancelled FROM register_entry WHERE id = ANY($1::uuid[])`,
      [[receiptEntry, dispatchEntry]],
    );
    expect(lines).toEqual([{ cancelled: false }, { cancelled: false }]);
  });

  it('districts forward to their local governments; some report done; progress counts exactly', async () => {
    const districts = await request(server)
      .get(`/circulars/${provinceCircular}/deliveries?limit=100`)
      .set(auth.get('p-47')!)
      .expect(200);
    const rows = districts.body.items as Array<{ id: string; recipientOrganisationId: number }>;
    const byOrg = new Map([...org.values()].map((o) => [o.id, o]));
    let localGovernments = 0;
    let done = 0;
    for (const [index, row] of rows.entries()) {
      const recipient = byOrg.get(row.recipientOrganisationId)!;
      const who = await as(recipient.code, ['clerk', 'head', 'officer']);
      await request(server).post(`/deliveries/${row.id}/receive`).set(who).send({}).expect(201);
      await request(server).post(`/deliveries/${row.id}/acknowledge`).set(who).send({}).expect(201);
      if (recipient.kind !== 'district') {
        await request(server)
          .post(`/deliveries/${row.id}/done`)
          .set(who)
          .send({
            note: 'บันทึกข้อมูลในระบบ INFO แล้ว',
            evidence: { link: 'https://info.dla.go.th/r/1' },
          })
          .expect(201);
        done += 1;
        continue;
      }
      const fwd = await request(server)
        .post(`/deliveries/${row.id}/forward`)
        .set(who)
        .send({
          document: {
            type: 'external_letter',
            issuerName: recipient.nameTh,
            subject: SUBJECT,
            deadline: '๒๓ มีนาคม ๒๕๖๖',
          },
          selectors: [{ kind: 'local_governments', organisationId: recipient.id }],
          allowPastDeadline: true,
        })
        .expect(201);
      localGovernments += fwd.body.recipientCount as number;
      if (index % 2 === 0) {
        // Every second district has its first local government report done.
        const lgs = await request(server)
          .get(`/circulars/${fwd.body.id}/deliveries?limit=1`)
          .set(who)
          .expect(200);
        const lg = byOrg.get(lgs.body.items[0].recipientOrganisationId)!;
        const lgWho = await as(lg.code, ['clerk', 'head', 'officer']);
        const lgDelivery = lgs.body.items[0].id as string;
        await request(server)
          .post(`/deliveries/${lgDelivery}/receive`)
          .set(lgWho)
          .send({})
          .expect(201);
        await request(server)
          .post(`/deliveries/${lgDelivery}/acknowledge`)
          .set(lgWho)
          .send({})
          .expect(201);
        await request(server)
          .post(`/deliveries/${lgDelivery}/done`)
          .set(lgWho)
          .send({ note: 'บันทึกแล้ว' })
          .expect(201);
        done += 1;
      }
    }
    const lgCount = [...org.values()].filter(
      (o) =>
        o.provinceId === org.get('p-47')!.id &&
        [
          'sao',
          'subdistrict_municipality',
          'town_municipality',
          'special_local_government',
        ].includes(o.kind) &&
        o.districtId !== null,
    ).length;
    expect(localGovernments).toBe(lgCount);

    // Districts are counted for a province: a district's id, or no organisation, is refused.
    const notProvince = await request(server)
      .get(`/circulars/${circularId}/progress?provinceId=${org.get('d-4701')!.id}`)
      .set(auth.get('dla')!)
      .expect(400);
    expect(notProvince.body.details[0]).toMatchObject({ field: 'provinceId', rule: 'province' });
    await request(server)
      .get(`/circulars/${circularId}/progress?provinceId=99999999`)
      .set(auth.get('dla')!)
      .expect(404);
    const progress = await request(server)
      .get(`/circulars/${circularId}/progress?provinceId=${org.get('p-47')!.id}`)
      .set(auth.get('dla')!)
      .expect(200);
    const provinces = [...org.values()].filter((o) => o.kind === 'province').length;
    const total = provinces + 20 + localGovernments;
    expect(progress.body.total.deliveries).toBe(total);
    expect(progress.body.total.byState).toMatchObject({
      done,
      forwarded: 1 + 18,
      acknowledged: 0,
      sent: provinces - 1 + localGovernments - (done - 2),
    });
    const levels = Object.fromEntries(
      progress.body.levels.map((l: { level: string; deliveries: number }) => [
        l.level,
        l.deliveries,
      ]),
    );
    expect(levels).toEqual({ provinces, districts: 18, local_governments: 2 + localGovernments });
    const sakon = progress.body.provinces.find(
      (p: { organisationId: number }) => p.organisationId === org.get('p-47')!.id,
    );
    expect(sakon).toMatchObject({ deliveries: 1 + 20 + localGovernments, complete: done });
    expect(progress.body.districts).toHaveLength(18);
    // The deadline (2566) is long past: everyone who has not reported is late.
    expect(progress.body.late.count).toBe(total - done);
    expect(progress.body.silent.count).toBe(provinces - 1 + localGovernments - (done - 2));
  });

  it('keeps every organisation’s audit chain intact through the forwards', async () => {
    const manager = t.app.get(TransactionHost).manager;
    const forwards = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'circular.forward'`,
    );
    expect(forwards[0].n).toBeGreaterThan(18);
    expect(await verifyAuditChains(manager)).toMatchObject({ ok: true });
  });

  it('shows the chain of letters that reached a local government, from the department down', async () => {
    const progress = await request(server)
      .get(`/circulars/${circularId}/progress?limit=10000`)
      .set(auth.get('dla')!)
      .expect(200);
    const lg = (
      progress.body.late.items as Array<{ deliveryId: string; depth: number; provinceId: number }>
    ).find((i) => i.depth === 3 && i.provinceId === org.get('p-47')!.id)!;
    const chain = await request(server)
      .get(`/circulars/${circularId}/deliveries/${lg.deliveryId}/chain`)
      .set(auth.get('dla')!)
      .expect(200);
    expect(chain.body).toHaveLength(3);
    expect(
      chain.body.map((c: { letter: { senderNameTh: string } }) => c.letter.senderNameTh)[0],
    ).toBe('กรมส่งเสริมการปกครองท้องถิ่น');
    expect(chain.body[0].letter.numberTh).toMatch(/^มท ๐๘๑๐\.๗\/ว /);
    expect(chain.body[0].letter.signedTh).toBe(
      '(นายศิริพันธ์ ศรีกงพลี) รองอธิบดี ปฏิบัติราชการแทน อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
    );
    expect(chain.body[0].receipt).toMatchObject({
      yearBe: Number(toArabicDigits(/[๐-๙]{4}/.exec(receivedAtTh)![0])),
      registeredAtTh: receivedAtTh,
    });
    expect(chain.body[1].letter.numberTh).toMatch(/^สน ๐๐๒๓\.๖\/ว /);
    expect(chain.body[1].recipient.nameTh).toMatch(/^อำเภอ/);
    expect(chain.body[2].state).toBe('sent');
    // A province that the chain does not pass through cannot read it.
    await request(server)
      .get(`/deliveries/${lg.deliveryId}/chain`)
      .set(auth.get('p-48')!)
      .expect(403);
  });

  it('records who acknowledged and who has not, after the head routes it to internal units', async () => {
    const units = [...org.values()].filter(
      (o) => o.parentId === org.get('plao-47')!.id && o.kind === 'internal_unit',
    );
    expect(units.length).toBeGreaterThan(1);
    // The province's head routes its delivery to two groups of the provincial office.
    const head = await as('p-47', ['head']);
    await request(server)
      .post(`/deliveries/${provinceDelivery}/instruct`)
      .set(head)
      .send({ instruction: 'แจ้ง สถ.อ. บันทึกข้อมูล', unitIds: [units[0].id, units[1].id] })
      .expect(201);
    const official = await as(units[0].code, ['officer']);
    await request(server)
      .post(`/deliveries/${provinceDelivery}/acknowledge`)
      .set(official)
      .send({})
      .expect(201);
    // The units it was routed to read the letter they acknowledge, and the circular; a unit it
    // was not routed to does not.
    expect(units.length).toBeGreaterThan(2);
    const { documentId } = (
      await request(server).get(`/circulars/${circularId}`).set(auth.get('dla')!).expect(200)
    ).body as { documentId: string };
    await request(server).get(`/documents/${documentId}`).set(official).expect(200);
    await request(server).get(`/circulars/${circularId}`).set(official).expect(200);
    const notRouted = await as(units[2].code, ['officer']);
    await request(server).get(`/documents/${documentId}`).set(notRouted).expect(403);
    const acks = await request(server)
      .get(`/deliveries/${provinceDelivery}/acknowledgements`)
      .set(auth.get('p-47')!)
      .expect(200);
    const routed = (
      acks.body as Array<{
        routed: boolean;
        unitOrganisationId: number;
        acknowledgedAt: string | null;
      }>
    ).filter((a) => a.routed);
    expect(routed.map((a) => [a.unitOrganisationId, a.acknowledgedAt !== null]).sort()).toEqual(
      [
        [units[0].id, true],
        [units[1].id, false],
      ].sort(),
    );
    const history = await request(server)
      .get(`/deliveries/${provinceDelivery}/history`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(history.body.map((h: { type: string }) => h.type)).toEqual([
      'SEND',
      'RECEIVE',
      'ACKNOWLEDGE',
      'FORWARD',
      'INSTRUCT',
      'ACKNOWLEDGE',
    ]);
    // The FORWARD says what was forwarded: the circular, its number and how many recipients.
    const circular = await request(server)
      .get(`/circulars/${provinceCircular}`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(history.body.find((h: { type: string }) => h.type === 'FORWARD').payload).toEqual({
      circularId: provinceCircular,
      number: circular.body.number,
      numberTh: circular.body.numberTh,
      recipients: 20,
    });
  });

  it('lets the department open its delivery to a province, and its forwards’ deliveries, as their sender; nobody beside them', async () => {
    // Provinces hang under the ministry, not under the department (decision 6): the department
    // reads them as the sender of the circular, not as their parent.
    const routes = (id: string) => [
      `/deliveries/${id}`,
      `/deliveries/${id}/history`,
      `/deliveries/${id}/acknowledgements`,
      `/deliveries/${id}/chain`,
    ];
    const head = await as('dla', ['head']);
    for (const path of routes(provinceDelivery)) {
      await request(server).get(path).set(head).expect(200);
    }
    const history = await request(server)
      .get(`/deliveries/${provinceDelivery}/history`)
      .set(head)
      .expect(200);
    expect(history.body.map((h: { type: string }) => h.type)).toEqual([
      'SEND',
      'RECEIVE',
      'ACKNOWLEDGE',
      'FORWARD',
      'INSTRUCT',
      'ACKNOWLEDGE',
    ]);
    const acks = await request(server)
      .get(`/deliveries/${provinceDelivery}/acknowledgements`)
      .set(head)
      .expect(200);
    expect(
      (acks.body as Array<{ acknowledgedAt: string | null }>).some((a) => a.acknowledgedAt),
    ).toBe(true);
    // A district's delivery of the province's forward: the department sent the letter above it.
    const [districtDelivery] = (
      await request(server)
        .get(`/circulars/${provinceCircular}/deliveries?limit=1`)
        .set(head)
        .expect(200)
    ).body.items as Array<{ id: string }>;
    for (const path of routes(districtDelivery.id)) {
      await request(server).get(path).set(head).expect(200);
    }

    // Another department, another province, one of the department's own divisions: refused.
    const tx = t.app.get(TransactionHost);
    const moi = org.get('moi')!;
    const other = await tx.repository(Organisation).save(
      tx.repository(Organisation).create({
        code: 'dopa-test',
        kind: 'department',
        nameTh: 'กรมการปกครอง (ทดสอบ)',
        parentId: moi.id,
        supervisorId: moi.id,
        path: `${moi.path}pending/`,
        depth: moi.depth + 1,
      }),
    );
    await tx.repository(Organisation).update(other.id, { path: `${moi.path}${other.id}/` });
    const beside = [
      await as('dopa-test', ['clerk', 'head']),
      auth.get('p-48')!,
      await as('dla-development', ['clerk', 'head']),
    ];
    const outcomes: string[] = [];
    for (const who of beside) {
      for (const path of [...routes(provinceDelivery), ...routes(districtDelivery.id)]) {
        const res = await request(server).get(path).set(who);
        if (res.status !== 403 || res.body.details[0].field !== 'organisation')
          outcomes.push(`${path}: ${res.status}`);
      }
    }
    expect(outcomes).toEqual([]);
    // Its sender reads a delivery's status, not the recipient's whole list.
    await request(server)
      .get(`/organisations/${org.get('p-47')!.id}/deliveries`)
      .set(head)
      .expect(403);
  });

  it('gives the loser of two concurrent transitions a 409 and writes nothing for it', async () => {
    const list = await request(server)
      .get(`/organisations/${org.get('p-48')!.id}/deliveries`)
      .set(auth.get('p-48')!)
      .expect(200);
    const id = list.body.items[0].id as string;
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        request(server).post(`/deliveries/${id}/receive`).set(auth.get('p-48')!).send({}),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const history = await request(server)
      .get(`/deliveries/${id}/history`)
      .set(auth.get('p-48')!)
      .expect(200);
    expect(history.body.map((h: { type: string }) => h.type)).toEqual(['SEND', 'RECEIVE']);
    const entries = await t.app
      .get(TransactionHost)
      .manager.query<unknown[]>(
        `SELECT 1 FROM register_entry e JOIN register r ON r.id = e.register_id WHERE r.organisation_id = $1`,
        [org.get('p-48')!.id],
      );
    expect(entries).toHaveLength(1);
  });

  it('recalls the circular: open deliveries are recalled down the tree, done ones stay', async () => {
    const res = await request(server)
      .post(`/circulars/${circularId}/recall`)
      .set(auth.get('dla')!)
      .send({ reason: 'ส่งผิดฉบับ' })
      .expect(201);
    expect(res.body.status).toBe('recalled');
    const progress = await request(server)
      .get(`/circulars/${circularId}/progress`)
      .set(auth.get('dla')!)
      .expect(200);
    expect(progress.body.total.byState.sent).toBe(0);
    expect(progress.body.total.byState.done).toBeGreaterThan(0);
    const done = await request(server)
      .post(`/deliveries/${provinceDelivery}/done`)
      .set(auth.get('p-47')!)
      .send({ note: 'x' })
      .expect(409);
    expect(done.body.details[0].rule).toBe('transitionAllowed');
  });

  it('replaces a circular with a corrected one: same recipients, old deliveries superseded', async () => {
    const two = [org.get('p-47')!.id, org.get('p-48')!.id];
    const first = await sendTo(two);
    const correction = {
      reason: 'แก้ไขกำหนดส่งข้อมูล',
      document: { ...circular307.document, deadline: '๓๑ มีนาคม ๒๕๖๖' },
      issuingUnitId: org.get('dla-development')!.id,
    };
    // A corrected deadline that has already passed is refused, and the circular stays.
    const refused = await request(server)
      .post(`/circulars/${first.body.id}/supersede`)
      .set(auth.get('dla')!)
      .send(correction)
      .expect(400);
    expect(refused.body.details[0]).toMatchObject({
      field: 'document.deadline',
      rule: 'notInPast',
    });
    expect(refused.body.details[0].message_th).toContain('๓๑ มีนาคม ๒๕๖๖ ๑๖:๓๐ น.');
    expect(refused.body.details[0].message_en).toContain('2023-03-31T16:30:00+07:00');
    const kept = await request(server)
      .get(`/circulars/${first.body.id}/deliveries`)
      .set(auth.get('dla')!)
      .expect(200);
    expect(kept.body.items.map((d: { state: string }) => d.state)).toEqual(['sent', 'sent']);
    const corrected = await request(server)
      .post(`/circulars/${first.body.id}/supersede`)
      .set(auth.get('dla')!)
      .send({ ...correction, allowPastDeadline: true })
      .expect(201);
    expect(corrected.body).toMatchObject({
      supersedesCircularId: first.body.id,
      recipientCount: 2,
      deadlineTh: 'วันศุกร์ที่ ๓๑ มีนาคม ๒๕๖๖',
    });
    const old = await request(server)
      .get(`/circulars/${first.body.id}/deliveries`)
      .set(auth.get('dla')!)
      .expect(200);
    expect(old.body.items.map((d: { state: string }) => d.state)).toEqual([
      'superseded',
      'superseded',
    ]);
    const again = await request(server)
      .post(`/circulars/${first.body.id}/supersede`)
      .set(auth.get('dla')!)
      .send({
        reason: 'อีกครั้ง',
        document: circular307.document,
        issuingUnitId: org.get('dla-development')!.id,
      })
      .expect(409);
    expect(again.body.details[0].rule).toBe('circularActive');
  });

  it('a corrected circular refers to the letter it replaces and keeps its enclosures unless it lists its own', async () => {
    const tx = t.app.get(TransactionHost);
    const partsOf = async (circularId: string) => {
      const [{ document_id: documentId }] = await tx.manager.query<Array<{ document_id: string }>>(
        `SELECT document_id FROM circular WHERE id = $1`,
        [circularId],
      );
      const references = await tx.manager.query<Array<{ referenced_document_id: string | null }>>(
        `SELECT referenced_document_id FROM document_reference WHERE document_id = $1 ORDER BY ord`,
        [documentId],
      );
      const enclosures = await tx.manager.query<Array<{ description: string }>>(
        `SELECT description FROM document_enclosure WHERE document_id = $1 ORDER BY ord`,
        [documentId],
      );
      return {
        documentId,
        references: references.map((r) => r.referenced_document_id),
        enclosures: enclosures.map((e) => e.description),
      };
    };
    const first = await sendTo([org.get('p-48')!.id]);
    const original = await partsOf(first.body.id as string);
    expect(original.enclosures).toHaveLength(2);
    const withoutEnclosures = { ...circular307.document, enclosures: undefined };
    const corrected = await request(server)
      .post(`/circulars/${first.body.id}/supersede`)
      .set(auth.get('dla')!)
      .send({
        reason: 'แก้ไขชื่อเรื่อง',
        document: { ...withoutEnclosures, subject: `${SUBJECT} (ฉบับแก้ไข)` },
        issuingUnitId: org.get('dla-development')!.id,
        allowPastDeadline: true,
      })
      .expect(201);
    const parts = await partsOf(corrected.body.id as string);
    expect(parts.references).toContain(original.documentId);
    expect(parts.enclosures).toEqual(original.enclosures);
    // Listing enclosures makes them the whole corrected letter's.
    const again = await request(server)
      .post(`/circulars/${corrected.body.id}/supersede`)
      .set(auth.get('dla')!)
      .send({
        reason: 'แก้ไขสิ่งที่ส่งมาด้วย',
        document: { ...withoutEnclosures, enclosures: [{ description: 'แบบรายงาน', count: 1 }] },
        issuingUnitId: org.get('dla-development')!.id,
        allowPastDeadline: true,
      })
      .expect(201);
    const last = await partsOf(again.body.id as string);
    expect(last.enclosures).toEqual(['แบบรายงาน']);
    expect(last.references).toContain(parts.documentId);
  });

  it('a correction keeps the deadline, reminders and issuing unit it does not restate; a repeated supersede or recall answers the first', async () => {
    const tx = t.app.get(TransactionHost);
    const first = await sendTo([org.get('p-48')!.id], {
      reminders: { workingDaysBefore: [2], graceWorkingDays: 3 },
    });
    const typo = {
      reason: 'แก้คำผิด',
      document: { ...circular307.document, deadline: undefined, subject: `${SUBJECT} (แก้คำผิด)` },
    };
    const corrected = await request(server)
      .post(`/circulars/${first.body.id}/supersede`)
      .set(auth.get('dla')!)
      .set('Idempotency-Key', 'supersede-typo-1')
      .send(typo)
      .expect(201);
    // The scenario's deadline is kept (not judged again as past), and so is the series of the
    // unit that numbered the letter.
    expect(corrected.body).toMatchObject({
      supersedesCircularId: first.body.id,
      deadlineTh: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    });
    expect(corrected.body.numberTh).toMatch(/^มท ๐๘๑๐\.๗\/ว [๐-๙]+$/);
    const [policy] = await tx.manager.query<
      Array<{ reminder_working_days_before: number[]; grace_working_days: number }>
    >(`SELECT reminder_working_days_before, grace_working_days FROM circular WHERE id = $1`, [
      corrected.body.id,
    ]);
    expect(policy).toEqual({ reminder_working_days_before: [2], grace_working_days: 3 });
    // The same request again (a retry): the first correction, not "already superseded".
    const repeated = await request(server)
      .post(`/circulars/${first.body.id}/supersede`)
      .set(auth.get('dla')!)
      .set('Idempotency-Key', 'supersede-typo-1')
      .send(typo)
      .expect(200);
    expect(repeated.body.id).toBe(corrected.body.id);

    const recall = { reason: 'ยกเลิกการขอข้อมูล', idempotencyKey: 'recall-typo-1' };
    const recalled = await request(server)
      .post(`/circulars/${corrected.body.id}/recall`)
      .set(auth.get('dla')!)
      .send(recall)
      .expect(201);
    expect(recalled.body.status).toBe('recalled');
    const recalledAgain = await request(server)
      .post(`/circulars/${corrected.body.id}/recall`)
      .set(auth.get('dla')!)
      .send(recall)
      .expect(201);
    expect(recalledAgain.body).toMatchObject({ id: corrected.body.id, status: 'recalled' });
    // Another request (another key) is told it is recalled already.
    const other = await request(server)
      .post(`/circulars/${corrected.body.id}/recall`)
      .set(auth.get('dla')!)
      .send({ ...recall, idempotencyKey: 'recall-typo-2' })
      .expect(409);
    expect(other.body.details[0].rule).toBe('circularActive');
  });

  it('cites the parent letter once in a forward, by its number and date', async () => {
    const tx = t.app.get(TransactionHost);
    const { circular, delivery } = await receivedBySakon();
    const [parent] = await tx.manager.query<
      Array<{ document_id: string; number_text: string; letter_date: string }>
    >(
      `SELECT c.document_id, d.number_text, to_char(d.letter_date, 'YYYY-MM-DD') AS letter_date
         FROM circular c JOIN document d ON d.id = c.document_id WHERE c.id = $1`,
      [circular],
    );
    const referencesOf = async (circularId: string) =>
      tx.manager.query<
        Array<{
          referenced_document_id: string | null;
          cited_number: string | null;
          cited_date: string | null;
        }>
      >(
        `SELECT r.referenced_document_id, r.cited_number, to_char(r.cited_date, 'YYYY-MM-DD') AS cited_date
           FROM document_reference r JOIN circular c ON c.document_id = r.document_id
          WHERE c.id = $1 ORDER BY r.ord`,
        [circularId],
      );
    // The clerk types the department's number, in Thai digits, as the scenario's letter does.
    const forward = (references: unknown[]) => forwardFromSakon(delivery, { references });
    const typed = await forward([{ number: toThaiDigits(parent.number_text) }]);
    expect(await referencesOf(typed.body.id as string)).toEqual([
      {
        referenced_document_id: parent.document_id,
        cited_number: parent.number_text,
        cited_date: parent.letter_date,
      },
    ]);
    // Not typed: added, with the number and date a reader needs.
    const added = await forward([{ number: 'สน ๐๐๒๓.๓/ว ๕๑๓๔', date: '๒๔ มีนาคม ๒๕๖๕' }]);
    expect(await referencesOf(added.body.id as string)).toEqual([
      { referenced_document_id: null, cited_number: 'สน 0023.3/ว 5134', cited_date: '2022-03-24' },
      {
        referenced_document_id: parent.document_id,
        cited_number: parent.number_text,
        cited_date: parent.letter_date,
      },
    ]);
  });

  it('gives forwards without a date the deadline their circular is given later; refuses a classified circular', async () => {
    const { circular, delivery } = await receivedBySakon({
      document: { ...circular307.document, deadline: undefined },
    });
    const forwarded = await forwardFromSakon(delivery);
    expect(forwarded.body.deadline).toBeNull();
    // A working day three weeks or so ahead, with its time (taken as written).
    const ahead = new Date(Date.now() + 21 * 86_400_000);
    const deadline = `${ahead.toISOString().slice(0, 10)}T16:30:00+07:00`;
    await request(server)
      .post(`/circulars/${circular}/deadline`)
      .set(auth.get('dla')!)
      .send({ deadline, reason: 'กำหนดวันส่งข้อมูล' })
      .expect(201);
    const forward = await request(server)
      .get(`/circulars/${forwarded.body.id}`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(new Date(forward.body.deadline as string).getTime()).toBe(new Date(deadline).getTime());

    const classified = await request(server)
      .post(`/organisations/${org.get('dla')!.id}/circulars`)
      .set(auth.get('dla')!)
      .send({
        ...circular307,
        document: { ...circular307.document, secrecy: 'ลับ' },
        selectors: undefined,
        organisationIds: [org.get('p-48')!.id],
      })
      .expect(400);
    expect(classified.body.details[0]).toMatchObject({
      field: 'document.secrecy',
      rule: 'notClassified',
    });
    expect(classified.body.details[0].message_th).toContain('ชั้นความลับ (ลับ)');
  });

  it('carries a file enclosure of the parent letter into the forward', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const file = await request(server)
      .post(`/organisations/${org.get('dla')!.id}/files`)
      .set(auth.get('dla')!)
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', encodeURIComponent('คู่มือ.pdf'))
      .send(pdf)
      .expect(201);
    const { delivery } = await receivedBySakon({
      document: {
        ...circular307.document,
        enclosures: [{ description: 'คู่มือ (ไฟล์)', count: 1, fileId: file.body.id }],
      },
    });
    const forward = await forwardFromSakon(delivery);
    const enclosures = await t.app
      .get(TransactionHost)
      .manager.query<Array<{ file_id: string | null; description: string }>>(
        `SELECT file_id, description FROM document_enclosure WHERE document_id = $1 ORDER BY ord`,
        [forward.body.documentId],
      );
    expect(enclosures).toEqual([{ file_id: file.body.id, description: 'คู่มือ (ไฟล์)' }]);
  });
  it('gives the losers of concurrent forwards a 409: one number per forward made, none lost', async () => {
    const { delivery } = await receivedBySakon();
    const unit = org.get('plao-47-g6')!.id;
    const numbered = async (): Promise<number[]> =>
      (
        await t.app.get(TransactionHost).manager.query<Array<{ number: number }>>(
          `SELECT e.number FROM register_entry e JOIN register r ON r.id = e.register_id
            WHERE r.organisation_id = $1 AND r.series = 'circular' ORDER BY e.number`,
          [unit],
        )
      ).map((row) => row.number);
    const before = await numbered();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        request(server)
          .post(`/deliveries/${delivery}/forward`)
          .set(auth.get('p-47')!)
          .send({
            document: { type: 'external_letter', issuerName: 'จังหวัดสกลนคร', subject: SUBJECT },
            issuingUnitId: unit,
            organisationIds: [org.get('d-4701')!.id],
          }),
      ),
    );
    // A province may forward the same letter again (to other recipients), so forwards that do
    // not overlap all succeed; overlapping ones lose with a 409 and write nothing.
    const won = results.filter((r) => r.status === 201).length;
    expect(won).toBeGreaterThanOrEqual(1);
    for (const lost of results.filter((r) => r.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(lost.body.details[0].field).toBe('version');
    }
    const after = await numbered();
    // One number per forward that won, right after the last one: no gap, no number taken by
    // a loser (its number rolled back with everything else it wrote).
    const last = before.at(-1) ?? 0;
    expect(after).toEqual([...before, ...Array.from({ length: won }, (_, i) => last + i + 1)]);
    const children = await t.app
      .get(TransactionHost)
      .manager.query<unknown[]>(`SELECT 1 FROM circular WHERE parent_delivery_id = $1`, [delivery]);
    expect(children).toHaveLength(won);
    const history = await request(server)
      .get(`/deliveries/${delivery}/history`)
      .set(auth.get('p-47')!)
      .expect(200);
    expect(history.body.map((h: { type: string }) => h.type)).toEqual([
      'SEND',
      'RECEIVE',
      ...Array.from({ length: won }, () => 'FORWARD'),
    ]);
  });
  it('lets the organisations a circular reached read its letter and enclosures, and its senders read the evidence, refusing everyone beside them', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const refused = async (path: string, who: Auth) => {
      const res = await request(server).get(path).set(who).expect(403);
      expect(res.body.details[0]).toMatchObject({
        field: 'organisation',
        message_th: expect.any(String),
        message_en: expect.any(String),
      });
    };
    const enclosure = await request(server)
      .post(`/organisations/${org.get('dla')!.id}/files`)
      .set(auth.get('dla')!)
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', encodeURIComponent('คู่มือ.pdf'))
      .send(pdf)
      .expect(201);
    const file = `/files/${enclosure.body.id}`;
    const sent = await receivedBySakon({
      document: {
        ...circular307.document,
        enclosures: [{ description: 'คู่มือ (ไฟล์)', count: 1, fileId: enclosure.body.id }],
      },
    });
    // The province downloads the department's enclosure; another province does not.
    const downloaded = await request(server).get(file).set(auth.get('p-47-viewer')!).expect(200);
    expect(Buffer.from(downloaded.body as Buffer).equals(pdf)).toBe(true);
    await refused(file, auth.get('p-48')!);

    const forward = await request(server)
      .post(`/deliveries/${sent.delivery}/forward`)
      .set(auth.get('p-47')!)
      .send({
        document: { type: 'external_letter', issuerName: 'จังหวัดสกลนคร', subject: SUBJECT },
        issuingUnitId: org.get('plao-47-g6')!.id,
        organisationIds: [org.get('d-4701')!.id],
      })
      .expect(201);
    const letter = `/documents/${forward.body.documentId}`;
    const circular = `/circulars/${forward.body.id}`;
    // The district reads the letter forwarded to it, the circular and the enclosure carried.
    const d4701 = await as('d-4701', ['clerk']);
    const letterRead = await request(server).get(letter).set(d4701).expect(200);
    expect(letterRead.body.enclosures).toEqual([
      expect.objectContaining({ fileId: enclosure.body.id }),
    ]);
    await request(server).get(circular).set(d4701).expect(200);
    await request(server).get(file).set(d4701).expect(200);
    // The department sees its tree: the province's forward, its progress and its letter.
    await request(server).get(circular).set(auth.get('dla')!).expect(200);
    await request(server).get(`${circular}/progress`).set(auth.get('dla')!).expect(200);
    await request(server).get(letter).set(auth.get('dla')!).expect(200);
    // …but acts only on its own circulars.
    await request(server)
      .post(`${circular}/recall`)
      .set(auth.get('dla')!)
      .send({ reason: 'ทดสอบ' })
      .expect(403);
    // A district the letter was not sent to, and another province, read nothing of it.
    const d4702 = await as('d-4702', ['clerk', 'head', 'officer']);
    for (const who of [d4702, auth.get('p-48')!]) {
      await refused(letter, who);
      await refused(circular, who);
      await refused(file, who);
    }

    // The district forwards to its local governments; one of them reports with a file.
    const [district] = (
      await request(server).get(`${circular}/deliveries`).set(auth.get('p-47')!).expect(200)
    ).body.items as Array<{ id: string }>;
    const d4701Clerk = await as('d-4701', ['clerk', 'head']);
    await request(server)
      .post(`/deliveries/${district.id}/receive`)
      .set(d4701Clerk)
      .send({})
      .expect(201);
    const lgs = await request(server)
      .post(`/deliveries/${district.id}/forward`)
      .set(d4701Clerk)
      .send({
        document: { type: 'external_letter', issuerName: 'อำเภอเมืองสกลนคร', subject: SUBJECT },
        selectors: [{ kind: 'local_governments', organisationId: org.get('d-4701')!.id }],
      })
      .expect(201);
    const lgDeliveries = (
      await request(server).get(`/circulars/${lgs.body.id}/deliveries`).set(d4701).expect(200)
    ).body.items as Array<{ id: string; recipientOrganisationId: number }>;
    expect(lgDeliveries.length).toBeGreaterThan(1);
    const [reporting, other] = lgDeliveries.map((d) => ({
      ...d,
      code: [...org.values()].find((o) => o.id === d.recipientOrganisationId)!.code,
    }));
    await request(server)
      .post(`/deliveries/${reporting.id}/receive`)
      .set(await as(reporting.code, ['clerk']))
      .send({})
      .expect(201);
    const officer = await as(reporting.code, ['officer']);
    await request(server)
      .post(`/deliveries/${reporting.id}/acknowledge`)
      .set(officer)
      .send({})
      .expect(201);
    // An officer may not upload the organisation's files (register.write), but may upload the
    // evidence of a report it may make (delivery.act).
    await request(server)
      .post(`/organisations/${reporting.recipientOrganisationId}/files`)
      .set(officer)
      .set('Content-Type', 'application/pdf')
      .send(pdf)
      .expect(403);
    const evidence = await request(server)
      .post(`/deliveries/${reporting.id}/evidence-files`)
      .set(officer)
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', encodeURIComponent('ภาพหน้าจอ INFO.pdf'))
      .send(pdf)
      .expect(201);
    expect(evidence.body).toMatchObject({
      organisationId: reporting.recipientOrganisationId,
      originalName: 'ภาพหน้าจอ INFO.pdf',
    });
    const done = await request(server)
      .post(`/deliveries/${reporting.id}/done`)
      .set(officer)
      .send({ note: 'บันทึกข้อมูลแล้ว', evidence: { fileId: evidence.body.id } })
      .expect(201);
    expect(done.body.doneEvidence).toEqual({ fileId: evidence.body.id });
    // The history keeps what was reported with the report.
    const history = await request(server)
      .get(`/deliveries/${reporting.id}/history`)
      .set(officer)
      .expect(200);
    expect(
      (history.body as Array<{ type: string; payload: unknown }>).find(
        (e) => e.type === 'REPORT_DONE',
      )?.payload,
    ).toEqual({ note: 'บันทึกข้อมูลแล้ว', evidence: { fileId: evidence.body.id } });
    // Another local government's official cannot upload evidence for this delivery.
    await request(server)
      .post(`/deliveries/${reporting.id}/evidence-files`)
      .set(await as(other.code, ['officer']))
      .set('Content-Type', 'application/pdf')
      .send(pdf)
      .expect(403);
    // The sender (the district) and the senders above it read the evidence; the province
    // beside them and another local government of the same letter do not.
    const proof = `/files/${evidence.body.id}`;
    for (const who of [d4701, auth.get('p-47-viewer')!, auth.get('dla')!]) {
      await request(server).get(proof).set(who).expect(200);
    }
    await request(server).get(proof).set(officer).expect(200);
    await refused(proof, auth.get('p-48')!);
    await refused(proof, await as(other.code, ['clerk', 'officer']));
    await refused(proof, d4702);
    // Once the sender closes the delivery, no more evidence is taken.
    await request(server)
      .post(`/circulars/${lgs.body.id}/deliveries/${reporting.id}/close`)
      .set(d4701Clerk)
      .expect(201);
    const closed = await request(server)
      .post(`/deliveries/${reporting.id}/evidence-files`)
      .set(officer)
      .set('Content-Type', 'application/pdf')
      .send(pdf)
      .expect(409);
    expect(closed.body.details[0]).toMatchObject({ field: 'state', rule: 'reportOpen' });
  });

  it.each(['own_and_forwarded', 'own_only'] as const)(
    'rolls progress up by the circular’s rule (%s), for the whole tree and for a forward’s subtree',
    async (rollupRule) => {
      const sent = await receivedBySakon({ rollupRule });
      const province = sent.delivery;
      const p47 = auth.get('p-47')!;
      const forward = await request(server)
        .post(`/deliveries/${province}/forward`)
        .set(p47)
        .send({
          document: { type: 'external_letter', issuerName: 'จังหวัดสกลนคร', subject: SUBJECT },
          issuingUnitId: org.get('plao-47-g6')!.id,
          organisationIds: [org.get('d-4701')!.id],
        })
        .expect(201);
      await request(server)
        .post(`/deliveries/${province}/done`)
        .set(p47)
        .send({ note: 'แจ้งอำเภอแล้ว' })
        .expect(201);
      const progress = async (circular: string, who = auth.get('dla')!) =>
        (await request(server).get(`/circulars/${circular}/progress`).set(who).expect(200))
          .body as {
          total: { deliveries: number; complete: number; byState: Record<string, number> };
          levels: Array<{ level: string; deliveries: number; complete: number }>;
        };
      // The province has done its own part; the district it forwarded to has not.
      const before = await progress(sent.circular);
      expect(before.total).toMatchObject({
        deliveries: 2,
        complete: rollupRule === 'own_only' ? 1 : 0,
      });
      expect(before.total.byState).toMatchObject({ done: 1, sent: 1 });
      // The forward's own progress covers its subtree only: the district.
      const subtree = await progress(forward.body.id, p47);
      expect(subtree.total).toMatchObject({ deliveries: 1, complete: 0 });
      expect(subtree.levels).toEqual([
        expect.objectContaining({ level: 'districts', deliveries: 1 }),
      ]);

      const [district] = (
        await request(server).get(`/circulars/${forward.body.id}/deliveries`).set(p47).expect(200)
      ).body.items as Array<{ id: string }>;
      const d4701 = await as('d-4701', ['clerk', 'head', 'officer']);
      await request(server)
        .post(`/deliveries/${district.id}/receive`)
        .set(d4701)
        .send({})
        .expect(201);
      await request(server)
        .post(`/deliveries/${district.id}/acknowledge`)
        .set(d4701)
        .send({})
        .expect(201);
      await request(server)
        .post(`/deliveries/${district.id}/done`)
        .set(d4701)
        .send({ note: 'ดำเนินการแล้ว' })
        .expect(201);
      const after = await progress(sent.circular);
      expect(after.total).toMatchObject({ deliveries: 2, complete: 2 });
      expect((await progress(forward.body.id, p47)).total).toMatchObject({
        deliveries: 1,
        complete: 1,
      });
    },
  );
});
