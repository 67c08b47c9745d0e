// Public surface of @wian/calendar: the Thai business calendar (working days, holidays,
// deadlines at the end of office hours).
import { CalendarHoliday } from './calendar-holiday.entity.js';

export {
  BusinessCalendar,
  HOLIDAY_CACHE_TTL_MS,
  isWeekend,
  MAX_WORKING_DAYS,
} from './business-calendar.service.js';
export { CALENDAR_CLOCK } from './calendar-clock.token.js';
export { CalendarHoliday } from './calendar-holiday.entity.js';
export { CalendarHttpModule } from './calendar-http.module.js';
export { CalendarModule } from './calendar.module.js';
export { HolidayAdministration } from './holiday-administration.service.js';
export type {
  AddHolidayCommand,
  HolidayRemoval,
  RemoveHolidayCommand,
} from './holiday-administration.service.js';
export {
  ADDED_HOLIDAY_KINDS,
  HOLIDAY_KIND_LABEL_TH,
  HOLIDAY_KINDS,
  OVERRIDE_KINDS,
} from './holiday-kind.js';
export type { AddedHolidayKind, HolidayKind, OverrideKind } from './holiday-kind.js';
export type { Holiday, HolidayYear } from './holiday-year.js';
export { packageHolidays } from './package-holidays.js';
export type { PackageHoliday } from './package-holidays.js';

/** Entities of the calendar, for the data source. */
export const CALENDAR_ENTITIES = [CalendarHoliday];
