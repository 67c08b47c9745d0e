import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { CirculationService, DeliveryActions, SentCircular } from '@wian/circulation';
import { LOCAL_GOVERNMENT_KINDS, Organisation } from '@wian/hierarchy';
import {
  hashPassword,
  Position,
  PositionHolding,
  User,
  type Actor,
  type Role,
} from '@wian/identity';
import type { DatabaseEngine, TransactionHost } from '@wian/persistence';
import { round } from '../support/bench-database.js';
import { TEST_PASSWORD } from '../support/identity-factory.js';
import { deleteQueueKeys } from '../support/test-redis.js';

/**
 * The national circular tree of bench:fanout, shared with bench:deadlines: the letters, one
 * official per organisation, and the fan-out itself (the department sends to all provinces;
 * every province receives and forwards to its districts, PAO and city municipality; every
 * district receives and forwards to its local governments), through the service layer.
 */

export function intArgument(name: string, fallback: number): number {
  const given = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

export const ROLES: Role[] = ['clerk', 'head', 'officer'];

export const log = (line: string): void => void process.stderr.write(`${line}\n`);

export const SUBJECT =
  'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น (สถานที่กลาง) และศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นผ่านระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)';

/** ว ๓๐๗ as the department's clerk writes it (the e2e scenario's letter). */
export const departmentLetter = {
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
};

export const provinceLetter = (o: Organisation): Record<string, unknown> => ({
  type: 'external_letter',
  issuerName: `ศาลากลาง${o.nameTh}`,
  urgency: 'ด่วนที่สุด',
  subject: SUBJECT,
  salutation: 'นายอำเภอ ทุกอำเภอ นายกองค์การบริหารส่วนจังหวัด นายกเทศมนตรี',
  signature: {
    signerName: 'นายชยุต วงศ์วณิช',
    positionTitle: 'รองผู้ว่าราชการจังหวัด',
    capacity: 'acting_on_behalf',
    principalPositionTitle: `ผู้ว่าราชการ${o.nameTh}`,
  },
});

export const districtLetter = (o: Organisation): Record<string, unknown> => ({
  type: 'external_letter',
  issuerName: `ที่ว่าการ${o.nameTh}`,
  urgency: 'ด่วนที่สุด',
  subject: SUBJECT,
  salutation: 'นายกองค์กรปกครองส่วนท้องถิ่น ทุกแห่ง',
});

/** Runs `count` tasks with at most `limit` in flight. */
export async function bounded(
  count: number,
  limit: number,
  task: (i: number) => Promise<void>,
  progress?: (done: number) => void,
  every = 2_000,
): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      await task(i);
      done++;
      if (progress !== undefined && done % every === 0) progress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** One statement as sent: its round trip (µs) and its first words. */
export interface Traced {
  us: number;
  text: string;
}

export const formatTraced = (t: Traced): string => `${String(t.us).padStart(6)}  ${t.text}`;

/**
 * Counts (and on request records) every statement sent to the database. On PostgreSQL at
 * node-postgres' Client.query, which also sees the prepared statements that the hot paths
 * send past TypeORM (in a transaction on its connection, else through the pool); on PGlite at TypeORM's query runner, where manager.query,
 * repositories, query builders and transaction control all end up.
 */
export class StatementMeter {
  count = 0;
  private trace: Traced[] | null = null;

  constructor(engine: DatabaseEngine, dataSource: DataSource) {
    type Query = (this: unknown, ...args: unknown[]) => unknown;
    let proto: { query: Query };
    if (engine === 'postgres') {
      proto = pg.Client.prototype;
    } else {
      const runner = dataSource.createQueryRunner();
      proto = Object.getPrototypeOf(runner) as { query: Query };
      void runner.release();
    }
    const original = proto.query;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper needs both `this`es
    const meter = this;
    proto.query = function (this: unknown, ...args: unknown[]): unknown {
      meter.count++;
      if (meter.trace === null) return original.apply(this, args);
      const first = args[0];
      const raw = typeof first === 'string' ? first : String((first as { text?: unknown }).text);
      const text = raw.replace(/\s+/g, ' ').slice(0, 110);
      const started = performance.now();
      const trace = meter.trace;
      const note = (): void => {
        trace.push({ us: Math.round((performance.now() - started) * 1_000), text });
      };
      // pg-pool's own query() (autocommit statements) passes a callback: time to its call.
      const callback = args.findIndex((a) => typeof a === 'function');
      if (callback >= 0) {
        const done = args[callback] as (...results: unknown[]) => void;
        args[callback] = (...results: unknown[]): void => {
          note();
          done(...results);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) void result.then(note, note);
      else note();
      return result;
    };
  }

  /** The statements one piece of work sends, with their round trips. */
  async traced(work: () => Promise<unknown>): Promise<Traced[]> {
    const seen: Traced[] = [];
    this.trace = seen;
    try {
      await work();
    } finally {
      this.trace = null;
    }
    return seen;
  }
}

export interface Official {
  actor: Actor;
  organisationId: number;
}

/**
 * One official (user, position with clerk/head/officer, holding) for each organisation, in a
 * few multi-row INSERTs: about 9,000 of them would take minutes one by one.
 */
export async function seedOfficials(
  tx: TransactionHost,
  organisations: Organisation[],
): Promise<Map<number, Official>> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const tag = randomBytes(3).toString('hex');
  const officials = new Map<number, Official>();
  const chunk = 1_000;
  await tx.run(async (manager) => {
    for (let start = 0; start < organisations.length; start += chunk) {
      const slice = organisations.slice(start, start + chunk);
      const now = new Date();
      const users = await manager.insert(
        User,
        slice.map((o) => ({
          username: `f${tag}-${o.id}`,
          fullNameTh: `นายทดสอบ ${o.code}`,
          passwordHash,
          passwordChangedAt: now,
        })),
      );
      const positions = await manager.insert(
        Position,
        slice.map((o) => ({ organisationId: o.id, titleTh: 'นักจัดการงานทั่วไป', roles: ROLES })),
      );
      const userIds = users.identifiers.map((i) => i.id as string);
      const positionIds = positions.identifiers.map((i) => i.id as string);
      await manager.insert(
        PositionHolding,
        slice.map((_, k) => ({
          userId: userIds[k],
          positionId: positionIds[k],
          startsOn: '2020-01-01',
        })),
      );
      slice.forEach((o, k) => {
        officials.set(o.id, {
          organisationId: o.id,
          actor: {
            kind: 'user',
            userId: userIds[k],
            username: `f${tag}-${o.id}`,
            isSystemAdmin: false,
            positionId: positionIds[k],
            organisationId: o.id,
            organisationPath: o.path,
            roles: ROLES,
          },
        });
      });
    }
  });
  return officials;
}

export interface DeliveryRow {
  id: string;
  recipient_organisation_id: number;
  kind: string;
}

/** The hierarchy as the fan-out needs it. */
export interface Nation {
  organisations: Organisation[];
  byId: Map<number, Organisation>;
  byCode: Map<string, Organisation>;
  dla: Organisation;
  dlaDevelopment: Organisation;
  /** Provinces, districts and local governments: everyone the fan-out may reach. */
  recipients: Organisation[];
}

export async function loadNation(tx: TransactionHost): Promise<Nation> {
  const organisations = await tx.repository(Organisation).find({ order: { id: 'ASC' } });
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const byCode = new Map(organisations.map((o) => [o.code, o]));
  const dla = byCode.get('dla');
  const dlaDevelopment = byCode.get('dla-development');
  if (dla === undefined || dlaDevelopment === undefined)
    throw new Error('the hierarchy has no dla / dla-development');
  const local = new Set<string>(LOCAL_GOVERNMENT_KINDS);
  const recipients = organisations.filter(
    (o) => o.kind === 'province' || o.kind === 'district' || local.has(o.kind),
  );
  return { organisations, byId, byCode, dla, dlaDevelopment, recipients };
}

export interface FanOutDeps {
  tx: TransactionHost;
  circulation: CirculationService;
  actions: DeliveryActions;
  nation: Nation;
  actorOf: (organisationId: number) => Actor;
  /** Records a failed call (the fan-out goes on). */
  fail: (what: string, error: unknown) => void;
}

export interface FanOutOptions {
  concurrency: number;
  /** Statements since the previous call, for the log lines; omitted from them when absent. */
  phaseStatements?: () => number;
  /** Replaces the department letter's deadline (forwards inherit it). */
  deadline?: string;
}

export interface FanOut {
  root: SentCircular['circular'];
  /** process.cpuUsage() just before the send. */
  cpuAtStart: NodeJS.CpuUsage;
  /** The whole machine's CPU times just before the send (the database runs here too). */
  machineAtStart: MachineCpu;
  send: { value: SentCircular; ms: number };
  sendStatements: number;
  receiveUs: Record<'province' | 'district', number[]>;
  forwardUs: Record<'province' | 'district', number[]>;
  provinceDeliveries: DeliveryRow[];
  provinceCirculars: string[];
  provinceRecipients: number;
  provincePhase: { ms: number };
  provinceStatements: number;
  districtDeliveries: DeliveryRow[];
  districtCirculars: string[];
  districtRecipients: number;
  districtPhase: { ms: number };
  districtStatements: number;
  /** Busy share of the machine's cores during the district phase (%). */
  districtMachineBusyPct: number;
  /** Organisations that could not forward, and why. */
  skipped: string[];
}

/** CPU time of every core of the machine since boot (ms): busy and idle. */
export interface MachineCpu {
  busyMs: number;
  idleMs: number;
}

export function machineCpu(): MachineCpu {
  let busyMs = 0;
  let idleMs = 0;
  for (const { times } of cpus()) {
    busyMs += times.user + times.nice + times.sys + times.irq;
    idleMs += times.idle;
  }
  return { busyMs, idleMs };
}

/** Busy share of all cores since `start` (%): 100 is every core busy. */
export function machineBusyPct(start: MachineCpu): number {
  const now = machineCpu();
  const busy = now.busyMs - start.busyMs;
  const total = busy + now.idleMs - start.idleMs;
  return total === 0 ? 0 : Math.round((busy / total) * 100);
}

/**
 * The fan-out: one send, then receive + forward of every province, then of every district
 * (phases in turn, `concurrency` in flight within a phase).
 */
export async function fanOut(deps: FanOutDeps, options: FanOutOptions): Promise<FanOut> {
  const { tx, circulation, actions, actorOf, fail } = deps;
  const { byId, byCode, dla, dlaDevelopment, organisations } = deps.nation;
  const { concurrency } = options;
  const phaseStatements = options.phaseStatements ?? ((): number => 0);
  const counted = options.phaseStatements !== undefined;
  const local = new Set<string>(LOCAL_GOVERNMENT_KINDS);
  // Local governments a district forward reaches (the resolver's selector, counted here).
  const lgsOfDistrict = new Map<number, number>();
  for (const o of organisations) {
    if (o.active && local.has(o.kind) && o.districtId !== null)
      lgsOfDistrict.set(o.districtId, (lgsOfDistrict.get(o.districtId) ?? 0) + 1);
  }

  log(`fan-out: the department sends to all provinces…`);
  const cpuAtStart = process.cpuUsage();
  const machineAtStart = machineCpu();
  const send = await timed(() =>
    circulation.send(
      dla.id,
      {
        document:
          options.deadline === undefined
            ? departmentLetter
            : { ...departmentLetter, deadline: options.deadline },
        issuingUnitId: dlaDevelopment.id,
        selectors: [{ kind: 'all_provinces' }],
        // The scenario's deadline (24 March 2566) is long past: its jobs run at once.
        allowPastDeadline: options.deadline === undefined,
      } as never,
      actorOf(dla.id),
    ),
  );
  const sendStatements = phaseStatements();
  const root = send.value.circular;
  log(
    `  sent to ${root.recipientCount} provinces in ${round(send.ms)} ms` +
      (counted ? ` (${sendStatements} statements)` : ''),
  );
  const deliveriesOf = (circularIds: string[]): Promise<DeliveryRow[]> =>
    tx.manager.query<DeliveryRow[]>(
      `SELECT d.id, d.recipient_organisation_id, o.kind FROM delivery d
         JOIN organisation o ON o.id = d.recipient_organisation_id
        WHERE d.circular_id = ANY($1::uuid[]) ORDER BY d.recipient_organisation_id`,
      [circularIds],
    );

  /** Receive, then forward; per-call times kept for the breakdown. */
  const receiveUs: Record<'province' | 'district', number[]> = { province: [], district: [] };
  const forwardUs: Record<'province' | 'district', number[]> = { province: [], district: [] };
  const receiveAndForward = async (
    level: 'province' | 'district',
    delivery: DeliveryRow,
    input: () => Record<string, unknown> | null,
  ): Promise<SentCircular | null> => {
    const actor = actorOf(delivery.recipient_organisation_id);
    try {
      const r = await timed(() => actions.receive(delivery.id, {}, actor));
      receiveUs[level].push(r.ms * 1e3);
      const body = input();
      if (body === null) return null;
      const f = await timed(() => circulation.forward(delivery.id, body as never, actor));
      forwardUs[level].push(f.ms * 1e3);
      return f.value;
    } catch (error) {
      fail(`${level} ${delivery.recipient_organisation_id}`, error);
      return null;
    }
  };

  const provinceDeliveries = await deliveriesOf([root.id]);
  const provinceCirculars: string[] = [];
  const skipped: string[] = [];
  let provinceRecipients = 0;
  log(
    `fan-out: ${provinceDeliveries.length} provinces receive and forward, ${concurrency} in flight…`,
  );
  const provincePhase = await timed(() =>
    bounded(provinceDeliveries.length, concurrency, async (i) => {
      const d = provinceDeliveries[i];
      const province = byId.get(d.recipient_organisation_id)!;
      const unit = byCode.get(`plao-${province.geocode}-g6`);
      const sent = await receiveAndForward('province', d, () => {
        // Bangkok has no provincial office and no saraban prefix: it cannot number a letter.
        const issuer = unit?.sarabanPrefix ? unit : province.sarabanPrefix ? province : null;
        if (issuer === null) {
          skipped.push(`${province.code} (no saraban prefix)`);
          return null;
        }
        return {
          document: provinceLetter(province),
          issuingUnitId: issuer.id,
          selectors: [
            { kind: 'districts_of_province', organisationId: province.id },
            { kind: 'pao_and_city_municipality', organisationId: province.id },
          ],
        };
      });
      if (sent !== null) {
        provinceCirculars.push(sent.circular.id);
        provinceRecipients += sent.circular.recipientCount;
      }
    }),
  );
  const provinceStatements = phaseStatements();
  log(
    `  ${provinceCirculars.length} province forwards (${provinceRecipients} deliveries) in ` +
      `${round(provincePhase.ms / 1e3, 2)} s` +
      (counted ? `, ${provinceStatements} statements` : ''),
  );

  const districtDeliveries = (await deliveriesOf(provinceCirculars)).filter(
    (d) => d.kind === 'district',
  );
  const districtCirculars: string[] = [];
  let districtRecipients = 0;
  log(
    `fan-out: ${districtDeliveries.length} districts receive and forward, ${concurrency} in flight…`,
  );
  const districtStarted = performance.now();
  const districtMachine = machineCpu();
  const districtPhase = await timed(() =>
    bounded(
      districtDeliveries.length,
      concurrency,
      async (i) => {
        const d = districtDeliveries[i];
        const district = byId.get(d.recipient_organisation_id)!;
        const sent = await receiveAndForward('district', d, () => {
          if ((lgsOfDistrict.get(district.id) ?? 0) === 0) {
            skipped.push(`${district.code} (no local governments)`);
            return null;
          }
          if (district.sarabanPrefix === null) {
            skipped.push(`${district.code} (no saraban prefix)`);
            return null;
          }
          return {
            document: districtLetter(district),
            selectors: [{ kind: 'local_governments', organisationId: district.id }],
          };
        });
        if (sent !== null) {
          districtCirculars.push(sent.circular.id);
          districtRecipients += sent.circular.recipientCount;
        }
      },
      (done) => {
        log(
          `  ${done}/${districtDeliveries.length} (${round(done / ((performance.now() - districtStarted) / 1e3), 1)}/s)`,
        );
      },
      200,
    ),
  );
  const districtMachineBusyPct = machineBusyPct(districtMachine);
  const districtStatements = phaseStatements();
  log(
    `  ${districtCirculars.length} district forwards (${districtRecipients} deliveries) in ` +
      `${round(districtPhase.ms / 1e3, 2)} s` +
      (counted ? `, ${districtStatements} statements` : ''),
  );
  return {
    root,
    cpuAtStart,
    machineAtStart,
    send,
    sendStatements,
    receiveUs,
    forwardUs,
    provinceDeliveries,
    provinceCirculars,
    provinceRecipients,
    provincePhase,
    provinceStatements,
    districtDeliveries,
    districtCirculars,
    districtRecipients,
    districtPhase,
    districtStatements,
    districtMachineBusyPct,
    skipped,
  };
}

/** A bench's BullMQ keys, all under its own prefix. */
export async function deleteBenchQueueKeys(url: string, prefix: string): Promise<void> {
  log(`deleted ${await deleteQueueKeys(prefix, url)} Redis keys under ${prefix}:`);
}
