import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@wian/audit';
import { ApiException, RequestContext } from '@wian/http';
import { isUniqueViolation, TransactionHost } from '@wian/persistence';
import { civilDateToIso, formatThaiDate, type CivilDate } from '@wian/thai';
import { BusinessCalendar, isWeekend } from './business-calendar.service.js';
import type { AddedHolidayKind } from './holiday-kind.js';
import { HolidayOverrideStore } from './holiday-override.store.js';
import type { Holiday } from './holiday-year.js';
import { packageHolidays } from './package-holidays.js';

export interface AddHolidayCommand {
  date: CivilDate;
  nameTh: string;
  kind: AddedHolidayKind;
  note?: string | null;
}

export interface RemoveHolidayCommand {
  date: CivilDate;
  note?: string | null;
}

export interface HolidayRemoval {
  /** `deleted`: an administrator's holiday is gone; `not_observed`: a package holiday set aside. */
  outcome: 'deleted' | 'not_observed';
  removed: Holiday[];
}

const AUDIT_ENTITY = 'calendar_holiday';

/**
 * Administrators' changes to the calendar: add a holiday the package does not know, remove
 * one they added, or set aside a package holiday not observed that year. Each change is one
 * transaction with its audit row (chain without organisation: the calendar is national), and
 * the year's cached holidays are dropped once it commits.
 */
@Injectable()
export class HolidayAdministration {
  constructor(
    private readonly tx: TransactionHost,
    private readonly store: HolidayOverrideStore,
    private readonly audit: AuditTrail,
    private readonly calendar: BusinessCalendar,
  ) {}

  /**
   * Adds a วันหยุดชดเชย or special holiday. On a date whose package holiday was set aside, the
   * new holiday takes the place of that mark.
   *
   * @throws ApiException 400 on a weekend; 409 when the date is already a holiday.
   */
  async add(command: AddHolidayCommand): Promise<Holiday> {
    const iso = civilDateToIso(command.date);
    const dateTh = formatThaiDate(command.date, 'full');
    if (isWeekend(command.date)) {
      throw ApiException.badRequest({
        field: 'date',
        rule: 'weekday',
        message_th: `${dateTh} เป็นวันเสาร์หรือวันอาทิตย์ ซึ่งไม่ใช่วันทำการอยู่แล้ว`,
        message_en: `${iso} is a Saturday or Sunday, already not a working day`,
      });
    }
    const note = command.note ?? null;
    try {
      await this.tx.run(async () => {
        const existing = await this.store.forUpdate(iso);
        if (existing !== null && existing.kind !== 'not_observed') {
          throw alreadyHoliday(iso, dateTh, existing.nameTh);
        }
        const observed = packageHolidays(command.date.year).filter(
          (h) => civilDateToIso(h.date) === iso,
        );
        if (existing === null && observed.length > 0) {
          throw alreadyHoliday(iso, dateTh, observed.map((h) => h.nameTh).join(', '));
        }
        if (existing !== null) await this.store.delete(iso);
        await this.store.insert({
          date: iso,
          kind: command.kind,
          nameTh: command.nameTh,
          note,
          createdByUserId: RequestContext.current()?.actorUserId ?? null,
        });
        await this.audit.record({
          action: 'calendar.holiday_add',
          entityType: AUDIT_ENTITY,
          entityId: iso,
          organisationId: null,
          payload: {
            date: iso,
            kind: command.kind,
            nameTh: command.nameTh,
            note,
            ...(existing !== null && { replaced: 'not_observed' }),
          },
        });
        await this.tx.afterCommit(() => {
          this.calendar.invalidate(command.date.year);
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'calendar_holiday_pkey')) {
        throw alreadyHoliday(iso, dateTh, command.nameTh);
      }
      throw error;
    }
    return {
      date: command.date,
      nameTh: command.nameTh,
      nameEn: null,
      kind: command.kind,
      source: 'administrator',
      note,
    };
  }

  /**
   * Removes the holiday of a date: deletes an administrator's holiday, or marks the package's
   * holiday as not observed that year.
   *
   * @throws ApiException 404 when the date has no holiday; 409 when it was already set aside.
   */
  async remove(command: RemoveHolidayCommand): Promise<HolidayRemoval> {
    const iso = civilDateToIso(command.date);
    const dateTh = formatThaiDate(command.date, 'full');
    const note = command.note ?? null;
    try {
      return await this.tx.run(async () => {
        const existing = await this.store.forUpdate(iso);
        const fromPackage = packageHolidays(command.date.year).filter(
          (h) => civilDateToIso(h.date) === iso,
        );
        let removal: HolidayRemoval;
        const kind = existing?.kind ?? null;
        if (existing !== null && kind === 'not_observed') {
          throw ApiException.conflict({
            field: 'date',
            rule: 'not_observed',
            message_th: `${existing.nameTh} (${dateTh}) ถูกกำหนดว่าไม่เป็นวันหยุดในปีนี้อยู่แล้ว`,
            message_en: `The holiday of ${iso} (${existing.nameTh}) is already marked not observed`,
          });
        } else if (existing !== null && (kind === 'substitution' || kind === 'special')) {
          await this.store.delete(iso);
          removal = {
            outcome: 'deleted',
            removed: [
              {
                date: command.date,
                nameTh: existing.nameTh,
                nameEn: null,
                kind,
                source: 'administrator',
                note: existing.note,
              },
            ],
          };
        } else if (fromPackage.length > 0) {
          await this.store.insert({
            date: iso,
            kind: 'not_observed',
            nameTh: fromPackage
              .map((h) => h.nameTh)
              .join(', ')
              .slice(0, 255),
            note,
            createdByUserId: RequestContext.current()?.actorUserId ?? null,
          });
          removal = {
            outcome: 'not_observed',
            removed: fromPackage.map((h) => ({
              date: h.date,
              nameTh: h.nameTh,
              nameEn: h.nameEn,
              kind: 'public',
              source: 'package',
              note,
            })),
          };
        } else {
          throw ApiException.notFound(
            'date',
            `${dateTh} ไม่ใช่วันหยุดราชการ จึงไม่มีวันหยุดให้ยกเลิก`,
            `${iso} is not a holiday; there is nothing to remove`,
          );
        }
        await this.audit.record({
          action: 'calendar.holiday_remove',
          entityType: AUDIT_ENTITY,
          entityId: iso,
          organisationId: null,
          payload: {
            date: iso,
            outcome: removal.outcome,
            names: removal.removed.map((h) => h.nameTh),
            note,
          },
        });
        await this.tx.afterCommit(() => {
          this.calendar.invalidate(command.date.year);
        });
        return removal;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'calendar_holiday_pkey')) {
        throw ApiException.conflict({
          field: 'date',
          rule: 'concurrent_change',
          message_th: `มีผู้แก้ไขวันหยุดของ${dateTh} พร้อมกัน กรุณาตรวจสอบแล้วลองใหม่`,
          message_en: `Someone changed the holiday of ${iso} at the same time; check and try again`,
        });
      }
      throw error;
    }
  }
}

function alreadyHoliday(iso: string, dateTh: string, name: string): ApiException {
  return ApiException.conflict({
    field: 'date',
    rule: 'holiday_exists',
    message_th: `${dateTh} เป็นวันหยุดอยู่แล้ว (${name})`,
    message_en: `${iso} is already a holiday (${name})`,
  });
}
