import { describe, expect, it } from '@jest/globals';
import { ManualClock, bangkokNow, bangkokToday, bangkokYearBE, systemClock } from './clock.js';

describe('systemClock', () => {
  it('returns the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('ManualClock', () => {
  it('stands still until moved', () => {
    const clock = new ManualClock(new Date('2023-03-08T02:15:00Z'));
    expect(clock.now().toISOString()).toBe('2023-03-08T02:15:00.000Z');
    expect(clock.now().toISOString()).toBe('2023-03-08T02:15:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2023-03-08T02:16:00.000Z');
    clock.advance(-120_000);
    expect(clock.now().toISOString()).toBe('2023-03-08T02:14:00.000Z');
    clock.set(new Date('2024-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('is not affected by mutating the Dates it was given or returned', () => {
    const initial = new Date('2023-03-08T02:15:00Z');
    const clock = new ManualClock(initial);
    initial.setUTCFullYear(2000);
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2023-03-08T02:15:00.000Z');
    const later = new Date('2023-03-09T00:00:00Z');
    clock.set(later);
    later.setUTCFullYear(2001);
    expect(clock.now().toISOString()).toBe('2023-03-09T00:00:00.000Z');
  });

  it('refuses invalid input', () => {
    expect(() => new ManualClock(new Date(Number.NaN))).toThrow(RangeError);
    const clock = new ManualClock(new Date(0));
    expect(() => {
      clock.set(new Date('nonsense'));
    }).toThrow(RangeError);
    expect(() => {
      clock.advance(Number.NaN);
    }).toThrow(RangeError);
    expect(() => {
      clock.advance(Number.MAX_VALUE);
    }).toThrow(RangeError);
    expect(clock.now().getTime()).toBe(0);
  });
});

describe('Bangkok now', () => {
  it('turns the day at 17:00 UTC (midnight in Bangkok), not at UTC midnight', () => {
    const clock = new ManualClock(new Date('2023-03-23T16:59:59Z'));
    expect(bangkokToday(clock)).toEqual({ year: 2023, month: 3, day: 23 });
    expect(bangkokNow(clock)).toEqual({
      date: { year: 2023, month: 3, day: 23 },
      hour: 23,
      minute: 59,
      second: 59,
    });
    clock.advance(1000);
    expect(bangkokToday(clock)).toEqual({ year: 2023, month: 3, day: 24 });
    expect(bangkokNow(clock)).toEqual({
      date: { year: 2023, month: 3, day: 24 },
      hour: 0,
      minute: 0,
      second: 0,
    });
    // UTC midnight is 07:00 the same Bangkok day: no change of date.
    clock.set(new Date('2023-03-23T23:59:59Z'));
    expect(bangkokToday(clock)).toEqual({ year: 2023, month: 3, day: 24 });
    clock.advance(1000);
    expect(bangkokToday(clock)).toEqual({ year: 2023, month: 3, day: 24 });
    expect(bangkokNow(clock)).toMatchObject({ hour: 7, minute: 0, second: 0 });
  });

  it('starts the new BE year at midnight on 1 January Bangkok time', () => {
    const clock = new ManualClock(new Date('2023-12-31T16:59:59Z'));
    expect(bangkokYearBE(clock)).toBe(2566);
    clock.advance(1000);
    expect(bangkokYearBE(clock)).toBe(2567);
    clock.set(new Date('2023-12-31T17:30:00Z'));
    expect(bangkokYearBE(clock)).toBe(2567);
    expect(bangkokToday(clock)).toEqual({ year: 2024, month: 1, day: 1 });
    // Still 2567 at UTC New Year, seven hours later.
    clock.set(new Date('2024-01-01T00:00:00Z'));
    expect(bangkokYearBE(clock)).toBe(2567);
  });

  it('reads date and time from the same instant', () => {
    let calls = 0;
    const ticking = {
      now: (): Date => {
        calls += 1;
        // Each call is one second later, crossing Bangkok midnight on the second call.
        return new Date(Date.parse('2023-03-23T16:59:59Z') + (calls - 1) * 1000);
      },
    };
    expect(bangkokNow(ticking)).toEqual({
      date: { year: 2023, month: 3, day: 23 },
      hour: 23,
      minute: 59,
      second: 59,
    });
    expect(calls).toBe(1);
  });
});
