import { Injectable } from '@nestjs/common';
import { LOCAL_GOVERNMENT_KINDS } from '@wian/hierarchy';
import { ApiException, type ApiErrorDetail } from '@wian/http';
import { Coalescer, queryPrepared, TransactionHost } from '@wian/persistence';
import { toThaiDigits } from '@wian/thai';
import { OrganisationFacts, type OrganisationFact } from './organisation-facts.service.js';
import {
  SELECTOR_LABEL_TH,
  type RecipientSelection,
  type RecipientSelector,
} from './recipient-selection.js';

/** The columns a selector anchors on. */
type AnchorColumn = 'province_id' | 'district_id' | 'parent_id';

/** One sender's anchored selector: the organisations of `kinds` whose `column` is `anchor`. */
interface Selection {
  column: AnchorColumn;
  anchor: number;
  kinds: readonly string[];
}

// Ids stay in Arabic digits in Thai text too: they are identifiers, not counts.
const idList = (ids: readonly number[]): string => ids.join(', ');

/** A selector as a clerk would read it back: "ทุกอำเภอในจังหวัด (จังหวัดสกลนคร)". */
interface SelectorLabel {
  th: string;
  en: string;
}

/** What one part of the request chose: `organisationIds` (label null) or one selector. */
interface Source {
  field: string;
  ids: readonly number[];
  label: SelectorLabel | null;
}

interface OutsideOrganisation {
  id: number;
  name_th: string;
}

/** How many are shown by name in a refusal; the rest are counted. */
const SHOWN = 20;

/**
 * Organisations out of the sender's reach, brought by `field`: the first twenty by name with
 * their ids, the rest counted; for a selector, how many and whether it brought the sender too.
 */
