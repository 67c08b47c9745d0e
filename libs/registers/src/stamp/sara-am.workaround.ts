/**
 * resvg-js 2.6 (resvg 0.x with rustybuzz) mis-places the second glyph of a cluster: SARA AM
 * (ำ, U+0E33), which the shaper splits into NIKHAHIT (ํ) + SARA AA (า), is drawn with no
 * advance, so "สำนักงาน" comes out with the า on top of the following น (fixed upstream in
 * linebender/resvg#1043, not yet in resvg-js). Giving resvg the split form itself, with the
 * NIKHAHIT before any tone mark as HarfBuzz's Thai shaper does ("น้ำ" → น ํ ้ า), renders
 * correctly. Only text handed to resvg is rewritten; the SVG keeps the original characters
 * so that copying or searching it still finds "สำนักงาน".
 */
export function splitSaraAmForResvg(text: string): string {
  return text.replace(/([\u0e48-\u0e4b]*)\u0e33/gu, '\u0e4d$1\u0e32');
}
