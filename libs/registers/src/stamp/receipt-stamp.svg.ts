import { type ReceiptStampLayout, layoutReceiptStamp } from './receipt-stamp.layout.js';
import type { ReceiptStampData, ReceiptStampSvgOptions } from './receipt-stamp.types.js';
import { SARABUN_CSS_WEIGHT, sarabunFontBytes } from './sarabun.font.js';
import { splitSaraAmForResvg } from './sara-am.workaround.js';
import { normalizeStampColour } from './stamp-colour.js';
import { escapeXml } from './xml-escape.util.js';

/** CSS pixels per millimetre (96 px per inch). */
export const CSS_PX_PER_MM = 96 / 25.4;

/**
 * The receipt stamp (ตรารับ) as a standalone SVG document. User units are millimetres
 * (`viewBox="0 0 50 30"`), the width and height are the same size in CSS pixels, text is set
 * in Sarabun (embedded as `@font-face` data URIs unless `embedFont: false`), in one ink colour.
 *
 * @throws RangeError for invalid data (see `layoutReceiptStamp`) or colour.
 */
export function renderReceiptStampSvg(
  data: ReceiptStampData,
  options: ReceiptStampSvgOptions = {},
): string {
  const colour = normalizeStampColour(options.colour);
  return receiptStampLayoutToSvg(layoutReceiptStamp(data), {
    colour,
    embedFont: options.embedFont ?? true,
    forResvg: false,
  });
}

/** How {@link receiptStampLayoutToSvg} writes the SVG. */
export interface StampSvgWriteOptions {
  /** `#rrggbb`, already checked. */
  colour: string;
  /** Embed Sarabun as `@font-face` data URIs (for browsers; resvg gets the files directly). */
  embedFont: boolean;
  /** The SVG is only for resvg: work around its SARA AM bug (see `splitSaraAmForResvg`). */
  forResvg: boolean;
  /** Leave out the border and dotted lines (text only). */
  textOnly?: boolean;
}

/** Writes a computed layout as SVG (also used to rasterise it and to outline its text). */
export function receiptStampLayoutToSvg(
  layout: ReceiptStampLayout,
  options: StampSvgWriteOptions,
): string {
  const { colour, embedFont, forResvg } = options;
  const { width, height, border, dots } = layout;
  const shape = forResvg ? splitSaraAmForResvg : (text: string): string => text;
  const mm = (n: number): string => String(Math.round(n * 1000) / 1000);
  const px = (mm: number): string => String(Math.round(mm * CSS_PX_PER_MM * 100) / 100);
  const lines: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${String(width)} ${String(height)}">`,
  ];
  if (embedFont) {
    lines.push(`<style>${fontFaceCss()}</style>`);
  }
  if (options.textOnly !== true) {
    lines.push(
      `<rect x="${String(border.inset)}" y="${String(border.inset)}" width="${mm(width - 2 * border.inset)}" height="${mm(height - 2 * border.inset)}" rx="${String(border.radius)}" fill="none" stroke="${colour}" stroke-width="${String(border.strokeWidth)}"/>`,
      `<g stroke="${colour}" stroke-width="${String(dots.strokeWidth)}" stroke-linecap="round" stroke-dasharray="0.001 ${String(dots.gap)}">`,
      ...layout.dottedLines.map(
        (d) =>
          `<line x1="${String(d.x1)}" y1="${String(d.y)}" x2="${String(d.x2)}" y2="${String(d.y)}"/>`,
      ),
      '</g>',
    );
  }
  lines.push(
    `<g font-family="Sarabun" fill="${colour}">`,
    ...layout.texts.map(
      (t) =>
        `<text x="${String(t.x)}" y="${String(t.y)}" font-size="${String(t.fontSize)}" font-weight="${String(SARABUN_CSS_WEIGHT[t.weight])}"${t.anchor === 'middle' ? ' text-anchor="middle"' : ''}>${escapeXml(shape(t.text))}</text>`,
    ),
    '</g>',
    '</svg>',
  );
  return lines.join('\n') + '\n';
}

let fontFaceCache: string | undefined;

function fontFaceCss(): string {
  fontFaceCache ??= (['regular', 'bold'] as const)
    .map(
      (weight) =>
        `@font-face{font-family:'Sarabun';font-weight:${String(SARABUN_CSS_WEIGHT[weight])};src:url(data:font/ttf;base64,${sarabunFontBytes(weight).toString('base64')}) format('truetype');}`,
    )
    .join('');
  return fontFaceCache;
}
