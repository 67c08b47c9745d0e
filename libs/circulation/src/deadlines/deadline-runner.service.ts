import { Injectable } from '@nestjs/common';
import type { DeadlineJobPayload, JobOutcome } from '@wian/jobs';
import { LOCAL_GOVERNMENT_KINDS } from '@wian/hierarchy';
import { NotificationCenter } from '@wian/notifications';
import { TransactionHost } from '@wian/persistence';
import { formatThaiDate, formatThaiDateTime, toThaiDigits } from '@wian/thai';
import { DeliveryTransitions } from '../delivery-transitions.service.js';
import { OWING_STATES } from '../delivery-workflow.js';

interface ClaimedCircular {
  circular_id: string;
  status: string;
  deadline_rev: number;
  deadline_at: Date | null;
  root_circular_id: string;
  number_text: string | null;
  subject: string;
  sender_name: string;
}

interface Owed {
  id: string;
  recipient_organisation_id: number;
}

/** Reminders one run takes at most; the rest are swept by the next job due. */
const REMINDER_SWEEP = 2_000;

const OWED_STATES = `(${OWING_STATES.map((state) => `'${state}'`).join(', ')})`;
const LOCAL_KINDS: ReadonlySet<string> = new Set(LOCAL_GOVERNMENT_KINDS);

function groupLabel(kinds: string[]): string {
  if (kinds.every((k) => LOCAL_KINDS.has(k))) return 'องค์กรปกครองส่วนท้องถิ่น';
  if (kinds.every((k) => k === 'district')) return 'อำเภอ';
  if (kinds.every((k) => k === 'province')) return 'จังหวัด';
  return 'หน่วยงาน';
}

