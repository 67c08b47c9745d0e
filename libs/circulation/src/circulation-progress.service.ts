import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { LOCAL_GOVERNMENT_KINDS } from '@wian/hierarchy';
import { ApiException } from '@wian/http';
import { IDENTITY_CLOCK } from '@wian/identity';
import { queryPrepared, TransactionHost } from '@wian/persistence';
import { formatThaiDate, formatThaiDateTime, toThaiDigits, type Clock } from '@wian/thai';
import { ROLLUP_RULES, type RollupRule } from './circular.entity.js';
import {
  PROGRESS_STATES,
  STATE_LABEL_TH,
  TIMELINESS_STATES,
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

/** Counts of a group of deliveries (the whole tree, a level, a province or a district). */
export class ProgressCounts {
  @ApiProperty({ type: 'integer', description: 'Deliveries in the group' })
  deliveries!: number;

  @ApiProperty({
    type: 'object',
    description: 'Deliveries per progress state (every state, 0 when none)',
    properties: Object.fromEntries(PROGRESS_STATES.map((state) => [state, { type: 'integer' }])),
    required: [...PROGRESS_STATES],
    selfRequired: true,
  })
  byState!: Record<ProgressState, number>;

  @ApiProperty({ type: 'integer', description: 'Timeliness overdue (เกินกำหนด)' })
  overdue!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Timeliness escalated (รายงานผู้กำกับดูแลแล้ว)',
  })
  escalated!: number;

  /** Own action done and, under `own_and_forwarded`, everything it forwarded done too. */
  @ApiProperty({
    type: 'integer',
    description: 'Own action done and, under own_and_forwarded, everything it forwarded done too',
  })
  complete!: number;

  /** Deadline passed and own action not done. */
  @ApiProperty({ type: 'integer', description: 'Deadline passed and own action not done' })
  late!: number;
}

/** The counts of one level of the tree. */
export class ProgressLevelCounts extends ProgressCounts {
  @ApiProperty({ enum: LEVELS })
  level!: Level;

  @ApiProperty({ example: 'จังหวัด' })
  labelTh!: string;
}

/** The counts of one province or district: its deliveries and those of everything in it. */
export class ProgressAreaCounts extends ProgressCounts {
  @ApiProperty({ example: 4964 })
  organisationId!: number;

  @ApiProperty({ example: 'จังหวัดสกลนคร' })
  nameTh!: string;
}

/** A late or silent delivery, with its recipient's name and place. */
export class LateItem {
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;

  @ApiProperty({ example: 5301, description: 'The recipient' })
  organisationId!: number;

  @ApiProperty({ example: 'องค์การบริหารส่วนตำบลเชียงเครือ' })
  nameTh!: string;

  @ApiProperty({ example: 'sao', description: 'The recipient’s organisation kind' })
  kind!: string;

  @ApiProperty({ nullable: true, type: Number })
  provinceId!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  districtId!: number | null;

  @ApiProperty({ description: 'Depth of the delivery in the circular’s tree' })
  depth!: number;

  @ApiProperty({ enum: PROGRESS_STATES })
  state!: ProgressState;

  @ApiProperty({ example: 'ส่งแล้ว รอลงรับ' })
  stateTh!: string;

  @ApiProperty({ enum: TIMELINESS_STATES })
  timeliness!: TimelinessState;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  deadline!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '๒๔ มี.ค. ๒๕๖๖ ๑๖:๓๐ น.' })
  deadlineTh!: string | null;
}

/** How many deliveries are in a list, and the first of them (up to the query's limit). */
export class LateList {
  @ApiProperty({ type: 'integer', description: 'All of them, not only the items shown' })
  count!: number;

  @ApiProperty({
    type: () => [LateItem],
    description: 'The first `limit`, by province, district and organisation',
  })
  items!: LateItem[];
}

/** The circular the progress is about. */
export class ProgressCircular {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ nullable: true, type: String, example: 'มท 0810.7/ว 307' })
  number!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'มท ๐๘๑๐.๗/ว ๓๐๗' })
  numberTh!: string | null;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  senderOrganisationId!: number;

  @ApiProperty({ example: 'กรมส่งเสริมการปกครองท้องถิ่น' })
  senderNameTh!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  deadline!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖' })
  deadlineTh!: string | null;

  @ApiProperty({ enum: ROLLUP_RULES })
  rollupRule!: RollupRule;
}

/**
 * Who is done and who is late: the circular and everything forwarded below it, counted as a
 * whole, per level, per province (and per district of the province asked for).
 */
