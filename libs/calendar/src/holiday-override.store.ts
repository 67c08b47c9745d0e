import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@wian/persistence';
import { Between } from 'typeorm';
import { CalendarHoliday } from './calendar-holiday.entity.js';

/** The administrator's rows of the calendar (`calendar_holiday`), in the current transaction. */
@Injectable()
export class HolidayOverrideStore {
  constructor(private readonly tx: TransactionHost) {}

  /** The rows of a CE year, in date order. */
  inYear(year: number): Promise<CalendarHoliday[]> {
    const y = String(year).padStart(4, '0');
    return this.tx.repository(CalendarHoliday).find({
      where: { date: Between(`${y}-01-01`, `${y}-12-31`) },
      order: { date: 'ASC' },
    });
  }

  /** The row of an ISO date, locked until the transaction ends. */
  forUpdate(date: string): Promise<CalendarHoliday | null> {
    return this.tx
      .repository(CalendarHoliday)
      .createQueryBuilder('h')
      .where('h.date = :date', { date })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert(row: Omit<CalendarHoliday, 'createdAt'>): Promise<void> {
    await this.tx.repository(CalendarHoliday).insert(row);
  }

  async delete(date: string): Promise<void> {
    await this.tx.repository(CalendarHoliday).delete({ date });
  }
}
