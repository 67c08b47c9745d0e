import { ApiException } from '@wian/http';
import {
  bangkokInstant,
  formatDocumentNumber,
  parseDocumentNumber,
  parseThaiDate,
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
      throw new ApiException(400, `${field}: ${error.messageEn}`, [
        {
          field,
          rule: error.rule,
          message_th: `${field}: ${error.messageTh} (รูปแบบที่รับได้: ${error.acceptedForm})`,
          message_en: `${field}: ${error.messageEn} (accepted: ${error.acceptedForm})`,
        },
      ]);
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

/** An instant from an ISO date-time, refusing anything else. */
export function parseInstantField(field: string, value: string): Date {
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(instant.getTime())) {
    throw ApiException.badRequest({
      field,
      rule: 'isDateTime',
      message_th: `${field} ต้องเป็นวันเวลาแบบ ISO 8601 เช่น 2023-03-08T09:15:00+07:00`,
      message_en: `${field} must be an ISO 8601 date-time such as 2023-03-08T09:15:00+07:00`,
    });
  }
  return instant;
}

/** A deadline: a date means the end of office hours that day in Bangkok; or an exact date-time. */
export function parseDeadlineField(
  field: string,
  value: string,
  endOfDay = { hour: 16, minute: 30 },
): Date {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return parseInstantField(field, value);
  return bangkokInstant(parseDateField(field, value), endOfDay.hour, endOfDay.minute);
}
