import { describe, expect, it } from '@jest/globals';
import * as thai from './index.js';

describe('@wian/thai public surface', () => {
  it('exports exactly the agreed values', () => {
    expect(Object.keys(thai).sort()).toEqual(
      [
        'ThaiFormatError',
        'toThaiDigits',
        'toArabicDigits',
        'formatThaiInteger',
        'normalizeThaiInput',
        'BE_OFFSET',
        'toBuddhistYear',
        'toCommonYear',
        'normalizeYearToCE',
        'isValidCivilDate',
        'compareCivilDates',
        'addDays',
        'dayOfWeek',
        'civilDateToIso',
        'parseIsoCivilDate',
        'BANGKOK_TIME_ZONE',
        'bangkokCivilDate',
        'bangkokInstant',
        'bangkokIsoString',
        'bangkokTimeOfDay',
        'THAI_MONTHS',
        'THAI_MONTHS_ABBR',
        'THAI_WEEKDAYS',
        'formatThaiDate',
        'formatThaiTime',
        'formatThaiDateTime',
        'parseThaiDate',
        'hasTimeOfDay',
        'parseThaiDateTime',
        'parseThaiTime',
        'parseDocumentNumber',
        'parseUnitPrefix',
        'formatDocumentNumber',
        'formatUnitPrefix',
        'URGENCY_LABEL_TH',
        'URGENCY_LEVELS',
        'URGENCY_RANK',
        'parseUrgency',
        'SECRECY_LABEL_TH',
        'SECRECY_LEVELS',
        'parseSecrecy',
        'isClassified',
        'systemClock',
        'ManualClock',
        'bangkokToday',
        'bangkokYearBE',
        'bangkokNow',
      ].sort(),
    );
  });

  it('works end to end on the circular of section 8', () => {
    const number = thai.parseDocumentNumber('ที่ มท 0810.7/ว 307');
    expect(thai.formatDocumentNumber(number, { withTi: true })).toBe('ที่ มท ๐๘๑๐.๗/ว ๓๐๗');
    const deadline = thai.parseThaiDate('ภายในวันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖'.replace(/^ภายใน/, ''));
    expect(thai.formatThaiDate(deadline, 'full')).toBe('วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖');
    expect(thai.formatThaiDate(thai.parseThaiDate('๒๗ ก.พ. ๒๕๖๖'), 'long')).toBe('๒๗ กุมภาพันธ์ ๒๕๖๖');
  });
});
