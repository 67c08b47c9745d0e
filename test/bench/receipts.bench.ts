import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { ApiModule } from '@wian/app-core';
import { AppConfig } from '@wian/config';
import { Organisation } from '@wian/hierarchy';
import { configureHttpApp, validateCommand } from '@wian/http';
import { TransactionHost, type DatabaseEngine } from '@wian/persistence';
import {
  DocumentFactory,
  ReceiptService,
  receiptSeries,
  RegisterDirectory,
  RegisterReceiptDto,
  type Register,
} from '@wian/registers';
import { toThaiDigits } from '@wian/thai';
import {
  createEmptyDatabase,
  engineArgument,
  percentile,
  round,
  startCpuProfile,
} from '../support/bench-database.js';
import { seedActor, TEST_PASSWORD } from '../support/identity-factory.js';
import { bounded } from './national-tree.js';
import type { LoadRequest, LoadResult } from './receipts-load.js';

/**
 * npm run bench:receipts [-- --engine=pglite] [--concurrency=N] [--http-registers=N]
 *
 * ลงทะเบียนรับ at volume. The API boots as production builds it (ApiModule, configureHttpApp,
 * migrations and the national hierarchy) on a fresh database, then:
 *
 * 1. service layer: 20,000 typed-in external letters through ReceiptService.receive(), round
 *    robin over the central receipt registers of the first 200 districts, a bounded number in
 *    flight. Each is the whole use case: validation, the document and its parts, the register
 *    line, the running number and the audit row, atomically (one statement since issue 4).
 * 2. HTTP: 5,000 POST /registers/:id/receipts by signed-in clerks at a fixed rate (open loop:
 *    request i leaves at t0 + i/rate whatever happened to the others), from a worker thread.
 * 3. gapless: every register's numbers are exactly 1..n, and its counter says n.
 * 4. baseline: the same number of rows as step 1, plain multi-row INSERTs into a bare table
 *    with register_entry's columns, in one transaction.
 * 5. profile: one receipt at a time on another register: receive(), the work before its one
 *    statement, and (PostgreSQL) the statements it sends.
 *
 * Progress on stderr; the last line on stdout is one JSON object; exit code 1 unless gapless and
 * every HTTP request answered 201.
 *
 * Options for exploring (the issue's figures use the defaults): --concurrency=N (receipts in
 * flight in step 1; default 16 on PostgreSQL, whose pool is set to 20, and 1 on PGlite, which
 * serialises anyway), --http-registers=N (clerks and registers sharing the HTTP load, default
 * 20), --receipts=N, --http-requests=N, --cpu-profile=file (V8 profile of step 1),
 * --keep-database (do not drop the PostgreSQL database).
 */
function intArgument(name: string, fallback: number): number {
  const given = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

const RECEIPTS = intArgument('receipts', 20_000);
const REGISTERS = 200;
const HTTP_REQUESTS = intArgument('http-requests', 5_000);
const HTTP_WARM_UP = 200;
const HTTP_RATE = 200;
const HTTP_MAX_SOCKETS = 64;
const PROFILE_RECEIPTS = 400;
const BASELINE_CHUNK = 1_000;
const RECEIVED_AT = '2023-03-08T09:15:00+07:00';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** A letter as a clerk types it in from paper: number i of สน ๐๐๒๓.๖/ว, with its parts. */
function letter(i: number): Record<string, unknown> {
  return {
    document: {
      type: 'external_letter',
      issuerName: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร',
      issuerAddress: 'ศาลากลางจังหวัดสกลนคร ถนนศูนย์ราชการ อำเภอเมืองสกลนคร ๔๗๐๐๐',
      letterNumber: `ที่ สน ๐๐๒๓.๖/ว ${toThaiDigits(i + 1)}`,
      letterDate: '๒๗ กุมภาพันธ์ ๒๕๖๖',
      urgency: 'ด่วนที่สุด',
      subject:
        'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น (สถานที่กลาง) และศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นผ่านระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)',
      salutation: 'นายอำเภอ ทุกอำเภอ',
      references: [{ number: 'มท ๐๘๑๐.๗/ว ๓๐๗', date: '๒๗ กุมภาพันธ์ ๒๕๖๖' }],
      enclosures: [
        { description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ปฏิบัติการร่วมฯ', count: 1, unit: 'ชุด' },
        { description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ช่วยเหลือประชาชนฯ', count: '๑' },
      ],
      deadline: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    },
    receivedAt: RECEIVED_AT,
    action: 'เสนอ นายอำเภอ / แจ้ง อปท. ทุกแห่ง',
  };
}

/** POST /auth/login, the answer's access token. */
function signIn(port: number, username: string): Promise<string> {
  const body = JSON.stringify({ username, password: TEST_PASSWORD });
  return new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/auth/login',
        agent: new Agent({ keepAlive: false }),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`login: HTTP ${res.statusCode}: ${text}`));
          else resolve((JSON.parse(text) as { accessToken: string }).accessToken);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function timeUs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) * 1_000;
}

