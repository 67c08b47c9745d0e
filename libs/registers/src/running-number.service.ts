import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { SqlParams, TransactionHost } from '@wian/persistence';
import { toThaiDigits } from '@wian/thai';

/**
 * Gapless running numbers. `next()` must run inside the transaction that writes the register
 * line: the counter row is locked by the upsert until that transaction ends, so two clerks
 * registering at once get consecutive numbers, and a rolled-back registration gives its number
 * back. The unique key on the register line is the last guard.
 */
@Injectable()
export class RunningNumberService {
  constructor(private readonly tx: TransactionHost) {}

  async next(seriesKey: string, yearBe: number): Promise<number> {
    if (!this.tx.inTransaction)
      throw new Error('RunningNumberService.next() must run inside a transaction');
    const params = new SqlParams();
    const rows = await this.tx.manager.query<Array<{ last_number: number }>>(
      nextNumberSql(params, seriesKey, yearBe, null),
      params.values,
    );
    return rows[0].last_number;
  }

  /** The last number used (0 when none). */
  async last(seriesKey: string, yearBe: number): Promise<number> {
    const rows = await this.tx.manager.query<Array<{ last_number: number }>>(
      `SELECT last_number FROM running_number WHERE series_key = $1 AND year_be = $2`,
      [seriesKey, yearBe],
    );
    return rows[0]?.last_number ?? 0;
  }

  /**
   * For an office adopting wian mid-year: the series continues at `nextNumber` (numbers below it
   * were used on paper). Never backwards over a number already used, and never ahead once wian
   * has numbered a line of `registerId` that year: the numbers skipped would be missing from a
   * register whose numbers have no gaps.
   */
  async continueFrom(
    seriesKey: string,
    yearBe: number,
    nextNumber: number,
    registerId?: string,
  ): Promise<{ previous: number; next: number }> {
    return this.tx.run(async (manager) => {
      await manager.query(
        `INSERT INTO running_number (series_key, year_be, last_number) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
        [seriesKey, yearBe],
      );
      const locked = await manager.query<Array<{ last_number: number }>>(
        `SELECT last_number FROM running_number WHERE series_key = $1 AND year_be = $2 FOR UPDATE`,
        [seriesKey, yearBe],
      );
      const previous = locked[0].last_number;
      if (nextNumber <= previous) {
        throw ApiException.conflict({
          field: 'nextNumber',
          rule: 'not_backwards',
          message_th: `เลขถัดไปต้องมากกว่า ${toThaiDigits(previous)} ซึ่งใช้ไปแล้ว ถอยหลังไม่ได้`,
          message_en: `the next number must be above ${previous}, which is already used; a series never goes backwards`,
        });
      }
      if (registerId !== undefined && nextNumber > previous + 1) {
        const [numbered] = await manager.query<Array<{ n: number | null }>>(
          `SELECT max(number) AS n FROM register_entry WHERE register_id = $1 AND year_be = $2`,
          [registerId, yearBe],
        );
        if (numbered.n !== null) {
          throw ApiException.conflict({
            field: 'nextNumber',
            rule: 'noGap',
            message_th:
              `ทะเบียนนี้ออกเลขของปี พ.ศ. ${toThaiDigits(yearBe)} ในระบบไปแล้วถึงเลข ${toThaiDigits(previous)} ` +
              `การต่อเลขที่ ${toThaiDigits(nextNumber)} จะทำให้เลข ${toThaiDigits(previous + 1)}–${toThaiDigits(nextNumber - 1)} ขาดหาย ` +
              'ต่อเลขได้ก่อนออกเลขแรกของปีในระบบเท่านั้น',
            message_en:
              `this register has numbered lines of ${yearBe} in wian up to ${previous}; continuing at ${nextNumber} ` +
              `would leave ${previous + 1}–${nextNumber - 1} missing. A series is continued only before wian numbers its first line of the year`,
          });
        }
      }
      await manager.query(
        `INSERT INTO running_number (series_key, year_be, last_number) VALUES ($1, $2, $3)
         ON CONFLICT (series_key, year_be) DO UPDATE SET last_number = EXCLUDED.last_number`,
        [seriesKey, yearBe, nextNumber - 1],
      );
      return { previous, next: nextNumber };
    });
  }
}

export const receiptSeries = (registerId: string): string => `receipt:${registerId}`;
export const dispatchSeries = (
  organisationId: number,
  series: 'normal' | 'circular' | 'order',
): string => `dispatch:${organisationId}:${series}`;

/**
 * The counter upsert behind {@link RunningNumberService.next}, as one statement or as a CTE of a
 * larger one (RETURNING last_number). With `from` (a CTE name) a number is taken only when that
 * CTE yields a row, so a statement that ends up writing no line takes no number.
 */
export function nextNumberSql(
  params: SqlParams,
  seriesKey: string,
  yearBe: number,
  from: string | null,
): string {
  return numberUpsertSql(params.add(seriesKey, 'text'), params.add(yearBe, 'int'), from);
}

/**
 * {@link nextNumberSql} over SQL expressions for the series and year, e.g. columns of a
 * set-based statement's input (`from` then pairs each command's row with what guards it; one
 * row per series, as an upsert cannot take one counter twice). RETURNING series_key, year_be
 * and last_number, for each row to find its own number.
 */
export function numberUpsertSql(series: string, year: string, from: string | null): string {
  return `INSERT INTO running_number (series_key, year_be, last_number)
     SELECT ${series}, ${year}, 1${from === null ? '' : ` FROM ${from}`}
     ON CONFLICT (series_key, year_be) DO UPDATE SET last_number = running_number.last_number + 1
     RETURNING series_key, year_be, last_number`;
}