export class CircularProgress {
  @ApiProperty({ type: () => ProgressCircular })
  circular!: ProgressCircular;

  @ApiProperty({ format: 'date-time', description: 'ณ เวลา / when it was counted' })
  asOf!: string;

  @ApiProperty({ type: () => ProgressCounts, description: 'The whole tree' })
  total!: ProgressCounts;

  @ApiProperty({
    type: () => [ProgressLevelCounts],
    description: 'Per level (provinces, districts, local governments, others), non-empty only',
  })
  levels!: ProgressLevelCounts[];

  @ApiProperty({ type: () => [ProgressAreaCounts], description: 'Per province, by id' })
  provinces!: ProgressAreaCounts[];

  @ApiProperty({
    type: () => [ProgressAreaCounts],
    description: 'Per district of the province asked for (provinceId), by id',
  })
  districts!: ProgressAreaCounts[];

  @ApiProperty({ type: () => LateList, description: 'ล่าช้า / deadline passed, not done' })
  late!: LateList;

  @ApiProperty({ type: () => LateList, description: 'ยังไม่ลงรับ / sent and not received yet' })
  silent!: LateList;
}

/** A row of the progress statement: counts of a group, or one late or silent delivery. */
interface Row {
  part: 'count' | 'late' | 'silent';
  id: string | null;
  org_id: number;
  name_th: string | null;
  kind: string;
  province_id: number | null;
  district_id: number | null;
  depth: number;
  state: ProgressState;
  timeliness: TimelinessState;
  deadline_at: Date | null;
  complete: boolean;
  late: boolean;
  n: number;
}

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
        asked_kind: string | null;
      }>
    >(
      `SELECT c.id, c.root_circular_id, c.rollup_rule, c.sender_organisation_id, o.name_th AS sender_name,
              d.number_text, d.subject, c.deadline_at,
              (SELECT a.kind FROM organisation a WHERE a.id = $2::int) AS asked_kind
         FROM circular c JOIN document d ON d.id = c.document_id JOIN organisation o ON o.id = c.sender_organisation_id
        WHERE c.id = $1`,
      [circularId, options.provinceId ?? null],
    );
    const circular = head[0];
    if (circular === undefined)
      throw ApiException.notFound('id', 'ไม่พบหนังสือเวียนนี้', `No circular with id ${circularId}`);
    // Districts are counted for a province: another organisation's id would answer nothing.
    if (options.provinceId !== undefined && circular.asked_kind !== 'province') {
      if (circular.asked_kind === null)
        throw ApiException.notFound(
          'provinceId',
          `ไม่พบจังหวัดรหัส ${toThaiDigits(String(options.provinceId))}`,
          `No province with id ${options.provinceId}`,
        );
      throw ApiException.badRequest({
        field: 'provinceId',
        rule: 'province',
        message_th: `หน่วยงานรหัส ${toThaiDigits(String(options.provinceId))} ไม่ใช่จังหวัด: ระบุรหัสของจังหวัดเพื่อดูรายอำเภอ`,
        message_en: `organisation ${options.provinceId} is not a province: give a province's id to see its districts`,
      });
    }

    const now = this.clock.now();
    const limit = Math.max(0, Math.min(options.limit ?? 200, 10_000));
    // Counted by the database: the circular's deliveries and everything forwarded below them
    // (the whole tree for a department's circular), each marked complete (own action done and,
    // under own_and_forwarded, nothing below it still owed) and late, grouped; only the counts
    // and the first `limit` late and silent deliveries (with names) come back, not the tree.
    const columns = `id, parent_delivery_id, circular_id, depth, state, timeliness, deadline_at,
        recipient_organisation_id AS org_id, recipient_kind AS kind, province_id, district_id`;
    const scope =
      circularId === circular.root_circular_id
        ? `scope AS (SELECT ${columns} FROM delivery WHERE root_circular_id = $1::uuid AND $2::uuid = $1::uuid)`
        : `tree AS (SELECT ${columns} FROM delivery WHERE root_circular_id = $2::uuid),
           scope AS (
             SELECT t.* FROM tree t WHERE t.circular_id = $1::uuid
             UNION ALL
             SELECT t.* FROM tree t JOIN scope s ON t.parent_delivery_id = s.id
           )`;
    const late = `s.state NOT IN ('done', 'closed', 'recalled', 'superseded')
        AND s.deadline_at IS NOT NULL AND s.deadline_at < $3::timestamptz`;
    const page = (part: 'late' | 'silent', where: string): string =>
      `${part}_page AS (
         SELECT '${part}' AS part, m.id, m.org_id, o.name_th, m.kind, m.province_id, m.district_id, m.depth,
                m.state, m.timeliness, m.deadline_at, NULL::boolean, m.late, 1
           FROM (SELECT s.*, ${late} AS late FROM scope s WHERE ${where}
                  ORDER BY coalesce(province_id, 0), coalesce(district_id, 0), org_id, id LIMIT $6::int) m
           JOIN organisation o ON o.id = m.org_id
       )`;
    const rows = await queryPrepared<Row>(
      this.tx.manager,
      `WITH RECURSIVE ${scope},
       -- The deliveries with something still owed below them: the parents of every delivery
       -- not done, and theirs in turn (only forwarding deliveries, not the whole tree).
       owing AS (
         SELECT parent_delivery_id AS id FROM scope
          WHERE state NOT IN ('done', 'closed') AND parent_delivery_id IS NOT NULL
         UNION
         SELECT s.parent_delivery_id FROM scope s JOIN owing ON s.id = owing.id
          WHERE s.parent_delivery_id IS NOT NULL
       ), counted AS (
         SELECT 'count' AS part, NULL::uuid AS id, NULL::int AS org_id, NULL::text AS name_th, s.kind,
                s.province_id, CASE WHEN s.province_id = $5::int THEN s.district_id END AS district_id,
                NULL::smallint AS depth, s.state, s.timeliness, NULL::timestamptz AS deadline_at,
                s.state IN ('done', 'closed') AND ($4::boolean OR owing.id IS NULL) AS complete,
                ${late} AS late, count(*)::int AS n
           FROM scope s LEFT JOIN owing ON owing.id = s.id
          GROUP BY 5, 6, 7, 9, 10, 12, 13
       ), ${page('late', late)}, ${page('silent', `s.state = 'sent'`)}
       SELECT * FROM counted
       UNION ALL (SELECT * FROM late_page ORDER BY coalesce(province_id, 0), coalesce(district_id, 0), org_id, id)
       UNION ALL (SELECT * FROM silent_page ORDER BY coalesce(province_id, 0), coalesce(district_id, 0), org_id, id)`,
      [
        circularId,
        circular.root_circular_id,
        now,
        circular.rollup_rule === 'own_only',
        options.provinceId ?? null,
        limit,
      ],
    );

    const total = emptyCounts();
    const levels = new Map<Level, ProgressCounts>(LEVELS.map((l) => [l, emptyCounts()]));
    const provinces = new Map<number, ProgressCounts>();
    const districts = new Map<number, ProgressCounts>();
    const latePage: Row[] = [];
    const silentPage: Row[] = [];
    let lateCount = 0;
    let silentCount = 0;
    for (const row of rows) {
      if (row.part === 'late') {
        latePage.push(row);
        continue;
      }
      if (row.part === 'silent') {
        silentPage.push(row);
        continue;
      }
      const n = row.n;
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
        if (row.district_id !== null) {
          if (!districts.has(row.district_id)) districts.set(row.district_id, emptyCounts());
          targets.push(districts.get(row.district_id)!);
        }
      }
      for (const counts of targets) {
        counts.deliveries += n;
        counts.byState[row.state] += n;
        if (row.timeliness === 'overdue') counts.overdue += n;
        if (row.timeliness === 'escalated') counts.escalated += n;
        if (row.complete) counts.complete += n;
        if (row.late) counts.late += n;
      }
      if (row.late) lateCount += n;
      if (row.state === 'sent') silentCount += n;
    }
    const names = await this.names([...provinces.keys(), ...districts.keys()]);
    const item = (row: Row): LateItem => ({
      deliveryId: row.id!,
      organisationId: row.org_id,
      nameTh: row.name_th ?? '',
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
    const byId = (map: Map<number, ProgressCounts>): ProgressAreaCounts[] =>
      [...map.entries()]
        .map(([organisationId, counts]) =>
          Object.assign({ organisationId, nameTh: names.get(organisationId) ?? '' }, counts),
        )
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
      levels: LEVELS.map((level) =>
        Object.assign({ level, labelTh: LEVEL_LABEL_TH[level] }, levels.get(level)!),
      ).filter((l) => l.deliveries > 0),
      provinces: byId(provinces),
      districts: byId(districts),
      late: { count: lateCount, items: latePage.map(item) },
      silent: { count: silentCount, items: silentPage.map(item) },
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