interface GapRow {
  register_id: string;
  year_be: number;
  n: number;
  lo: number;
  hi: number;
  distinct_n: number;
  counter: number | null;
}

async function main(): Promise<void> {
  const engine = engineArgument();
  const concurrency = intArgument('concurrency', engine === 'pglite' ? 1 : 16);
  const httpRegisters = intArgument('http-registers', 20);
  const db = await createEmptyDatabase(engine);
  // Started before anything else: its file is loaded now, whatever later happens to dist/.
  const loader = new Worker(new URL('./receipts-load.js', import.meta.url));
  let app: INestApplication | undefined;
  try {
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `wianbench-${randomBytes(4).toString('hex')}`,
      DATABASE_MIGRATE_ON_START: 'true',
      DATABASE_POOL_SIZE: '20',
      HIERARCHY_SEED_ON_START: 'true',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      ...db.env,
    });
    log(`starting the API on ${engine} (migrations and the national hierarchy)…`);
    const bootStarted = performance.now();
    const nest = await NestFactory.create<NestExpressApplication>(ApiModule, {
      bodyParser: false,
      logger: false,
      abortOnError: false,
    });
    app = nest;
    configureHttpApp(nest, nest.get(AppConfig));
    await nest.listen(0, '127.0.0.1');
    const port = (nest.getHttpServer().address() as AddressInfo).port;
    log(
      `listening on 127.0.0.1:${port} after ${round((performance.now() - bootStarted) / 1e3, 1)} s`,
    );

    const tx = nest.get(TransactionHost);
    const directory = nest.get(RegisterDirectory);
    const receipts = nest.get(ReceiptService);

    // The first 201 districts: 200 for the run, one more for the profile.
    const districts = await tx
      .repository(Organisation)
      .find({ where: { kind: 'district' }, order: { id: 'ASC' }, take: REGISTERS + 1 });
    if (districts.length < REGISTERS + 1)
      throw new Error(`only ${districts.length} districts in the hierarchy`);
    const centralOf = async (organisationId: number): Promise<Register> => {
      const found = (await directory.ofOrganisation(organisationId)).find(
        (r) => r.kind === 'receipt',
      );
      if (found === undefined) throw new Error(`no receipt register for ${organisationId}`);
      return found;
    };
    const registers: Register[] = [];
    for (const d of districts.slice(0, REGISTERS)) registers.push(await centralOf(d.id));
    const profileRegister = await centralOf(districts[REGISTERS].id);
    log(`${registers.length} central receipt registers (districts ${districts[0].code}…)`);

    // 1. Service layer.
    log(`service layer: ${RECEIPTS} receipts, ${concurrency} in flight…`);
    let created = 0;
    // --cpu-profile=file.cpuprofile: a V8 profile of this phase only.
    const cpuProfile = await startCpuProfile();
    const serviceStarted = performance.now();
    const serviceCpu = process.cpuUsage();
    await bounded(
      RECEIPTS,
      concurrency,
      async (i) => {
        const outcome = await receipts.receive(registers[i % REGISTERS].id, letter(i), null);
        if (outcome.created) created++;
      },
      (done) => {
        log(
          `  ${done}/${RECEIPTS} (${Math.round(done / ((performance.now() - serviceStarted) / 1e3))}/s)`,
        );
      },
    );
    const serviceMs = performance.now() - serviceStarted;
    const cpu = process.cpuUsage(serviceCpu);
    const nodeCpuPct = ((cpu.user + cpu.system) / 1e3 / serviceMs) * 100;
    const profiled = await cpuProfile.stop();
    if (profiled !== undefined) log(`CPU profile of the service phase written to ${profiled}`);
    if (created !== RECEIPTS) throw new Error(`${RECEIPTS - created} receipts were not created`);
    const receiptsPerSec = RECEIPTS / (serviceMs / 1e3);
    log(
      `service layer: ${Math.round(receiptsPerSec)} receipts/s (${round(serviceMs / 1e3, 1)} s, ` +
        `node process at ${Math.round(nodeCpuPct)}% of one core)`,
    );

    // 2. HTTP, open loop, clerks of the first `httpRegisters` districts.
    const httpTargets = registers.slice(0, Math.min(httpRegisters, REGISTERS));
    const tokens: string[] = [];
    for (const [k, r] of httpTargets.entries()) {
      const clerk = await seedActor(nest, {
        organisation: districts[k].code,
        roles: ['clerk'],
      });
      if (clerk.organisationId !== r.organisationId) throw new Error('clerk in the wrong district');
      tokens.push(await signIn(port, clerk.username));
    }
    const total = HTTP_WARM_UP + HTTP_REQUESTS;
    const job: LoadRequest = {
      port,
      rate: HTTP_RATE,
      warmUp: HTTP_WARM_UP,
      maxSockets: HTTP_MAX_SOCKETS,
      paths: [],
      bodies: [],
      headers: [],
    };
    for (let i = 0; i < total; i++) {
      const k = i % httpTargets.length;
      job.paths.push(`/registers/${httpTargets[k].id}/receipts`);
      job.bodies.push(JSON.stringify(letter(RECEIPTS + i)));
      job.headers.push({ authorization: `Bearer ${tokens[k]}` });
    }
    log(
      `HTTP: ${HTTP_WARM_UP} warm-up + ${HTTP_REQUESTS} POST /registers/:id/receipts at ${HTTP_RATE}/s ` +
        `over ${httpTargets.length} registers (clerk each)…`,
    );
    const load = await new Promise<LoadResult>((resolve, reject) => {
      loader.once('message', resolve);
      loader.once('error', reject);
      loader.postMessage({ job });
    });
    const ms = load.samples.map((s) => s.ms);
    const fromSchedule = load.samples.map((s) => s.fromScheduleMs);
    const httpErrors = load.samples.filter((s) => s.status !== 201).length;
    const httpP50 = percentile(ms, 50);
    const httpP99 = percentile(ms, 99);
    log(
      `HTTP: p50 ${round(httpP50)} ms, p99 ${round(httpP99)} ms, max ${round(Math.max(...ms))} ms ` +
        `(from schedule p99 ${round(percentile(fromSchedule, 99))} ms, send lag p99 ` +
        `${round(
          percentile(
            load.samples.map((s) => s.lagMs),
            99,
          ),
        )} ms); ${httpErrors} not 201` +
        (load.firstFailure === undefined ? '' : `; first: ${load.firstFailure}`),
    );

    // 3. Gapless: per register and year, numbers 1..n, no repeats, and the counter at n.
    const gaps = await tx.manager.query<GapRow[]>(
      `SELECT e.register_id, e.year_be, count(*)::int AS n, min(e.number)::int AS lo,
              max(e.number)::int AS hi, count(DISTINCT e.number)::int AS distinct_n,
              (SELECT r.last_number FROM running_number r
                WHERE r.series_key = 'receipt:' || e.register_id::text AND r.year_be = e.year_be)::int AS counter
         FROM register_entry e GROUP BY e.register_id, e.year_be`,
    );
    const bad = gaps.filter(
      (g) => g.lo !== 1 || g.hi !== g.n || g.distinct_n !== g.n || g.counter !== g.n,
    );
    const lines = gaps.reduce((sum, g) => sum + g.n, 0);
    const expectedLines = RECEIPTS + total - httpErrors;
    const gapless = bad.length === 0 && gaps.length === REGISTERS && lines === expectedLines;
    log(
      `gapless: ${gaps.length} registers, ${lines} lines (expected ${expectedLines}), ` +
        `${bad.length} with gaps or repeats${bad.length > 0 ? `: ${JSON.stringify(bad.slice(0, 3))}` : ''}`,
    );
    if (receiptSeries(registers[0].id) !== `receipt:${registers[0].id}`)
      throw new Error('the gapless query assumes the receipt series key receipt:<register id>');

    // 4. Baseline: bare table, register_entry's columns, multi-row INSERTs, one transaction.
    await tx.manager.query(
      `CREATE TABLE bench_receipt_baseline (id uuid, register_id uuid, year_be integer,
         number integer, document_id uuid, registered_at timestamptz, letter_number varchar(64),
         letter_date date, from_text varchar(500), to_text varchar(500), subject varchar(1000),
         urgency varchar(16), action text, remarks text, registered_by_user_id uuid,
         position_id uuid, idempotency_key varchar(128), cancelled_at timestamptz,
         cancel_reason text, cancelled_by_user_id uuid)`,
    );
    const sample = letter(0) as { document: Record<string, string>; action: string };
    const baselineRow = (i: number): unknown[] => [
      crypto.randomUUID(),
      registers[i % REGISTERS].id,
      2566,
      Math.floor(i / REGISTERS) + 1,
      crypto.randomUUID(),
      RECEIVED_AT,
      `สน 0023.6/ว ${i + 1}`,
      '2023-02-27',
      sample.document.issuerName,
      sample.document.salutation,
      sample.document.subject,
      'most_urgent',
      sample.action,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ];
    const baselineMs =
      (await timeUs(() =>
        tx.run(async (manager) => {
          for (let start = 0; start < RECEIPTS; start += BASELINE_CHUNK) {
            const params: unknown[] = [];
            const values: string[] = [];
            for (let i = start; i < Math.min(RECEIPTS, start + BASELINE_CHUNK); i++) {
              const row = baselineRow(i);
              const b = params.length;
              values.push(`(${row.map((_, c) => `$${b + c + 1}`).join(', ')})`);
              params.push(...row);
            }
            await manager.query(
              `INSERT INTO bench_receipt_baseline VALUES ${values.join(', ')}`,
              params,
            );
          }
        }),
      )) / 1e3;
    const baselineInsertRowsPerSec = RECEIPTS / (baselineMs / 1e3);
    log(`baseline: ${Math.round(baselineInsertRowsPerSec)} rows/s (${round(baselineMs)} ms)`);

    // 5. Profile: one receipt at a time on another register.
    const profile = await profileReceipt(nest, profileRegister.id, engine);

    const result = {
      engine,
      receipts: RECEIPTS,
      registers: REGISTERS,
      concurrency,
      receiptsPerSec: Math.round(receiptsPerSec),
      serviceNodeCpuPct: Math.round(nodeCpuPct),
      httpRequests: HTTP_REQUESTS,
      httpRate: HTTP_RATE,
      httpRegisters: httpTargets.length,
      httpP50Ms: round(httpP50),
      httpP99Ms: round(httpP99),
      httpMaxMs: round(Math.max(...ms)),
      httpP99FromScheduleMs: round(percentile(fromSchedule, 99)),
      httpAchievedRate: round(HTTP_REQUESTS / (load.elapsedMs / 1e3), 1),
      httpErrors,
      gapless,
      baselineInsertRowsPerSec: Math.round(baselineInsertRowsPerSec),
      ratioToBaseline: round(receiptsPerSec / baselineInsertRowsPerSec, 4),
      receiveSerialP50Us: profile.receiveP50Us,
      phaseP50Us: profile.phases,
      statementsPerReceipt: profile.statementsPerReceipt,
      poolSize: engine === 'pglite' ? 1 : 20,
      loadAvg1Min: round(loadavg()[0]),
      cpus: cpus().length,
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!gapless || httpErrors > 0) process.exitCode = 1;
  } finally {
    await loader.terminate();
    if (app !== undefined) await app.close();
    // --keep-database: leave it for EXPLAIN and friends (drop it by hand afterwards).
    if (process.argv.includes('--keep-database')) log(`kept the database: ${db.env.DATABASE_URL}`);
    else await db.drop();
  }
}

