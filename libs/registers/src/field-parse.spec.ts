import { describe, expect, it } from '@jest/globals';
import { ApiException } from '@wian/http';
import { parseDeadlineField, parseInstantField } from './field-parse.js';

describe('parseDeadlineField', () => {
  it('reads a date as the end of office hours that day in Bangkok', () => {
    expect(parseDeadlineField('deadline', 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖').toISOString()).toBe(
      '2023-03-24T09:30:00.000Z',
    );
    expect(parseDeadlineField('deadline', '2023-03-24').toISOString()).toBe(
      '2023-03-24T09:30:00.000Z',
    );
  });

  it('reads a date with a time, Thai or ISO, as that moment', () => {
    expect(parseDeadlineField('deadline', '๒๔ มี.ค. ๒๕๖๖ ๑๒:๐๐ น.').toISOString()).toBe(
      '2023-03-24T05:00:00.000Z',
    );
    expect(parseDeadlineField('deadline', '2023-03-24T12:00:00+07:00').toISOString()).toBe(
      '2023-03-24T05:00:00.000Z',
    );
  });
});

describe('parseInstantField', () => {
  it('refuses a date without a time with a 400 naming the field and the accepted form', () => {
    const error = (() => {
      try {
        parseInstantField('receivedAt', '๘ มีนาคม ๒๕๖๖');
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ApiException);
    const response = (error as ApiException).getResponse() as {
      details: Array<{ field: string; rule: string; message_th: string }>;
    };
    expect(response.details[0]).toMatchObject({ field: 'receivedAt', rule: 'thai_datetime' });
    expect(response.details[0].message_th).toContain('๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.');
  });
});
