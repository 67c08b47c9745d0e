/** Width of a piece of text in the caller's unit (points for a PDF font, characters in tests). */
export type TextMeasure = (text: string) => number;

const wordSegmenter = new Intl.Segmenter('th', { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Hard line breaks in the input start a new paragraph. */
const HARD_BREAK = /\r\n|[\n\r\u2028\u2029]/u;
/**
 * A break opportunity: breakable white space (any except the no-break spaces) and the
 * zero-width space U+200B, which marks a word break in Thai text and is not printed.
 */
const BREAK = /^(?:[^\S\u00a0\u2007\u202f]|\u200b)+$/u;
/** Breakable white space, printed as one space inside a line. */
const SPACE = /[^\S\u00a0\u2007\u202f]/u;
/** A Thai letter or vowel/tone mark (Thai digits U+0E50-0E59 excluded). */
const THAI_LETTER = /[\u0e01-\u0e4f]/u;
/** A number such as `๐๘๑๐.๗`, `1,234.5` or `08:15`. */
const NUMBER = /^[\p{Nd}.,:/-]+$/u;
/** Punctuation a line must not start with. */
const CLOSING = /^[)\]}”’»,.;:!?%ฯๆ]+$/u;
/** Punctuation a line must not end with. */
const OPENING = /^[([{“‘«]+$/u;
/** Thai vowels written before their consonant: a line must not end with one. */
const LEADING_VOWEL = /^[\u0e40-\u0e44]$/u;

interface Chunk {
  /**
   * Text that must not be broken (unless it alone is wider than a line), or for a break
   * opportunity what it becomes inside a line: `' '` for white space, `''` for zero-width spaces.
   */
  text: string;
  /** A break opportunity (white space or zero-width space), dropped where the line breaks. */
  space: boolean;
}

/**
 * Breaks `text` into lines no wider than `maxWidth`, the way Thai is typeset: Thai writes no
 * spaces between words, so lines break at word boundaries found by
 * `Intl.Segmenter('th', { granularity: 'word' })` as well as at spaces (Latin text), never
 * inside a word, a number (`๐๘๑๐.๗/ว`) or before closing / after opening punctuation.
 * A single word wider than `maxWidth` is broken between grapheme clusters as a last resort
 * (so a vowel or tone mark always stays with its consonant).
 *
 * White space is collapsed: each run becomes one space, or disappears where the line breaks;
 * the text is trimmed. A zero-width space (U+200B) is a break opportunity and is not printed. Hard line breaks (`\n`, `\r\n`) are kept, an empty paragraph giving an
 * empty line. Empty or blank text gives no lines.
 *
 * @param measure width of a string; called with whole candidate lines, so kerning and
 *   shaping (e.g. `doc.widthOfString` in pdfkit) are taken into account.
 */
export function wrapThaiText(text: string, maxWidth: number, measure: TextMeasure): string[] {
  const trimmed = text.trim();
  if (trimmed === '') {
    return [];
  }
  return trimmed
    .split(HARD_BREAK)
    .flatMap((paragraph) => wrapParagraph(toChunks(paragraph), maxWidth, measure));
}

function wrapParagraph(chunks: readonly Chunk[], maxWidth: number, measure: TextMeasure): string[] {
  const lines: string[] = [];
  let line = '';
  let joiner = '';
  for (const chunk of chunks) {
    if (chunk.space) {
      joiner = chunk.text;
      continue;
    }
    const candidate = line === '' ? chunk.text : `${line}${joiner}${chunk.text}`;
    joiner = '';
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') {
      lines.push(line);
    }
    if (measure(chunk.text) <= maxWidth) {
      line = chunk.text;
      continue;
    }
    const pieces = breakWord(chunk.text, maxWidth, measure);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line !== '' || lines.length === 0) {
    lines.push(line);
  }
  return lines;
}

/** Splits a paragraph into unbreakable chunks and the white space between them. */
function toChunks(paragraph: string): Chunk[] {
  const chunks: Chunk[] = [];
  let previous: Intl.SegmentData | undefined;
  for (const segment of wordSegmenter.segment(paragraph)) {
    const last = chunks.at(-1);
    if (BREAK.test(segment.segment)) {
      const space = SPACE.test(segment.segment);
      if (last?.space === true) {
        last.text = space ? ' ' : last.text;
      } else if (last !== undefined) {
        chunks.push({ text: space ? ' ' : '', space: true });
      }
    } else if (last === undefined || last.space || canBreakBetween(previous, segment)) {
      chunks.push({ text: segment.segment, space: false });
    } else {
      last.text += segment.segment;
    }
    previous = segment;
  }
  return chunks;
}

/** Whether a line may break between two adjacent (non-space) word segments. */
function canBreakBetween(a: Intl.SegmentData | undefined, b: Intl.SegmentData): boolean {
  if (a === undefined || CLOSING.test(b.segment) || OPENING.test(a.segment)) {
    return false;
  }
  const aWord = a.isWordLike === true;
  const bWord = b.isWordLike === true;
  if (aWord && bWord) {
    // A Thai word boundary; a number stays with the word it is written against.
    return (
      (THAI_LETTER.test(a.segment) || THAI_LETTER.test(b.segment)) &&
      !NUMBER.test(a.segment) &&
      !NUMBER.test(b.segment)
    );
  }
  return (
    (CLOSING.test(a.segment) && bWord) ||
    (OPENING.test(b.segment) && (aWord || CLOSING.test(a.segment)))
  );
}

/** Last resort for a word wider than a line: break it between grapheme clusters. */
function breakWord(word: string, maxWidth: number, measure: TextMeasure): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const cluster of clusters(word)) {
    const candidate = piece + cluster;
    if (piece !== '' && measure(candidate) > maxWidth) {
      pieces.push(piece);
      piece = cluster;
    } else {
      piece = candidate;
    }
  }
  pieces.push(piece);
  return pieces;
}

/** Grapheme clusters, a Thai leading vowel (เ แ โ ใ ไ) kept with the consonant after it. */
function clusters(word: string): string[] {
  const result: string[] = [];
  let carry = '';
  for (const { segment } of graphemeSegmenter.segment(word)) {
    if (LEADING_VOWEL.test(segment)) {
      carry += segment;
    } else {
      result.push(carry + segment);
      carry = '';
    }
  }
  if (carry !== '') {
    result.push(carry);
  }
  return result;
}
