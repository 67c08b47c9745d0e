import { toArabicDigits } from './thai-digits.js';

// Zero-width characters that Thai word processors insert as invisible line-break
// hints; they must not split tokens such as "มี.ค." or "๒๕๖๖".
const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;

// Sara am (ำ, U+0E33) is often typed or extracted from PDFs as nikhahit (ํ)
// followed by sara aa (า), sometimes with a tone mark in between. NFC does not
// unify them, so "คำสั่ง" would not match "คําสั่ง" without this step.
const DECOMPOSED_SARA_AM = /\u0e4d([\u0e48-\u0e4b]?)\u0e32/g;

/**
 * Normalises free text before parsing or searching: Unicode NFC, decomposed
 * sara am recomposed, zero-width characters removed, Thai digits turned into
 * Arabic digits, every run of whitespace collapsed to one space, then trimmed.
 */
export function normalizeThaiInput(s: string): string {
  return toArabicDigits(
    s.normalize('NFC').replace(ZERO_WIDTH, '').replace(DECOMPOSED_SARA_AM, '$1\u0e33'),
  )
    .replace(/\s+/g, ' ')
    .trim();
}
