/** The clock of the business calendar (today's year, the holiday cache's age). */
export const CALENDAR_CLOCK = Symbol('CALENDAR_CLOCK');
