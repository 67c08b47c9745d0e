import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import request from 'supertest';
import { seedActor, signIn } from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

describe(`queue dashboard /admin/queues (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  let admin: string;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    admin = (await signIn(server, await seedActor(t.app, { systemAdmin: true }))).accessToken;
    clerk = (
      await signIn(
        server,
        await seedActor(t.app, { organisation: 'dla', roles: ['clerk', 'org_admin'] }),
      )
    ).accessToken;
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows bull-board with the catalogue’s queues to a system administrator', async () => {
    const page = await request(server)
      .get('/admin/queues')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await request(server)
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const names = (api.body as { queues: Array<{ name: string }> }).queues
      .map((q) => q.name)
      .sort();
    expect(names).toEqual(expect.arrayContaining(['circulation', 'deadlines']));
  });

  it('refuses everyone else, even an organisation administrator', async () => {
    await request(server).get('/admin/queues').expect(401);
    await request(server)
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${clerk}`)
      .expect(403);
  });

  it('lets a browser in with a path-scoped HttpOnly cookie from POST /admin/queues/session', async () => {
    const session = await request(server)
      .post('/admin/queues/session')
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
    const header = session.headers['set-cookie'] as unknown as string[] | string;
    const cookie = Array.isArray(header) ? header.join('\n') : header;
    expect(cookie).toMatch(
      /wian_dashboard=.+; Max-Age=\d+; Path=\/admin\/queues; Expires=.+; HttpOnly; SameSite=Strict/,
    );
    await request(server)
      .get('/admin/queues/api/queues')
      .set('Cookie', cookie.split(';')[0])
      .expect(200);
    await request(server)
      .post('/admin/queues/session')
      .set('Authorization', `Bearer ${clerk}`)
      .expect(403);
  });
});
