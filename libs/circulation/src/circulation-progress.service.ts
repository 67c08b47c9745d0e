import { Inject, Injectable } from '@nestjs/common';
import { LOCAL_GOVERNMENT_KINDS } from '@wian/hierarchy';
import { ApiException } from '@wian/http';
import { IDENTITY_CLOCK } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import { formatThaiDate, formatThaiDateTime, toThaiDigits, type Clock } from '@wian/thai';
import type { RollupRule } from './circular.entity.js';
import {
  PROGRESS_STATES,
  STATE_LABEL_TH,
  type ProgressState,
  type TimelinessState,
} from './delivery-workflow.js';

export const LEVELS = ['provinces', 'districts', 'local_governments', 'others'] as const;
export type Level = (typeof LEVELS)[number];
const LEVEL_LABEL_TH: Record<Level, string> = {
  provinces: 'จังหวัด',
  districts: 'อำเภอ',
  local_governments: 'องค์กรปกครองส่วนท้องถิ่น',
  others: 'หน่วยงานอื่น',
};
const LOCAL: ReadonlySet<string> = new Set(LOCAL_GOVERNMENT_KINDS);

export interface ProgressCounts {
  deliveries: number;
  byState: Record<ProgressState, number>;
  overdue: number;
  escalated: number;
  /** Own action done and, under `own_and_forwarded`, everything it forwarded done too. */
  complete: number;
  /** Deadline passed and own action not done. */
  late: number;
}

export interface LateItem {
  deliveryId: string;
  organisationId: number;
  nameTh: string;
  kind: string;
  provinceId: number | null;
  districtId: number | null;
  depth: number;
  state: ProgressState;
  stateTh: string;
  timeliness: TimelinessState;
  deadline: string | null;
  deadlineTh: string | null;
}

export interface CircularProgress {
  circular: {
    id: string;
    number: string | null;
    numberTh: string | null;
    subject: string;
    senderOrganisationId: number;
    senderNameTh: string;
    deadline: string | null;
    deadlineTh: string | null;
    rollupRule: RollupRule;
  };
  asOf: string;
  total: ProgressCounts;
  levels: Array<ProgressCounts & { level: Level; labelTh: string }>;
  provinces: Array<ProgressCounts & { organisationId: number; nameTh: string }>;
  districts: Array<ProgressCounts & { organisationId: number; nameTh: string }>;
  late: { count: number; items: LateItem[] };
  silent: { count: number; items: LateItem[] };
}

interface Row {
  id: string;
  parent_delivery_id: string | null;
  circular_id: string;
  depth: number;
  state: ProgressState;
  timeliness: TimelinessState;
  past_deadline: boolean;
  deadline_at: Date | null;
  org_id: number;
  kind: string;
  province_id: number | null;
  district_id: number | null;
}

const OWN_DONE = new Set<ProgressState>(['done', 'closed']);
const ENDED = new Set<ProgressState>(['done', 'closed', 'recalled', 'superseded']);

function emptyCounts(): ProgressCounts {
  return {
    deliveries: 0,
    byState: Object.fromEntries(PROGRESS_STATES.map((s) => [s, 0])) as Record<
      ProgressState,
      number
    >,
    overdue: 0,
    escalated: 0,
    complete: 0,
    late: 0,
  };
}

