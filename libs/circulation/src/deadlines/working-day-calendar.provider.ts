import type { Provider } from '@nestjs/common';
import { BusinessCalendar } from '@wian/calendar';
import type { WorkingDayCalendar } from './deadline-plan.js';
import { WORKING_DAY_CALENDAR } from './working-day-calendar.token.js';

/** Deadlines count working days on the Thai business calendar (weekends, public holidays). */
export const workingDayCalendarProvider: Provider = {
  provide: WORKING_DAY_CALENDAR,
  inject: [BusinessCalendar],
  useFactory: (calendar: BusinessCalendar): WorkingDayCalendar => calendar,
};
