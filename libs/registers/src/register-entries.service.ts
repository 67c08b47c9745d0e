import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@wian/audit';
import { ApiException } from '@wian/http';
import { IDENTITY_CLOCK, type Actor } from '@wian/identity';
import { containsPattern, TransactionHost } from '@wian/persistence';
import { bangkokInstant, toThaiDigits, type Clock } from '@wian/thai';
import { parseDateField, parseUrgencyField } from './field-parse.js';
import { RegisterEntry } from './register-entry.entity.js';
import type { RegisterEntryQuery } from './register-query.dto.js';
import { RegisterEntryView } from './register-entry.view.js';

/** SQL: a text column with its Thai digits read as Arabic ones. */
const ARABIC_DIGITS = (column: string): string =>
  `translate(${column}, '๐๑๒๓๔๕๖๗๘๙', '0123456789')`;

/**
 * Whether a record outside the registers still relies on a line's number (a delivery received
 * under it, a circular sent under it): the refusal to cancel it, or null. Runs in the cancelling
 * transaction, with the line locked.
 */
export type RegisterEntryInUse = (entry: RegisterEntry) => Promise<ApiException | null>;

/** Reading, filtering and cancelling register lines. */
@Injectable()
export class RegisterEntries {
  private readonly uses: RegisterEntryInUse[] = [];

  /** For the modules whose records point at register lines (circulation registers its own). */
  refuseCancellingWhen(inUse: RegisterEntryInUse): void {
    this.uses.push(inUse);
  }

  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async list(
    registerId: string,
    query: RegisterEntryQuery,
  ): Promise<{ items: RegisterEntryView[]; total: number }> {
    const { items, total } = await this.find(registerId, query, query.limit, query.offset);
    return { items: items.map((e) => RegisterEntryView.of(e)), total };
  }

  async find(
    registerId: string,
    query: RegisterEntryQuery,
    limit: number,
    offset: number,
  ): Promise<{ items: RegisterEntry[]; total: number }> {
    const qb = this.tx
      .repository(RegisterEntry)
      .createQueryBuilder('e')
      .where('e.register_id = :registerId', { registerId });
    if (query.year !== undefined)
      qb.andWhere('e.year_be = :year', { year: query.year < 2400 ? query.year + 543 : query.year });
    if (query.numberFrom !== undefined)
      qb.andWhere('e.number >= :numberFrom', { numberFrom: query.numberFrom });
    if (query.numberTo !== undefined)
      qb.andWhere('e.number <= :numberTo', { numberTo: query.numberTo });
    if (query.from !== undefined)
      qb.andWhere('e.registered_at >= :from', {
        from: bangkokInstant(parseDateField('from', query.from)),
      });
    if (query.to !== undefined) {
      const to = parseDateField('to', query.to);
      qb.andWhere('e.registered_at < :to', {
        to: new Date(bangkokInstant(to).getTime() + 86_400_000),
      });
    }
    // The search text comes with Arabic digits (SearchText); the stored text is read the same
    // way, so either digit system finds either (the subject's trigram index is on this).
    if (query.sender !== undefined)
      qb.andWhere(`${ARABIC_DIGITS('e.from_text')} ILIKE :sender`, {
        sender: containsPattern(query.sender),
      });
    if (query.q !== undefined)
      qb.andWhere(`${ARABIC_DIGITS('e.subject')} ILIKE :q`, { q: containsPattern(query.q) });
    if (query.urgency !== undefined)
      qb.andWhere('e.urgency = :urgency', {
        urgency: parseUrgencyField('urgency', query.urgency),
      });
    if (query.includeCancelled === false) qb.andWhere('e.cancelled_at IS NULL');
    qb.orderBy('e.year_be', 'DESC').addOrderBy('e.number', 'DESC').offset(offset).limit(limit);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  async get(id: string): Promise<RegisterEntry> {
    const found = await this.tx.repository(RegisterEntry).findOneBy({ id });
    if (!found)
      throw ApiException.notFound('id', 'ไม่พบรายการนี้ในทะเบียน', `No register entry with id ${id}`);
    return found;
  }

  /** A cancelled number stays in the register, marked, with its reason; it is never reused. */
  async cancel(id: string, reason: string, actor: Actor | null): Promise<RegisterEntryView> {
    return this.tx.run(async (manager) => {
      const entry = await manager.findOne(RegisterEntry, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!entry)
        throw ApiException.notFound('id', 'ไม่พบรายการนี้ในทะเบียน', `No register entry with id ${id}`);
      if (entry.cancelledAt !== null) {
        throw ApiException.conflict({
          field: 'id',
          rule: 'alreadyCancelled',
          message_th: `เลขที่ ${toThaiDigits(entry.number)} ถูกยกเลิกไปแล้ว`,
          message_en: `number ${entry.number} is already cancelled`,
        });
      }
      for (const inUse of this.uses) {
        const refusal = await inUse(entry);
        if (refusal !== null) throw refusal;
      }
      entry.cancelledAt = this.clock.now();
      entry.cancelReason = reason;
      entry.cancelledByUserId = actor?.kind === 'user' ? actor.userId : null;
      await manager.update(
        RegisterEntry,
        { id },
        {
          cancelledAt: entry.cancelledAt,
          cancelReason: reason,
          cancelledByUserId: entry.cancelledByUserId,
        },
      );
      const organisation = await manager.query<Array<{ organisation_id: number }>>(
        `SELECT organisation_id FROM register WHERE id = $1`,
        [entry.registerId],
      );
      await this.audit.record({
        action: 'register.cancel',
        entityType: 'register_entry',
        entityId: id,
        organisationId: organisation[0]?.organisation_id ?? null,
        payload: { number: entry.number, yearBe: entry.yearBe, reason },
      });
      return RegisterEntryView.of(entry);
    });
  }
}
