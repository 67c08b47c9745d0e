import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiException, Authenticated, Authorize } from '@wian/http';
import {
  bangkokToday,
  civilDateToIso,
  formatThaiDate,
  formatThaiDateTime,
  toBuddhistYear,
  toThaiDigits,
  type CivilDate,
  type Clock,
} from '@wian/thai';
import { BusinessCalendar } from './business-calendar.service.js';
import { CALENDAR_CLOCK } from './calendar-clock.token.js';
import { parseDateField, parseYearField } from './calendar-field.parse.js';
import {
  AddHolidayDto,
  HolidaysQuery,
  RemoveHolidayDto,
  WorkingDaysQuery,
} from './calendar.dto.js';
import { HolidayAdministration } from './holiday-administration.service.js';
import { DayView, HolidayRemovalView, HolidayYearView, WorkingDaysView } from './calendar.views.js';
import { HolidayView } from './holiday.view.js';

@ApiTags('calendar / ปฏิทินวันทำการ')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly administration: HolidayAdministration,
    @Inject(CALENDAR_CLOCK) private readonly clock: Clock,
  ) {}

  @Get('holidays')
  @Authenticated()
  @ApiOperation({
    summary: 'The holidays of a year (public holidays, substitution and special days), in Thai',
  })
  @ApiOkResponse({ type: HolidayYearView })
  async holidays(@Query() query: HolidaysQuery): Promise<HolidayYearView> {
    const year =
      query.year === undefined ? bangkokToday(this.clock).year : parseYearField('year', query.year);
    const found = await this.calendar.holidayYear(year);
    return {
      year,
      yearBe: toBuddhistYear(year),
      yearTh: `พ.ศ. ${toThaiDigits(toBuddhistYear(year))}`,
      holidays: found.holidays.map((h) => HolidayView.of(h)),
      notObserved: found.notObserved.map((h) => HolidayView.of(h)),
    };
  }

  @Post('holidays')
  @Authorize('calendar.manage')
  @ApiOperation({
    summary: 'Add a holiday the package does not know: วันหยุดชดเชย or a cabinet-declared day',
  })
  @ApiCreatedResponse({ type: HolidayView, description: 'The holiday added' })
  async add(@Body() body: AddHolidayDto): Promise<HolidayView> {
    return HolidayView.of(
      await this.administration.add({
        date: parseDateField('date', body.date),
        nameTh: body.nameTh,
        kind: body.kind,
        note: body.note ?? null,
      }),
    );
  }

  @Post('holidays/remove')
  @HttpCode(200)
  @Authorize('calendar.manage')
  @ApiOperation({
    summary:
      'Remove the holiday of a date: delete one an administrator added, or mark a package holiday not observed that year',
  })
  @ApiOkResponse({ type: HolidayRemovalView })
  async remove(@Body() body: RemoveHolidayDto): Promise<HolidayRemovalView> {
    const removal = await this.administration.remove({
      date: parseDateField('date', body.date),
      note: body.note ?? null,
    });
    return { outcome: removal.outcome, removed: removal.removed.map((h) => HolidayView.of(h)) };
  }

  @Get('working-days')
  @Authenticated()
  @ApiOperation({
    summary:
      'Working-day arithmetic: `from` + `days` working days (negative: before), or the working days from `from` to `to`',
  })
  @ApiOkResponse({ type: WorkingDaysView })
  async workingDays(@Query() query: WorkingDaysQuery): Promise<WorkingDaysView> {
    if ((query.days === undefined) === (query.to === undefined)) {
      throw ApiException.badRequest({
        field: 'days',
        rule: 'days_or_to',
        message_th: 'ระบุจำนวนวันทำการ (days) หรือวันที่ปลายทาง (to) อย่างใดอย่างหนึ่ง',
        message_en: 'Give either days (working days to add) or to (a date to count to), not both',
      });
    }
    const from = parseDateField('from', query.from);
    let days: number;
    let to: CivilDate;
    if (query.days !== undefined) {
      days = query.days;
      to = await this.calendar.addWorkingDays(from, days);
    } else {
      to = parseDateField('to', query.to!);
      days = await this.calendar.workingDaysBetween(from, to);
    }
    const end = this.calendar.endOfWorkingDay(to);
    return {
      from: await this.day(from),
      days,
      to: await this.day(to),
      endOfWorkingDay: end.toISOString(),
      endOfWorkingDayTh: formatThaiDateTime(end, 'full'),
    };
  }

  private async day(date: CivilDate): Promise<DayView> {
    return {
      date: civilDateToIso(date),
      dateTh: formatThaiDate(date, 'full'),
      isWorkingDay: await this.calendar.isWorkingDay(date),
    };
  }
}
