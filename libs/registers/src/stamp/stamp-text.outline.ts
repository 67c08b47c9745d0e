import { Resvg } from '@resvg/resvg-js';
import type { ReceiptStampLayout } from './receipt-stamp.layout.js';
import { receiptStampLayoutToSvg } from './receipt-stamp.svg.js';
import { SARABUN_RESVG_FONT } from './sarabun.font.js';

const PATH_DATA = /<path\b[^>]*?\sd="([^"]*)"/g;

/**
 * The stamp's text as filled outlines (SVG path data in the layout's millimetres), shaped by
 * resvg: Thai vowels and tone marks land where HarfBuzz-style shaping puts them, which
 * pdf-lib's own text drawing does not do (it applies no GPOS positioning).
 */
export function outlineStampText(layout: ReceiptStampLayout): string[] {
  const svg = receiptStampLayoutToSvg(layout, {
    colour: '#000000',
    embedFont: false,
    forResvg: true,
    textOnly: true,
  });
  // resvg's normalised SVG has every glyph run as an absolute <path>, text already laid out.
  const normalised = new Resvg(svg, { font: SARABUN_RESVG_FONT }).toString();
  if (/\stransform="/.test(normalised)) {
    throw new Error('Unexpected transform in resvg output; cannot outline stamp text');
  }
  const paths = [...normalised.matchAll(PATH_DATA)].map((m) => m[1]).filter((d) => d !== '');
  if (paths.length === 0) {
    throw new Error('resvg produced no outlines for the stamp text (font not loaded?)');
  }
  return paths;
}
