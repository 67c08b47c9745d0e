import { Module } from '@nestjs/common';
import { AuditModule } from '@wian/audit';
import { systemClock } from '@wian/thai';
import { BusinessCalendar } from './business-calendar.service.js';
import { CALENDAR_CLOCK } from './calendar-clock.token.js';
import { HolidayAdministration } from './holiday-administration.service.js';
import { HolidayOverrideStore } from './holiday-override.store.js';

/**
 * The Thai business calendar without HTTP: {@link BusinessCalendar} for working days and
 * deadlines, {@link HolidayAdministration} for administrators' changes. Override
 * CALENDAR_CLOCK in tests.
 */
@Module({
  imports: [AuditModule],
  providers: [
    BusinessCalendar,
    HolidayAdministration,
    HolidayOverrideStore,
    { provide: CALENDAR_CLOCK, useValue: systemClock },
  ],
  exports: [BusinessCalendar, HolidayAdministration, CALENDAR_CLOCK],
})
export class CalendarModule {}
