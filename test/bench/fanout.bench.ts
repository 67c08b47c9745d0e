import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiModule } from '@wian/app-core';
import { CirculationProgress, CirculationService, DeliveryActions } from '@wian/circulation';
import type { Organisation } from '@wian/hierarchy';
import type { Actor } from '@wian/identity';
import { JobQueues, OutboxRelay, OutboxSignal, OutboxSources, QueueName } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import {
  createEmptyDatabase,
  engineArgument,
  percentile,
  round,
  startCpuProfile,
} from '../support/bench-database.js';
import {
  bounded,
  deleteBenchQueueKeys,
  departmentLetter,
  districtLetter,
  fanOut,
  formatTraced,
  intArgument,
  loadNation,
  log,
  machineBusyPct,
  provinceLetter,
  seedOfficials,
  StatementMeter,
  timed,
  type DeliveryRow,
  type Official,
} from './national-tree.js';

/**
 * npm run bench:fanout [-- --engine=pglite] [--concurrency=N] [--pool=N] [--transitions=N] [--keep-database]
 *   [--cpu-profile=file.cpuprofile]
 *
 * The national fan-out of one circular. The API's module boots as an application context
 * (migrations and the national hierarchy) on a fresh database; one official (clerk, head,
 * officer) is seeded for the department and for every province, district and local
 * government. Then, through the service layer (CirculationService, DeliveryActions):
 *
 * 1. fan-out: the department (issuing unit dla-development) sends one circular to all
 *    provinces; every province receives its delivery and forwards (issuing unit กลุ่มงาน 6 of
 *    its สถ.จ.) to its districts, its PAO and city municipality; then every district receives
 *    and forwards to its local governments (own derived saraban prefix). Forwarding needs the
 *    delivery received first (the machine refuses FORWARD from `sent`), so fanoutSeconds is
 *    send + receive and forward of every province and district, phases run one after the
 *    other, `--concurrency` forwards in flight within a phase.
 * 2. relay: OutboxRelay.drain() publishes every outbox row to BullMQ on the real Redis (a
 *    unique QUEUE_PREFIX, its keys deleted afterwards). No relay runs during the fan-out: the
 *    bench boots the API module only, and builds the relay itself.
 * 3. progress: CirculationProgress.progress(root circular) 30 times after 3 warm-ups.
 * 4. warm fan-out: the same national fan-out again with a second department circular, on
 *    the same process and database (hot paths compiled, statements prepared, every
 *    organisation's registers created by the first): a circular on a running system.
 *    Reported as `warmFanout`; `fanoutSeconds` stays the first circular after the start.
 * 5. transitions: receive, acknowledge and report done on `--transitions` (default 10,000)
 *    depth-3 deliveries: all 7,207 of the first circular's, then the second circular's, each
 *    delivery's three in order by its own official, `--concurrency` deliveries in flight.
 * 6. baseline: plain multi-row INSERTs of as many delivery-like rows as the fan-out made, into
 *    a bare table with delivery's columns, in one transaction.
 * 7. profile: a third, small circular (department → one province → its districts → local
 *    governments of one district), one call at a time, with every statement each call sends.
 *
 * `--concurrency` (default 64) is the number of callers in flight, as many organisations acting
 * at the same moment; DeliveryTransitions gathers the commands that arrive together into
 * shared set-based statements (decision 26), so throughput grows with it where a statement per
 * command would not. The pool keeps its size (20 on PostgreSQL unless `--pool=N`, PGlite's one
 * connection).
 *
 * Progress on stderr; the last line on stdout is one JSON object; exit code 1 unless every
 * forward and transition succeeded and the counts add up.
 *
 * `--cpu-profile=file` writes a V8 profile of the fan-out (step 1) only, to open in Chrome
 * DevTools.
 *
 * Statements are counted in every phase by wrapping TypeORM's query runner (both engines);
 * the overhead is one counter increment per statement.
 */
const MAX_TRANSITIONS = intArgument('transitions', 10_000);
const PROGRESS_WARM_UP = 3;
const PROGRESS_RUNS = 30;
const BASELINE_CHUNK = 1_000;