function reachDetail(
  field: string,
  sender: OrganisationFact,
  outside: readonly OutsideOrganisation[],
  label: SelectorLabel | null,
  withSender: boolean,
): ApiErrorDetail {
  const shown = outside.slice(0, SHOWN);
  const rest = outside.length - shown.length;
  const namesTh = `${shown.map((o) => `${o.name_th} (รหัส ${o.id})`).join(', ')}${rest > 0 ? ` และอีก ${toThaiDigits(rest)} แห่ง` : ''}`;
  const namesEn = `${shown.map((o) => `${o.name_th} (id ${o.id})`).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
  if (label === null) {
    return {
      field,
      rule: 'withinSubtree',
      message_th: `${namesTh} ไม่อยู่ในสังกัดหรือในความกำกับดูแลของ${sender.nameTh}`,
      message_en: `${namesEn}: neither under nor supervised by ${sender.nameTh}`,
    };
  }
  const alsoTh = withSender
    ? ` และรวม${sender.nameTh}ซึ่งเป็นหน่วยงานผู้ส่งเองด้วย (ผู้ส่งเป็นผู้รับหนังสือของตนเองไม่ได้)`
    : '';
  const alsoEn = withSender
    ? `; it also includes ${sender.nameTh} itself, the sender, which cannot be its own recipient`
    : '';
  return {
    field,
    rule: 'withinSubtree',
    message_th: `กลุ่มผู้รับ ${label.th} มีหน่วยงานที่ไม่อยู่ในสังกัดหรือในความกำกับดูแลของ${sender.nameTh} ${toThaiDigits(outside.length)} แห่ง: ${namesTh}${alsoTh} กรุณาระบุผู้รับเป็นรายหน่วยงานหรือเลือกกลุ่มผู้รับอื่น`,
    message_en: `the selector ${label.en} includes ${outside.length} organisations neither under nor supervised by ${sender.nameTh}: ${namesEn}${alsoEn}; name the recipients one by one or choose another selector`,
  };
}

/** The sender chosen as its own recipient, by `field`. */
function senderDetail(
  field: string,
  sender: OrganisationFact,
  label: SelectorLabel | null,
): ApiErrorDetail {
  return label === null
    ? {
        field,
        rule: 'notSender',
        message_th: `หน่วยงานผู้ส่ง (${sender.nameTh}) เป็นผู้รับหนังสือของตนเองไม่ได้`,
        message_en: `the sender (${sender.nameTh}) cannot be one of its own recipients`,
      }
    : {
        field,
        rule: 'notSender',
        message_th: `กลุ่มผู้รับ ${label.th} รวม${sender.nameTh}ซึ่งเป็นหน่วยงานผู้ส่งเอง หน่วยงานผู้ส่งเป็นผู้รับหนังสือของตนเองไม่ได้`,
        message_en: `the selector ${label.en} includes ${sender.nameTh} itself; the sender cannot be one of its own recipients`,
      };
}

/**
 * Turns a sender's selection into the organisations that get a delivery, refusing anything a
 * clerk would want to hear about before a letter goes out: unknown or inactive organisations,
 * duplicates, the sender itself, an empty result, and organisations the sender has no line to
 * (outside its subtree and not supervised by it).
 */
@Injectable()
export class RecipientResolver {
  constructor(
    private readonly tx: TransactionHost,
    private readonly facts: OrganisationFacts,
  ) {}

  async resolve(senderId: number, selection: RecipientSelection): Promise<number[]> {
    const explicit = selection.organisationIds;
    const seen = new Set<number>();
    explicit.forEach((id, index) => {
      if (seen.has(id)) {
        throw ApiException.badRequest({
          field: `organisationIds.${index}`,
          rule: 'noDuplicates',
          message_th: `ระบุหน่วยงานรหัส ${String(id)} ซ้ำ`,
          message_en: `organisation ${id} is listed twice`,
        });
      }
      seen.add(id);
    });
    const sender = await this.organisation(senderId, 'organisationId');
    // What each part of the request brought, in its order, for a refusal to point at: the
    // organisations named one by one, then each selector.
    const sources: Source[] = [];
    const paths = new Map<number, string>();
    if (explicit.length > 0) {
      await this.checkActive(explicit);
      sources.push({ field: 'organisationIds', ids: explicit, label: null });
    }
    for (const [index, selector] of selection.selectors.entries()) {
      const field = `selectors.${index}`;
      sources.push({ field, ...(await this.expand(selector, field, paths)) });
    }
    const recipients = [...new Set(sources.flatMap((s) => s.ids))].sort((a, b) => a - b);
    if (recipients.length === 0) {
      // Nothing chosen at all, or groups that turned out empty: the first of them is named.
      const group = sources[0];
      throw ApiException.badRequest(
        group?.label
          ? {
              field: group.field,
              rule: 'notEmpty',
              message_th: `กลุ่มผู้รับ ${group.label.th} ไม่มีหน่วยงานผู้รับ ต้องมีผู้รับอย่างน้อยหนึ่งหน่วยงาน`,
              message_en: `the selector ${group.label.en} chooses no organisation; the circular needs at least one recipient`,
            }
          : {
              field: 'organisationIds',
              rule: 'notEmpty',
              message_th: 'ต้องมีผู้รับอย่างน้อยหนึ่งหน่วยงาน (เลือกหน่วยงานหรือกลุ่มผู้รับ)',
              message_en: 'the circular needs at least one recipient (organisations or selectors)',
            },
      );
    }
    const outside = await this.outsideReach(sender, recipients, paths);
    // Out of reach is told first (it is why a province cannot choose "all provinces"), with
    // the sender itself in the same words when the same selector brought it; a sender chosen
    // where nothing else is wrong is refused on its own.
    const reach: ApiErrorDetail[] = [];
    const self: ApiErrorDetail[] = [];
    for (const source of sources) {
      const out = source.ids.filter((id) => outside.has(id));
      const found = out.map((id) => outside.get(id)!);
      const withSender = source.ids.includes(senderId);
      if (source.label === null) {
        // Each organisation named is its own field: the first one out of reach, the sender's.
        const at = (id: number): string => `organisationIds.${source.ids.indexOf(id)}`;
        if (out.length > 0) reach.push(reachDetail(at(out[0]), sender, found, null, false));
        if (withSender) self.push(senderDetail(at(senderId), sender, null));
      } else if (out.length > 0) {
        reach.push(reachDetail(source.field, sender, found, source.label, withSender));
      } else if (withSender) {
        self.push(senderDetail(source.field, sender, source.label));
      }
    }
    if (reach.length > 0) {
      throw new ApiException(403, "recipients outside the sender's reach", [...reach, ...self]);
    }
    if (self.length > 0) throw new ApiException(400, self[0].message_en, self);
    return recipients;
  }

  private organisation(id: number, field: string): Promise<OrganisationFact> {
    return this.facts.facts(id, field);
  }

  private async checkActive(ids: readonly number[]): Promise<void> {
    const rows = await this.tx.manager.query<Array<{ id: number; active: boolean }>>(
      `SELECT id, active FROM organisation WHERE id = ANY($1::int[])`,
      [ids],
    );
    const known = new Map(rows.map((r) => [r.id, r.active]));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw ApiException.badRequest({
        field: `organisationIds.${ids.indexOf(unknown[0])}`,
        rule: 'knownOrganisation',
        message_th: `ไม่พบหน่วยงานรหัส ${idList(unknown)}`,
        message_en: `unknown organisations: ${unknown.join(', ')}`,
      });
    }
    const inactive = ids.filter((id) => known.get(id) === false);
    if (inactive.length > 0) {
      throw ApiException.badRequest({
        field: `organisationIds.${ids.indexOf(inactive[0])}`,
        rule: 'activeOrganisation',
        message_th: `หน่วยงานรหัส ${idList(inactive)} ยกเลิกแล้ว ส่งหนังสือถึงไม่ได้`,
        message_en: `organisations ${inactive.join(', ')} are inactive and cannot receive letters`,
      });
    }
  }

  /** The organisations a selector chooses, and how a refusal names the selector. */
  private async expand(
    selector: RecipientSelector,
    field: string,
    paths: Map<number, string>,
  ): Promise<{ ids: number[]; label: SelectorLabel }> {
    const kindTh = SELECTOR_LABEL_TH[selector.kind];
    if (selector.kind === 'all_provinces') {
      const rows = await this.tx.manager.query<Array<{ id: number; path: string }>>(
        `SELECT id, path FROM organisation WHERE kind = 'province' AND active`,
      );
      for (const row of rows) paths.set(row.id, row.path);
      return {
        ids: rows.map((r) => r.id),
        label: { th: `"${kindTh}"`, en: `"${selector.kind}" (${field})` },
      };
    }
    if (selector.kind === 'local_governments' && selector.kinds?.length === 0) {
      // An empty list would choose nobody: "all kinds" is said by leaving the list out.
      throw ApiException.badRequest({
        field: `${field}.kinds`,
        rule: 'notEmpty',
        message_th:
          'ระบุประเภทองค์กรปกครองส่วนท้องถิ่นอย่างน้อยหนึ่งประเภท หรือไม่ต้องระบุ kinds เพื่อส่งถึงทุกประเภท',
        message_en:
          'name at least one kind of local government, or leave kinds out to choose every kind',
      });
    }
    const anchor = await this.organisation(selector.organisationId!, `${field}.organisationId`);
    const wrongAnchor = (expected: string, expectedEn: string): ApiException =>
      ApiException.badRequest({
        field: `${field}.organisationId`,
        rule: 'selectorAnchor',
        message_th: `${anchor.nameTh} ไม่ใช่${expected}`,
        message_en: `${anchor.nameTh} is not a ${expectedEn}`,
      });
    const label: SelectorLabel = {
      th: `"${kindTh}" ของ${anchor.nameTh}`,
      en: `"${selector.kind}" of ${anchor.nameTh} (${field})`,
    };
    const chosen = (ids: number[]) => ({ ids, label });
    switch (selector.kind) {
      case 'districts_of_province':
        if (anchor.kind !== 'province') throw wrongAnchor('จังหวัด', 'province');
        return chosen(await this.members('province_id', anchor.id, ['district'], paths));
      case 'local_governments': {
        if (anchor.kind !== 'province' && anchor.kind !== 'district')
          throw wrongAnchor('จังหวัดหรืออำเภอ', 'province or district');
        const column = anchor.kind === 'province' ? 'province_id' : 'district_id';
        const kinds = selector.kinds ?? LOCAL_GOVERNMENT_KINDS;
        return chosen(await this.members(column, anchor.id, kinds, paths));
      }
      case 'pao_and_city_municipality':
        if (anchor.kind !== 'province') throw wrongAnchor('จังหวัด', 'province');
        return chosen(
          await this.members('province_id', anchor.id, ['pao', 'city_municipality'], paths),
        );
      case 'internal_units':
        return chosen(
          await this.members('parent_id', anchor.id, ['internal_unit', 'division'], paths),
        );
    }
  }

  /**
   * The active organisations of `kinds` whose `column` is `anchor` (a province's districts, a
   * district's local governments…). Outside a transaction the selections of many senders at
   * once are one query (a national fan-out: 878 districts choosing their local governments).
   */
  private async members(
    column: AnchorColumn,
    anchor: number,
    kinds: readonly string[],
    paths: Map<number, string>,
  ): Promise<number[]> {
    const rows = await this.selections.submit(`${column}|${kinds.join(',')}`, {
      column,
      anchor,
      kinds,
    });
    for (const row of rows) paths.set(row.id, row.path);
    return rows.map((r) => r.id);
  }

  private readonly selections = new Coalescer<Selection, Array<{ id: number; path: string }>>(
    (_shape, selections) => this.membersOf(selections),
    { alone: () => this.tx.inTransaction },
  );

  /** Selections of one shape (the same column and kinds), one anchor each, in one query. */
  private async membersOf(
    selections: Selection[],
  ): Promise<Array<Array<{ id: number; path: string }>>> {
    const [{ column, kinds }] = selections;
    const rows = await queryPrepared<{ ord: string; id: number; path: string }>(
      this.tx.manager,
      `SELECT a.ord, o.id, o.path
         FROM unnest($1::int[]) WITH ORDINALITY AS a(anchor, ord)
         JOIN organisation o ON o.${column} = a.anchor
        WHERE o.kind = ANY($2::varchar[]) AND o.active
        ORDER BY a.ord, o.id`,
      [selections.map((s) => s.anchor), kinds],
    );
    const found = selections.map((): Array<{ id: number; path: string }> => []);
    for (const row of rows) found[Number(row.ord) - 1].push({ id: row.id, path: row.path });
    return found;
  }

  /**
   * The recipients out of the sender's reach, by id. A sender reaches its own subtree (by the
   * organisation tree) and whatever it supervises, directly or through the offices under it
   * (the department supervises provinces, the provincial office districts and large local
   * governments, the district office the rest).
   */
  private async outsideReach(
    sender: OrganisationFact,
    recipients: readonly number[],
    paths: ReadonlyMap<number, string>,
  ): Promise<Map<number, OutsideOrganisation>> {
    // Inside the sender's subtree needs no look at the supervision chain.
    const unknown = recipients.filter((id) => !(paths.get(id)?.startsWith(sender.path) ?? false));
    if (unknown.length === 0) return new Map();
    const outside = await this.tx.manager.query<OutsideOrganisation[]>(
      `WITH RECURSIVE cand AS (
         SELECT id, supervisor_id FROM organisation
          WHERE id = ANY($1::int[]) AND left(path, length($2)) <> $2
       ), chain AS (
         SELECT c.id AS rid, c.supervisor_id AS sup, 1 AS n FROM cand c
         UNION ALL
         SELECT ch.rid, o.supervisor_id, ch.n + 1 FROM chain ch JOIN organisation o ON o.id = ch.sup
          WHERE ch.sup <> $3 AND ch.n < 12
       )
       SELECT c.id, o.name_th FROM cand c JOIN organisation o ON o.id = c.id
        WHERE NOT EXISTS (SELECT 1 FROM chain ch JOIN organisation s ON s.id = ch.sup
                           WHERE ch.rid = c.id AND left(s.path, length($2)) = $2)
        ORDER BY c.id`,
      [unknown, sender.path, sender.id],
    );
    return new Map(outside.map((o) => [o.id, o]));
  }
}
