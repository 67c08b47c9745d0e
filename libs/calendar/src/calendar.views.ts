import { ApiProperty } from '@nestjs/swagger';
import { HolidayView } from './holiday.view.js';

/** The holidays of a year, in Thai. */
export class HolidayYearView {
  @ApiProperty({ example: 2023, description: 'Year of the Common Era' })
  year!: number;

  @ApiProperty({ example: 2566, description: 'พุทธศักราช' })
  yearBe!: number;

  @ApiProperty({ example: 'พ.ศ. ๒๕๖๖' })
  yearTh!: string;

  @ApiProperty({
    type: () => [HolidayView],
    description: 'Public holidays, substitution and special days observed that year',
  })
  holidays!: HolidayView[];

  @ApiProperty({
    type: () => [HolidayView],
    description: 'Public holidays administrators set aside (not observed that year)',
  })
  notObserved!: HolidayView[];
}

/** What removing the holiday of a date did. */
export class HolidayRemovalView {
  @ApiProperty({
    enum: ['deleted', 'not_observed'],
    description:
      'deleted: a holiday an administrator added is gone; not_observed: a public holiday is set aside that year',
  })
  outcome!: 'deleted' | 'not_observed';

  @ApiProperty({ type: () => [HolidayView] })
  removed!: HolidayView[];
}

/** A date, in Thai, and whether it is a working day. */
export class DayView {
  @ApiProperty({ format: 'date', example: '2023-03-24' })
  date!: string;

  @ApiProperty({ example: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖' })
  dateTh!: string;

  @ApiProperty({ description: 'วันทำการ: not a weekend or a holiday' })
  isWorkingDay!: boolean;
}

/** Working-day arithmetic: from + days working days = to. */
export class WorkingDaysView {
  @ApiProperty({ type: () => DayView })
  from!: DayView;

  @ApiProperty({ example: 10, description: 'Working days from `from` to `to` (negative: before)' })
  days!: number;

  @ApiProperty({ type: () => DayView })
  to!: DayView;

  @ApiProperty({
    format: 'date-time',
    description: 'The end of office hours (OFFICE_HOURS_END) on `to`',
  })
  endOfWorkingDay!: string;

  @ApiProperty({ example: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖ เวลา ๑๖:๓๐ น.' })
  endOfWorkingDayTh!: string;
}
