import { describe, expect, it } from '@jest/globals';
import { addDays, dayOfWeek, type CivilDate } from '@wian/thai';
import { planDeadlineJobs, type WorkingDayCalendar } from './deadline-plan.js';

/** Weekends and Makha Bucha 2566 (6 March 2023) off, as the scenario's calendar. */
const calendar: WorkingDayCalendar = {
  addWorkingDays(date: CivilDate, days: number): Promise<CivilDate> {
    let d = date;
    let left = Math.abs(days);
    while (left > 0) {
      d = addDays(d, days < 0 ? -1 : 1);
      const off =
        dayOfWeek(d) === 0 ||
        dayOfWeek(d) === 6 ||
        (d.month === 3 && d.day === 6 && d.year === 2023);
      if (!off) left -= 1;
    }
    return Promise.resolve(d);
  },
};

const iso = (d: Date) => d.toISOString();

describe('planDeadlineJobs', () => {
  // วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖ 16:30 Asia/Bangkok.
  const deadline = new Date('2023-03-24T09:30:00Z');
  const policy = { workingDaysBefore: [3, 1, 0], time: '08:30', graceWorkingDays: 2 };

  it('plans the scenario: reminders Tue, Thu and Fri 08:30, the deadline, escalations every 2 working days', async () => {
    const jobs = await planDeadlineJobs(
      deadline,
      policy,
      calendar,
      new Date('2023-03-14T03:00:00Z'),
    );
    expect(jobs.map((j) => [j.kind, j.step, iso(j.runAt)])).toEqual([
      ['reminder', 3, '2023-03-21T01:30:00.000Z'],
      ['reminder', 1, '2023-03-23T01:30:00.000Z'],
      ['reminder', 0, '2023-03-24T01:30:00.000Z'],
      ['deadline', 0, '2023-03-24T09:30:00.000Z'],
      ['escalation', 1, '2023-03-28T09:30:00.000Z'],
      ['escalation', 2, '2023-03-30T09:30:00.000Z'],
      ['escalation', 3, '2023-04-03T09:30:00.000Z'],
    ]);
  });

  it('skips reminders already past when the circular is sent late, and none after the deadline', async () => {
    const jobs = await planDeadlineJobs(
      deadline,
      policy,
      calendar,
      new Date('2023-03-22T05:00:00Z'),
    );
    expect(jobs.filter((j) => j.kind === 'reminder').map((j) => j.step)).toEqual([1, 0]);
    const early = new Date('2023-03-24T00:00:00Z'); // 07:00 Bangkok, before the 08:30 reminder
    const sameDay = await planDeadlineJobs(
      early,
      policy,
      calendar,
      new Date('2023-03-14T03:00:00Z'),
    );
    expect(sameDay.filter((j) => j.kind === 'reminder').map((j) => j.step)).toEqual([3, 1]);
  });

  it('counts working days across the Makha Bucha holiday', async () => {
    const jobs = await planDeadlineJobs(
      new Date('2023-03-07T09:30:00Z'),
      { workingDaysBefore: [1], time: '08:30', graceWorkingDays: 2 },
      calendar,
      new Date('2023-03-01T00:00:00Z'),
    );
    // The working day before Tuesday 7 March is Friday 3 March (Monday 6 March is Makha Bucha).
    expect(iso(jobs[0].runAt)).toBe('2023-03-03T01:30:00.000Z');
  });
});