/**
 * One receipt at a time (no contention): whole receive() calls, and apart from them the work
 * done before the statement (validation, the register lookup, DocumentFactory.prepare), so
 * that `statement` (receive minus the rest, medians) is what the one SQL statement costs.
 * On PostgreSQL also the statements one receive() sends.
 */
async function profileReceipt(
  nest: INestApplication,
  registerId: string,
  engine: DatabaseEngine,
): Promise<{
  receiveP50Us: number;
  phases: Record<string, number>;
  statementsPerReceipt: number | null;
}> {
  const directory = nest.get(RegisterDirectory);
  const documents = nest.get(DocumentFactory);
  const receipts = nest.get(ReceiptService);
  const samples: Record<string, number[]> = {};
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    (samples[phase] ??= []).push((performance.now() - started) * 1_000);
    return value;
  };
  const base = 1_000_000;
  log(`profile: ${PROFILE_RECEIPTS} receipts one at a time, phases timed apart…`);
  for (let i = 0; i < PROFILE_RECEIPTS; i++) {
    await timed('receive', () => receipts.receive(registerId, letter(base + i), null));
    const dto = await timed('validate', () =>
      validateCommand(RegisterReceiptDto, letter(base + PROFILE_RECEIPTS + i)),
    );
    await timed('registerGet', () => directory.get(registerId));
    await timed('prepare', () => documents.prepare(dto.document!));
  }
  const phases: Record<string, number> = {};
  for (const [phase, values] of Object.entries(samples)) {
    if (phase !== 'receive') phases[phase] = Math.round(percentile(values, 50));
  }
  const receiveP50Us = Math.round(percentile(samples.receive, 50));
  phases.statement = receiveP50Us - phases.validate - phases.registerGet - phases.prepare;
  let statementsPerReceipt: number | null = null;
  if (engine === 'postgres') {
    const statements = await traceStatements(() =>
      receipts.receive(registerId, letter(base + 2 * PROFILE_RECEIPTS), null),
    );
    statementsPerReceipt = statements.length;
    log(
      `profile: one receive() sends ${statements.length} statement(s) ` +
        `(round trip µs, first words):\n${statements.map((s) => `    ${s}`).join('\n')}`,
    );
  }
  log(
    `profile: receive() p50 ${receiveP50Us} µs one at a time; phases p50 (µs): ${Object.entries(
      phases,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return { receiveP50Us, phases, statementsPerReceipt };
}

/** The statements one piece of work sends through node-postgres, with their round trips. */
async function traceStatements(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]): unknown {
    const first = args[0] as string | { name?: string; text: string };
    const text =
      typeof first === 'string' ? first : `[prepared ${first.name ?? '-'}] ${first.text}`;
    const started = performance.now();
    const result = original.apply(this, args);
    const note = (): void => {
      const us = Math.round((performance.now() - started) * 1_000);
      seen.push(`${String(us).padStart(6)}  ${text.replace(/\s+/g, ' ').slice(0, 110)}`);
    };
    if (result instanceof Promise) void result.then(note, note);
    else note();
    return result;
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
