import { describe, expect, it } from '@jest/globals';
import { normalizeStampColour, stampColourToRgb } from './stamp-colour.js';

describe('stamp colour', () => {
  it('defaults to stamp blue and expands #rgb', () => {
    expect(normalizeStampColour()).toBe('#1f3a93');
    expect(normalizeStampColour('#F0a')).toBe('#ff00aa');
  });

  it('converts to 0..1 components for pdf-lib', () => {
    expect(stampColourToRgb('#ff0033')).toEqual({ r: 1, g: 0, b: 0.2 });
  });

  it.each(['red', '#12345', 'url(#x)', '#1f3a93" onload="x'])('rejects %s', (colour) => {
    expect(() => normalizeStampColour(colour)).toThrow(RangeError);
  });
});
