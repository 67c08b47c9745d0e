import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditChains } from '@wian/audit';
import { CirculationService, DeliveryActions, DeliveryTransitions } from '@wian/circulation';
import { ApiException } from '@wian/http';
import { Organisation } from '@wian/hierarchy';
import type { UserActor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import { RegisterDirectory } from '@wian/registers';
import { seedActor, userActorOf } from '../support/identity-factory.js';
import { statementsOf } from '../support/statements.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

/**
 * Commands that arrive together share statements (DeliveryTransitions, Coalescer): a batch of
 * receipts by many organisations is one statement, yet each command keeps its own outcome,
 * number, history and audit row, and one command's refusal touches no other.
 */
describe(`transitions written together (${engine})`, () => {
  let t: TestApp;
  let tx: TransactionHost;
  let actions: DeliveryActions;
  let org: Map<string, Organisation>;
  const officials = new Map<string, UserActor>();

  beforeAll(async () => {
    t = await startTestApi();
    tx = t.app.get(TransactionHost);
    actions = t.app.get(DeliveryActions);
    org = new Map((await tx.repository(Organisation).find()).map((o) => [o.code, o]));
  });

  afterAll(async () => {
    await t.close();
  });

  async function officialOf(code: string): Promise<UserActor> {
    let actor = officials.get(code);
    if (actor === undefined) {
      const seeded = await seedActor(t.app, { organisation: code, roles: ['clerk', 'officer'] });
      actor = userActorOf(seeded, ['clerk', 'officer']);
      officials.set(code, actor);
    }
    return actor;
  }

  /** One department circular to `codes`; its deliveries by recipient code. */
  async function send(codes: string[]): Promise<Map<string, string>> {
    const { circular } = await t.app.get(CirculationService).send(
      org.get('dla')!.id,
      {
        document: {
          type: 'external_letter',
          issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
          subject: 'ทดสอบการลงรับพร้อมกัน',
        },
        issuingUnitId: org.get('dla-development')!.id,
        organisationIds: codes.map((c) => org.get(c)!.id),
      },
      null,
    );
    const rows = await tx.manager.query<Array<{ id: string; recipient_organisation_id: number }>>(
      `SELECT id, recipient_organisation_id FROM delivery WHERE circular_id = $1`,
      [circular.id],
    );
    const codeOf = new Map([...org.values()].map((o) => [o.id, o.code]));
    return new Map(rows.map((r) => [codeOf.get(r.recipient_organisation_id)!, r.id]));
  }

  async function numbersOf(code: string): Promise<number[]> {
    const rows = await tx.manager.query<Array<{ number: number }>>(
      `SELECT e.number FROM register_entry e JOIN register r ON r.id = e.register_id
        WHERE r.organisation_id = $1 AND r.kind = 'receipt' ORDER BY e.number`,
      [org.get(code)!.id],
    );
    return rows.map((r) => r.number);
  }

  const provinces = ['p-47', 'p-48', 'p-41', 'p-42', 'p-43', 'p-44', 'p-45', 'p-46'];

  it('receives, acknowledges and reports done for many organisations at once, each on its own', async () => {
    const deliveries = await send(provinces);
    const actors = await Promise.all(provinces.map((c) => officialOf(c)));
    const before = await Promise.all(provinces.map((c) => numbersOf(c)));
    let received: Awaited<ReturnType<DeliveryActions['receive']>>[] = [];
    const sent = await statementsOf(async () => {
      received = await Promise.all(
        provinces.map((c, i) => actions.receive(deliveries.get(c)!, { action: 'ทราบ' }, actors[i])),
      );
    });
    if (engine === 'postgres') {
      // Eight receipts arrived together: far fewer than eight reads and eight writes.
      const writes = sent.filter((text) => text.includes('rc_doc AS'));
      expect(writes.length).toBeGreaterThanOrEqual(1);
      expect(writes.length).toBeLessThan(provinces.length);
      expect(sent.length).toBeLessThan(2 * provinces.length);
    }
    for (const [i, outcome] of received.entries()) {
      expect(outcome.replayed).toBe(false);
      expect(outcome.delivery.state).toBe('received');
      expect(outcome.delivery.recipientOrganisationId).toBe(org.get(provinces[i])!.id);
      expect(outcome.delivery.receiptEntryId).toEqual(expect.any(String));
    }
    // Each organisation's next number in its own register, linked from its own delivery.
    for (const [i, code] of provinces.entries()) {
      const last = before[i].at(-1) ?? 0;
      expect(await numbersOf(code)).toEqual([...before[i], last + 1]);
      const [line] = await tx.manager.query<Array<{ organisation_id: number; number: number }>>(
        `SELECT r.organisation_id, e.number FROM delivery d
           JOIN register_entry e ON e.id = d.receipt_entry_id JOIN register r ON r.id = e.register_id
          WHERE d.id = $1`,
        [deliveries.get(code)],
      );
      expect(line).toEqual({ organisation_id: org.get(code)!.id, number: last + 1 });
    }
    const acknowledged = await Promise.all(
      provinces.map((c, i) => actions.acknowledge(deliveries.get(c)!, { note: 'ทราบ' }, actors[i])),
    );
    expect(acknowledged.map((a) => a.delivery.state)).toEqual(provinces.map(() => 'acknowledged'));
    const done = await Promise.all(
      provinces.map((c, i) =>
        actions.reportDone(deliveries.get(c)!, { note: `รายงานจาก ${c}` }, actors[i]),
      ),
    );
    expect(done.map((d) => d.delivery.doneNote)).toEqual(provinces.map((c) => `รายงานจาก ${c}`));
    // Each delivery's own history, acknowledgement and outbox rows, nothing of another's.
    for (const [i, code] of provinces.entries()) {
      const id = deliveries.get(code)!;
      const history = await tx.manager.query<Array<{ type: string; actor_user_id: string }>>(
        `SELECT type, actor_user_id FROM delivery_event WHERE delivery_id = $1 ORDER BY seq`,
        [id],
      );
      expect(history.map((h) => h.type)).toEqual(['SEND', 'RECEIVE', 'ACKNOWLEDGE', 'REPORT_DONE']);
      expect(history.slice(1).map((h) => h.actor_user_id)).toEqual([
        actors[i].userId,
        actors[i].userId,
        actors[i].userId,
      ]);
      const acks = await tx.manager.query<Array<{ user_id: string }>>(
        `SELECT user_id FROM delivery_acknowledgement WHERE delivery_id = $1`,
        [id],
      );
      expect(acks).toEqual([{ user_id: actors[i].userId }]);
      const outbox = await tx.manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM outbox_message
          WHERE job_name = 'delivery.transitioned' AND payload->>'deliveryId' = $1`,
        [id],
      );
      expect(outbox[0].n).toBe(2); // RECEIVE and REPORT_DONE are published
    }
    expect(await verifyAuditChains(tx.manager)).toMatchObject({ ok: true });
  });

  it('numbers receipts of one organisation arriving together without a gap', async () => {
    const circulars = await Promise.all([1, 2, 3, 4, 5].map(() => send(['p-47', 'p-48'])));
    const actors = await Promise.all(['p-47', 'p-48'].map((c) => officialOf(c)));
    const before = await Promise.all(['p-47', 'p-48'].map((c) => numbersOf(c)));
    let outcomes: Awaited<ReturnType<DeliveryActions['receive']>>[] = [];
    const sent = await statementsOf(async () => {
      outcomes = await Promise.all(
        circulars.flatMap((d) => [
          actions.receive(d.get('p-47')!, {}, actors[0]),
          actions.receive(d.get('p-48')!, {}, actors[1]),
        ]),
      );
    });
    expect(outcomes.every((o) => o.delivery.state === 'received')).toBe(true);
    if (engine === 'postgres') {
      // Two receipts of one register never share a statement, but each goes with one of the
      // other organisation's: five statements for ten receipts, not ten.
      const writes = sent.filter((text) => text.includes('rc_doc AS'));
      expect(writes.length).toBeLessThan(10);
    }
    for (const [k, code] of ['p-47', 'p-48'].entries()) {
      const last = before[k].at(-1) ?? 0;
      expect(await numbersOf(code)).toEqual([
        ...before[k],
        ...[1, 2, 3, 4, 5].map((n) => last + n),
      ]);
    }
    expect(await verifyAuditChains(tx.manager)).toMatchObject({ ok: true });
  });

  it('refuses only the commands that are wrong, when they arrive with good ones', async () => {
    const deliveries = await send(provinces);
    const actors = await Promise.all(provinces.map((c) => officialOf(c)));
    // p-47 acknowledges before receiving (refused by its state), p-48 names no delivery at all,
    // p-41 receives twice at once (one wins); the others simply receive.
    const settled = await Promise.allSettled([
      actions.acknowledge(deliveries.get('p-47')!, {}, actors[0]),
      actions.receive('00000000-0000-4000-8000-000000000000', {}, actors[1]),
      actions.receive(deliveries.get('p-41')!, {}, actors[2]),
      actions.receive(deliveries.get('p-41')!, {}, actors[2]),
      ...provinces.slice(3).map((c, i) => actions.receive(deliveries.get(c)!, {}, actors[i + 3])),
    ]);
    const status = (s: PromiseSettledResult<unknown>): number | 'ok' =>
      s.status === 'fulfilled' ? 'ok' : (s.reason as ApiException).getStatus();
    expect(status(settled[0])).toBe(409);
    expect(status(settled[1])).toBe(404);
    expect([status(settled[2]), status(settled[3])].sort()).toEqual([409, 'ok']);
    expect(settled.slice(4).map(status)).toEqual(provinces.slice(3).map(() => 'ok'));
    const states = await tx.manager.query<Array<{ id: string; state: string }>>(
      `SELECT id, state FROM delivery WHERE id = ANY($1::uuid[])`,
      [[...deliveries.values()]],
    );
    const stateOf = new Map(states.map((s) => [s.id, s.state]));
    expect(stateOf.get(deliveries.get('p-47')!)).toBe('sent');
    expect(stateOf.get(deliveries.get('p-48')!)).toBe('sent');
    expect(stateOf.get(deliveries.get('p-41')!)).toBe('received');
    // The loser of the two receives took no number: one RECEIVE, one line.
    const lines = await tx.manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM register_entry e JOIN circular c ON c.document_id = e.document_id
        JOIN delivery d ON d.circular_id = c.id WHERE d.id = $1
         AND e.register_id IN (SELECT id FROM register WHERE organisation_id = $2)`,
      [deliveries.get('p-41'), org.get('p-41')!.id],
    );
    expect(lines[0].n).toBe(1);
    expect(await verifyAuditChains(tx.manager)).toMatchObject({ ok: true });
  });

  /** A province's circular series: the numbers of its issuer's dispatch lines, in order. */
  async function dispatchNumbersOf(code: string): Promise<number[]> {
    const rows = await tx.manager.query<Array<{ number: number }>>(
      `SELECT e.number FROM register_entry e JOIN register r ON r.id = e.register_id
        WHERE r.organisation_id = $1 AND r.kind = 'dispatch' AND r.series = 'circular'
        ORDER BY e.number`,
      [org.get(code)!.id],
    );
    return rows.map((r) => r.number);
  }

  it('writes the forwards of many organisations at once together, each its own letter, number, deliveries and audit rows', async () => {
    const deliveries = await send(provinces);
    const actors = await Promise.all(provinces.map((c) => officialOf(c)));
    await Promise.all(provinces.map((c, i) => actions.receive(deliveries.get(c)!, {}, actors[i])));
    // Half number their letter themselves, half through their provincial office's group 6
    // (another audit chain): two shapes of statement.
    const issuerOf = (code: string, i: number): string =>
      i % 2 === 0 ? code : `plao-${code.slice(2)}-g6`;
    const before = await Promise.all(provinces.map((c, i) => dispatchNumbersOf(issuerOf(c, i))));
    const circulation = t.app.get(CirculationService);
    let forwarded: Awaited<ReturnType<CirculationService['forward']>>[] = [];
    const sent = await statementsOf(async () => {
      forwarded = await Promise.all(
        provinces.map((c, i) =>
          circulation.forward(
            deliveries.get(c)!,
            {
              document: {
                type: 'external_letter',
                issuerName: `ศาลากลาง${org.get(c)!.nameTh}`,
                subject: 'ทดสอบการส่งต่อพร้อมกัน',
                deadline: '2099-12-30',
              },
              issuingUnitId: org.get(issuerOf(c, i))!.id,
              selectors: [{ kind: 'districts_of_province', organisationId: org.get(c)!.id }],
              allowDistantDeadline: true,
            } as never,
            actors[i],
          ),
        ),
      );
    });
    if (engine === 'postgres') {
      const writes = sent.filter((text) => text.includes('INSERT INTO circular'));
      expect(writes.length).toBeGreaterThanOrEqual(2);
      expect(writes.length).toBeLessThan(provinces.length);
    }
    for (const [i, code] of provinces.entries()) {
      const { circular, created } = forwarded[i];
      expect(created).toBe(true);
      expect(circular).toMatchObject({
        senderOrganisationId: org.get(code)!.id,
        parentDeliveryId: deliveries.get(code),
        depth: 1,
      });
      // The issuer's next circular number, on the letter and on its dispatch line.
      const last = before[i].at(-1) ?? 0;
      expect(await dispatchNumbersOf(issuerOf(code, i))).toEqual([...before[i], last + 1]);
      const [letter] = await tx.manager.query<
        Array<{ number_running: number; issuing_organisation_id: number; references: number }>
      >(
        `SELECT d.number_running, d.issuing_organisation_id,
                (SELECT count(*)::int FROM document_reference r WHERE r.document_id = d.id) AS "references"
           FROM document d WHERE d.id = $1`,
        [circular.documentId],
      );
      expect(letter).toEqual({
        number_running: last + 1,
        issuing_organisation_id: org.get(issuerOf(code, i))!.id,
        references: 1, // the department's letter
      });
      // Its own deliveries (every district of the province), each with its SEND history row.
      const [counts] = await tx.manager.query<
        Array<{
          deliveries: number;
          outside: number;
          history: number;
          outbox: number;
          jobs: number;
        }>
      >(
        `SELECT count(*)::int AS deliveries,
                count(*) FILTER (WHERE o.province_id <> $2 OR o.kind <> 'district')::int AS outside,
                (SELECT count(*)::int FROM delivery_event e JOIN delivery x ON x.id = e.delivery_id
                  WHERE x.circular_id = $1 AND e.type = 'SEND') AS history,
                (SELECT count(*)::int FROM outbox_message m
                  WHERE m.payload->>'circularId' = $1::text AND m.job_name = 'circular.sent') AS outbox,
                (SELECT count(*)::int FROM scheduled_job j WHERE j.circular_id = $1) AS jobs
           FROM delivery d JOIN organisation o ON o.id = d.recipient_organisation_id
          WHERE d.circular_id = $1`,
        [circular.id, org.get(code)!.id],
      );
      expect(counts.deliveries).toBe(circular.recipientCount);
      expect(counts.deliveries).toBeGreaterThan(0);
      expect(counts).toMatchObject({
        outside: 0,
        history: counts.deliveries,
        // The recipients' notices: one job for the circular.
        outbox: 1,
      });
      expect(counts.jobs).toBeGreaterThan(0);
      // The parent delivery forwarded when the circular was written, with one FORWARD.
      const [parent] = await tx.manager.query<
        Array<{ state: string; forwarded_at: Date; forwards: number }>
      >(
        `SELECT state, forwarded_at, (SELECT count(*)::int FROM delivery_event e
                  WHERE e.delivery_id = d.id AND e.type = 'FORWARD') AS forwards
           FROM delivery d WHERE d.id = $1`,
        [deliveries.get(code)],
      );
      expect(parent).toMatchObject({ state: 'forwarded', forwards: 1 });
      expect(new Date(parent.forwarded_at).getTime()).toBe(circular.createdAt.getTime());
      const audit = await tx.manager.query<Array<{ action: string; organisation_id: number }>>(
        `SELECT action, organisation_id FROM audit_event
          WHERE entity_id = $1 OR (entity_id = $2 AND action = 'document.draft')`,
        [circular.id, circular.documentId],
      );
      expect(audit).toEqual(
        expect.arrayContaining([
          { action: 'circular.forward', organisation_id: org.get(code)!.id },
          { action: 'document.draft', organisation_id: org.get(issuerOf(code, i))!.id },
        ]),
      );
    }
    expect(await verifyAuditChains(tx.manager)).toMatchObject({ ok: true });
  });

  it('numbers forwards of one organisation arriving together without a gap, and refuses a wrong one alone', async () => {
    const circulars = await Promise.all([1, 2, 3].map(() => send(['p-47', 'p-48'])));
    const p47 = await officialOf('p-47');
    const p48 = await officialOf('p-48');
    await Promise.all(
      circulars.flatMap((d) => [
        actions.receive(d.get('p-47')!, {}, p47),
        actions.receive(d.get('p-48')!, {}, p48),
      ]),
    );
    const before47 = await dispatchNumbersOf('p-47');
    const before48 = await dispatchNumbersOf('p-48');
    const body = (code: string, extra: Record<string, unknown> = {}): never =>
      ({
        document: {
          type: 'external_letter',
          issuerName: `ศาลากลาง${org.get(code)!.nameTh}`,
          subject: 'ทดสอบการส่งต่อพร้อมกัน',
          ...extra,
        },
        selectors: [{ kind: 'districts_of_province', organisationId: org.get(code)!.id }],
      }) as never;
    const circulation = t.app.get(CirculationService);
    // p-47 forwards three letters at once; p-48 two good ones and one naming a file that does
    // not exist (found only by the shared statement's guard).
    const settled = await Promise.allSettled([
      ...circulars.map((d) => circulation.forward(d.get('p-47')!, body('p-47'), p47)),
      circulation.forward(circulars[0].get('p-48')!, body('p-48'), p48),
      circulation.forward(
        circulars[1].get('p-48')!,
        body('p-48', {
          enclosures: [
            { description: 'ไฟล์', count: 1, fileId: '00000000-0000-4000-8000-000000000000' },
          ],
        }),
        p48,
      ),
      circulation.forward(circulars[2].get('p-48')!, body('p-48'), p48),
    ]);
    const status = (s: PromiseSettledResult<unknown>): number | 'ok' =>
      s.status === 'fulfilled' ? 'ok' : (s.reason as ApiException).getStatus();
    expect(settled.map(status)).toEqual(['ok', 'ok', 'ok', 'ok', 404, 'ok']);
    const last47 = before47.at(-1) ?? 0;
    const last48 = before48.at(-1) ?? 0;
    expect(await dispatchNumbersOf('p-47')).toEqual([
      ...before47,
      last47 + 1,
      last47 + 2,
      last47 + 3,
    ]);
    // The refused forward took no number and left its delivery as it was.
    expect(await dispatchNumbersOf('p-48')).toEqual([...before48, last48 + 1, last48 + 2]);
    const [refused] = await tx.manager.query<Array<{ state: string; circulars: number }>>(
      `SELECT d.state, (SELECT count(*)::int FROM circular c WHERE c.parent_delivery_id = d.id) AS circulars
         FROM delivery d WHERE d.id = $1`,
      [circulars[1].get('p-48')],
    );
    expect(refused).toEqual({ state: 'received', circulars: 0 });
    expect(await verifyAuditChains(tx.manager)).toMatchObject({ ok: true });
  });

  it('finds one central and one dispatch register when an organisation’s first letters race to create them', async () => {
    const directory = t.app.get(RegisterDirectory);
    const [first, second] = [org.get('d-4701')!.id, org.get('d-4702')!.id];
    // Six lookups of each in six turns of the event loop: separate statements, all creating
    // the defaults at once.
    const race = <T>(look: () => Promise<T>): Promise<T[]> =>
      Promise.all(
        [1, 2, 3, 4, 5, 6].map(async (n) => {
          for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
          return look();
        }),
      );
    const [central, dispatch] = await Promise.all([
      race(() => directory.centralReceiptRegister(first)),
      race(() => directory.dispatchRegister(second, 'circular')),
    ]);
    const stored = async (organisationId: number, where: string): Promise<string[]> =>
      (
        await tx.manager.query<Array<{ id: string }>>(
          `SELECT id FROM register WHERE organisation_id = $1 AND ${where}`,
          [organisationId],
        )
      ).map((r) => r.id);
    // Every lookup found the one register the database holds.
    const [centralId] = await stored(first, `kind = 'receipt' AND name = 'ทะเบียนกลาง'`);
    const [dispatchId] = await stored(second, `kind = 'dispatch' AND series = 'circular'`);
    expect(central.map((r) => r.id)).toEqual(central.map(() => centralId));
    expect(dispatch.map((r) => r.id)).toEqual(dispatch.map(() => dispatchId));
    expect(dispatch[0]).toMatchObject({
      organisationId: second,
      kind: 'dispatch',
      series: 'circular',
    });
  });
  it('decides again when a system change came first and the caller named no version; a caller that did gets the 409', async () => {
    const deliveries = await send(['p-43', 'p-44']);
    const transitions = t.app.get(DeliveryTransitions);
    for (const code of ['p-43', 'p-44']) {
      const id = deliveries.get(code)!;
      const who = await officialOf(code);
      await actions.receive(id, {}, who);
      // Read by the official's command (version 2), then the deadline check marks the delivery
      // overdue (version 3) before the command writes.
      const seen = await transitions.read(id, {});
      expect(seen.delivery.version).toBe(2);
      await transitions.applyMany([id], { type: 'DEADLINE_MISSED' });
      const command = {
        deliveryId: id,
        loaded: seen,
        event: { type: 'ACKNOWLEDGE' as const },
        actor: who,
      };
      if (code === 'p-43') {
        // No If-Match: acknowledged on the delivery as it now is, the overdue mark kept.
        const done = await transitions.apply(command);
        expect(done.delivery).toMatchObject({ version: 4, state: 'acknowledged' });
        expect(done.delivery.timeliness).toBe('overdue');
      } else {
        // If-Match: 2, and the delivery is at 3: refused, nothing written.
        await expect(transitions.apply({ ...command, expectedVersion: 2 })).rejects.toMatchObject({
          status: 409,
          details: [{ field: 'version', rule: 'currentVersion' }],
        });
        expect((await transitions.read(id, {})).delivery).toMatchObject({
          version: 3,
          state: 'received',
        });
      }
    }
  });
});
