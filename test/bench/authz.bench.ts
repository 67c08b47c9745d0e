import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from '@wian/app-core';
import { AppConfig } from '@wian/config';
import { Organisation } from '@wian/hierarchy';
import { Authorize, configureHttpApp, Public } from '@wian/http';
import { authorize, SessionService, type Actor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import { createEmptyDatabase, engineArgument, percentile } from '../support/bench-database.js';
import { seedActor, TEST_PASSWORD } from '../support/identity-factory.js';

/**
 * npm run bench:authz [-- --engine=pglite]
 *
 * What authorisation costs per request: the API boots as production builds it (ApiModule,
 * the global SecurityGuard, configureHttpApp) plus two routes with identical handlers, one
 * behind @Authorize('delegation.read', organisation from :id) and one @Public. Both are
 * driven over real HTTP (keep-alive, one request at a time, interleaved so machine noise hits
 * both alike); the difference is JWT verification, building the actor, locating the
 * organisation (one query) and the policy decision. In-process figures for the JWT check, the
 * lookup query and authorize() alone show where the time goes.
 */
const WARM_UP = 1_000;
const REQUESTS = 5_000;
const POLICY_CALLS = 100_000;
const POLICY_BATCH = 100;
const PART_CALLS = 2_000;

@Controller('bench')
class AuthzBenchController {
  @Get('checked/:id')
  @Authorize('delegation.read', { kind: 'organisation', from: 'param', key: 'id' })
  checked(@Param('id') id: string): { ok: true; id: number } {
    return { ok: true, id: Number(id) };
  }

  @Get('unchecked/:id')
  @Public()
  unchecked(@Param('id') id: string): { ok: true; id: number } {
    return { ok: true, id: Number(id) };
  }
}

@Module({ imports: [ApiModule], controllers: [AuthzBenchController] })
class AuthzBenchModule {}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Reply {
  status: number;
  body: string;
}

/** A keep-alive HTTP client for one server, one request at a time. */
function httpClient(port: number): {
  send(
    method: 'GET' | 'POST',
    path: string,
    headers?: Record<string, string>,
    body?: string,
  ): Promise<Reply>;
  close(): void;
} {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send: (method, path, headers = {}, body) =>
      new Promise<Reply>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => {
      agent.destroy();
    },
  };
}

const micros = (from: bigint, to: bigint): number => Number(to - from) / 1_000;

async function timeUs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return micros(started, process.hrtime.bigint());
}

function expectStatus(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) {
    throw new Error(`${what}: expected HTTP ${status}, got ${reply.status}: ${reply.body}`);
  }
}

