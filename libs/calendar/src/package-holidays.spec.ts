import { describe, expect, it } from '@jest/globals';
import { civilDateToIso } from '@wian/thai';
import { packageHolidays } from './package-holidays.js';

describe('packageHolidays (date-holidays, TH)', () => {
  it('gives the public holidays of 2566 with Thai and English names', () => {
    const holidays = packageHolidays(2023).map((h) => [civilDateToIso(h.date), h.nameTh, h.nameEn]);
    expect(holidays).toContainEqual(['2023-03-06', 'วันมาฆบูชา', 'Makha Bucha']);
    expect(holidays).toContainEqual(['2023-04-13', 'วันสงกรานต์', 'Songkran Festival']);
    expect(holidays).toContainEqual(['2023-12-10', 'วันรัฐธรรมนูญ', 'Constitution Day']);
    // No observance, bank or school holiday: 14 February, Children's Day…
    expect(holidays.map(([date]) => date)).not.toContain('2023-02-14');
    expect(holidays.map(([date]) => date)).not.toContain('2023-01-14');
  });

  it('reads dates in Bangkok whatever the server zone', () => {
    const first = packageHolidays(2024)[0];
    expect(civilDateToIso(first.date)).toBe('2024-01-01');
  });
});
