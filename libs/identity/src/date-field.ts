import { ApiException, thaiFormatDetail } from '@wian/http';
import { civilDateToIso, parseThaiDate, ThaiFormatError, type CivilDate } from '@wian/thai';

/** Parses a date field given as ISO or in any Thai form, naming the field when it fails. */
export function parseDateField(field: string, value: string): CivilDate {
  try {
    return parseThaiDate(value);
  } catch (error) {
    if (error instanceof ThaiFormatError) {
      throw ApiException.badRequest(thaiFormatDetail(field, error));
    }
    throw error;
  }
}

export function isoDateField(field: string, value: string): string {
  return civilDateToIso(parseDateField(field, value));
}