function nameList(names: string[], max = 30): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} และอีก ${toThaiDigits(names.length - max)} แห่ง` : shown;
}

/**
 * The work of the deadline jobs. Each run claims its `scheduled_job` row first (in the
 * transaction that does the work), so a second run of the same job, from a retry, a second
 * worker or a reconciled copy, does nothing.
 */
@Injectable()
export class DeadlineRunner {
  constructor(
    private readonly tx: TransactionHost,
    private readonly transitions: DeliveryTransitions,
    private readonly center: NotificationCenter,
  ) {}

  /**
   * ๓, ๑ and ๐ working days before: a notification to each recipient that still owes the
   * action. Reminders fall due by the hundred at the same minute (08:30), so the first job to
   * run sweeps every reminder due by now, set-based, in one transaction; the others find their
   * rows claimed and skip.
   */
  async remind(jobId: string, _payload: DeadlineJobPayload): Promise<JobOutcome> {
    return this.tx.run(async (manager) => {
      // An UPDATE answers [rows, affected] through TypeORM.
      const [due] = await manager.query<
        [
          Array<{
            job_id: string;
            circular_id: string;
            delivery_id: string | null;
            deadline_rev: number;
            step: number;
          }>,
          number,
        ]
      >(
        `UPDATE scheduled_job s SET done_at = now()
          WHERE s.job_id IN (SELECT job_id FROM scheduled_job
                              WHERE done_at IS NULL AND kind = 'reminder' AND (job_id = $1 OR run_at <= now())
                              ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING s.job_id, s.circular_id, s.delivery_id, s.deadline_rev, s.step`,
        [jobId, REMINDER_SWEEP],
      );
      if (due.length === 0) return 'skipped';
      const circulars = await manager.query<Array<ClaimedCircular>>(
        `SELECT c.id AS circular_id, c.status, c.deadline_rev, c.deadline_at, c.root_circular_id,
                doc.number_text, doc.subject, s.name_th AS sender_name
           FROM circular c JOIN document doc ON doc.id = c.document_id
           JOIN organisation s ON s.id = c.sender_organisation_id
          WHERE c.id = ANY($1::uuid[])`,
        [[...new Set(due.map((d) => d.circular_id))]],
      );
      const byId = new Map(circulars.map((c) => [c.circular_id, c]));
      const live = due.filter((d) => {
        const c = byId.get(d.circular_id);
        return c !== undefined && c.status === 'active' && c.deadline_rev === d.deadline_rev;
      });
      const owed = await manager.query<Array<Owed & { job_id: string; deadline_at: Date | null }>>(
        `SELECT d.id, d.recipient_organisation_id, j.job_id, d.deadline_at
           FROM unnest($1::varchar[], $2::uuid[], $3::uuid[]) AS j(job_id, circular_id, delivery_id)
           JOIN delivery d ON d.circular_id = j.circular_id AND (j.delivery_id IS NULL OR d.id = j.delivery_id)
          WHERE d.state IN ${OWED_STATES}`,
        [live.map((d) => d.job_id), live.map((d) => d.circular_id), live.map((d) => d.delivery_id)],
      );
      const jobOf = new Map(live.map((d) => [d.job_id, d]));
      await this.transitions.recordMany(
        owed.map((o) => o.id),
        'REMIND',
        owed.map((o) => ({
          workingDaysBefore: jobOf.get(o.job_id)!.step,
          deadlineAt: o.deadline_at,
        })),
      );
      await this.center.notifyMany(
        owed.map((o) => {
          const job = jobOf.get(o.job_id)!;
          const circular = byId.get(job.circular_id)!;
          const deadline = o.deadline_at ?? circular.deadline_at;
          const when = job.step === 0 ? 'วันนี้' : `อีก ${toThaiDigits(job.step)} วันทำการ`;
          const title = `เตือน: ครบกำหนด${when} หนังสือ${this.numberTh(circular)}`;
          const body = `เรื่อง ${circular.subject} จาก${circular.sender_name} กำหนดดำเนินการภายใน ${
            deadline === null ? '-' : formatThaiDateTime(new Date(deadline))
          } ยังไม่ได้รายงานผล`;
          return {
            key: `reminder-${o.id}-r${job.deadline_rev}-${job.step}`,
            organisationId: o.recipient_organisation_id,
            kind: 'deadline_reminder',
            titleTh: title,
            bodyTh: body,
            link: `/deliveries/${o.id}`,
            email: { subjectTh: title, textTh: body },
          };
        }),
      );
      const reminded = new Map<string, number>();
      for (const o of owed) reminded.set(o.job_id, (reminded.get(o.job_id) ?? 0) + 1);
      await manager.query(
        `UPDATE scheduled_job s SET outcome = u.outcome
           FROM unnest($1::varchar[], $2::varchar[]) AS u(job_id, outcome) WHERE s.job_id = u.job_id`,
        [
          due.map((d) => d.job_id),
          due.map((d) =>
            jobOf.has(d.job_id)
              ? `reminded ${reminded.get(d.job_id) ?? 0}${d.job_id === jobId ? '' : ` (swept by ${jobId})`}`.slice(
                  0,
                  200,
                )
              : 'stale: circular ended or deadline changed',
          ),
        ],
      );
      return due.some((d) => d.job_id === jobId) ? 'done' : 'skipped';
    });
  }

  /** At the deadline: every open delivery becomes overdue; each supervisor gets one digest. */
  async deadlinePassed(jobId: string, payload: DeadlineJobPayload): Promise<JobOutcome> {
    return this.tx.run(async () => {
      const circular = await this.claim(jobId, payload);
      if (circular === null) return 'skipped';
      const owed = await this.owed(circular.circular_id, payload.deliveryId);
      const late = await this.transitions.applyMany(
        owed.map((o) => o.id),
        { type: 'DEADLINE_MISSED' },
        { deadlineAt: circular.deadline_at },
      );
      const digests = await this.digest(
        circular,
        payload,
        0,
        late.map((l) => l.recipientOrganisationId),
      );
      await this.finish(jobId, `overdue ${late.length}, digests ${digests}`);
      return 'done';
    });
  }

  /** After a grace period: still-open deliveries climb one level of supervision, up to the sender. */
  async escalate(jobId: string, payload: DeadlineJobPayload): Promise<JobOutcome> {
    return this.tx.run(async () => {
      const circular = await this.claim(jobId, payload);
      if (circular === null) return 'skipped';
      // Jobs whose time has passed all run at once (a circular recorded after its deadline):
      // an escalation waits for the deadline check and the level below it (BullMQ retries it).
      const earlier = await this.tx.manager.query<unknown[]>(
        `SELECT 1 FROM scheduled_job WHERE circular_id = $1 AND deadline_rev = $2 AND done_at IS NULL
            AND delivery_id IS NOT DISTINCT FROM $4::uuid
            AND (kind = 'deadline' OR (kind = 'escalation' AND step < $3))`,
        [payload.circularId, payload.deadlineRev, payload.step, payload.deliveryId ?? null],
      );
      if (earlier.length > 0)
        throw new Error(`escalation ${payload.step} waits for the earlier steps`);
      const owed = await this.owed(circular.circular_id, payload.deliveryId, true);
      const escalated = await this.transitions.applyMany(
        owed.map((o) => o.id),
        { type: 'ESCALATE' },
        { level: payload.step },
      );
      const digests = await this.digest(
        circular,
        payload,
        payload.step,
        escalated.map((e) => e.recipientOrganisationId),
      );
      await this.finish(jobId, `escalated ${escalated.length}, digests ${digests}`);
      return 'done';
    });
  }

  private async claim(jobId: string, payload: DeadlineJobPayload): Promise<ClaimedCircular | null> {
    const [claimed] = await this.tx.manager.query<[Array<{ circular_id: string }>, number]>(
      `UPDATE scheduled_job SET done_at = now() WHERE job_id = $1 AND done_at IS NULL RETURNING circular_id`,
      [jobId],
    );
    if (claimed.length === 0) return null;
    const rows = await this.tx.manager.query<ClaimedCircular[]>(
      `SELECT c.id AS circular_id, c.status, c.deadline_rev, c.deadline_at, c.root_circular_id,
              doc.number_text, doc.subject, s.name_th AS sender_name
         FROM circular c JOIN document doc ON doc.id = c.document_id
         JOIN organisation s ON s.id = c.sender_organisation_id
        WHERE c.id = $1`,
      [payload.circularId],
    );
    const circular = rows[0];
    if (circular !== undefined && payload.deliveryId !== undefined) {
      const [delivery] = await this.tx.manager.query<Array<{ deadline_at: Date | null }>>(
        `SELECT deadline_at FROM delivery WHERE id = $1`,
        [payload.deliveryId],
      );
      circular.deadline_at = delivery?.deadline_at ?? null;
    }
    if (
      circular === undefined ||
      circular.status !== 'active' ||
      circular.deadline_rev !== payload.deadlineRev
    ) {
      await this.finish(
        jobId,
        circular === undefined
          ? 'stale: no circular'
          : `stale: ${circular.status}, deadline rev ${circular.deadline_rev}`,
      );
      return null;
    }
    return circular;
  }

  /** The deliveries that still owe the action: of the circular, or the one delivery in scope. */
  private async owed(
    circularId: string,
    deliveryId: string | undefined,
    lateOnly = false,
  ): Promise<Owed[]> {
    return this.tx.manager.query<Owed[]>(
      `SELECT id, recipient_organisation_id FROM delivery
        WHERE circular_id = $1 AND state IN ${OWED_STATES} AND ($2::uuid IS NULL OR id = $2::uuid)
          ${lateOnly ? `AND timeliness IN ('overdue', 'escalated')` : ''}`,
      [circularId, deliveryId ?? null],
    );
  }

  private async finish(jobId: string, outcome: string): Promise<void> {
    await this.tx.manager.query(`UPDATE scheduled_job SET outcome = $2 WHERE job_id = $1`, [
      jobId,
      outcome.slice(0, 200),
    ]);
  }

  /**
   * One notice per supervising organisation: at level 0 the recipients' own supervisors, at level
   * k the organisation k steps further up the supervision chain; nobody above the first sender.
   */
  private async digest(
    circular: ClaimedCircular,
    payload: DeadlineJobPayload,
    level: number,
    lateOrganisations: number[],
  ): Promise<number> {
    if (lateOrganisations.length === 0) return 0;
    const rows = await this.tx.manager.query<
      Array<{
        org: number;
        name_th: string;
        kind: string;
        target: number | null;
        passed_sender: boolean;
      }>
    >(
      `WITH RECURSIVE chain AS (
         SELECT o.id AS org, o.supervisor_id AS target, 0 AS lvl, false AS passed_sender
           FROM organisation o WHERE o.id = ANY($1::int[])
         UNION ALL
         SELECT c.org, s.supervisor_id, c.lvl + 1, c.passed_sender OR s.id = r.sender_organisation_id
           FROM chain c JOIN organisation s ON s.id = c.target
           JOIN circular r ON r.id = $3
          WHERE c.lvl < $2
       )
       SELECT c.org, o.name_th, o.kind, c.target, c.passed_sender
         FROM chain c JOIN organisation o ON o.id = c.org WHERE c.lvl = $2`,
      [lateOrganisations, level, circular.root_circular_id],
    );
    const totals = await this.tx.manager.query<Array<{ supervisor_id: number | null; n: string }>>(
      `SELECT o.supervisor_id, count(*) AS n FROM delivery d JOIN organisation o ON o.id = d.recipient_organisation_id
        WHERE d.circular_id = $1 GROUP BY o.supervisor_id`,
      [circular.circular_id],
    );
    const totalBySupervisor = new Map(totals.map((t) => [t.supervisor_id, Number(t.n)]));
    const groups = new Map<number, Array<{ name: string; kind: string }>>();
    for (const row of rows) {
      if (row.target === null || row.passed_sender) continue;
      const list = groups.get(row.target) ?? [];
      list.push({ name: row.name_th, kind: row.kind });
      groups.set(row.target, list);
    }
    const number = this.numberTh(circular);
    const deadline = formatThaiDate(new Date(circular.deadline_at!), 'full');
    const keys: string[] = [];
    const orgs: number[] = [];
    const titles: string[] = [];
    const bodies: string[] = [];
    for (const [target, late] of groups) {
      const label = groupLabel(late.map((l) => l.kind));
      const names = late.map((l) => l.name).sort((a, b) => a.localeCompare(b, 'th'));
      const total = level === 0 ? (totalBySupervisor.get(target) ?? late.length) : late.length;
      const scope = payload.deliveryId === undefined ? '' : `-${payload.deliveryId}`;
      keys.push(
        `digest-${circular.circular_id}-r${payload.deadlineRev}-L${level}-${target}${scope}`,
      );
      orgs.push(target);
      titles.push(
        level === 0
          ? `${label}ในความกำกับดูแล ${toThaiDigits(late.length)} จาก ${toThaiDigits(total)} แห่ง ยังไม่รายงานผลตามหนังสือ${number}`
          : `รายงานต่อ (ระดับ ${toThaiDigits(level)}): ${label} ${toThaiDigits(late.length)} แห่ง ยังไม่รายงานผลตามหนังสือ${number}`,
      );
      bodies.push(`เรื่อง ${circular.subject} กำหนด${deadline} ยังไม่รายงานผล: ${nameList(names)}`);
    }
    return this.center.notifyMany(
      keys.map((key, i) => ({
        key,
        organisationId: orgs[i],
        kind: level === 0 ? 'overdue_digest' : 'escalation_digest',
        titleTh: titles[i],
        bodyTh: bodies[i],
        link: `/circulars/${circular.circular_id}/progress`,
        email: { subjectTh: titles[i], textTh: bodies[i] },
      })),
    );
  }

  private numberTh(circular: ClaimedCircular): string {
    return circular.number_text === null ? '' : ` ที่ ${toThaiDigits(circular.number_text)}`;
  }
}
