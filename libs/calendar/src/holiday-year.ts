import { civilDateToIso, compareCivilDates, parseIsoCivilDate, type CivilDate } from '@wian/thai';
import type { HolidayKind } from './holiday-kind.js';
import type { PackageHoliday } from './package-holidays.js';
import type { CalendarHoliday } from './calendar-holiday.entity.js';

/** One holiday of the business calendar. */
export interface Holiday {
  date: CivilDate;
  nameTh: string;
  /** English name (package holidays only). */
  nameEn: string | null;
  kind: HolidayKind;
  /** `package`: date-holidays; `administrator`: added in wian. */
  source: 'package' | 'administrator';
  note: string | null;
}

/** The holidays of one CE year, as observed, and the package holidays set aside. */
export interface HolidayYear {
  year: number;
  holidays: Holiday[];
  /** Package holidays an administrator marked as not observed this year. */
  notObserved: Holiday[];
  /** ISO dates of `holidays`, for lookups. */
  dates: ReadonlySet<string>;
}

/**
 * Combines the package's holidays with the administrator's rows of the same year: a
 * `not_observed` row sets aside the package holidays of its date, a `substitution` or
 * `special` row adds a holiday. Pure.
 */
export function composeHolidayYear(
  year: number,
  fromPackage: PackageHoliday[],
  overrides: Pick<CalendarHoliday, 'date' | 'kind' | 'nameTh' | 'note'>[],
): HolidayYear {
  const setAside = new Set(overrides.filter((o) => o.kind === 'not_observed').map((o) => o.date));
  const holidays: Holiday[] = [];
  const notObserved: Holiday[] = [];
  for (const h of fromPackage) {
    const holiday: Holiday = {
      date: h.date,
      nameTh: h.nameTh,
      nameEn: h.nameEn,
      kind: 'public',
      source: 'package',
      note: null,
    };
    const iso = civilDateToIso(h.date);
    if (setAside.has(iso)) {
      notObserved.push({ ...holiday, note: overrides.find((o) => o.date === iso)?.note ?? null });
    } else {
      holidays.push(holiday);
    }
  }
  for (const o of overrides) {
    if (o.kind === 'not_observed') continue;
    holidays.push({
      date: parseIsoCivilDate(o.date),
      nameTh: o.nameTh,
      nameEn: null,
      kind: o.kind,
      source: 'administrator',
      note: o.note,
    });
  }
  holidays.sort((a, b) => compareCivilDates(a.date, b.date));
  return {
    year,
    holidays,
    notObserved,
    dates: new Set(holidays.map((h) => civilDateToIso(h.date))),
  };
}
