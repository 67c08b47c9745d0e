/** Injection token of the Clock that stamps `occurred_at` (systemClock unless overridden). */
export const AUDIT_CLOCK = Symbol('AUDIT_CLOCK');
