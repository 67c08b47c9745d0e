import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { WorkerModule } from '@wian/app-core';
import { CirculationService, DeliveryActions } from '@wian/circulation';
import type { Actor } from '@wian/identity';
import { DEFAULT_JOB_OPTIONS, JobQueues, OutboxRelay, QueueName } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import {
  createEmptyDatabase,
  engineArgument,
  percentile,
  round,
} from '../support/bench-database.js';
import {
  bounded,
  deleteBenchQueueKeys,
  fanOut,
  intArgument,
  loadNation,
  log,
  seedOfficials,
  StatementMeter,
  timed,
  type Traced,
} from './national-tree.js';

/**
 * npm run bench:deadlines [-- --engine=pglite] [--concurrency=N] [--lead=S] [--gap=S] [--keep-database]
 *
 * The deadline side of the national circular, on the worker as production builds it: the
 * WorkerModule boots as an application context (relay, reconciler, BullMQ workers with their
 * configured concurrency, real Redis under a unique QUEUE_PREFIX deleted afterwards) on a fresh
 * database, and the bench runs in the same process.
 *
 * 1. tree: the national circular of bench:fanout (national-tree.ts: the department sends to all
 *    provinces, provinces and districts receive and forward), with a deadline four weeks ahead,
 *    so every circular gets its reminders, deadline check and escalations planned days away.
 * 2. done: 30 % of all deliveries (depth-3 ones, in id order) are received, acknowledged and
 *    reported done through DeliveryActions by their own officials; then the bench waits until
 *    the outbox is empty and the circulation / notification queues are idle.
 * 3. schedule: one UPDATE sets every circular of the tree to remind on the deadline day at
 *    HH:MM = R, the first minute boundary at least `--lead` seconds ahead (the reminder policy
 *    a clerk may give at sending; there is no command to change it afterwards). Then
 *    CirculationService.changeDeadline(root, D = R + `--gap` s) moves the root's deadline and,
 *    recursively, every forward's, re-planning every job (plan + scheduled_job rows, one
 *    transaction), and OutboxRelay.flush() publishes those rows to BullMQ (the worker's own relay helps).
 *    scheduleSeconds = changeDeadline + flush.
 * 4. baseline: raw Queue.addBulk of as many jobs (same names, payloads, delays) into a queue
 *    no worker reads, 1,000 per call like the relay.
 * 5. reminders at R: BullMQ's delays fire the reminder jobs (one per circular); lateness =
 *    the job's processedOn − its scheduled run_at.
 * 6. deadline storm at D: the deadline jobs (one per circular) turn every open delivery
 *    overdue (DEADLINE_MISSED history rows) and write one digest per supervisor; the bench polls
 *    the database every 50 ms until every expected row exists.
 *
 * Progress on stderr; the last line on stdout is one JSON object; exit code 1 unless every
 * count matches.
 */
