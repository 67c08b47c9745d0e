import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller.js';
import { CalendarModule } from './calendar.module.js';

/** The calendar endpoints, for the API app. */
@Module({
  imports: [CalendarModule],
  controllers: [CalendarController],
})
export class CalendarHttpModule {}
