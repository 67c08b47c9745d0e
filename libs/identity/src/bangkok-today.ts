import { bangkokToday, civilDateToIso, type Clock } from '@wian/thai';

/** Today in Asia/Bangkok as an ISO date ('2023-03-24'), for comparing with date columns. */
export function todayIso(clock: Clock): string {
  return civilDateToIso(bangkokToday(clock));
}
