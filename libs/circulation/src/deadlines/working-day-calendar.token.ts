/** The working-day arithmetic of the Thai business calendar, as deadlines use it. */
export const WORKING_DAY_CALENDAR = Symbol('wian:working-day-calendar');
