import { ApiException, thaiFormatDetail } from '@wian/http';
import {
  normalizeThaiInput,
  normalizeYearToCE,
  parseThaiDate,
  ThaiFormatError,
  type CivilDate,
} from '@wian/thai';

/** Runs a Thai-conventions parser and names the field when it refuses (400). */
function parseField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ThaiFormatError) {
      throw ApiException.badRequest(thaiFormatDetail(field, error));
    }
    throw error;
  }
}

/** A date in any Thai or ISO form, either era, either digit system. */
export function parseDateField(field: string, value: string): CivilDate {
  return parseField(field, () => parseThaiDate(value));
}

/** A year, BE or CE, Thai or Arabic digits (2566, ๒๕๖๖, พ.ศ. ๒๕๖๖, 2023) → CE. */
export function parseYearField(field: string, value: string): number {
  const text = normalizeThaiInput(value).replace(/^พ\.?\s?ศ\.?\s?/, '');
  if (!/^\d{4}$/.test(text)) {
    throw ApiException.badRequest({
      field,
      rule: 'year',
      message_th: `ช่อง ${field}: ต้องเป็นปี พ.ศ. หรือ ค.ศ. ๔ หลัก เช่น ๒๕๖๖ หรือ ๒๐๒๓`,
      message_en: `${field}: must be a four-digit BE or CE year such as 2566 or 2023`,
    });
  }
  return parseField(field, () => normalizeYearToCE(Number(text)));
}
