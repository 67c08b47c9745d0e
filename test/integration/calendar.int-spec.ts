import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { BusinessCalendar } from '@wian/calendar';
import { TransactionHost } from '@wian/persistence';
import request from 'supertest';
import { seedActor, signIn, type SeededActor } from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

interface HolidayBody {
  date: string;
  dateTh: string;
  nameTh: string;
  kind: string;
  source: string;
}

interface AuditRow {
  action: string;
  entity_id: string;
  organisation_id: number | null;
  actor_user_id: string | null;
  payload: Record<string, unknown>;
}

/**
 * The Thai business calendar over HTTP on the real API: any signed-in user reads holidays and
 * computes working days; a system administrator adds and removes holidays, each change is
 * audited and the next computation sees it at once (the cache is dropped on commit).
 */
describe(`business calendar (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  let admin: SeededActor;
  let asAdmin: Record<string, string>;
  let asClerk: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    admin = await seedActor(t.app, { systemAdmin: true });
    asAdmin = { Authorization: `Bearer ${(await signIn(server, admin)).accessToken}` };
    const clerk = await seedActor(t.app, { organisation: 'p-47', roles: ['clerk'] });
    asClerk = { Authorization: `Bearer ${(await signIn(server, clerk)).accessToken}` };
  });

  afterAll(async () => {
    await t.close();
  });

  const auditRows = (action: string): Promise<AuditRow[]> =>
    t.app
      .get(TransactionHost)
      .manager.query<AuditRow[]>(
        `SELECT action, entity_id, organisation_id, actor_user_id, payload FROM audit_event WHERE action = $1 ORDER BY id`,
        [action],
      );

  const afterOneWorkingDay = async (from: string): Promise<string> => {
    const res = await request(server)
      .get('/calendar/working-days')
      .set(asClerk)
      .query({ from, days: '๑' })
      .expect(200);
    return (res.body as { to: { date: string } }).to.date;
  };

  it('lists the holidays of 2566 to any signed-in user, in either era and digit system', async () => {
    for (const year of ['2566', '๒๕๖๖', '2023', 'พ.ศ. ๒๕๖๖']) {
      const res = await request(server)
        .get('/calendar/holidays')
        .set(asClerk)
        .query({ year })
        .expect(200);
      const body = res.body as { year: number; yearBe: number; holidays: HolidayBody[] };
      expect([year, body.year, body.yearBe]).toEqual([year, 2023, 2566]);
      expect(body.holidays).toContainEqual(
        expect.objectContaining({
          date: '2023-03-06',
          dateTh: 'วันจันทร์ที่ ๖ มีนาคม ๒๕๖๖',
          nameTh: 'วันมาฆบูชา',
          kind: 'public',
          source: 'package',
        }),
      );
    }
    await request(server).get('/calendar/holidays').query({ year: '2566' }).expect(401);
    const bad = await request(server)
      .get('/calendar/holidays')
      .set(asClerk)
      .query({ year: '256' })
      .expect(400);
    expect((bad.body as { details: Array<{ field: string }> }).details[0].field).toBe('year');
  });

  it('computes working days: 20–24 March 2566 is a normal week, 6 March is Makha Bucha', async () => {
    const week = await request(server)
      .get('/calendar/working-days')
      .set(asClerk)
      .query({ from: '๑๗ มีนาคม ๒๕๖๖', to: '2023-03-24' })
      .expect(200);
    expect(week.body).toMatchObject({
      from: { date: '2023-03-17', isWorkingDay: true },
      days: 5,
      to: { date: '2023-03-24', dateTh: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖', isWorkingDay: true },
      endOfWorkingDay: '2023-03-24T09:30:00.000Z',
      endOfWorkingDayTh: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖ ๑๖:๓๐ น.',
    });
    const before = await request(server)
      .get('/calendar/working-days')
      .set(asClerk)
      .query({ from: '2566-03-07', days: '-1' })
      .expect(200);
    expect((before.body as { to: { date: string } }).to.date).toBe('2023-03-03');
    expect(await t.app.get(BusinessCalendar).isWorkingDay({ year: 2023, month: 3, day: 6 })).toBe(
      false,
    );
    await request(server)
      .get('/calendar/working-days')
      .set(asClerk)
      .query({ from: '2023-03-07' })
      .expect(400);
  });

  it('lets only system administrators change the calendar', async () => {
    const body = { date: '2023-04-17', nameTh: 'วันหยุดชดเชยวันสงกรานต์', kind: 'substitution' };
    await request(server).post('/calendar/holidays').set(asClerk).send(body).expect(403);
    await request(server)
      .post('/calendar/holidays/remove')
      .set(asClerk)
      .send({ date: '2023-03-06' })
      .expect(403);
  });

  it('adds a substitution day: audited, and the next computation sees it', async () => {
    expect(await afterOneWorkingDay('๑๒ เมษายน ๒๕๖๖')).toBe('2023-04-17'); // loads 2023
    const res = await request(server)
      .post('/calendar/holidays')
      .set(asAdmin)
      .send({
        date: '๑๗ เมษายน ๒๕๖๖',
        nameTh: 'วันหยุดชดเชยวันสงกรานต์',
        kind: 'substitution',
        note: 'วันที่ ๑๕ เมษายน ตรงกับวันเสาร์',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      date: '2023-04-17',
      dateTh: 'วันจันทร์ที่ ๑๗ เมษายน ๒๕๖๖',
      kind: 'substitution',
      source: 'administrator',
    });
    expect(await afterOneWorkingDay('๑๒ เมษายน ๒๕๖๖')).toBe('2023-04-18');

    const [row] = await auditRows('calendar.holiday_add');
    expect(row).toMatchObject({
      entity_id: '2023-04-17',
      organisation_id: null,
      actor_user_id: admin.userId,
      payload: { date: '2023-04-17', kind: 'substitution', nameTh: 'วันหยุดชดเชยวันสงกรานต์' },
    });
  });

  it('refuses a second holiday on a holiday, and a holiday on a weekend', async () => {
    const add = (date: string) =>
      request(server)
        .post('/calendar/holidays')
        .set(asAdmin)
        .send({ date, nameTh: 'วันหยุดพิเศษ', kind: 'special' });
    expect((await add('2023-04-17')).status).toBe(409);
    expect((await add('2023-03-06')).status).toBe(409); // Makha Bucha, from the package
    const weekend = await add('2023-03-25');
    expect(weekend.status).toBe(400);
    expect((weekend.body as { details: Array<{ rule: string }> }).details[0].rule).toBe('weekday');
    expect(await auditRows('calendar.holiday_add')).toHaveLength(1);
  });

  it('sets aside a package holiday and removes an added one, audited, seen at once', async () => {
    expect(await afterOneWorkingDay('2023-12-04')).toBe('2023-12-06');
    const setAside = await request(server)
      .post('/calendar/holidays/remove')
      .set(asAdmin)
      .send({ date: '๕ ธันวาคม ๒๕๖๖', note: 'ทดสอบ' })
      .expect(200);
    expect(setAside.body).toMatchObject({
      outcome: 'not_observed',
      removed: [{ date: '2023-12-05', source: 'package' }],
    });
    expect(await afterOneWorkingDay('2023-12-04')).toBe('2023-12-05');
    const list = await request(server)
      .get('/calendar/holidays')
      .set(asClerk)
      .query({ year: '2566' })
      .expect(200);
    const listed = list.body as { holidays: HolidayBody[]; notObserved: HolidayBody[] };
    expect(listed.notObserved.map((h) => h.date)).toEqual(['2023-12-05']);
    expect(listed.holidays.map((h) => h.date)).not.toContain('2023-12-05');
    await request(server)
      .post('/calendar/holidays/remove')
      .set(asAdmin)
      .send({ date: '2023-12-05' })
      .expect(409);

    const deleted = await request(server)
      .post('/calendar/holidays/remove')
      .set(asAdmin)
      .send({ date: '2566-04-17' })
      .expect(200);
    expect(deleted.body).toMatchObject({
      outcome: 'deleted',
      removed: [{ date: '2023-04-17', kind: 'substitution', source: 'administrator' }],
    });
    expect(await afterOneWorkingDay('๑๒ เมษายน ๒๕๖๖')).toBe('2023-04-17');

    await request(server)
      .post('/calendar/holidays/remove')
      .set(asAdmin)
      .send({ date: '2023-03-20' })
      .expect(404);

    const rows = await auditRows('calendar.holiday_remove');
    expect(rows.map((r) => [r.entity_id, r.organisation_id, r.payload.outcome])).toEqual([
      ['2023-12-05', null, 'not_observed'],
      ['2023-04-17', null, 'deleted'],
    ]);
  });

  it('puts a new holiday in the place of a set-aside one', async () => {
    await request(server)
      .post('/calendar/holidays')
      .set(asAdmin)
      .send({ date: '2023-12-05', nameTh: 'วันพ่อแห่งชาติ', kind: 'special' })
      .expect(201);
    expect(await afterOneWorkingDay('2023-12-04')).toBe('2023-12-06');
    const [, second] = await auditRows('calendar.holiday_add');
    expect(second.payload).toMatchObject({ date: '2023-12-05', replaced: 'not_observed' });
  });
});
