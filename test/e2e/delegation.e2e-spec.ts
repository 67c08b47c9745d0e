import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { AuditTrail } from '@wian/audit';
import { RequestContext } from '@wian/http';
import { AuthorityService, Delegation, type UserActor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import request from 'supertest';
import { seedActor, signIn, type SeededActor } from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

/** The scenario's deputy governor signing the provincial circular ว ๔๘๗๙ for the governor. */
describe(`delegation of authority (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  let governor: SeededActor;
  let deputy: SeededActor;
  let admin: { Authorization: string };
  let asDeputy: { Authorization: string };
  let delegationId: string;

  const delegationCount = () => t.app.get(TransactionHost).repository(Delegation).count();

  beforeAll(async () => {
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    governor = await seedActor(t.app, {
      organisation: 'p-47',
      roles: ['executive', 'head'],
      title: 'ผู้ว่าราชการจังหวัดสกลนคร',
    });
    deputy = await seedActor(t.app, {
      organisation: 'p-47',
      roles: ['executive'],
      title: 'รองผู้ว่าราชการจังหวัด',
    });
    await t.app
      .get(TransactionHost)
      .manager.query(`UPDATE app_user SET full_name_th = 'นายชยุต วงศ์วณิช' WHERE id = $1`, [
        deputy.userId,
      ]);
    const adminUser = await seedActor(t.app, { organisation: 'p-47', roles: ['org_admin'] });
    admin = { Authorization: `Bearer ${(await signIn(server, adminUser)).accessToken}` };
    asDeputy = { Authorization: `Bearer ${(await signIn(server, deputy)).accessToken}` };
  });

  afterAll(async () => {
    await t.close();
  });

  it('records ปฏิบัติราชการแทน with its order, dates in Thai accepted', async () => {
    const res = await request(server)
      .post('/delegations')
      .set(admin)
      .send({
        kind: 'acting_on_behalf',
        principalPositionId: governor.positionId,
        delegatePositionId: deputy.positionId,
        scopeAll: false,
        scopeActions: ['document.sign'],
        orderNumber: 'คำสั่งจังหวัดสกลนคร ที่ ๑๒๓/๒๕๖๖',
        orderDate: '๑ มีนาคม ๒๕๖๖',
        validFrom: '1 มี.ค. 2566',
      })
      .expect(201);
    delegationId = res.body.id;
    expect(res.body).toMatchObject({
      kind: 'acting_on_behalf',
      kindLabelTh: 'ปฏิบัติราชการแทน',
      principal: { titleTh: 'ผู้ว่าราชการจังหวัดสกลนคร' },
      delegate: { label: 'รองผู้ว่าราชการจังหวัด' },
      orderDate: '2023-03-01',
      validFrom: '2023-03-01',
      validUntil: null,
      editable: true,
    });
  });

  it('resolves the deputy’s authority and prints the signature block as letters do', async () => {
    const res = await request(server)
      .post('/authority/resolve')
      .set(asDeputy)
      .send({
        principalPositionId: governor.positionId,
        action: 'document.sign',
        on: '๑๔ มีนาคม ๒๕๖๖',
      })
      .expect(200);
    expect(res.body.authority).toMatchObject({
      basis: 'delegation',
      kind: 'acting_on_behalf',
      delegationId,
    });
    expect(res.body.signatureBlock.text).toBe(
      '(นายชยุต วงศ์วณิช)\nรองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดสกลนคร',
    );
    expect(res.body.date).toBe('2023-03-14');
  });

  it('refuses outside the delegation’s scope and before its period, naming why', async () => {
    const scope = await request(server)
      .post('/authority/resolve')
      .set(asDeputy)
      .send({
        principalPositionId: governor.positionId,
        action: 'circulation.instruct',
        on: '2023-03-14',
      })
      .expect(403);
    expect(scope.body.details[0]).toMatchObject({
      field: 'principalPositionId',
      rule: 'out_of_scope',
    });
    const early = await request(server)
      .post('/authority/resolve')
      .set(asDeputy)
      .send({
        principalPositionId: governor.positionId,
        action: 'document.sign',
        on: '27 กุมภาพันธ์ 2566',
      })
      .expect(403);
    expect(early.body.details[0].rule).toBe('out_of_period');
    expect(early.body.details[0].message_th).toMatch(/[ก-๙]/);
  });

  it('answers who could act for the governor’s post on a date', async () => {
    const res = await request(server)
      .get(`/positions/${governor.positionId}/acting-authorities`)
      .set(admin)
      .query({ date: '2023-03-14' })
      .expect(200);
    const byUser = Object.fromEntries(
      res.body.map((a: { userId: string; authority: { basis: string } }) => [
        a.userId,
        a.authority.basis,
      ]),
    );
    expect(byUser).toEqual({ [governor.userId]: 'own_position', [deputy.userId]: 'delegation' });
  });

  it('refuses an onward delegation the first one does not allow, writing nothing', async () => {
    const other = await seedActor(t.app, {
      organisation: 'p-47',
      roles: ['officer'],
      title: 'ปลัดจังหวัด',
    });
    const before = await delegationCount();
    const res = await request(server)
      .post('/delegations')
      .set(admin)
      .send({
        kind: 'acting_on_behalf',
        principalPositionId: governor.positionId,
        delegatePositionId: other.positionId,
        scopeAll: false,
        scopeActions: ['document.sign'],
        orderNumber: 'คำสั่ง ที่ ๒/๒๕๖๖',
        orderDate: '2023-03-02',
        validFrom: '2023-03-02',
        parentDelegationId: delegationId,
      })
      .expect(400);
    expect(res.body.details.map((d: { rule: string }) => d.rule)).toContain(
      'subdelegation_not_allowed',
    );
    expect(await delegationCount()).toBe(before);
  });

  it('lists what was done under a delegation, and refuses to edit it once used', async () => {
    const actor: UserActor = {
      kind: 'user',
      userId: deputy.userId,
      username: deputy.username,
      isSystemAdmin: false,
      positionId: deputy.positionId,
      organisationId: deputy.organisationId,
      organisationPath: null,
      roles: ['executive'],
    };
    // What the circular module will do when the deputy signs: resolve, act, audit.
    await RequestContext.run(
      { requestId: 'sign-4879', actorUserId: deputy.userId, positionId: deputy.positionId! },
      async () => {
        const tx = t.app.get(TransactionHost);
        await tx.run(async () => {
          await t.app.get(AuthorityService).actUnder(actor, governor.positionId!, 'document.sign');
          await t.app.get(AuditTrail).record({
            action: 'document.sign',
            entityType: 'document',
            entityId: 'สน 0023.6/ว 4879',
            organisationId: deputy.organisationId,
          });
        });
      },
    );
    const acts = await request(server)
      .get(`/delegations/${delegationId}/acts`)
      .set(admin)
      .expect(200);
    expect(acts.body).toEqual([
      expect.objectContaining({
        action: 'document.sign',
        onBehalfOfPositionId: governor.positionId,
        requestId: 'sign-4879',
      }),
    ]);
    const edit = await request(server)
      .put(`/delegations/${delegationId}`)
      .set(admin)
      .send({
        kind: 'acting_on_behalf',
        principalPositionId: governor.positionId,
        delegatePositionId: deputy.positionId,
        scopeAll: true,
        orderNumber: 'คำสั่งจังหวัดสกลนคร ที่ ๑๒๓/๒๕๖๖',
        orderDate: '2023-03-01',
        validFrom: '2023-03-01',
      })
      .expect(409);
    expect(edit.body.details[0].rule).toBe('delegation_used');
  });

  it('revokes: the deputy can no longer sign, and revoking twice is refused', async () => {
    await request(server)
      .post(`/delegations/${delegationId}/revoke`)
      .set(admin)
      .send({ reason: 'ย้ายไปดำรงตำแหน่งอื่น' })
      .expect(200);
    const res = await request(server)
      .post('/authority/resolve')
      .set(asDeputy)
      .send({ principalPositionId: governor.positionId, action: 'document.sign' })
      .expect(403);
    expect(res.body.details[0].rule).toBe('revoked');
    const again = await request(server)
      .post(`/delegations/${delegationId}/revoke`)
      .set(admin)
      .send({ reason: 'ซ้ำ' })
      .expect(409);
    expect(again.body.details[0].rule).toBe('already_revoked');
    const trail = await request(server).get('/audit').set(admin).query({ action: 'delegation.' });
    expect([trail.status, trail.body.details]).toEqual([200, undefined]);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'delegation.revoke',
      'delegation.create',
    ]);
  });

  it('lets the governor sign on their own authority', async () => {
    const asGovernor = { Authorization: `Bearer ${(await signIn(server, governor)).accessToken}` };
    const res = await request(server)
      .post('/authority/resolve')
      .set(asGovernor)
      .send({ principalPositionId: governor.positionId, action: 'document.sign' })
      .expect(200);
    expect(res.body.authority.basis).toBe('own_position');
    expect(res.body.signatureBlock.lines).toHaveLength(2);
  });
});
