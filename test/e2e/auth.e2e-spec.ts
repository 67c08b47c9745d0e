import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  addPosition,
  seedActor,
  signIn,
  TEST_PASSWORD,
  type SeededActor,
} from '../support/identity-factory.js';
import { startTestApi, type TestApp } from '../support/test-app.js';

/**
 * Authentication and attacks over HTTP (issue 3): wrong passwords and lockout, rate limits,
 * forged and expired tokens, refresh-token reuse, scope and role refusals, API keys of
 * another organisation, hostile text in free-text fields, the password policy, security
 * headers and the audit row of a sign-in. Every refusal is checked for its status, the error
 * shape with a meaningful rule, and (where a write could happen) that nothing was written.
 */
const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

/** Known signing key, so the tests can forge tokens that only differ in what they test. */
const JWT_SECRET = 'e2e-auth-signing-secret-0123456789-abcdefghijklm'; // 48 characters
const MAX_FAILURES = 3;

const SQL_PAYLOAD = "'); DROP TABLE organisation; --";
const SCRIPT_PAYLOAD = '<script>alert(1)</script>';

type Json = Record<string, unknown>;
interface AuditRow {
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  position_id: string | null;
  organisation_id: number | null;
  request_id: string | null;
  ip: string | null;
  payload: Json | null;
}
interface Detail {
  field: string;
  rule: string;
  message_th: string;
  message_en: string;
}

/** Sets environment variables for the next startTestApi and returns how to put them back. */
function withEnv(values: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  };
}

/** No stack frames, no SQL, no driver error names in anything sent to a client. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\bat [^\s]+ \(|\bat .*\.(?:ts|js):\d+/);
  expect(text).not.toMatch(/QueryFailedError|\bSELECT\b.*\bFROM\b|INSERT INTO|node_modules/);
}

/**
 * The error shape of every refusal, with the status and (some detail with) this rule.
 * Returns the details for further checks.
 */
function expectError(
  res: request.Response,
  status: number,
  rule: string,
  field?: string,
): Detail[] {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.body as Json;
  expect(body).toEqual({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  });
  const details = body.details as Detail[];
  expect(details.length).toBeGreaterThan(0);
  for (const d of details) {
    expect(d).toEqual({
      field: expect.any(String),
      rule: expect.any(String),
      message_th: expect.stringMatching(/[\u0E00-\u0E7F]/),
      message_en: expect.any(String),
    });
  }
  expect(details).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ rule, ...(field !== undefined && { field }) }),
    ]),
  );
  expectNoInternals(res.text);
  return details;
}

