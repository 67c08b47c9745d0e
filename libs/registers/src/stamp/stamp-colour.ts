import { DEFAULT_STAMP_COLOUR } from './receipt-stamp.types.js';

/** An ink colour as red, green and blue in 0..1. */
export interface StampRgb {
  r: number;
  g: number;
  b: number;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Checks an ink colour and returns it as `#rrggbb` (lower case).
 *
 * @throws RangeError unless the colour is `#rgb` or `#rrggbb`.
 */
export function normalizeStampColour(colour: string = DEFAULT_STAMP_COLOUR): string {
  if (!HEX_COLOUR.test(colour)) {
    throw new RangeError(`Stamp colour must be #rgb or #rrggbb, got ${JSON.stringify(colour)}`);
  }
  const hex = colour.slice(1).toLowerCase();
  return hex.length === 3 ? `#${hex.replace(/./g, (c) => c + c)}` : `#${hex}`;
}

/** The colour as 0..1 components, for pdf-lib's `rgb()`. */
export function stampColourToRgb(colour?: string): StampRgb {
  const hex = normalizeStampColour(colour);
  const channel = (i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return { r: channel(0), g: channel(1), b: channel(2) };
}