const POLL_MS = 50;
const BASELINE_CHUNK = 1_000;
const DONE_SHARE = 0.3;
const BANGKOK_OFFSET_MS = 7 * 3_600_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** HH:MM of an instant in Asia/Bangkok (UTC+7, no daylight saving). */
function bangkokTime(at: number): string {
  const d = new Date(at + BANGKOK_OFFSET_MS);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

const bangkokDay = (at: number): string =>
  new Date(at + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);

/** Statements of a window grouped by their first words: count and summed round trip (ms). */
function byStatement(traced: Traced[], top = 12): Array<{ sql: string; n: number; ms: number }> {
  const groups = new Map<string, { n: number; us: number }>();
  for (const t of traced) {
    const key = t.text.slice(0, 70);
    const g = groups.get(key) ?? { n: 0, us: 0 };
    g.n++;
    g.us += t.us;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([sql, g]) => ({ sql, n: g.n, ms: round(g.us / 1e3, 1) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

interface JobTimes {
  startLateMs: number[];
  finishLateMs: number[];
  runMs: number[];
  firstStart: number;
  lastFinish: number;
  missing: number;
}

/** When BullMQ started and finished each job, against its scheduled run_at. */
async function jobTimes(
  queue: Queue,
  rows: Array<{ job_id: string; run_at: Date }>,
): Promise<JobTimes> {
  const times: JobTimes = {
    startLateMs: [],
    finishLateMs: [],
    runMs: [],
    firstStart: Infinity,
    lastFinish: 0,
    missing: 0,
  };
  for (const row of rows) {
    const job = (await queue.getJob(row.job_id)) as Job | undefined;
    if (job?.processedOn === undefined || job.finishedOn === undefined) {
      times.missing++;
      continue;
    }
    const runAt = new Date(row.run_at).getTime();
    times.startLateMs.push(job.processedOn - runAt);
    times.finishLateMs.push(job.finishedOn - runAt);
    times.runMs.push(job.finishedOn - job.processedOn);
    times.firstStart = Math.min(times.firstStart, job.processedOn);
    times.lastFinish = Math.max(times.lastFinish, job.finishedOn);
  }
  return times;
}

async function main(): Promise<void> {
  const engine = engineArgument();
  const concurrency = intArgument('concurrency', engine === 'pglite' ? 1 : 8);
  const leadSeconds = intArgument('lead', engine === 'pglite' ? 75 : 45);
  const gapSeconds = intArgument('gap', 30);
  const poolSize = engine === 'pglite' ? 1 : 20;
  const db = await createEmptyDatabase(engine);
  const queuePrefix = `wianbench-${randomBytes(4).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let app: INestApplicationContext | undefined;
  let baselineQueue: Queue | undefined;
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
    log(`starting the worker module on ${engine} (migrations, hierarchy, relay, workers)…`);
    const boot = await timed(() =>
      NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false }),
    );
    app = boot.value;
    log(`ready after ${round(boot.ms / 1e3, 1)} s`);
    const tx = app.get(TransactionHost);
    const circulation = app.get(CirculationService);
    const actions = app.get(DeliveryActions);
    const relay = app.get(OutboxRelay);
    const queues = app.get(JobQueues);
    const deadlines = queues.get(QueueName.Deadlines);
    const meter = new StatementMeter(engine, app.get(DataSource));
    const count = async (sql: string, params: unknown[] = []): Promise<number> => {
      const [row] = await tx.manager.query<Array<{ n: number }>>(sql, params);
      return row.n;
    };

    // 1. The national tree, deadline four weeks ahead.
    const nation = await loadNation(tx);
    const seeded = await timed(() => seedOfficials(tx, [nation.dla, ...nation.recipients]));
    const officials = seeded.value;
    log(`${officials.size} officials seeded in ${round(seeded.ms / 1e3, 1)} s`);
    const actorOf = (organisationId: number): Actor => {
      const official = officials.get(organisationId);
      if (official === undefined) throw new Error(`no official for ${organisationId}`);
      return official.actor;
    };
    const failures: string[] = [];
    const fail = (what: string, error: unknown): void => {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    };
    const farDeadline = new Date(Date.now() + 28 * 86_400_000).toISOString();
    const tree = await timed(() =>
      fanOut(
        { tx, circulation, actions, nation, actorOf, fail },
        { concurrency, deadline: farDeadline },
      ),
    );
    const root = tree.value.root;
    const deliveries = await count(
      `SELECT count(*)::int AS n FROM delivery WHERE root_circular_id = $1`,
      [root.id],
    );
    const circulars = await count(
      `SELECT count(*)::int AS n FROM circular WHERE root_circular_id = $1`,
      [root.id],
    );
    log(
      `tree: ${deliveries} deliveries, ${circulars} circulars in ${round(tree.ms / 1e3, 1)} s ` +
        `(${failures.length} failures)`,
    );

    // 2. 30 % of the deliveries done, through DeliveryActions.
    const doneTarget = Math.round(deliveries * DONE_SHARE);
    const leaves = await tx.manager.query<Array<{ id: string; recipient_organisation_id: number }>>(
      `SELECT id, recipient_organisation_id FROM delivery
        WHERE root_circular_id = $1 AND depth = 3 AND state = 'sent' ORDER BY id LIMIT $2`,
      [root.id, doneTarget],
    );
    log(
      `done: receive + acknowledge + done on ${leaves.length} deliveries, ${concurrency} in flight…`,
    );
    const marked = await timed(() =>
      bounded(leaves.length, concurrency, async (i) => {
        const d = leaves[i];
        const actor = actorOf(d.recipient_organisation_id);
        try {
          await actions.receive(d.id, {}, actor);
          await actions.acknowledge(d.id, { note: 'ทราบ' }, actor);
          await actions.reportDone(d.id, { note: 'บันทึกข้อมูลในระบบ INFO แล้ว' }, actor);
        } catch (error) {
          fail(`done ${d.recipient_organisation_id}`, error);
        }
      }),
    );
    log(`  in ${round(marked.ms / 1e3, 1)} s; waiting for the outbox and the queues to settle…`);
    const settled = await timed(async () => {
      for (;;) {
        await relay.flush(120_000);
        let busy = 0;
        for (const queue of queues.all()) {
          const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
          busy += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
        }
        if (busy === 0) return;
        await sleep(250);
      }
    });
    log(`  settled after ${round(settled.ms / 1e3, 1)} s`);
    const OWED = `('sent', 'received', 'acknowledged', 'forwarded')`;
    const owed = await count(
      `SELECT count(*)::int AS n FROM delivery WHERE root_circular_id = $1 AND state IN ${OWED}`,
      [root.id],
    );
    const done = await count(
      `SELECT count(*)::int AS n FROM delivery WHERE root_circular_id = $1 AND state = 'done'`,
      [root.id],
    );
    // Level 0: one digest per (circular, supervisor of a late recipient).
    const expectedDigests = await count(
      `SELECT count(*)::int AS n FROM (
         SELECT DISTINCT d.circular_id, o.supervisor_id FROM delivery d
           JOIN organisation o ON o.id = d.recipient_organisation_id
          WHERE d.root_circular_id = $1 AND d.state IN ${OWED} AND o.supervisor_id IS NOT NULL) x`,
      [root.id],
    );
    log(`  ${done} done, ${owed} still owed; ${expectedDigests} digests expected at the deadline`);

    // 3. Schedule: reminder at R, deadline at D, every job re-planned and relayed.
    const reminderAt = Math.ceil((Date.now() + leadSeconds * 1e3) / 60_000) * 60_000;
    const deadlineAt = reminderAt + gapSeconds * 1e3;
    if (bangkokDay(reminderAt) !== bangkokDay(deadlineAt))
      throw new Error(
        'the reminder and the deadline fall on two Bangkok days; run again after midnight',
      );
    const reminderTime = bangkokTime(reminderAt);
    await tx.manager.query(
      `UPDATE circular SET reminder_working_days_before = ARRAY[0]::smallint[], reminder_time = $2
        WHERE root_circular_id = $1`,
      [root.id, reminderTime],
    );
    log(
      `schedule: reminders at ${reminderTime} Bangkok (${new Date(reminderAt).toISOString()}), ` +
        `deadline ${new Date(deadlineAt).toISOString()}; changeDeadline on the root…`,
    );
    const statementsBefore = meter.count;
    const replan = await timed(() =>
      circulation.changeDeadline(
        root.id,
        { deadline: new Date(deadlineAt).toISOString(), reason: 'เร่งรัดตามข้อสั่งการ' },
        actorOf(nation.dla.id),
      ),
    );
    const replanStatements = meter.count - statementsBefore;
    const relayed = await timed(() => relay.flush(300_000));
    const relayStatements = meter.count - statementsBefore - replanStatements;
    const scheduleMs = replan.ms + relayed.ms;
    const planned = await tx.manager.query<
      Array<{ job_id: string; kind: string; circular_id: string; step: number; run_at: Date }>
    >(
      `SELECT j.job_id, j.kind, j.circular_id, j.step, j.run_at FROM scheduled_job j
         JOIN circular c ON c.id = j.circular_id
        WHERE c.root_circular_id = $1 AND j.deadline_rev = c.deadline_rev AND j.done_at IS NULL
        ORDER BY j.run_at, j.job_id`,
      [root.id],
    );
    const jobsScheduled = planned.length;
    const byKind = (kind: string) => planned.filter((p) => p.kind === kind);
    const reminders = byKind('reminder');
    const deadlineJobs = byKind('deadline');
    const delayedNow = await deadlines.getJobCounts('delayed');
    const schedulePerSec = jobsScheduled / (scheduleMs / 1e3);
    log(
      `  ${jobsScheduled} jobs (${reminders.length} reminders, ${deadlineJobs.length} deadline checks, ` +
        `${byKind('escalation').length} escalations): changeDeadline ${round(replan.ms / 1e3, 2)} s ` +
        `(${replanStatements} statements), relay ${round(relayed.ms / 1e3, 2)} s = ` +
        `${Math.round(schedulePerSec)} jobs/s; ${delayedNow.delayed} delayed in BullMQ`,
    );

    // 4. Baseline: raw addBulk of the same jobs (names, payloads, delays) into an unread queue.
    baselineQueue = new Queue('bench-baseline', {
      connection: { url: redisUrl },
      prefix: queuePrefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    await baselineQueue.waitUntilReady();
    const names: Record<string, string> = {
      reminder: 'deadline.reminder',
      deadline: 'deadline.missed',
      escalation: 'deadline.escalate',
    };
    const baseline = await timed(async () => {
      const now = Date.now();
      for (let start = 0; start < planned.length; start += BASELINE_CHUNK) {
        await baselineQueue!.addBulk(
          planned.slice(start, start + BASELINE_CHUNK).map((p) => ({
            name: names[p.kind],
            data: { circularId: p.circular_id, deadlineRev: 2, step: p.step },
            opts: {
              jobId: `baseline-${p.job_id}`,
              delay: Math.max(0, new Date(p.run_at).getTime() - now),
            },
          })),
        );
      }
    });
    const baselineAddBulkJobsPerSec = jobsScheduled / (baseline.ms / 1e3);
    log(
      `baseline: raw addBulk of ${jobsScheduled} jobs in ${round(baseline.ms)} ms = ` +
        `${Math.round(baselineAddBulkJobsPerSec)} jobs/s`,
    );
    const scheduleDoneBeforeReminderMs = reminderAt - Date.now();
    if (scheduleDoneBeforeReminderMs < 0)
      log(`WARNING: scheduling ended ${-scheduleDoneBeforeReminderMs} ms after the reminder time`);

    // 5. Reminders at R.
    const pollUntil = async (
      what: string,
      query: () => Promise<number[]>,
      targets: number[],
      timeoutMs: number,
    ): Promise<{ first: number | null; last: number | null; polls: number; seen: number[] }> => {
      let first: number | null = null;
      let polls = 0;
      let seen: number[];
      const until = Date.now() + timeoutMs;
      for (;;) {
        seen = await query();
        polls++;
        const now = Date.now();
        if (first === null && seen.some((n) => n > 0)) first = now;
        if (seen.every((n, i) => n >= targets[i])) return { first, last: now, polls, seen };
        if (now > until) {
          log(`${what}: timed out at ${seen.join(' / ')} of ${targets.join(' / ')}`);
          return { first, last: null, polls, seen };
        }
        await sleep(POLL_MS);
      }
    };
    log(`reminders: waiting ${round((reminderAt - Date.now()) / 1e3, 1)} s for ${reminderTime}…`);
    await sleep(Math.max(0, reminderAt - Date.now() - 500));
    const reminderCpu = process.cpuUsage();
    let reminderPoll!: Awaited<ReturnType<typeof pollUntil>>;
    const reminderTrace = await meter.traced(async () => {
      reminderPoll = await pollUntil(
        'reminders',
        async () => [
          await count(
            `SELECT count(*)::int AS n FROM scheduled_job WHERE kind = 'reminder' AND done_at IS NOT NULL
                AND outcome LIKE 'reminded%' AND run_at = $1`,
            [new Date(reminderAt)],
          ),
        ],
        [reminders.length],
        120_000,
      );
    });
    const reminderNodeCpuMs = (() => {
      const u = process.cpuUsage(reminderCpu);
      return (u.user + u.system) / 1e3;
    })();
    const reminderNotices = await tx.manager.query<Array<{ late_ms: number | string }>>(
      `SELECT extract(epoch FROM (created_at - $1::timestamptz)) * 1000 AS late_ms FROM notification
        WHERE kind = 'deadline_reminder'`,
      [new Date(reminderAt)],
    );
    const reminderTimes = await jobTimes(deadlines, reminders);
    const remindedHistory = await count(
      `SELECT count(*)::int AS n FROM delivery_event WHERE type = 'REMIND'`,
    );
    const reminderStormSeconds =
      reminderPoll.last === null ? null : round((reminderPoll.last - reminderAt) / 1e3, 3);
    log(
      `  ${reminders.length} reminder jobs, ${reminderNotices.length} notices, ${remindedHistory} REMIND rows; ` +
        `all done ${reminderStormSeconds} s after ${reminderTime}; start lateness p50 ` +
        `${round(percentile(reminderTimes.startLateMs, 50))} ms, p95 ${round(percentile(reminderTimes.startLateMs, 95))} ms, ` +
        `max ${round(Math.max(...reminderTimes.startLateMs))} ms`,
    );

    // 6. The deadline storm at D.
    const missedBefore = await count(
      `SELECT count(*)::int AS n FROM delivery_event WHERE type = 'DEADLINE_MISSED'`,
    );
    if (Date.now() > deadlineAt)
      log(`WARNING: the reminders ran past the deadline (${Date.now() - deadlineAt} ms)`);
    log(`deadline: waiting ${round((deadlineAt - Date.now()) / 1e3, 1)} s…`);
    await sleep(Math.max(0, deadlineAt - Date.now() - 500));
    const stormCpu = process.cpuUsage();
    let stormPoll!: Awaited<ReturnType<typeof pollUntil>>;
    const stormTrace = await meter.traced(async () => {
      stormPoll = await pollUntil(
        'deadline storm',
        async () => {
          const [row] = await tx.manager.query<Array<{ missed: number; digests: number }>>(
            `SELECT (SELECT count(*)::int FROM delivery_event WHERE type = 'DEADLINE_MISSED') AS missed,
                    (SELECT count(*)::int FROM notification WHERE kind = 'overdue_digest') AS digests`,
          );
          return [row.missed - missedBefore, row.digests];
        },
        [owed, expectedDigests],
        300_000,
      );
    });
    const stormNodeCpuMs = (() => {
      const u = process.cpuUsage(stormCpu);
      return (u.user + u.system) / 1e3;
    })();
    const deadlineTimes = await jobTimes(deadlines, deadlineJobs);
    const overdue = await count(
      `SELECT count(*)::int AS n FROM delivery WHERE root_circular_id = $1 AND timeliness = 'overdue'`,
      [root.id],
    );
    const digests = await count(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'overdue_digest'`,
    );
    const missed = stormPoll.seen[0];
    const deadlineStormSeconds =
      stormPoll.last === null ? null : round((stormPoll.last - deadlineAt) / 1e3, 3);
    log(
      `  ${missed} DEADLINE_MISSED rows (expected ${owed}), ${digests} digests (expected ${expectedDigests}), ` +
        `${overdue} deliveries overdue; first rows ${stormPoll.first === null ? '-' : stormPoll.first - deadlineAt} ms, ` +
        `all ${stormPoll.last === null ? '-' : stormPoll.last - deadlineAt} ms after the deadline; ` +
        `deadline jobs: first start ${round(deadlineTimes.firstStart - deadlineAt)} ms, last finish ` +
        `${round(deadlineTimes.lastFinish - deadlineAt)} ms, run p50 ${round(percentile(deadlineTimes.runMs, 50))} ms`,
    );
    const perJob = (trace: Traced[], polls: number, jobs: number): number =>
      round((trace.length - polls) / Math.max(1, jobs), 1);
    const reminderStatements = byStatement(reminderTrace);
    const stormStatements = byStatement(stormTrace);
    log(`where the reminder window's statements went (count, summed round trip ms):`);
    for (const s of reminderStatements)
      log(`  ${String(s.n).padStart(6)} ${String(s.ms).padStart(9)}  ${s.sql}`);
    log(`where the deadline window's statements went:`);
    for (const s of stormStatements)
      log(`  ${String(s.n).padStart(6)} ${String(s.ms).padStart(9)}  ${s.sql}`);

    // A reminder is late by the time its notification is written after it fell due. Since the
    // first job due sweeps every reminder due at that minute, the other jobs start later only to
    // find nothing left to do; their start lateness is reported beside it.
    const noticeLatenessP50Ms = round(
      percentile(
        reminderNotices.map((n) => Number(n.late_ms)),
        50,
      ),
    );
    const reminderLatenessP50Ms = noticeLatenessP50Ms;
    const jobStartLatenessP50Ms = round(percentile(reminderTimes.startLateMs, 50));
    const ratioToBaseline = round(schedulePerSec / baselineAddBulkJobsPerSec, 4);
    const result = {
      engine,
      deliveries,
      jobsScheduled,
      scheduleSeconds: round(scheduleMs / 1e3, 3),
      deadlineStormSeconds,
      digests,
      reminderLatenessP50Ms,
      baselineAddBulkJobsPerSec: Math.round(baselineAddBulkJobsPerSec),
      ratioToBaseline,
      // What the figures cover: see the header and docs/benchmarks.md.
      circulars,
      done,
      owed,
      expectedDigests,
      deadlineMissedRows: missed,
      overdueDeliveries: overdue,
      jobsByKind: {
        reminder: reminders.length,
        deadline: deadlineJobs.length,
        escalation: byKind('escalation').length,
      },
      schedule: {
        changeDeadlineSeconds: round(replan.ms / 1e3, 3),
        changeDeadlineStatements: replanStatements,
        statementsPerCircular: round(replanStatements / Math.max(1, circulars), 1),
        relaySeconds: round(relayed.ms / 1e3, 3),
        relayStatements,
        relayJobsPerSec: Math.round(jobsScheduled / (relayed.ms / 1e3)),
        relayRatioToBaseline: round(
          jobsScheduled / (relayed.ms / 1e3) / baselineAddBulkJobsPerSec,
          4,
        ),
        jobsPerSec: Math.round(schedulePerSec),
        baselineSeconds: round(baseline.ms / 1e3, 3),
        marginBeforeReminderMs: scheduleDoneBeforeReminderMs,
      },
      reminders: {
        jobs: reminders.length,
        notices: reminderNotices.length,
        history: remindedHistory,
        allDoneSeconds: reminderStormSeconds,
        startLatenessMs: {
          p50: jobStartLatenessP50Ms,
          p95: round(percentile(reminderTimes.startLateMs, 95)),
          min: round(Math.min(...reminderTimes.startLateMs)),
          max: round(Math.max(...reminderTimes.startLateMs)),
        },
        finishLatenessP50Ms: round(percentile(reminderTimes.finishLateMs, 50)),
        noticeLatenessP50Ms,
        jobRunP50Ms: round(percentile(reminderTimes.runMs, 50)),
        statementsPerJob: perJob(reminderTrace, reminderPoll.polls, reminders.length),
        nodeCpuPct:
          reminderPoll.last === null
            ? null
            : Math.round((reminderNodeCpuMs / (reminderPoll.last - reminderAt + 500)) * 100),
        missingJobs: reminderTimes.missing,
      },
      storm: {
        firstRowsMs: stormPoll.first === null ? null : stormPoll.first - deadlineAt,
        allRowsMs: stormPoll.last === null ? null : stormPoll.last - deadlineAt,
        firstJobStartMs: round(deadlineTimes.firstStart - deadlineAt),
        lastJobFinishMs: round(deadlineTimes.lastFinish - deadlineAt),
        jobStartLatenessP50Ms: round(percentile(deadlineTimes.startLateMs, 50)),
        jobRunP50Ms: round(percentile(deadlineTimes.runMs, 50)),
        jobRunP95Ms: round(percentile(deadlineTimes.runMs, 95)),
        statementsPerJob: perJob(stormTrace, stormPoll.polls, deadlineJobs.length),
        polls: stormPoll.polls,
        nodeCpuPct:
          stormPoll.last === null
            ? null
            : Math.round((stormNodeCpuMs / (stormPoll.last - deadlineAt + 500)) * 100),
        missingJobs: deadlineTimes.missing,
      },
      treeSeconds: round(tree.ms / 1e3, 1),
      markDoneSeconds: round(marked.ms / 1e3, 1),
      workerConcurrency: 8,
      failures: failures.length,
      concurrency,
      poolSize,
      loadAvg1Min: round(loadavg()[0]),
      cpus: cpus().length,
      node: process.version,
    };
    const ok =
      failures.length === 0 &&
      missed === owed &&
      overdue === owed &&
      digests === expectedDigests &&
      reminders.length === circulars &&
      deadlineJobs.length === circulars &&
      reminderNotices.length === owed &&
      scheduleDoneBeforeReminderMs > 0;
    if (!ok) log(`CHECK FAILED: ${failures.slice(0, 3).join(' | ')}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!ok) process.exitCode = 1;
  } finally {
    await baselineQueue?.close();
    if (app !== undefined) await app.close();
    await deleteBenchQueueKeys(redisUrl, queuePrefix).catch((error: unknown) => {
      log(`could not delete the ${queuePrefix} keys: ${String(error)}`);
    });
    if (process.argv.includes('--keep-database')) log(`kept the database: ${db.env.DATABASE_URL}`);
    else await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
