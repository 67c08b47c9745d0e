import type { CivilDate } from './civil-date.js';
import { type TimeOfDay, bangkokCivilDate, bangkokTimeOfDay } from './bangkok-time.js';
import { toBuddhistYear } from './buddhist-era.js';

/**
 * Source of the current instant. Inject it instead of calling `new Date()` so
 * that day and year boundaries (in Bangkok) can be tested.
 */
export interface Clock {
  now(): Date;
}

/** The real clock of the host. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that only moves when told to; for tests and replays. */
export class ManualClock implements Clock {
  private current: number;

  constructor(initial: Date) {
    this.current = validTime(initial);
  }

  /** Jumps to `instant`. */
  set(instant: Date): void {
    this.current = validTime(instant);
  }

  /** Moves forward by `ms` milliseconds (backward if negative). */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) {
      throw new RangeError(`advance expects a finite number of milliseconds, got ${String(ms)}`);
    }
    this.current = validTime(new Date(this.current + ms));
  }

  /** The current instant, as a fresh Date the caller may mutate freely. */
  now(): Date {
    return new Date(this.current);
  }
}

function validTime(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError('ManualClock needs a valid Date');
  }
  return ms;
}

/** Today's date in Bangkok (not in UTC, not in the server's zone). */
export function bangkokToday(clock: Clock): CivilDate {
  return bangkokCivilDate(clock.now());
}

/**
 * The current Buddhist Era year in Bangkok. Numbering series restart on
 * 1 January Bangkok time, so at 2023-12-31T17:30Z (00:30 on 1 January 2024 in
 * Bangkok) this is already 2567.
 */
export function bangkokYearBE(clock: Clock): number {
  return toBuddhistYear(bangkokToday(clock).year);
}

/** A Bangkok calendar date with its wall-clock time. */
export interface BangkokDateTime extends TimeOfDay {
  date: CivilDate;
}

/** The current Bangkok date and wall-clock time, read from one instant. */
export function bangkokNow(clock: Clock): BangkokDateTime {
  const instant = clock.now();
  return { date: bangkokCivilDate(instant), ...bangkokTimeOfDay(instant) };
}
