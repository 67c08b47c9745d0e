/**
 * Where a holiday comes from and what it is:
 * - `public`: a public holiday of the `date-holidays` package (country TH);
 * - `substitution`: วันหยุดชดเชย, added by an administrator;
 * - `special`: a day the cabinet declares a holiday (วันหยุดพิเศษ), added by an administrator.
 */
export const HOLIDAY_KINDS = ['public', 'substitution', 'special'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** The kinds an administrator may add. */
export const ADDED_HOLIDAY_KINDS = ['substitution', 'special'] as const;
export type AddedHolidayKind = (typeof ADDED_HOLIDAY_KINDS)[number];

/**
 * What an administrator's row for a date says: a holiday added (`substitution`, `special`), or
 * the package's holiday on that date is not observed that year (`not_observed`).
 */
export const OVERRIDE_KINDS = [...ADDED_HOLIDAY_KINDS, 'not_observed'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const HOLIDAY_KIND_LABEL_TH: Record<HolidayKind, string> = {
  public: 'วันหยุดราชการประจำปี',
  substitution: 'วันหยุดชดเชย',
  special: 'วันหยุดพิเศษ (ตามมติคณะรัฐมนตรี)',
};
