import { ApiException, thaiFormatDetail } from '@wian/http';
import {
  bangkokInstant,
  formatDocumentNumber,
  hasTimeOfDay,
  parseDocumentNumber,
  parseThaiDate,
  parseThaiDateTime,
  parseSecrecy,
  parseUrgency,
  ThaiFormatError,
  type CivilDate,
  type DocumentNumber,
  type Secrecy,
  type Urgency,
} from '@wian/thai';

/** Runs a parser from the conventions library and names the field when it refuses. */
export function parseField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ThaiFormatError) {
      const detail = thaiFormatDetail(field, error);
      throw new ApiException(400, detail.message_en, [detail]);
    }
    throw error;
  }
}

export const parseDateField = (field: string, value: string): CivilDate =>
  parseField(field, () => parseThaiDate(value));
export const parseNumberField = (field: string, value: string): DocumentNumber =>
  parseField(field, () => parseDocumentNumber(value));
export const parseUrgencyField = (field: string, value: string | undefined): Urgency =>
  value === undefined ? 'normal' : parseField(field, () => parseUrgency(value));
export const parseSecrecyField = (field: string, value: string | undefined): Secrecy =>
  value === undefined ? 'none' : parseField(field, () => parseSecrecy(value));

/** The canonical number with Arabic digits, as stored and searched ("มท 0810.7/ว 307"). */
export const numberText = (n: DocumentNumber): string =>
  formatDocumentNumber(n, { digits: 'arabic' });

/**
 * An instant as a clerk writes it: a Thai date and a time (`๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.`, Bangkok
 * time) or ISO 8601; Thai or Arabic digits, BE or CE years.
 */
export const parseInstantField = (field: string, value: string): Date =>
  parseField(field, () => parseThaiDateTime(value));

/**
 * A deadline: a date means the end of office hours that day in Bangkok; a date with a time
 * (`๒๔ มี.ค. ๒๕๖๖ ๑๒:๐๐ น.`, ISO 8601) is that moment.
 */
export function parseDeadlineField(
  field: string,
  value: string,
  endOfDay = { hour: 16, minute: 30 },
): Date {
  if (hasTimeOfDay(value)) return parseInstantField(field, value);
  return bangkokInstant(parseDateField(field, value), endOfDay.hour, endOfDay.minute);
}
