import type { ThaiTime } from '@wian/thai';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads a configured `HH:MM` (24-hour) time such as OFFICE_HOURS_END=16:30. */
export function parseClockTime(value: string): ThaiTime {
  const match = HH_MM.exec(value);
  if (match === null) throw new RangeError(`Expected a time HH:MM, got "${value}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}
