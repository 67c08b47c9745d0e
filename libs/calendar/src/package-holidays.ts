import Holidays from 'date-holidays';
import { BANGKOK_TIME_ZONE, parseIsoCivilDate, type CivilDate } from '@wian/thai';

/** A public holiday as the `date-holidays` package knows it. */
export interface PackageHoliday {
  date: CivilDate;
  nameTh: string;
  nameEn: string;
}

// Only public holidays close government offices: observances, bank and school holidays do not.
const TH = new Holidays('TH', { timezone: BANGKOK_TIME_ZONE, types: ['public'] });

/**
 * The Thai public holidays of a CE year from `date-holidays`, in date order (a date may carry
 * two holidays: 4 May 2566 was both วันฉัตรมงคล and วันวิสาขบูชา). The package lists the lunar
 * (Buddhist) holidays year by year and only up to its last update (2026 in 3.37); later years
 * have only the fixed-date ones until an administrator adds the rest.
 */
export function packageHolidays(year: number): PackageHoliday[] {
  const th = TH.getHolidays(year, 'th');
  const en = TH.getHolidays(year, 'en');
  return th
    .filter((h) => h.type === 'public')
    .map((h, i) => ({
      // `date` is the local date in the country's zone, "YYYY-MM-DD hh:mm:ss".
      date: parseIsoCivilDate(h.date.slice(0, 10)),
      nameTh: h.name,
      nameEn: en[i]?.rule === h.rule ? en[i].name : h.name,
    }));
}
