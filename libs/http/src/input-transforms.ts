import { Transform } from 'class-transformer';
import { normalizeThaiInput } from '@wian/thai';

/**
 * A whole number typed in either digit system ("๑๙๙๓" or "1993") becomes a number; anything
 * else is left for the validators to refuse with a clear message.
 */
export const ThaiInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*[0-9๐-๙]+\s*$/.test(value)
      ? Number(normalizeThaiInput(value))
      : value,
  );

/** A list of integers, each in Arabic or Thai digits. */
export const ThaiIntegerList = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((v: unknown) =>
          typeof v === 'string' && /^\s*[0-9๐-๙]+\s*$/.test(v) ? Number(normalizeThaiInput(v)) : v,
        )
      : value,
  );

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
