import { stringify } from 'csv-stringify/sync';
import {
  type CivilDate,
  type DigitSystem,
  bangkokCivilDate,
  bangkokTimeOfDay,
  toBuddhistYear,
  toThaiDigits,
} from '@wian/thai';
import { CANCELLED_TH, registerColumnLabels } from './register-export.columns.js';
import type { RegisterExportHeader, RegisterExportRow } from './register-export.types.js';

/** Options of {@link registerToCsv}. */
export interface RegisterCsvOptions {
  /**
   * Numerals of the register number, dates and times: Arabic (default), which spreadsheets can
   * sort and compute with, or Thai (๐-๙), as printed. Free text is written as given.
   */
  digits?: DigitSystem;
}

const FIELDS = [
  'registerNumber',
  'registeredDate',
  'registeredTime',
  'letterNumber',
  'letterDate',
  'from',
  'to',
  'subject',
  'action',
  'remarks',
  'status',
  'cancelReason',
] as const;

type CsvRecord = Record<(typeof FIELDS)[number], string>;

/**
 * A register (ทะเบียนหนังสือรับ or ทะเบียนหนังสือส่ง) as CSV for spreadsheets.
 *
 * - UTF-8 with a byte-order mark, so Excel opens Thai text correctly; CRLF line ends; RFC 4180
 *   quoting (commas, quotes and line breaks in a subject stay inside their cell).
 * - One header row, Thai column name with the English in parentheses
 *   (`เลขทะเบียนรับ (receipt no.)`), then one row per register number. No title rows, so the
 *   file sorts and filters as a plain table; the organisation and year belong in the file name.
 * - The register's date and time are separate columns: the date as `dd/mm/yyyy` with the
 *   Buddhist Era year (`08/03/2566`), the time as 24-hour `HH:mm` (`09:15`), both Asia/Bangkok.
 *   The letter's own date is written the same way. Arabic digits by default (`digits: 'thai'`
 *   renders `๐๘/๐๓/๒๕๖๖`); the letter number and free text are written as given.
 * - A cancelled number stays in the file: status `ยกเลิก` and the reason in its own column.
 * - Cells of free text that start with `=`, `+`, `-`, `@` (or tab / carriage return) get a
 *   leading apostrophe so that a spreadsheet does not run them as formulas (CSV injection).
 */
export function registerToCsv(
  header: RegisterExportHeader,
  rows: readonly RegisterExportRow[],
  options: RegisterCsvOptions = {},
): string {
  const digits = options.digits ?? 'arabic';
  const labels = registerColumnLabels(header.kind);
  return stringify(
    rows.map((row) => toRecord(row, digits)),
    {
      bom: true,
      header: true,
      columns: FIELDS.map((key) => ({ key, header: `${labels[key].th} (${labels[key].en})` })),
      record_delimiter: 'windows',
    },
  );
}

function toRecord(row: RegisterExportRow, digits: DigitSystem): CsvRecord {
  const render = (value: string): string => (digits === 'thai' ? toThaiDigits(value) : value);
  const { hour, minute } = bangkokTimeOfDay(row.registeredAt);
  return {
    registerNumber: render(String(row.registerNumber)),
    registeredDate: render(slashDate(bangkokCivilDate(row.registeredAt))),
    registeredTime: render(`${pad2(hour)}:${pad2(minute)}`),
    letterNumber: inert(row.letterNumber),
    letterDate: row.letterDate === null ? '' : render(slashDate(row.letterDate)),
    from: inert(row.from),
    to: inert(row.to),
    subject: inert(row.subject),
    action: inert(row.action),
    remarks: inert(row.remarks),
    status: row.cancelled ? CANCELLED_TH : '',
    cancelReason: row.cancelled ? inert(row.cancelReason) : '',
  };
}

/** `dd/mm/yyyy` with the Buddhist Era year: 8 March 2023 → `08/03/2566`. */
function slashDate(date: CivilDate): string {
  return `${pad2(date.day)}/${pad2(date.month)}/${String(toBuddhistYear(date.year))}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a formula;
 * such free text gets a leading apostrophe (OWASP "CSV injection").
 */
function inert(value: string | null): string {
  if (value === null) return '';
  // A register's "-" (no addressee, no action) is no formula and is printed as it is.
  if (/^-+$/u.test(value)) return value;
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}
