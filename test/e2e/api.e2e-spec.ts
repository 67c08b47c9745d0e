import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { REDIS_PRODUCER } from '@wian/queue';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { seedActor, signIn } from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

describe(`HTTP API (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  let auth: { Authorization: string };
  const get = (path: string) => request(server).get(path).set(auth);

  beforeAll(async () => {
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    const officer = await seedActor(t.app, { organisation: 'plao-47', roles: ['officer'] });
    auth = { Authorization: `Bearer ${(await signIn(server, officer)).accessToken}` };
  });

  afterAll(async () => {
    await t.close();
  });

  it('asks for sign-in on the directory, in Thai and English', async () => {
    const res = await request(server).get('/organisations').expect(401);
    expect(res.body.details[0]).toMatchObject({ field: 'authorization', rule: 'missing' });
    expect(res.body.details[0].message_th).toContain('เข้าสู่ระบบ');
  });

  it('reports health of the database and Redis', async () => {
    const res = await request(server).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database).toMatchObject({ status: 'up', engine });
    expect(res.body.info.redis.status).toBe('up');
  });

  it('publishes the OpenAPI document and Swagger UI', async () => {
    const json = await request(server).get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/organisations',
        '/organisations/{id}/subtree',
        '/organisations/{id}/ancestors',
      ]),
    );
    const ui = await request(server).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('declares a schema for every success answer of every route', async () => {
    type Schema = {
      $ref?: string;
      type?: string;
      format?: string;
      items?: Schema;
      allOf?: Schema[];
      properties?: Record<string, Schema>;
      required?: string[];
    };
    type Answer = { description?: string; content?: Record<string, { schema?: Schema }> };
    const { body: doc } = (await request(server).get('/docs-json').expect(200)) as {
      body: {
        paths: Record<string, Record<string, { responses?: Record<string, Answer> }>>;
        components?: { schemas?: Record<string, Schema> };
      };
    };
    const resolve = (schema: Schema | undefined): Schema | undefined =>
      schema?.$ref === undefined
        ? schema
        : doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
    /** An object with properties (named, or inline as /health's), or an array of them. */
    const described = (schema: Schema | undefined): boolean => {
      const resolved = resolve(schema);
      if (resolved === undefined) return false;
      if (resolved.type === 'array') return described(resolved.items);
      return Object.keys(resolved.properties ?? {}).length > 0;
    };
    /** What is wrong with a 2xx answer, or null when it is described. */
    const problem = (status: string, answer: Answer): string | null => {
      const content = Object.entries(answer.content ?? {});
      if (status === '204') return content.length === 0 ? null : 'content on a 204';
      if (content.length === 0) return 'no content';
      for (const [mediaType, { schema }] of content) {
        const ok =
          mediaType === 'application/json' ? described(schema) : resolve(schema)?.type === 'string';
        if (!ok) return `${mediaType} without a schema`;
      }
      return null;
    };
    const checked: string[] = [];
    const undescribed: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, answer] of Object.entries(operation.responses ?? {})) {
          if (!status.startsWith('2')) continue;
          checked.push(`${method} ${path} ${status}`);
          const wrong = problem(status, answer);
          if (wrong !== null) undescribed.push(`${method} ${path} ${status}: ${wrong}`);
        }
      }
    }
    expect(undescribed).toEqual([]);
    // The whole API is checked, not a few routes (87 success answers when this was written).
    expect(checked.length).toBeGreaterThan(80);
    expect(checked).toEqual(
      expect.arrayContaining(['post /auth/logout 204', 'get /calendar/working-days 200']),
    );

    // Pages answer { total, items } with the item type named.
    expect(resolve({ $ref: '#/components/schemas/DeliveryPage' })?.properties).toMatchObject({
      total: { type: 'number' },
      items: { type: 'array', items: { $ref: '#/components/schemas/DeliveryView' } },
    });

    // The progress of a circular: named parts down to the late deliveries, not a bare object.
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const progress = doc.paths['/circulars/{id}/progress'].get.responses?.['200'];
    expect(progress?.content?.['application/json']?.schema).toEqual(ref('CircularProgress'));
    expect(resolve(ref('CircularProgress'))?.properties).toMatchObject({
      circular: ref('ProgressCircular'),
      total: { allOf: [ref('ProgressCounts')] },
      levels: { type: 'array', items: ref('ProgressLevelCounts') },
      provinces: { type: 'array', items: ref('ProgressAreaCounts') },
      districts: { type: 'array', items: ref('ProgressAreaCounts') },
      late: { allOf: [ref('LateList')] },
      silent: { allOf: [ref('LateList')] },
    });
    expect(resolve(ref('LateList'))?.properties?.items).toEqual(
      expect.objectContaining({ type: 'array', items: ref('LateItem') }),
    );
    const level = resolve(ref('ProgressLevelCounts'));
    expect(level?.properties?.level).toMatchObject({
      enum: ['provinces', 'districts', 'local_governments', 'others'],
    });
    // A level's counts are its parent's, byState with every state of the workflow.
    expect(level?.properties?.byState?.properties).toMatchObject({
      sent: { type: 'integer' },
      done: { type: 'integer' },
      superseded: { type: 'integer' },
    });
    expect(level?.required).toEqual(expect.arrayContaining(['deliveries', 'byState', 'level']));
    // The chain of letters: each link names its letter and its receipt (null until received).
    expect(
      doc.paths['/deliveries/{id}/chain'].get.responses?.['200']?.content?.['application/json']
        ?.schema,
    ).toEqual({ type: 'array', items: ref('ChainLink') });
    expect(resolve(ref('ChainLink'))?.properties).toMatchObject({
      letter: ref('ChainLetter'),
      receipt: { nullable: true, allOf: [ref('ChainReceipt')] },
    });

    // Files answer their own media type, described as binary.
    expect(doc.paths['/register-entries/{id}/stamp.png'].get.responses?.['200']?.content).toEqual({
      'image/png': { schema: { type: 'string', format: 'binary' } },
    });
    expect(
      Object.keys(doc.paths['/registers/{id}/entries.csv'].get.responses?.['200']?.content ?? {}),
    ).toEqual(['text/csv']);

    // bull-board's catch-all routes are not part of the API; signing in to it is.
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/admin/queues'))).toEqual([
      '/admin/queues/session',
    ]);
    expect(Object.keys(doc.paths['/admin/queues/session'])).toEqual(['post']);
  });

  it('searches organisations by Thai name and renders prefixes in Thai digits', async () => {
    const res = await get('/organisations').query({ q: 'สกลนคร', limit: 5 }).expect(200);
    expect(res.body.items[0]).toMatchObject({
      code: 'p-47',
      nameTh: 'จังหวัดสกลนคร',
      kindLabelTh: 'จังหวัด',
      sarabanPrefixTh: 'สน ๐๐๑๗',
    });
    expect(res.body.limit).toBe(5);
  });

  it('accepts Thai digits in numeric query parameters', async () => {
    const res = await get('/organisations').query({ kind: 'province', limit: '๑๐' }).expect(200);
    expect(res.body.limit).toBe(10);
    expect(res.body.items).toHaveLength(10);
    expect(res.body.total).toBe(77);
  });

  it('walks one province: subtree counts, children, ancestors', async () => {
    const province = (await get('/organisations/by-code/p-47').expect(200)).body;
    const subtree = await get(`/organisations/${province.id}/subtree`)
      .query({ kind: 'district', limit: 20 })
      .expect(200);
    const counts = Object.fromEntries(
      subtree.body.countsByKind.map((c: { kind: string; count: number }) => [c.kind, c.count]),
    );
    expect(counts).toMatchObject({ district: 18, sao: 124, pao: 1, city_municipality: 1 });
    expect(subtree.body.members.total).toBe(18);
    expect(subtree.body.members.items.map((d: { shortName: string }) => d.shortName)).toContain(
      'พรรณานิคม',
    );

    const children = await get(`/organisations/${province.id}/children`)
      .query({ limit: 100 })
      .expect(200);
    expect(children.body.total).toBe(18 + 1 + 1 + 1); // districts, PAO, city municipality, provincial office

    const district = subtree.body.members.items.find(
      (d: { shortName: string }) => d.shortName === 'พรรณานิคม',
    );
    const ancestors = await get(`/organisations/${district.id}/ancestors`).expect(200);
    expect(ancestors.body.map((o: { code: string }) => o.code)).toEqual(['moi', 'p-47']);
  });

  it('names the field and the rule, in Thai and English, for bad input', async () => {
    const res = await get('/organisations').query({ limit: 'abc', kind: 'village' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'limit',
          rule: 'isInt',
          message_th: 'limit ต้องเป็นจำนวนเต็ม',
        }),
        expect.objectContaining({ field: 'kind', rule: 'isIn' }),
      ]),
    );
    const tooMany = await get('/organisations').query({ limit: 5000 }).expect(400);
    expect(tooMany.body.details[0]).toMatchObject({
      field: 'limit',
      rule: 'max',
      message_th: 'limit ต้องไม่มากกว่า ๑๐๐๐',
      message_en: 'limit must not be greater than 1000',
    });
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const res = await get('/organisations').query({ provinse: 47 }).expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'provinse', rule: 'whitelistValidation' }),
    ]);
  });

  it('answers 404 and 400 for ids in the same error shape', async () => {
    const missing = await get('/organisations/99999999').expect(404);
    expect(missing.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      details: [{ field: 'id', rule: 'exists', message_th: 'ไม่พบหน่วยงานรหัส 99999999' }],
    });
    const bad = await get('/organisations/abc').expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'id', rule: 'isInt' });
    const route = await get('/no-such-route').expect(404);
    expect(route.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(route.body.details[0].message_th).toBe('ไม่พบสิ่งที่ขอ');
  });

  it('tags every response with a request id and security headers', async () => {
    const mine = await request(server).get('/health').set('X-Request-Id', 'clerk-42').expect(200);
    expect(mine.headers['x-request-id']).toBe('clerk-42');
    const generated = await get('/organisations/by-code/dla').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-content-type-options']).toBe('nosniff');
    expect(generated.headers['x-powered-by']).toBeUndefined();
    const hostile = await request(server)
      .get('/health')
      .set('X-Request-Id', '<script>')
      .expect(200);
    expect(hostile.headers['x-request-id']).not.toContain('<');
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await request(server)
      .post('/organisations')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(res.body.details[0]).toMatchObject({ field: 'body', rule: 'max_size' });
  });

  it('explains a body that is not JSON', async () => {
    const res = await request(server)
      .post('/organisations')
      .set('Content-Type', 'application/json')
      .send('{"subject": "ขอความร่วมมือ",');
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'body', rule: 'json' });
    expect(res.body.details[0].message_th).toContain('JSON');
  });

  it('answers 503 when Redis is gone', async () => {
    t.app.get<Redis>(REDIS_PRODUCER).disconnect();
    const res = await request(server).get('/health').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.error.redis.status).toBe('down');
    expect(res.body.info.database.status).toBe('up');
  });
});