async function main(): Promise<void> {
  const engine = engineArgument();
  const db = await createEmptyDatabase(engine);
  let app: INestApplication | undefined;
  let client: ReturnType<typeof httpClient> | undefined;
  try {
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `wianbench-${randomBytes(4).toString('hex')}`,
      DATABASE_MIGRATE_ON_START: 'true',
      HIERARCHY_SEED_ON_START: 'true',
      ...db.env,
    });
    log(`starting the API on ${engine} (migrations and the national hierarchy)…`);
    const bootStarted = process.hrtime.bigint();
    const nest = await NestFactory.create<NestExpressApplication>(AuthzBenchModule, {
      bodyParser: false,
      logger: false,
      abortOnError: false, // throw start-up errors (printed below) instead of exiting silently
    });
    app = nest;
    configureHttpApp(nest, nest.get(AppConfig));
    await nest.listen(0, '127.0.0.1');
    const port = (nest.getHttpServer().address() as AddressInfo).port;
    log(
      `listening on 127.0.0.1:${port} after ${Math.round(micros(bootStarted, process.hrtime.bigint()) / 1e6)} s`,
    );

    const admin = await seedActor(nest, { organisation: 'plao-47', roles: ['org_admin'] });
    const orgs = nest.get(TransactionHost).repository(Organisation);
    // The subtree is the structural one (path): the provincial office's groups are inside it;
    // the district offices it supervises hang under their districts, so they are not.
    const inside = await orgs.findOneByOrFail({ code: 'plao-47-g6' });
    const outside = await orgs.findOneByOrFail({ code: 'plao-48' });

    client = httpClient(port);
    const http = client;
    const login = await http.send(
      'POST',
      '/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: admin.username, password: TEST_PASSWORD }),
    );
    expectStatus(login, 200, 'POST /auth/login');
    const { accessToken } = JSON.parse(login.body) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const checkedPath = `/bench/checked/${inside.id}`;
    const uncheckedPath = `/bench/unchecked/${inside.id}`;

    // The check is real: allowed in the admin's subtree, refused in another province and anonymously.
    expectStatus(await http.send('GET', checkedPath, auth), 200, `GET ${checkedPath} (plao-47-g6)`);
    expectStatus(await http.send('GET', uncheckedPath, auth), 200, `GET ${uncheckedPath}`);
    expectStatus(
      await http.send('GET', `/bench/checked/${outside.id}`, auth),
      403,
      `GET /bench/checked/${outside.id} (plao-48)`,
    );
    expectStatus(await http.send('GET', checkedPath), 401, `GET ${checkedPath} without a token`);
    log('checked route: 200 for plao-47-g6, 403 for plao-48, 401 without a token');

    const checked: number[] = [];
    const unchecked: number[] = [];
    const once = async (path: string, into: number[] | null): Promise<void> => {
      const started = process.hrtime.bigint();
      const reply = await http.send('GET', path, auth);
      const us = micros(started, process.hrtime.bigint());
      if (reply.status !== 200) throw new Error(`GET ${path}: HTTP ${reply.status}: ${reply.body}`);
      into?.push(us);
    };
    log(`warm-up: ${WARM_UP} requests per route…`);
    for (let i = 0; i < WARM_UP; i++) {
      await once(checkedPath, null);
      await once(uncheckedPath, null);
    }
    log(`measuring ${REQUESTS} requests per route, interleaved…`);
    for (let i = 0; i < REQUESTS; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        await once(checkedPath, checked);
        await once(uncheckedPath, unchecked);
      } else {
        await once(uncheckedPath, unchecked);
        await once(checkedPath, checked);
      }
      if ((i + 1) % 1_000 === 0) log(`  ${i + 1}/${REQUESTS}`);
    }

    // In process: the parts of the checked route, one by one.
    const sessions = nest.get(SessionService);
    const claims = await sessions.verifyAccess(accessToken);
    const tx = nest.get(TransactionHost);
    const jwtSamples: number[] = [];
    const lookupSamples: number[] = [];
    for (let i = 0; i < PART_CALLS; i++) {
      jwtSamples.push(await timeUs(() => sessions.verifyAccess(accessToken)));
      lookupSamples.push(
        await timeUs(() =>
          // The ResourceLocator's query for kind 'organisation'.
          tx.manager.query(
            'SELECT DISTINCT o.id AS "organisationId", o.path AS "organisationPath" FROM organisation o WHERE o.id = $1',
            [inside.id],
          ),
        ),
      );
    }

    const actor: Actor = {
      kind: 'user',
      userId: claims.sub,
      username: claims.usr,
      isSystemAdmin: claims.sa,
      positionId: claims.pos,
      organisationId: claims.org,
      organisationPath: claims.path,
      roles: claims.roles,
    };
    const target = { organisationId: inside.id, organisationPath: inside.path };
    if (!authorize(actor, 'delegation.read', target).allowed) {
      throw new Error('authorize() refused the org_admin of plao-47 for plao-47-g6');
    }
    let allowed = 0;
    for (let i = 0; i < 10_000; i++)
      if (authorize(actor, 'delegation.read', target).allowed) allowed++;
    const batchNs: number[] = [];
    for (let b = 0; b < POLICY_CALLS / POLICY_BATCH; b++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < POLICY_BATCH; i++) {
        if (authorize(actor, 'delegation.read', target).allowed) allowed++;
      }
      batchNs.push(Number(process.hrtime.bigint() - started) / POLICY_BATCH);
    }
    if (allowed !== 10_000 + POLICY_CALLS) throw new Error('authorize() answered inconsistently');

    const p50 = percentile(checked, 50);
    const p99 = percentile(checked, 99);
    const baselineP50 = percentile(unchecked, 50);
    const baselineP99 = percentile(unchecked, 99);
    const policyP99Ns = percentile(batchNs, 99);
    log(
      `checked p50 ${Math.round(p50)} µs p99 ${Math.round(p99)} µs; ` +
        `unchecked p50 ${Math.round(baselineP50)} µs p99 ${Math.round(baselineP99)} µs; ` +
        `in process: JWT verify p99 ${Math.round(percentile(jwtSamples, 99))} µs, ` +
        `organisation lookup p99 ${Math.round(percentile(lookupSamples, 99))} µs, ` +
        `authorize() p99 ${Math.round(policyP99Ns)} ns per call`,
    );

    const result = {
      engine,
      requests: REQUESTS,
      p50Us: Math.round(p50),
      p99Us: Math.round(p99),
      baselineP50Us: Math.round(baselineP50),
      baselineP99Us: Math.round(baselineP99),
      addedP50Us: Math.round(p50 - baselineP50),
      addedP99Us: Math.round(p99 - baselineP99),
      policyOnlyP99Us: Math.round(policyP99Ns / 1_000),
      policyOnlyP99Ns: Math.round(policyP99Ns),
      jwtVerifyP50Us: Math.round(percentile(jwtSamples, 50)),
      jwtVerifyP99Us: Math.round(percentile(jwtSamples, 99)),
      lookupP50Us: Math.round(percentile(lookupSamples, 50)),
      lookupP99Us: Math.round(percentile(lookupSamples, 99)),
      cpus: cpus().length,
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    client?.close();
    if (app !== undefined) await app.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
