import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { normalizeThaiInput } from '@wian/thai';

/**
 * PostgreSQL's `integer` (int4) range: every id and count column, and every integer a query
 * binds as a parameter. A number outside it must be refused as the field's error, never
 * reach the database (which answers "out of range for type integer").
 */
export const PG_INTEGER_MIN = -2_147_483_648;
export const PG_INTEGER_MAX = 2_147_483_647;

/** A whole number typed in either digit system, with an optional sign ("-๓", "1993"). */
const INTEGER_TEXT = /^\s*[-−+]?\s*[0-9๐-๙]+\s*$/;

/** The number a text of digits stands for, or the value unchanged for the validators. */
export function readThaiInteger(value: unknown): unknown {
  return typeof value === 'string' && INTEGER_TEXT.test(value)
    ? Number(normalizeThaiInput(value).replace(/\s/g, '').replace('−', '-'))
    : value;
}

/** Bounds of an integer field; both default to PostgreSQL's `integer` range. */
export interface IntegerBounds {
  min?: number;
  max?: number;
}

function integerRules(bounds: IntegerBounds, each: boolean): PropertyDecorator[] {
  const min = Math.max(bounds.min ?? PG_INTEGER_MIN, PG_INTEGER_MIN);
  const max = Math.min(bounds.max ?? PG_INTEGER_MAX, PG_INTEGER_MAX);
  return [IsInt({ each }), Min(min, { each }), Max(max, { each })];
}

function applyAll(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorator of decorators) decorator(target, property);
  };
}

/**
 * An integer field: typed in either digit system ("๑๙๙๓" or "1993", signed or not), it
 * becomes a number and must be a whole number within `min..max`. The bounds never exceed
 * PostgreSQL's `integer` range, so a field without its own maximum still refuses
 * 99999999999 with `max` instead of failing in the database. Anything that is not a number
 * is left for `isInt` to refuse.
 */
export const ThaiInteger = (bounds: IntegerBounds = {}): PropertyDecorator =>
  applyAll([
    Transform(({ value }: { value: unknown }) => readThaiInteger(value)),
    ...integerRules(bounds, false),
  ]);

/** A list of integers, each in Arabic or Thai digits and each within `min..max` (see {@link ThaiInteger}). */
export const ThaiIntegerList = (bounds: IntegerBounds = {}): PropertyDecorator =>
  applyAll([
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map(readThaiInteger) : value,
    ),
    ...integerRules(bounds, true),
  ]);

/** Leading and trailing whitespace removed. */
export const Trimmed = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Free text as a register keeps it: NFC, whitespace runs collapsed, trimmed (digits kept). */
export const CleanText = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value,
  );

/** Search input: as {@link CleanText}, with Thai digits turned into Arabic ones. */
export const SearchText = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizeThaiInput(value) : value,
  );
