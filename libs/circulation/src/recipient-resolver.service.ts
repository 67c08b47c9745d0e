import { Injectable } from '@nestjs/common';
import { LOCAL_GOVERNMENT_KINDS } from '@wian/hierarchy';
import { ApiException } from '@wian/http';
import { Coalescer, queryPrepared, TransactionHost } from '@wian/persistence';
import { toThaiDigits } from '@wian/thai';
import { OrganisationFacts, type OrganisationFact } from './organisation-facts.service.js';
import type { RecipientSelection, RecipientSelector } from './recipient-selection.js';

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
    // Each recipient with the field that chose it first, for a refusal to point at.
    const chosen = new Map<number, string>(
      explicit.map((id, index) => [id, `organisationIds.${index}`]),
    );
    const paths = new Map<number, string>();
    if (explicit.length > 0) await this.checkActive(explicit);
    for (const [index, selector] of selection.selectors.entries()) {
      for (const id of await this.expand(selector, `selectors.${index}`, paths)) {
        if (!chosen.has(id)) chosen.set(id, `selectors.${index}`);
      }
    }
    if (chosen.size === 0) {
      throw ApiException.badRequest({
        field: 'organisationIds',
        rule: 'notEmpty',
        message_th: 'ต้องมีผู้รับอย่างน้อยหนึ่งหน่วยงาน (เลือกหน่วยงานหรือกลุ่มผู้รับ)',
        message_en: 'the circular needs at least one recipient (organisations or selectors)',
      });
    }
    if (chosen.has(senderId)) {
      throw ApiException.badRequest({
        field: 'organisationIds',
        rule: 'notSender',
        message_th: 'หน่วยงานผู้ส่งเป็นผู้รับหนังสือของตนเองไม่ได้',
        message_en: 'the sender cannot be one of its own recipients',
      });
    }
    const recipients = [...chosen.keys()].sort((a, b) => a - b);
    await this.checkReach(sender, recipients, paths, chosen);
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

  private async expand(
    selector: RecipientSelector,
    field: string,
    paths: Map<number, string>,
  ): Promise<number[]> {
    if (selector.kind === 'all_provinces') {
      const rows = await this.tx.manager.query<Array<{ id: number; path: string }>>(
        `SELECT id, path FROM organisation WHERE kind = 'province' AND active`,
      );
      for (const row of rows) paths.set(row.id, row.path);
      return rows.map((r) => r.id);
    }
    const anchor = await this.organisation(selector.organisationId!, `${field}.organisationId`);
    const wrongAnchor = (expected: string, expectedEn: string): ApiException =>
      ApiException.badRequest({
        field: `${field}.organisationId`,
        rule: 'selectorAnchor',
        message_th: `${anchor.nameTh} ไม่ใช่${expected}`,
        message_en: `${anchor.nameTh} is not a ${expectedEn}`,
      });
    switch (selector.kind) {
      case 'districts_of_province':
        if (anchor.kind !== 'province') throw wrongAnchor('จังหวัด', 'province');
        return this.members('province_id', anchor.id, ['district'], paths);
      case 'local_governments': {
        if (anchor.kind !== 'province' && anchor.kind !== 'district')
          throw wrongAnchor('จังหวัดหรืออำเภอ', 'province or district');
        const column = anchor.kind === 'province' ? 'province_id' : 'district_id';
        return this.members(column, anchor.id, selector.kinds ?? LOCAL_GOVERNMENT_KINDS, paths);
      }
      case 'pao_and_city_municipality':
        if (anchor.kind !== 'province') throw wrongAnchor('จังหวัด', 'province');
        return this.members('province_id', anchor.id, ['pao', 'city_municipality'], paths);
      case 'internal_units':
        return this.members('parent_id', anchor.id, ['internal_unit', 'division'], paths);
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
   * A sender reaches its own subtree (by the organisation tree) and whatever it supervises,
   * directly or through the offices under it (the department supervises provinces, the
   * provincial office districts and large local governments, the district office the rest).
   */
  private async checkReach(
    sender: OrganisationFact,
    recipients: readonly number[],
    paths: ReadonlyMap<number, string>,
    fields: ReadonlyMap<number, string>,
  ): Promise<void> {
    // Inside the sender's subtree needs no look at the supervision chain.
    const unknown = recipients.filter((id) => !(paths.get(id)?.startsWith(sender.path) ?? false));
    if (unknown.length === 0) return;
    const outside = await this.tx.manager.query<Array<{ id: number; name_th: string }>>(
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
    if (outside.length > 0) {
      // Named as a clerk knows them, with their ids, the first twenty; the field is the one
      // that chose the first of them (an organisation listed, or a selector).
      const shown = outside.slice(0, 20);
      const more =
        outside.length > shown.length
          ? ` และอีก ${toThaiDigits(outside.length - shown.length)} แห่ง`
          : '';
      const moreEn =
        outside.length > shown.length ? ` and ${outside.length - shown.length} more` : '';
      throw new ApiException(403, "recipients outside the sender's reach", [
        {
          field: fields.get(outside[0].id) ?? 'organisationIds',
          rule: 'withinSubtree',
          message_th: `${shown.map((o) => `${o.name_th} (รหัส ${o.id})`).join(', ')}${more} ไม่อยู่ในสังกัดหรือในความกำกับดูแลของ${sender.nameTh}`,
          message_en: `${shown.map((o) => `${o.name_th} (id ${o.id})`).join(', ')}${moreEn}: neither under nor supervised by ${sender.nameTh}`,
        },
      ]);
    }
  }
}
