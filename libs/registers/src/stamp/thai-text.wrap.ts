const thaiWords = new Intl.Segmenter('th', { granularity: 'word' });

/** Collapses runs of white space to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Lays `text` out on one line if it fits in `maxWidth`, otherwise on two lines broken at a
 * Thai word boundary (Intl.Segmenter, which knows Thai words although Thai is written
 * without spaces). A break at a space is preferred when both lines then fit; otherwise the
 * break that makes the longer line as short as possible.
 * The lines may still be wider than `maxWidth`; the caller shrinks the font then.
 */
export function wrapToTwoLines(
  text: string,
  maxWidth: number,
  measure: (line: string) => number,
): string[] {
  const whole = collapseWhitespace(text);
  if (measure(whole) <= maxWidth) {
    return [whole];
  }
  const segments = [...thaiWords.segment(whole)];
  const spaces = new Set(segments.filter((s) => s.segment === ' ').map((s) => s.index));
  const candidates = segments
    .map((s) => s.index)
    .filter((at) => at > 0)
    .map((at) => {
      const lines = [whole.slice(0, at).trim(), whole.slice(at).trim()];
      return {
        lines,
        width: Math.max(measure(lines[0]), measure(lines[1])),
        // A break at a space (between phrases: "กรมป่าไม้ ฝ่ายบริหารทั่วไป") reads better.
        atSpace: spaces.has(at) || spaces.has(at - 1),
      };
    })
    .filter((c) => c.lines[0] !== '' && c.lines[1] !== '');
  const narrowest = (list: typeof candidates): string[] | undefined =>
    list.reduce<(typeof candidates)[number] | undefined>(
      (best, c) => (best === undefined || c.width < best.width ? c : best),
      undefined,
    )?.lines;
  return (
    narrowest(candidates.filter((c) => c.atSpace && c.width <= maxWidth)) ??
    narrowest(candidates) ?? [whole]
  );
}
