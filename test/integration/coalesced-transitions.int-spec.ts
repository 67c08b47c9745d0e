import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditChains } from '@wian/audit';
import { CirculationService, DeliveryActions } from '@wian/circulation';
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
    const circulars = await Promise.all([1, 2, 3, 4, 5].map(() => send(['p-47'])));
    const actor = await officialOf('p-47');
    const before = await numbersOf('p-47');
    const outcomes = await Promise.all(
      circulars.map((d) => actions.receive(d.get('p-47')!, {}, actor)),
    );
    expect(outcomes.every((o) => o.delivery.state === 'received')).toBe(true);
    const last = before.at(-1) ?? 0;
    expect(await numbersOf('p-47')).toEqual([...before, ...[1, 2, 3, 4, 5].map((n) => last + n)]);
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

  it('finds one central register when an organisation’s first receipts race to create it', async () => {
    const directory = t.app.get(RegisterDirectory);
    const district = org.get('d-4701')!.id;
    // Six lookups in six turns of the event loop: separate statements, all creating at once.
    const lookups = [1, 2, 3, 4, 5, 6].map(async (n) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
      return directory.centralReceiptRegister(district);
    });
    const found = await Promise.all(lookups);
    expect(new Set(found.map((r) => r.id)).size).toBe(1);
    expect(found[0]).toMatchObject({ organisationId: district, kind: 'receipt' });
    const [{ n }] = await tx.manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM register WHERE organisation_id = $1 AND kind = 'receipt'`,
      [district],
    );
    expect(n).toBeGreaterThanOrEqual(1);
  });
});