async function main(): Promise<void> {
  const engine = engineArgument();
  // Callers in flight, not connections (the pool stays as it is): a nation's organisations act
  // at once, and commands that arrive together share statements (decision 26).
  const concurrency = intArgument('concurrency', 64);
  const poolSize = engine === 'pglite' ? 1 : intArgument('pool', 20);
  const db = await createEmptyDatabase(engine);
  const queuePrefix = `wianbench-${randomBytes(4).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let app: INestApplicationContext | undefined;
  try {
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      DATABASE_MIGRATE_ON_START: 'true',
      DATABASE_POOL_SIZE: String(poolSize),
      HIERARCHY_SEED_ON_START: 'true',
      ...db.env,
    });
    log(`starting the API module on ${engine} (migrations and the national hierarchy)…`);
    const boot = await timed(() =>
      NestFactory.createApplicationContext(ApiModule, { logger: false, abortOnError: false }),
    );
    app = boot.value;
    log(`ready after ${round(boot.ms / 1e3, 1)} s`);
    const tx = app.get(TransactionHost);
    const circulation = app.get(CirculationService);
    const actions = app.get(DeliveryActions);
    const progress = app.get(CirculationProgress);
    const meter = new StatementMeter(engine, app.get(DataSource));

    const nation = await loadNation(tx);
    const { byCode, dla, recipients } = nation;
    const seeded = await timed(() => seedOfficials(tx, [dla, ...recipients]));
    const officials = seeded.value;
    log(`${officials.size} officials seeded in ${round(seeded.ms / 1e3, 1)} s`);
    const actorOf = (organisationId: number): Actor => {
      const official = officials.get(organisationId);
      if (official === undefined) throw new Error(`no official for ${organisationId}`);
      return official.actor;
    };

    // 1. Fan-out.
    const statementsAt = (): number => meter.count;
    let mark = statementsAt();
    const phaseStatements = (): number => {
      const now = statementsAt();
      const n = now - mark;
      mark = now;
      return n;
    };
    const failures: string[] = [];
    const fail = (what: string, error: unknown): void => {
      const message = error instanceof Error ? error.message : String(error);
      const details = (error as { details?: unknown }).details;
      failures.push(
        `${what}: ${message}${details === undefined ? '' : ` ${JSON.stringify(details)}`}`,
      );
    };
    // --cpu-profile=file.cpuprofile: a V8 profile of this phase only.
    const cpuProfile = await startCpuProfile();
    const {
      root,
      cpuAtStart: fanoutCpu,
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
    } = await fanOut(
      { tx, circulation, actions, nation, actorOf, fail },
      { concurrency, phaseStatements },
    );
    const fanoutMs = send.ms + provincePhase.ms + districtPhase.ms;
    const profiled = await cpuProfile.stop();
    if (profiled !== undefined) log(`CPU profile of the fan-out written to ${profiled}`);
    const cpuPct = (since: NodeJS.CpuUsage, ms: number): number => {
      const used = process.cpuUsage(since);
      return Math.round(((used.user + used.system) / 1e3 / ms) * 100);
    };
    // The bench's own queries between phases are negligible against the phases.
    const fanoutNodeCpuPct = cpuPct(fanoutCpu, fanoutMs);
    const fanoutMachineBusyPct = machineBusyPct(machineAtStart);

    interface Counts {
      deliveries: number;
      depth3: number;
      circulars: number;
      events: number;
      outbox: number;
      unsent: number;
      /** Deadline jobs the relay publishes from their own rows (decision 31). */
      unpublishedJobs: number;
    }
    const [counts] = await tx.manager.query<Counts[]>(
      `SELECT (SELECT count(*)::int FROM delivery WHERE root_circular_id = $1) AS deliveries,
              (SELECT count(*)::int FROM delivery WHERE root_circular_id = $1 AND depth = 3) AS depth3,
              (SELECT count(*)::int FROM circular WHERE root_circular_id = $1) AS circulars,
              (SELECT count(*)::int FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id
                WHERE d.root_circular_id = $1) AS events,
              (SELECT count(*)::int FROM outbox_message) AS outbox,
              (SELECT count(*)::int FROM outbox_message WHERE sent_at IS NULL) AS unsent,
              (SELECT count(*)::int FROM scheduled_job
                WHERE published_at IS NULL AND done_at IS NULL) AS "unpublishedJobs"`,
      [root.id],
    );
    const outboxByJob = Object.fromEntries(
      (
        await tx.manager.query<Array<{ job_name: string; n: number }>>(
          `SELECT job_name, count(*)::int AS n FROM outbox_message GROUP BY 1 ORDER BY 1`,
        )
      ).map((r) => [r.job_name, r.n]),
    );
    const expectedDeliveries = root.recipientCount + provinceRecipients + districtRecipients;
    const forwards = provinceCirculars.length + districtCirculars.length;
    const deliveriesPerSec = counts.deliveries / (fanoutMs / 1e3);
    log(
      `fan-out: ${counts.deliveries} deliveries (expected ${expectedDeliveries}), ${counts.circulars} circulars, ` +
        `${counts.events} history rows, ${counts.outbox} outbox rows in ${round(fanoutMs / 1e3, 2)} s ` +
        `= ${Math.round(deliveriesPerSec)} deliveries/s (node at ${fanoutNodeCpuPct}% of one core, machine ${fanoutMachineBusyPct}% busy); ` +
        `${failures.length} failures` +
        (skipped.length > 0 ? `; not forwarded: ${skipped.join(', ')}` : ''),
    );
    for (const f of failures.slice(0, 5)) log(`  failure: ${f}`);

    // 2. Relay the outbox to BullMQ on the real Redis.
    const relay = new OutboxRelay(
      tx,
      app.get(JobQueues),
      new OutboxSignal(),
      app.get(OutboxSources),
    );
    log(
      `relay: ${counts.unsent} outbox rows and ${counts.unpublishedJobs} deadline jobs to BullMQ ` +
        `(prefix ${queuePrefix})…`,
    );
    const relayed = await timed(() => relay.drain());
    const relayStatements = phaseStatements();
    const queued = await app.get(JobQueues).get(QueueName.Circulation).count();
    const [leftUnpublished] = await tx.manager.query<Array<{ n: number }>>(
      `SELECT (SELECT count(*)::int FROM outbox_message WHERE sent_at IS NULL) +
              (SELECT count(*)::int FROM scheduled_job WHERE published_at IS NULL AND done_at IS NULL) AS n`,
    );
    log(
      `  ${relayed.value} jobs published in ${round(relayed.ms / 1e3, 2)} s ` +
        `(${Math.round(relayed.value / (relayed.ms / 1e3))} jobs/s; ${queued} waiting in the queue)`,
    );

    // 3. Progress of the whole national tree.
    const progressMs: number[] = [];
    let progressTotal = 0;
    for (let i = 0; i < PROGRESS_WARM_UP + PROGRESS_RUNS; i++) {
      const p = await timed(() => progress.progress(root.id));
      if (i >= PROGRESS_WARM_UP) progressMs.push(p.ms);
      progressTotal = p.value.total.deliveries;
    }
    // Where a progress call's time goes: its statements' round trips (the tree's rows
    // arrive parsed by the driver) against the whole call (the rest is counting in memory).
    const progressSqlMs: number[] = [];
    const progressCallMs: number[] = [];
    let progressStatements = 0;
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const statements = await meter.traced(() => progress.progress(root.id));
      progressCallMs.push(performance.now() - started);
      progressSqlMs.push(statements.reduce((sum, t) => sum + t.us, 0) / 1e3);
      progressStatements = statements.length;
    }
    phaseStatements();
    const progressP95Ms = percentile(progressMs, 95);
    log(
      `progress: ${progressTotal} deliveries counted, p50 ${round(percentile(progressMs, 50))} ms, ` +
        `p95 ${round(progressP95Ms)} ms; of a call (p50) ${round(percentile(progressSqlMs, 50))} ms ` +
        `in its ${progressStatements} statements, ${round(percentile(progressCallMs, 50))} ms in all`,
    );

    // 4. A second national circular on the same running system: the process, its pool and
    // its prepared statements are warm (V8 has compiled the hot paths, each connection has
    // planned the statements), as for any circular but the first after a start. Its local
    // governments' deliveries also make up the 10,000 the transitions phase needs.
    const second = await fanOut(
      { tx, circulation, actions, nation, actorOf, fail },
      { concurrency, phaseStatements },
    );
    const secondMs = second.send.ms + second.provincePhase.ms + second.districtPhase.ms;
    const secondNodeCpuPct = cpuPct(second.cpuAtStart, secondMs);
    const secondMachineBusyPct = machineBusyPct(second.machineAtStart);
    const [secondCount] = await tx.manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM delivery WHERE root_circular_id = $1`,
      [second.root.id],
    );
    const secondExpected =
      second.root.recipientCount + second.provinceRecipients + second.districtRecipients;
    log(
      `second circular (warm): ${secondCount.n} deliveries (expected ${secondExpected}) in ` +
        `${round(secondMs / 1e3, 2)} s = ${Math.round(secondCount.n / (secondMs / 1e3))} deliveries/s ` +
        `(node at ${secondNodeCpuPct}% of one core, machine ${secondMachineBusyPct}% busy)`,
    );

    // 5. Transitions: receive, acknowledge, done on depth-3 deliveries, the first circular's
    // and then the second's.
    const leaves = await tx.manager.query<DeliveryRow[]>(
      `SELECT d.id, d.recipient_organisation_id, o.kind FROM delivery d
         JOIN organisation o ON o.id = d.recipient_organisation_id
        WHERE d.root_circular_id IN ($1, $2) AND d.depth = 3 AND d.state = 'sent'
        ORDER BY d.root_circular_id = $1 DESC, d.id LIMIT $3`,
      [root.id, second.root.id, MAX_TRANSITIONS],
    );
    const transitionUs: Record<'receive' | 'acknowledge' | 'done', number[]> = {
      receive: [],
      acknowledge: [],
      done: [],
    };
    let transitionFailures = 0;
    log(
      `transitions: receive + acknowledge + done on ${leaves.length} deliveries, ${concurrency} in flight…`,
    );
    const transitionStarted = performance.now();
    const transitionCpu = process.cpuUsage();
    const transitionPhase = await timed(() =>
      bounded(
        leaves.length,
        concurrency,
        async (i) => {
          const d = leaves[i];
          const actor = actorOf(d.recipient_organisation_id);
          try {
            const r = await timed(() => actions.receive(d.id, {}, actor));
            transitionUs.receive.push(r.ms * 1e3);
            const a = await timed(() => actions.acknowledge(d.id, { note: 'ทราบ' }, actor));
            transitionUs.acknowledge.push(a.ms * 1e3);
            const done = await timed(() =>
              actions.reportDone(
                d.id,
                {
                  note: 'บันทึกข้อมูลในระบบ INFO แล้ว',
                  evidence: { link: 'https://info.dla.go.th/r/1' },
                },
                actor,
              ),
            );
            transitionUs.done.push(done.ms * 1e3);
          } catch (error) {
            transitionFailures++;
            fail(`transitions ${d.recipient_organisation_id}`, error);
          }
        },
        (done) => {
          log(
            `  ${done}/${leaves.length} (${Math.round((3 * done) / ((performance.now() - transitionStarted) / 1e3))} transitions/s)`,
          );
        },
      ),
    );
    const transitionStatements = phaseStatements();
    const transitionNodeCpuPct = cpuPct(transitionCpu, transitionPhase.ms);
    const transitions =
      transitionUs.receive.length + transitionUs.acknowledge.length + transitionUs.done.length;
    const transitionsPerSec = transitions / (transitionPhase.ms / 1e3);
    const [doneCount] = await tx.manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM delivery
        WHERE root_circular_id IN ($1, $2) AND depth = 3 AND state = 'done'`,
      [root.id, second.root.id],
    );
    log(
      `transitions: ${transitions} in ${round(transitionPhase.ms / 1e3, 2)} s = ${Math.round(transitionsPerSec)}/s ` +
        `(${doneCount.n} deliveries done, ${transitionFailures} failed, node at ${transitionNodeCpuPct}% of one core, ` +
        `${round(transitionStatements / Math.max(1, transitions), 1)} statements per transition)`,
    );
    const afterRelay = await timed(() => relay.drain());
    log(`relay: ${afterRelay.value} more jobs from the transitions in ${round(afterRelay.ms)} ms`);
    phaseStatements();

    // 6. Baseline: bare table with delivery's columns, multi-row INSERTs, one transaction.
    await tx.manager.query(
      `CREATE TABLE bench_delivery_baseline (id uuid, circular_id uuid, root_circular_id uuid,
         parent_delivery_id uuid, recipient_organisation_id integer, depth smallint,
         machine_version integer, snapshot jsonb, state varchar(16), timeliness varchar(16),
         deadline_at timestamptz, version integer)`,
    );
    const snapshot = JSON.stringify({
      status: 'active',
      value: { progress: 'sent', timeliness: 'on_time' },
      context: { escalationLevel: 0 },
    });
    const rows = counts.deliveries;
    const baseline = await timed(() =>
      tx.run(async (manager) => {
        for (let start = 0; start < rows; start += BASELINE_CHUNK) {
          const params: unknown[] = [];
          const values: string[] = [];
          for (let i = start; i < Math.min(rows, start + BASELINE_CHUNK); i++) {
            const row = [
              crypto.randomUUID(),
              root.id,
              root.id,
              null,
              recipients[i % recipients.length].id,
              3,
              1,
              snapshot,
              'sent',
              'on_time',
              '2023-03-24T00:00:00+07:00',
              1,
            ];
            const b = params.length;
            values.push(`(${row.map((_, c) => `$${b + c + 1}`).join(', ')})`);
            params.push(...row);
          }
          await manager.query(
            `INSERT INTO bench_delivery_baseline VALUES ${values.join(', ')}`,
            params,
          );
        }
      }),
    );
    phaseStatements();
    const baselineInsertRowsPerSec = rows / (baseline.ms / 1e3);
    log(`baseline: ${Math.round(baselineInsertRowsPerSec)} rows/s (${round(baseline.ms)} ms)`);

    // 7. Profile: one call at a time, every statement listed.
    const profile = await profileCalls(app, meter, officials, byCode);

    const p50 = (values: number[]): number => Math.round(percentile(values, 50));
    const mean = (values: number[]): number =>
      Math.round(values.reduce((s, v) => s + v, 0) / Math.max(1, values.length));
    const result = {
      engine,
      deliveries: counts.deliveries,
      fanoutSeconds: round(fanoutMs / 1e3, 3),
      deliveriesPerSec: Math.round(deliveriesPerSec),
      transitionsPerSec: Math.round(transitionsPerSec),
      progressP95Ms: round(progressP95Ms),
      baselineInsertRowsPerSec: Math.round(baselineInsertRowsPerSec),
      ratioToBaseline: round(deliveriesPerSec / baselineInsertRowsPerSec, 4),
      // What fanoutSeconds covers: one send, then receive + forward of every province, then
      // receive + forward of every district (phases in turn, `concurrency` in flight).
      circulars: counts.circulars,
      forwards,
      provinceForwards: provinceCirculars.length,
      districtForwards: districtCirculars.length,
      notForwarded: skipped,
      expectedDeliveries,
      historyRows: counts.events,
      outboxRows: counts.outbox,
      outboxByJob,
      // The same national fan-out again on the running system (a second department circular).
      warmFanout: {
        seconds: round(secondMs / 1e3, 3),
        deliveriesPerSec: Math.round(secondCount.n / (secondMs / 1e3)),
        provincePhaseSeconds: round(second.provincePhase.ms / 1e3, 3),
        districtPhaseSeconds: round(second.districtPhase.ms / 1e3, 3),
        nodeCpuPct: secondNodeCpuPct,
        machineBusyPct: secondMachineBusyPct,
      },
      sendMs: round(send.ms),
      provincePhaseSeconds: round(provincePhase.ms / 1e3, 3),
      districtPhaseSeconds: round(districtPhase.ms / 1e3, 3),
      receiveP50Us: {
        province: p50(receiveUs.province),
        district: p50(receiveUs.district),
      },
      forwardP50Us: {
        province: p50(forwardUs.province),
        district: p50(forwardUs.district),
      },
      statements: {
        send: sendStatements,
        provincePhase: provinceStatements,
        districtPhase: districtStatements,
        perProvince: round(provinceStatements / Math.max(1, provinceDeliveries.length), 1),
        perDistrict: round(districtStatements / Math.max(1, districtDeliveries.length), 1),
        transitions: transitionStatements,
        perTransition: round(transitionStatements / Math.max(1, transitions), 3),
        relay: relayStatements,
      },
      relaySeconds: round(relayed.ms / 1e3, 3),
      jobsPublished: relayed.value,
      jobsQueued: queued,
      relayJobsPerSec: Math.round(relayed.value / (relayed.ms / 1e3)),
      progressP50Ms: round(percentile(progressMs, 50)),
      progressDeliveries: progressTotal,
      transitions,
      transitionDeliveries: leaves.length,
      transitionSeconds: round(transitionPhase.ms / 1e3, 3),
      transitionMeanUs: {
        receive: mean(transitionUs.receive),
        acknowledge: mean(transitionUs.acknowledge),
        done: mean(transitionUs.done),
      },
      transitionP50Us: {
        receive: p50(transitionUs.receive),
        acknowledge: p50(transitionUs.acknowledge),
        done: p50(transitionUs.done),
      },
      profile,
      fanoutNodeCpuPct,
      fanoutMachineBusyPct,
      districtMachineBusyPct,
      transitionNodeCpuPct,
      progressSqlP50Ms: round(percentile(progressSqlMs, 50)),
      failures: failures.length,
      concurrency,
      poolSize,
      loadAvg1Min: round(loadavg()[0]),
      cpus: cpus().length,
      node: process.version,
    };
    const ok =
      failures.length === 0 &&
      counts.deliveries === expectedDeliveries &&
      secondCount.n === secondExpected &&
      progressTotal === counts.deliveries &&
      doneCount.n === leaves.length &&
      counts.unsent + counts.unpublishedJobs === relayed.value &&
      leftUnpublished.n === 0;
    if (!ok) {
      log(
        `CHECK FAILED: ${JSON.stringify({
          failures: failures.slice(0, 3),
          deliveries: [counts.deliveries, expectedDeliveries],
          secondCircular: [secondCount.n, secondExpected],
          progress: progressTotal,
          done: [doneCount.n, leaves.length],
          relayed: [counts.unsent + counts.unpublishedJobs, relayed.value],
          leftUnpublished: leftUnpublished.n,
        })}`,
      );
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!ok) process.exitCode = 1;
  } finally {
    if (app !== undefined) await app.close();
    await deleteBenchQueueKeys(redisUrl, queuePrefix).catch((error: unknown) => {
      log(`could not delete the ${queuePrefix} keys: ${String(error)}`);
    });
    if (process.argv.includes('--keep-database')) log(`kept the database: ${db.env.DATABASE_URL}`);
    else await db.drop();
  }
}

/**
 * The calls of one fan-out step, one at a time on an idle system: the department sends a
 * second circular to one province (Sakon Nakhon), which receives and forwards it; one of its
 * districts receives and forwards; one local government receives, acknowledges, reports done.
 */
async function profileCalls(
  app: INestApplicationContext,
  meter: StatementMeter,
  officials: Map<number, Official>,
  byCode: Map<string, Organisation>,
): Promise<Record<string, { us: number; statements: number }>> {
  const circulation = app.get(CirculationService);
  const actions = app.get(DeliveryActions);
  const tx = app.get(TransactionHost);
  const org = (code: string): Organisation => {
    const found = byCode.get(code);
    if (found === undefined) throw new Error(`no organisation ${code}`);
    return found;
  };
  const actor = (o: Organisation): Actor => officials.get(o.id)!.actor;
  const firstDelivery = async (circularId: string, kind: string): Promise<string> => {
    const rows = await tx.manager.query<Array<{ id: string }>>(
      `SELECT d.id FROM delivery d JOIN organisation o ON o.id = d.recipient_organisation_id
        WHERE d.circular_id = $1 AND o.kind = $2 ORDER BY d.recipient_organisation_id LIMIT 1`,
      [circularId, kind],
    );
    return rows[0].id;
  };
  const out: Record<string, { us: number; statements: number }> = {};
  const lines: string[] = [];
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    let value: T | undefined;
    const started = performance.now();
    const statements = await meter.traced(async () => {
      value = await work();
    });
    out[name] = {
      us: Math.round((performance.now() - started) * 1e3),
      statements: statements.length,
    };
    lines.push(`  ${name}: ${statements.length} statements, ${out[name].us} µs`);
    for (const s of statements) lines.push(`    ${formatTraced(s)}`);
    return value as T;
  };
  const dla = org('dla');
  const p47 = org('p-47');
  const sent = await step('sendOneProvince', () =>
    circulation.send(
      dla.id,
      {
        document: departmentLetter,
        issuingUnitId: org('dla-development').id,
        organisationIds: [p47.id],
        allowPastDeadline: true,
      } as never,
      actor(dla),
    ),
  );
  const provinceDelivery = await firstDelivery(sent.circular.id, 'province');
  await step('provinceReceive', () => actions.receive(provinceDelivery, {}, actor(p47)));
  const forwarded = await step('provinceForward', () =>
    circulation.forward(
      provinceDelivery,
      {
        document: provinceLetter(p47),
        issuingUnitId: org('plao-47-g6').id,
        selectors: [
          { kind: 'districts_of_province', organisationId: p47.id },
          { kind: 'pao_and_city_municipality', organisationId: p47.id },
        ],
      } as never,
      actor(p47),
    ),
  );
  const districtDelivery = await firstDelivery(forwarded.circular.id, 'district');
  const [{ recipient_organisation_id: districtId }] = await tx.manager.query<
    Array<{ recipient_organisation_id: number }>
  >(`SELECT recipient_organisation_id FROM delivery WHERE id = $1`, [districtDelivery]);
  const district = [...byCode.values()].find((o) => o.id === districtId)!;
  await step('districtReceive', () => actions.receive(districtDelivery, {}, actor(district)));
  const lgCircular = await step('districtForward', () =>
    circulation.forward(
      districtDelivery,
      {
        document: districtLetter(district),
        selectors: [{ kind: 'local_governments', organisationId: district.id }],
      } as never,
      actor(district),
    ),
  );
  const [lgRow] = await tx.manager.query<Array<{ id: string; recipient_organisation_id: number }>>(
    `SELECT id, recipient_organisation_id FROM delivery WHERE circular_id = $1
      ORDER BY recipient_organisation_id LIMIT 1`,
    [lgCircular.circular.id],
  );
  const lg = [...byCode.values()].find((o) => o.id === lgRow.recipient_organisation_id)!;
  await step('lgReceive', () => actions.receive(lgRow.id, {}, actor(lg)));
  await step('lgAcknowledge', () => actions.acknowledge(lgRow.id, { note: 'ทราบ' }, actor(lg)));
  await step('lgDone', () =>
    actions.reportDone(lgRow.id, { note: 'บันทึกข้อมูลในระบบ INFO แล้ว' }, actor(lg)),
  );
  log(`profile: one call at a time (round trip µs, first words of each statement):`);
  log(lines.join('\n'));
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