/** Rows of a table (matching a condition), to show that a refusal wrote nothing. */
async function countRows(
  ds: DataSource,
  table: string,
  where = 'TRUE',
  params: unknown[] = [],
): Promise<number> {
  const rows = await ds.query<Array<{ n: number | string }>>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return Number(rows[0].n);
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** An HS256 JWT made by hand (so the tests need no JWT library). */
function signJwt(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }) {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

function decodePayload(token: string): Json {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Json;
}

describe(`authentication and attacks over HTTP (${engine})`, () => {
  let t: TestApp;
  let server: Server;
  let ds: DataSource;
  let restoreEnv: () => void;
  const org: Record<string, number> = {};
  let organisations: number;

  const count = (table: string, where?: string, params?: unknown[]): Promise<number> =>
    countRows(ds, table, where, params);
  const counts = async (...tables: string[]): Promise<Record<string, number>> =>
    Object.fromEntries(
      await Promise.all(tables.map(async (n): Promise<[string, number]> => [n, await count(n)])),
    );
  const auditRows = (action: string, entityId: string): Promise<AuditRow[]> =>
    ds.query<AuditRow[]>(
      `SELECT action, entity_type, entity_id, actor_user_id, actor_api_key_id, position_id,
              organisation_id, request_id, ip, payload
         FROM audit_event WHERE action = $1 AND entity_id = $2 ORDER BY id`,
      [action, entityId],
    );
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (body: object) => request(server).post('/auth/login').send(body);
  const tokenOf = async (actor: SeededActor, positionId?: string): Promise<string> =>
    (await signIn(server, actor, positionId)).accessToken;

  beforeAll(async () => {
    restoreEnv = withEnv({
      JWT_SECRET,
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      LOGIN_LOCK_MINUTES: '15',
      // High here: the rate limit has its own app below; this one signs in a lot.
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      CORS_ORIGINS: '',
    });
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    ds = t.app.get(DataSource);
    const rows = await ds.query<Array<{ id: number; code: string }>>(
      `SELECT id, code FROM organisation WHERE code = ANY($1)`,
      [['p-47', 'p-48', 'plao-47', 'plao-48', 'd-4704', 'sao-470401', 'dla']],
    );
    for (const row of rows) org[row.code] = row.id;
    expect(Object.keys(org)).toHaveLength(7);
    organisations = await count('organisation');
  });

  afterAll(async () => {
    await t.close();
    restoreEnv();
  });

  describe('signing in', () => {
    it('returns an access token, a refresh token and the positions held', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const res = await login({ username: clerk.username, password: clerk.password }).expect(200);
      expect(res.body).toMatchObject({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.stringMatching(/^rt_[\w-]{40,}$/),
        actingPositionId: clerk.positionId,
        positions: [
          expect.objectContaining({
            positionId: clerk.positionId,
            organisationId: org['plao-47'],
            roles: ['clerk'],
          }),
        ],
      });
      expect(res.text).not.toMatch(/passwordHash|password_hash|argon2/);
      expect(decodePayload(res.body.accessToken)).toMatchObject({
        typ: 'access',
        sub: clerk.userId,
        pos: clerk.positionId,
        org: org['plao-47'],
        iss: 'wian',
      });
      const me = await request(server)
        .get('/auth/me')
        .set(bearer(res.body.accessToken))
        .expect(200);
      expect(me.body.user).toMatchObject({ id: clerk.userId, username: clerk.username });
    });

    it('answers a wrong password and an unknown user alike: 401 credentials, no session', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const before = await count('refresh_token');
      const wrong = await login({ username: clerk.username, password: 'wrong-Password-123!' });
      expectError(wrong, 401, 'credentials', 'password');
      const unknown = await login({ username: 'nobody.here', password: 'wrong-Password-123!' });
      expectError(unknown, 401, 'credentials', 'password');
      expect(unknown.body).toEqual(wrong.body);
      expect(await count('refresh_token')).toBe(before);
      const failed = await auditRows('auth.login_failed', clerk.userId);
      expect(failed).toEqual([
        expect.objectContaining({ payload: { username: clerk.username, reason: 'password' } }),
      ]);
    });

    it(`locks the account after ${MAX_FAILURES} wrong passwords: the right one is refused too`, async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      for (let i = 0; i < MAX_FAILURES; i++) {
        const res = await login({ username: clerk.username, password: `Wrong-guess-${i}-xyz` });
        expectError(res, 401, 'credentials');
      }
      const sessionsBefore = await count('refresh_token');
      const right = await login({ username: clerk.username, password: clerk.password });
      expectError(right, 401, 'credentials');
      // Same answer as a wrong password: a locked account is not revealed.
      expect(right.body.message).toBe(
        'The user name or password is wrong, or the account is locked',
      );
      expect(await count('refresh_token')).toBe(sessionsBefore);
      expect(await count('app_user', 'id = $1 AND locked_until > now()', [clerk.userId])).toBe(1);
      expect(await auditRows('auth.locked', clerk.userId)).toEqual([
        expect.objectContaining({ entity_type: 'user', actor_user_id: clerk.userId }),
      ]);
      const failed = await auditRows('auth.login_failed', clerk.userId);
      expect(failed.map((r) => r.payload?.reason)).toEqual([
        ...Array<string>(MAX_FAILURES).fill('password'),
        'locked',
      ]);
    });

    // Regression: the failure count was read-modify-write, so parallel guesses never locked.
    it('locks the account even when the wrong passwords arrive in parallel', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const guesses = await Promise.all(
        Array.from({ length: MAX_FAILURES * 2 }, (_, i) =>
          login({ username: clerk.username, password: `Parallel-guess-${i}-xyz` }),
        ),
      );
      for (const res of guesses) expectError(res, 401, 'credentials');
      const right = await login({ username: clerk.username, password: clerk.password });
      expectError(right, 401, 'credentials');
    });

    it('refuses a deactivated user, and their sessions end', async () => {
      const admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const session = await signIn(server, clerk);
      const res = await request(server)
        .post(`/users/${clerk.userId}/deactivate`)
        .set(bearer(await tokenOf(admin)))
        .expect(200);
      expect(res.body).toMatchObject({ id: clerk.userId, active: false });
      const before = await count('refresh_token');
      expectError(
        await login({ username: clerk.username, password: clerk.password }),
        401,
        'credentials',
      );
      expectError(
        await request(server).post('/auth/refresh').send({ refreshToken: session.refreshToken }),
        401,
        'refresh_invalid',
      );
      expect(await count('refresh_token')).toBe(before);
      const failed = await auditRows('auth.login_failed', clerk.userId);
      expect(failed.at(-1)?.payload).toMatchObject({ reason: 'inactive' });
    });

    it('refuses malformed sign-in bodies field by field, and smuggled fields', async () => {
      const missing = await login({ username: 'someone' });
      expectError(missing, 400, 'required', 'password');
      const smuggled = await login({ username: 'someone', password: 'x', isSystemAdmin: true });
      expectError(smuggled, 400, 'whitelistValidation', 'isSystemAdmin');
      const long = await login({ username: 'a'.repeat(65), password: 'x' });
      expectError(long, 400, 'maxLength', 'username');
      const badPosition = await login({ username: 'someone', password: 'x', positionId: '1' });
      expectError(badPosition, 400, 'isUuid', 'positionId');
    });

    it('treats SQL in the user name as a name: 401, nothing found, nothing written', async () => {
      await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const before = await counts('app_user', 'refresh_token');
      for (const username of ["' OR '1'='1", "admin'--", `x'; ${SQL_PAYLOAD}`]) {
        const res = await login({ username, password: "' OR '1'='1" });
        expectError(res, 401, 'credentials');
      }
      expect(await counts('app_user', 'refresh_token')).toEqual(before);
      expect(await count('organisation')).toBe(organisations);
    });
  });

  describe('access tokens', () => {
    let clerk: SeededActor;
    let real: string;
    const me = (token: string) => request(server).get('/auth/me').set(bearer(token));
    const claims = (overrides: Json = {}): Json => {
      const now = Math.floor(Date.now() / 1000);
      return {
        typ: 'access',
        sub: clerk.userId,
        usr: clerk.username,
        sa: false,
        pos: clerk.positionId,
        org: clerk.organisationId,
        path: decodePayload(real).path,
        roles: ['clerk'],
        fam: decodePayload(real).fam,
        iat: now,
        exp: now + 600,
        iss: 'wian',
        ...overrides,
      };
    };

    beforeAll(async () => {
      clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      real = await tokenOf(clerk);
    });

    it('asks for credentials when none are sent: 401 missing', async () => {
      expectError(await request(server).get('/auth/me'), 401, 'missing', 'authorization');
      expectError(
        await request(server).get('/auth/me').set('Authorization', 'Basic YWRtaW46YWRtaW4='),
        401,
        'missing',
      );
    });

    it('accepts a token made with the right key and claims (so the forgeries below are fair)', async () => {
      const res = await me(signJwt(claims(), JWT_SECRET)).expect(200);
      expect(res.body.user.id).toBe(clerk.userId);
    });

    it('refuses garbage: 401 token_invalid', async () => {
      for (const token of [
        'not-a-jwt',
        'a.b.c',
        `${real}x`,
        real.split('.').slice(0, 2).join('.'),
      ]) {
        expectError(await me(token), 401, 'token_invalid', 'authorization');
      }
    });

    it('refuses a tampered payload: one character, or roles raised to org_admin', async () => {
      const [header, payload, signature] = real.split('.');
      const flipped = payload.slice(0, 10) + (payload[10] === 'A' ? 'B' : 'A') + payload.slice(11);
      expectError(await me(`${header}.${flipped}.${signature}`), 401, 'token_invalid');
      const raised = base64url({ ...decodePayload(real), roles: ['org_admin'], sa: true });
      expectError(await me(`${header}.${raised}.${signature}`), 401, 'token_invalid');
    });

    it('refuses a token signed with another key, and one with alg none', async () => {
      const other = signJwt(claims(), 'another-secret-another-secret-another-secret-xx');
      expectError(await me(other), 401, 'token_invalid');
      const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims({ sa: true }))}.`;
      expectError(await me(none), 401, 'token_invalid');
      const noneSigned = signJwt(claims(), JWT_SECRET, { alg: 'none', typ: 'JWT' });
      expectError(await me(noneSigned), 401, 'token_invalid');
      const hs512 = `${base64url({ alg: 'HS512', typ: 'JWT' })}.${base64url(claims())}`;
      const hs512Token = `${hs512}.${createHmac('sha512', JWT_SECRET).update(hs512).digest('base64url')}`;
      expectError(await me(hs512Token), 401, 'token_invalid');
    });

    it('refuses right-key tokens of another issuer or kind, and refresh tokens as Bearer', async () => {
      expectError(await me(signJwt(claims({ iss: 'evil' }), JWT_SECRET)), 401, 'token_invalid');
      expectError(await me(signJwt(claims({ typ: 'refresh' }), JWT_SECRET)), 401, 'token_invalid');
      const session = await signIn(server, clerk);
      expectError(await me(session.refreshToken), 401, 'token_invalid');
      // …and an access token is no refresh token (too long to be one).
      expectError(
        await request(server).post('/auth/refresh').send({ refreshToken: session.accessToken }),
        400,
        'maxLength',
        'refreshToken',
      );
    });

    it('refuses an expired token: 401 token_expired', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = signJwt(claims({ iat: now - 1000, exp: now - 100 }), JWT_SECRET);
      const details = expectError(await me(expired), 401, 'token_expired', 'authorization');
      expect(details[0].message_th).toContain('หมดอายุ');
    });
  });

  describe('refresh tokens', () => {
    const refresh = (refreshToken: string, positionId?: string) =>
      request(server)
        .post('/auth/refresh')
        .send({ refreshToken, ...(positionId !== undefined && { positionId }) });

    it('rotates; a token used twice revokes the whole family and is audited', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const first = await signIn(server, clerk);
      const family = decodePayload(first.accessToken).fam as string;

      const second = await refresh(first.refreshToken).expect(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect(second.body.actingPositionId).toBe(clerk.positionId);
      await request(server).get('/auth/me').set(bearer(second.body.accessToken)).expect(200);

      const before = await count('refresh_token');
      const reused = await refresh(first.refreshToken);
      const details = expectError(reused, 401, 'refresh_reused', 'authorization');
      expect(details[0].message_en).toContain('revoked');
      // The thief's (or the owner's) newer token dies with the family.
      expectError(await refresh(second.body.refreshToken), 401, 'refresh_invalid');
      expect(await count('refresh_token')).toBe(before);
      expect(await count('refresh_token', 'family_id = $1 AND revoked_at IS NULL', [family])).toBe(
        0,
      );
      expect(
        await count('refresh_token', "family_id = $1 AND revoked_reason = 'reuse_detected'", [
          family,
        ]),
      ).toBe(2);
      expect(await auditRows('auth.refresh_reuse', family)).toEqual([
        expect.objectContaining({ entity_type: 'session', actor_user_id: clerk.userId }),
      ]);
    });

    it('refuses an unknown refresh token without writing', async () => {
      const before = await count('refresh_token');
      expectError(await refresh('rt_thisTokenWasNeverIssuedByWian000000'), 401, 'refresh_invalid');
      expectError(await refresh('short'), 400, 'minLength', 'refreshToken');
      expect(await count('refresh_token')).toBe(before);
    });

    it('signing out revokes the family: the refresh token no longer works', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const session = await signIn(server, clerk);
      const family = decodePayload(session.accessToken).fam as string;
      await request(server)
        .post('/auth/logout')
        .send({ refreshToken: session.refreshToken })
        .expect(204);
      expectError(await refresh(session.refreshToken), 401, 'refresh_invalid');
      expect(
        await count('refresh_token', "family_id = $1 AND revoked_reason = 'logout'", [family]),
      ).toBe(1);
      expect(await auditRows('auth.logout', family)).toHaveLength(1);
      // No reuse alarm: a signed-out token is merely invalid.
      expect(await auditRows('auth.refresh_reuse', family)).toHaveLength(0);
    });

    // Regression: a refused position used to spend the refresh token first.
    it('a refresh refused for a position not held does not spend the token', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const other = await seedActor(t.app, { organisation: 'plao-48', roles: ['clerk'] });
      const session = await signIn(server, clerk);
      expectError(
        await refresh(session.refreshToken, other.positionId!),
        400,
        'held',
        'positionId',
      );
      await refresh(session.refreshToken).expect(200);
    });
  });

  describe('authorisation', () => {
    const createPosition = (token: string, organisationId: number, titleTh = 'เจ้าพนักงานธุรการ') =>
      request(server)
        .post('/positions')
        .set(bearer(token))
        .send({ organisationId, titleTh, roles: ['clerk'] });

    it('refuses a clerk creating a position for a sibling office: 403, nothing written', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const token = await tokenOf(clerk);
      const before = await counts('position', 'audit_event');
      const res = await createPosition(token, org['plao-48']);
      // A clerk may not manage positions anywhere, so the role is what fails first.
      expectError(res, 403, 'role', 'organisation');
      expect(await counts('position', 'audit_event')).toEqual(before);
    });

    it('refuses an org_admin managing a sibling province’s office: 403 scope, nothing written', async () => {
      const admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      const token = await tokenOf(admin);
      const before = await counts('position', 'audit_event');
      const res = await createPosition(token, org['plao-48']);
      expectError(res, 403, 'scope', 'organisation');
      // …nor upwards, to the province that contains its own office.
      expectError(await createPosition(token, org['p-47']), 403, 'scope');
      expect(await counts('position', 'audit_event')).toEqual(before);
    });

    it('lets a province’s org_admin manage its subtree (its provincial office)', async () => {
      const admin = await seedActor(t.app, { organisation: 'p-47', roles: ['org_admin'] });
      const before = await count('position');
      const res = await createPosition(await tokenOf(admin), org['plao-47']).expect(201);
      expect(res.body).toMatchObject({ organisationId: org['plao-47'], roles: ['clerk'] });
      expect(await count('position')).toBe(before + 1);
    });

    it('refuses a district’s org_admin the users of its province: 403 scope', async () => {
      const districtAdmin = await seedActor(t.app, {
        organisation: 'd-4704',
        roles: ['org_admin'],
      });
      const provincial = await seedActor(t.app, { organisation: 'p-47', roles: ['clerk'] });
      const token = await tokenOf(districtAdmin);
      const read = await request(server).get(`/users/${provincial.userId}`).set(bearer(token));
      expectError(read, 403, 'scope');
      const before = await counts('app_user', 'position_holding', 'refresh_token');
      const create = await request(server).post('/users').set(bearer(token)).send({
        username: 'district.intruder',
        fullNameTh: 'นายผู้บุกรุก ทดสอบ',
        password: 'ยาวพอสมควร-Strong-2566!',
        positionId: provincial.positionId,
      });
      expectError(create, 403, 'scope');
      const deactivate = await request(server)
        .post(`/users/${provincial.userId}/deactivate`)
        .set(bearer(token));
      expectError(deactivate, 403, 'scope');
      expect(await counts('app_user', 'position_holding', 'refresh_token')).toEqual(before);
      expect(await count('app_user', 'id = $1 AND active', [provincial.userId])).toBe(1);
    });

    it('refuses an officer user administration in its own office: 403 role', async () => {
      const officer = await seedActor(t.app, { organisation: 'plao-47', roles: ['officer'] });
      const before = await count('position');
      expectError(await createPosition(await tokenOf(officer), org['plao-47']), 403, 'role');
      expect(await count('position')).toBe(before);
    });

    it('makes a holder of two positions choose one before acting', async () => {
      const admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      const second = await addPosition(t.app, admin.userId, {
        organisation: 'd-4704',
        roles: ['clerk'],
      });
      const undecided = await signIn(server, admin);
      expect(undecided.body.actingPositionId).toBeNull();
      expect(undecided.body.positions).toHaveLength(2);
      const before = await count('position');
      const refused = await createPosition(undecided.accessToken, org['plao-47']);
      const details = expectError(refused, 403, 'not_acting');
      expect(details[0].message_th).toContain('เลือกตำแหน่ง');
      expect(await count('position')).toBe(before);

      const acting = await signIn(server, admin, admin.positionId!);
      expect(acting.body.actingPositionId).toBe(admin.positionId);
      await createPosition(acting.accessToken, org['plao-47']).expect(201);

      // Acting as the district clerk, the same person may not administer the office.
      const asClerk = await signIn(server, admin, second.positionId);
      expectError(await createPosition(asClerk.accessToken, org['plao-47']), 403, 'role');
    });

    it('refuses signing in as a position one does not hold: 400 held, no session', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const governor = await seedActor(t.app, { organisation: 'p-47', roles: ['executive'] });
      const before = await count('refresh_token');
      const res = await login({
        username: clerk.username,
        password: clerk.password,
        positionId: governor.positionId,
      });
      expectError(res, 400, 'held', 'positionId');
      expect(await count('refresh_token')).toBe(before);
    });

    it('refuses smuggled privileged fields on user creation', async () => {
      const admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      const before = await counts('app_user', 'position_holding');
      const res = await request(server)
        .post('/users')
        .set(bearer(await tokenOf(admin)))
        .send({
          username: 'would.be.root',
          fullNameTh: 'นายผู้ใช้ ทดสอบ',
          password: 'ยาวพอสมควร-Strong-2566!',
          positionId: admin.positionId,
          isSystemAdmin: true,
        });
      expectError(res, 400, 'whitelistValidation', 'isSystemAdmin');
      expect(await counts('app_user', 'position_holding')).toEqual(before);
    });
  });

  describe('API keys', () => {
    let admin: SeededActor;
    let adminToken: string;
    let key: string;
    let keyId: string;
    const asKey = (method: 'get' | 'post', path: string, secret = key) =>
      request(server)[method](path).set('X-API-Key', secret);

    beforeAll(async () => {
      admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      adminToken = await tokenOf(admin);
    });

    it('shows the secret once, at creation, and never in the list', async () => {
      const created = await request(server)
        .post(`/organisations/${org['plao-47']}/api-keys`)
        .set(bearer(adminToken))
        .send({ name: 'e-saraban bridge', scopes: ['organisation.read'] })
        .expect(201);
      expect(created.body).toMatchObject({
        organisationId: org['plao-47'],
        scopes: ['organisation.read'],
        revokedAt: null,
        key: expect.stringMatching(/^wian_[\w-]{40,}$/),
      });
      key = created.body.key;
      keyId = created.body.id;
      const list = await request(server)
        .get(`/organisations/${org['plao-47']}/api-keys`)
        .set(bearer(adminToken))
        .expect(200);
      expect(list.body).toEqual([expect.objectContaining({ id: keyId })]);
      expect(list.body[0]).not.toHaveProperty('key');
      expect(list.body[0]).not.toHaveProperty('keyHash');
      expect(list.text).not.toContain(key);
      expect(list.text).not.toContain(key.slice(5, 20));
    });

    it('reads the directory with the key', async () => {
      const res = await asKey('get', '/organisations/by-code/p-47').expect(200);
      expect(res.body.code).toBe('p-47');
    });

    it('refuses the key what keys can never do, here or in another organisation', async () => {
      const before = await counts('api_key', 'audit_event');
      for (const code of ['plao-48', 'plao-47']) {
        const res = await asKey('get', `/organisations/${org[code]}/api-keys`);
        expectError(res, 403, 'api_key_scope');
      }
      const mint = await request(server)
        .post(`/organisations/${org['plao-47']}/api-keys`)
        .set('X-API-Key', key)
        .send({ name: 'self-made', scopes: ['organisation.read'] });
      expectError(mint, 403, 'api_key_scope');
      const position = await request(server)
        .post('/positions')
        .set('X-API-Key', key)
        .send({ organisationId: org['plao-47'], titleTh: 'ตำแหน่งปลอม', roles: ['org_admin'] });
      expectError(position, 403, 'api_key_scope');
      expect(await counts('api_key', 'audit_event')).toEqual(before);
    });

    it('refuses scopes a key cannot be granted: 400 apiKeyScope, nothing written', async () => {
      const before = await counts('api_key', 'audit_event');
      for (const scopes of [['user.manage'], ['organisation.read', 'api_key.manage'], ['root']]) {
        const res = await request(server)
          .post(`/organisations/${org['plao-47']}/api-keys`)
          .set(bearer(adminToken))
          .send({ name: 'too powerful', scopes });
        expectError(res, 400, 'apiKeyScope', 'scopes');
      }
      expect(await counts('api_key', 'audit_event')).toEqual(before);
    });

    it('refuses another organisation’s admin revoking the key: 403 scope', async () => {
      const stranger = await seedActor(t.app, { organisation: 'plao-48', roles: ['org_admin'] });
      const res = await request(server)
        .post(`/api-keys/${keyId}/revoke`)
        .set(bearer(await tokenOf(stranger)));
      expectError(res, 403, 'scope');
      expect(await count('api_key', 'id = $1 AND revoked_at IS NULL', [keyId])).toBe(1);
    });

    it('refuses a revoked key and an invented one: 401 api_key_invalid', async () => {
      const revoked = await request(server)
        .post(`/api-keys/${keyId}/revoke`)
        .set(bearer(adminToken))
        .expect(200);
      expect(revoked.body.revokedAt).not.toBeNull();
      const details = expectError(
        await asKey('get', '/organisations/by-code/p-47'),
        401,
        'api_key_invalid',
        'authorization',
      );
      expect(details[0].message_th).toContain('กุญแจ API');
      expectError(
        await asKey('get', '/organisations/by-code/p-47', `wian_${'A'.repeat(43)}`),
        401,
        'api_key_invalid',
      );
    });
  });

  describe('hostile text', () => {
    let admin: SeededActor;
    let token: string;

    beforeAll(async () => {
      admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      token = await tokenOf(admin);
    });

    it('stores SQL and script in position titles verbatim and returns them as JSON strings', async () => {
      for (const titleTh of [SQL_PAYLOAD, SCRIPT_PAYLOAD, `"><img src=x onerror=alert(1)>`]) {
        const created = await request(server)
          .post('/positions')
          .set(bearer(token))
          .send({ organisationId: org['plao-47'], titleTh, roles: ['clerk'] })
          .expect(201);
        expect(created.headers['content-type']).toMatch(/^application\/json/);
        expect(created.headers['x-content-type-options']).toBe('nosniff');
        expect(created.body.titleTh).toBe(titleTh);
        expect(created.text).toContain(JSON.stringify(titleTh));
        const stored = await ds.query<Array<{ title_th: string }>>(
          'SELECT title_th FROM position WHERE id = $1',
          [created.body.id],
        );
        expect(stored[0].title_th).toBe(titleTh);
      }
      const listed = await request(server)
        .get('/positions')
        .query({ organisationId: org['plao-47'] })
        .set(bearer(token))
        .expect(200);
      const titles = (listed.body as Array<{ titleTh: string }>).map((p) => p.titleTh);
      expect(titles).toEqual(expect.arrayContaining([SQL_PAYLOAD, SCRIPT_PAYLOAD]));
      expect(listed.headers['content-type']).toMatch(/^application\/json/);
      // The table the payload names is still there, with every row.
      expect(await count('organisation')).toBe(organisations);
      await request(server).get('/organisations/by-code/p-47').set(bearer(token)).expect(200);
    });

    it('stores them in a user’s name and an API key’s name too', async () => {
      const position = await request(server)
        .post('/positions')
        .set(bearer(token))
        .send({ organisationId: org['plao-47'], titleTh: 'นักวิชาการ', roles: ['officer'] })
        .expect(201);
      const fullNameTh = `${SCRIPT_PAYLOAD} ${SQL_PAYLOAD}`;
      const user = await request(server)
        .post('/users')
        .set(bearer(token))
        .send({
          username: 'hostile.name',
          fullNameTh,
          password: 'ยาวพอสมควร-Strong-2566!',
          positionId: position.body.id,
        })
        .expect(201);
      const read = await request(server)
        .get(`/users/${user.body.id}`)
        .set(bearer(token))
        .expect(200);
      expect(read.body.fullNameTh).toBe(fullNameTh);
      expect(read.headers['content-type']).toMatch(/^application\/json/);
      // The new user signs in with the password as typed.
      await signIn(server, { username: 'hostile.name', password: 'ยาวพอสมควร-Strong-2566!' });

      const apiKey = await request(server)
        .post(`/organisations/${org['plao-47']}/api-keys`)
        .set(bearer(token))
        .send({ name: SQL_PAYLOAD, scopes: ['organisation.read'] })
        .expect(201);
      expect(apiKey.body.name).toBe(SQL_PAYLOAD);
      expect(await count('organisation')).toBe(organisations);
    });

    it('treats SQL in search and id parameters as data', async () => {
      const search = await request(server)
        .get('/organisations')
        .query({ q: "' OR 1=1 --" })
        .set(bearer(token))
        .expect(200);
      expect(search.body.total).toBe(0);
      const wildcard = await request(server)
        .get('/organisations')
        .query({ q: '%' })
        .set(bearer(token))
        .expect(200);
      expect(wildcard.body.total).toBe(0);
      expectError(
        await request(server)
          .get('/positions')
          .query({ organisationId: '1 OR 1=1' })
          .set(bearer(token)),
        400,
        'isInt',
        'organisationId',
      );
      expectError(
        await request(server).get("/users/1' OR '1'='1").set(bearer(token)),
        400,
        'isUUID',
        'id',
      );
    });
  });

  describe('password policy on user creation', () => {
    let admin: SeededActor;
    let token: string;
    const createUser = (body: Json) =>
      request(server)
        .post('/users')
        .set(bearer(token))
        .send({ fullNameTh: 'นางสาวทดสอบ ระบบ', positionId: admin.positionId, ...body });

    beforeAll(async () => {
      admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      token = await tokenOf(admin);
    });

    it('names each broken rule on the password field, writing nothing', async () => {
      const before = await counts('app_user', 'position_holding', 'audit_event');
      const cases: Array<[string, string, string]> = [
        ['short.pw', 'Sh0rt!pw', 'minLength'],
        ['somchai', 'xx-Somchai-2566-yy', 'containsUsername'],
        ['simple.pw', 'abcdefghijkl', 'complexity'],
        ['common.pw', 'Password1234', 'common'],
        ['long.pw', `${'ก'.repeat(120)}-Long-2566`, 'maxLength'],
      ];
      for (const [username, password, rule] of cases) {
        const res = await createUser({ username, password });
        const details = expectError(res, 400, rule, 'password');
        expect(details.every((d) => d.field === 'password')).toBe(true);
      }
      expect(await counts('app_user', 'position_holding', 'audit_event')).toEqual(before);
    });

    it('refuses a user name taken (in any case): 409 unique, writing nothing', async () => {
      const existing = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      const before = await counts('app_user', 'position_holding', 'audit_event');
      const res = await createUser({
        username: existing.username.toUpperCase(),
        password: 'ยาวพอสมควร-Strong-2566!',
      });
      expectError(res, 409, 'unique', 'username');
      expect(await counts('app_user', 'position_holding', 'audit_event')).toEqual(before);
    });

    it('refuses user names with markup or SQL: 400 matches', async () => {
      const before = await count('app_user');
      for (const username of [SCRIPT_PAYLOAD, "admin'--"]) {
        const res = await createUser({ username, password: 'ยาวพอสมควร-Strong-2566!' });
        expectError(res, 400, 'matches', 'username');
      }
      expect(await count('app_user')).toBe(before);
    });

    it('accepts a Thai passphrase that meets the policy', async () => {
      const res = await createUser({ username: 'good.pw', password: TEST_PASSWORD }).expect(201);
      expect(res.body).toMatchObject({ username: 'good.pw', active: true });
      expect(res.text).not.toMatch(/password/i);
    });
  });

  describe('security basics', () => {
    it('sends security headers and no framework banner, on success and on error', async () => {
      for (const res of [
        await request(server).get('/health'),
        await request(server).get('/auth/me'),
        await login({ username: 'x' }),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['x-frame-options']).toBeDefined();
        expect(res.headers['content-security-policy']).toBeDefined();
        expect(res.headers['x-request-id']).toBeDefined();
      }
    });

    it('keeps CORS off by default: no allow-origin for a foreign origin, nor on preflight', async () => {
      const simple = await request(server).get('/health').set('Origin', 'https://evil.example');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await request(server)
        .options('/auth/login')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });

    it('refuses an oversized sign-in body with 413 before doing anything', async () => {
      const before = await count('audit_event');
      const res = await request(server)
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }));
      expectError(res, 413, 'max_size', 'body');
      expect(await count('audit_event')).toBe(before);
    });

    it('answers a malformed id with 400 isUUID, not a 500 with internals', async () => {
      const admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      const token = await tokenOf(admin);
      expectError(
        await request(server).get('/users/not-a-uuid').set(bearer(token)),
        400,
        'isUUID',
        'id',
      );
      expectError(
        await request(server).post('/api-keys/not-a-uuid/revoke').set(bearer(token)),
        400,
        'isUUID',
      );
      expectError(
        await request(server).get('/users/00000000-0000-4000-8000-000000000000').set(bearer(token)),
        404,
        'exists',
      );
    });

    // Regression: a NUL character used to reach PostgreSQL and come back as a 500.
    it('answers a NUL byte in a user name with a 4xx, never a 500', async () => {
      const before = await counts('app_user', 'refresh_token');
      const res = await login({ username: 'admin\u0000', password: 'x\u0000y' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectNoInternals(res.text);
      expect(await counts('app_user', 'refresh_token')).toEqual(before);
    });

    it('answers a NUL byte in a position title with a 4xx, never a 500', async () => {
      const admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      const token = await tokenOf(admin);
      const before = await count('position');
      const res = await request(server)
        .post('/positions')
        .set(bearer(token))
        .send({ organisationId: org['plao-47'], titleTh: 'ธุร\u0000การ', roles: ['clerk'] });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectNoInternals(res.text);
      expect(await count('position')).toBe(before);
    });

    it('answers a NUL byte in a full name with a 4xx, never a 500', async () => {
      const admin = await seedActor(t.app, { organisation: 'plao-47', roles: ['org_admin'] });
      const token = await tokenOf(admin);
      const before = await counts('app_user', 'position_holding');
      const res = await request(server).post('/users').set(bearer(token)).send({
        username: 'nul.name',
        fullNameTh: 'นาย\u0000ทดสอบ',
        password: 'ยาวพอสมควร-Strong-2566!',
        positionId: admin.positionId,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectNoInternals(res.text);
      expect(await counts('app_user', 'position_holding')).toEqual(before);
    });
  });

  describe('audit of signing in', () => {
    it('records auth.login with the acting position, organisation, request id and address', async () => {
      const clerk = await seedActor(t.app, { organisation: 'sao-470401', roles: ['clerk'] });
      const requestId = `e2e-login-${clerk.username}`;
      const res = await login({ username: clerk.username, password: clerk.password })
        .set('X-Request-Id', requestId)
        .expect(200);
      expect(res.headers['x-request-id']).toBe(requestId);
      const rows = await auditRows('auth.login', clerk.userId);
      expect(rows).toEqual([
        expect.objectContaining({
          entity_type: 'user',
          actor_user_id: clerk.userId,
          actor_api_key_id: null,
          position_id: clerk.positionId,
          organisation_id: org['sao-470401'],
          request_id: requestId,
          ip: expect.stringMatching(/127\.0\.0\.1$|^::1$/),
        }),
      ]);
      expect(JSON.stringify(rows[0].payload ?? {})).not.toContain(clerk.password);
    });

    it('uses the generated request id when the caller sends none', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-48', roles: ['clerk'] });
      const res = await login({ username: clerk.username, password: clerk.password }).expect(200);
      const generated = res.headers['x-request-id'];
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await auditRows('auth.login', clerk.userId);
      expect(rows[0]).toMatchObject({ request_id: generated, organisation_id: org['plao-48'] });
    });

    it('records a failed sign-in without the password tried', async () => {
      const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
      await login({ username: clerk.username, password: 'Secret-Guess-998877' })
        .set('X-Request-Id', `e2e-failed-${clerk.username}`)
        .expect(401);
      const rows = await auditRows('auth.login_failed', clerk.userId);
      expect(rows).toEqual([
        expect.objectContaining({ request_id: `e2e-failed-${clerk.username}` }),
      ]);
      expect(JSON.stringify(rows)).not.toContain('Secret-Guess-998877');
    });
  });
});