/** Who is done and who is late, at every level of a circular's tree. */
@Injectable()
export class CirculationProgress {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async progress(
    circularId: string,
    options: { provinceId?: number; limit?: number } = {},
  ): Promise<CircularProgress> {
    const head = await this.tx.manager.query<
      Array<{
        id: string;
        root_circular_id: string;
        rollup_rule: RollupRule;
        sender_organisation_id: number;
        sender_name: string;
        number_text: string | null;
        subject: string;
        deadline_at: Date | null;
      }>
    >(
      `SELECT c.id, c.root_circular_id, c.rollup_rule, c.sender_organisation_id, o.name_th AS sender_name,
              d.number_text, d.subject, c.deadline_at
         FROM circular c JOIN document d ON d.id = c.document_id JOIN organisation o ON o.id = c.sender_organisation_id
        WHERE c.id = $1`,
      [circularId],
    );
    const circular = head[0];
    if (circular === undefined)
      throw ApiException.notFound('id', 'ไม่พบหนังสือเวียนนี้', `No circular with id ${circularId}`);

    const now = this.clock.now();
    // Only what counting needs, from the delivery rows alone; names are read for the page shown.
    const rows = await this.tx.manager.query<Row[]>(
      `SELECT id, parent_delivery_id, circular_id, depth, state, timeliness,
              (deadline_at IS NOT NULL AND deadline_at < $2) AS past_deadline, deadline_at,
              recipient_organisation_id AS org_id, recipient_kind AS kind, province_id, district_id
         FROM delivery WHERE root_circular_id = $1`,
      [circular.root_circular_id, now],
    );
    const children = new Map<string, Row[]>();
    for (const row of rows) {
      if (row.parent_delivery_id === null) continue;
      const list = children.get(row.parent_delivery_id) ?? [];
      list.push(row);
      children.set(row.parent_delivery_id, list);
    }
    // The circular's own deliveries and everything forwarded below them.
    const inScope: Row[] = [];
    const stack = rows.filter((r) => r.circular_id === circularId);
    while (stack.length > 0) {
      const row = stack.pop()!;
      inScope.push(row);
      for (const child of children.get(row.id) ?? []) stack.push(child);
    }

    const complete = new Map<string, boolean>();
    const isComplete = (row: Row): boolean => {
      const known = complete.get(row.id);
      if (known !== undefined) return known;
      const value =
        OWN_DONE.has(row.state) &&
        (circular.rollup_rule === 'own_only' || (children.get(row.id) ?? []).every(isComplete));
      complete.set(row.id, value);
      return value;
    };

    const total = emptyCounts();
    const levels = new Map<Level, ProgressCounts>(LEVELS.map((l) => [l, emptyCounts()]));
    const provinces = new Map<number, ProgressCounts>();
    const districts = new Map<number, ProgressCounts>();
    const late: Row[] = [];
    const silent: Row[] = [];
    for (const row of inScope) {
      const isLate = !ENDED.has(row.state) && row.past_deadline;
      const done = isComplete(row);
      const level: Level =
        row.kind === 'province'
          ? 'provinces'
          : row.kind === 'district'
            ? 'districts'
            : LOCAL.has(row.kind)
              ? 'local_governments'
              : 'others';
      const targets = [total, levels.get(level)!];
      if (row.province_id !== null) {
        if (!provinces.has(row.province_id)) provinces.set(row.province_id, emptyCounts());
        targets.push(provinces.get(row.province_id)!);
        if (options.provinceId === row.province_id && row.district_id !== null) {
          if (!districts.has(row.district_id)) districts.set(row.district_id, emptyCounts());
          targets.push(districts.get(row.district_id)!);
        }
      }
      for (const counts of targets) {
        counts.deliveries += 1;
        counts.byState[row.state] += 1;
        if (row.timeliness === 'overdue') counts.overdue += 1;
        if (row.timeliness === 'escalated') counts.escalated += 1;
        if (done) counts.complete += 1;
        if (isLate) counts.late += 1;
      }
      if (isLate) late.push(row);
      if (row.state === 'sent') silent.push(row);
    }
    const limit = Math.max(0, Math.min(options.limit ?? 200, 10_000));
    const order = (a: Row, b: Row): number =>
      (a.province_id ?? 0) - (b.province_id ?? 0) ||
      (a.district_id ?? 0) - (b.district_id ?? 0) ||
      a.org_id - b.org_id;
    const latePage = late.sort(order).slice(0, limit);
    const silentPage = silent.sort(order).slice(0, limit);
    const names = await this.names([
      ...provinces.keys(),
      ...districts.keys(),
      ...latePage.map((r) => r.org_id),
      ...silentPage.map((r) => r.org_id),
    ]);
    const item = (row: Row): LateItem => ({
      deliveryId: row.id,
      organisationId: row.org_id,
      nameTh: names.get(row.org_id) ?? '',
      kind: row.kind,
      provinceId: row.province_id,
      districtId: row.district_id,
      depth: row.depth,
      state: row.state,
      stateTh: STATE_LABEL_TH[row.state],
      timeliness: row.timeliness,
      deadline: row.deadline_at === null ? null : new Date(row.deadline_at).toISOString(),
      deadlineTh: row.deadline_at === null ? null : formatThaiDateTime(new Date(row.deadline_at)),
    });
    const byId = (
      map: Map<number, ProgressCounts>,
    ): Array<ProgressCounts & { organisationId: number; nameTh: string }> =>
      [...map.entries()]
        .map(([organisationId, counts]) => ({
          organisationId,
          nameTh: names.get(organisationId) ?? '',
          ...counts,
        }))
        .sort((a, b) => a.organisationId - b.organisationId);
    return {
      circular: {
        id: circular.id,
        number: circular.number_text,
        numberTh: circular.number_text === null ? null : toThaiDigits(circular.number_text),
        subject: circular.subject,
        senderOrganisationId: circular.sender_organisation_id,
        senderNameTh: circular.sender_name,
        deadline:
          circular.deadline_at === null ? null : new Date(circular.deadline_at).toISOString(),
        deadlineTh:
          circular.deadline_at === null
            ? null
            : formatThaiDate(new Date(circular.deadline_at), 'full'),
        rollupRule: circular.rollup_rule,
      },
      asOf: now.toISOString(),
      total,
      levels: LEVELS.map((level) => ({
        level,
        labelTh: LEVEL_LABEL_TH[level],
        ...levels.get(level)!,
      })).filter((l) => l.deliveries > 0),
      provinces: byId(provinces),
      districts: byId(districts),
      late: { count: late.length, items: latePage.map(item) },
      silent: { count: silent.length, items: silentPage.map(item) },
    };
  }

  private async names(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    ids = [...new Set(ids)];
    const rows = await this.tx.manager.query<Array<{ id: number; name_th: string }>>(
      `SELECT id, name_th FROM organisation WHERE id = ANY($1::int[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name_th]));
  }
}
