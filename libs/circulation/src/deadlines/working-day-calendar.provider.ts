import type { Provider } from '@nestjs/common';
import { addDays, dayOfWeek, type CivilDate } from '@wian/thai';
import type { WorkingDayCalendar } from './deadline-plan.js';
import { WORKING_DAY_CALENDAR } from './working-day-calendar.token.js';

/** Weekends only: replaced by the Thai business calendar (holidays) once it is wired. */
class WeekendCalendar implements WorkingDayCalendar {
  addWorkingDays(date: CivilDate, days: number): Promise<CivilDate> {
    let d = date;
    let left = Math.abs(days);
    const step = days < 0 ? -1 : 1;
    while (left > 0) {
      d = addDays(d, step);
      const dow = dayOfWeek(d);
      if (dow !== 0 && dow !== 6) left -= 1;
    }
    return Promise.resolve(d);
  }
}

export const workingDayCalendarProvider: Provider = {
  provide: WORKING_DAY_CALENDAR,
  useFactory: (): WorkingDayCalendar => new WeekendCalendar(),
};