describe(`rate limit on authentication (${engine})`, () => {
  const LIMIT = 4;
  let t: TestApp;
  let server: Server;
  let ds: DataSource;
  let restoreEnv: () => void;

  beforeAll(async () => {
    restoreEnv = withEnv({
      AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      LOGIN_MAX_FAILURES: '20',
    });
    t = await startTestApi();
    server = t.app.getHttpServer() as Server;
    ds = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t.close();
    restoreEnv();
  });

  it(`answers 429 with Retry-After after ${LIMIT} attempts a minute from one address`, async () => {
    const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
    const attempt = (password: string) =>
      request(server).post('/auth/login').send({ username: clerk.username, password });
    for (let i = 0; i < LIMIT; i++) {
      expectError(await attempt(`Wrong-guess-${i}-xyz`), 401, 'credentials');
    }
    const audited = await countRows(ds, 'audit_event');
    const limited = await attempt('Wrong-guess-again-xyz');
    const details = expectError(limited, 429, 'rate_limit', 'request');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(details[0].message_th).toContain(String(retryAfter));
    // The right password is refused as well, and refresh counts against the same limit.
    expectError(await attempt(clerk.password), 429, 'rate_limit');
    expectError(
      await request(server)
        .post('/auth/refresh')
        .send({ refreshToken: 'rt_whatever_whatever_whatever' }),
      429,
      'rate_limit',
    );
    // A refused attempt never reached the password check: nothing audited, no session.
    expect(await countRows(ds, 'audit_event')).toBe(audited);
    expect(await countRows(ds, 'refresh_token')).toBe(0);
  });

  it('counts per address: another client (behind the local proxy) may still sign in', async () => {
    const clerk = await seedActor(t.app, { organisation: 'plao-47', roles: ['clerk'] });
    const res = await request(server)
      .post('/auth/login')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ username: clerk.username, password: clerk.password })
      .expect(200);
    expect(res.body.actingPositionId).toBe(clerk.positionId);
  });
});
