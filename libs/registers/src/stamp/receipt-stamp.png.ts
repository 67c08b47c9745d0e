import { type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import { layoutReceiptStamp } from './receipt-stamp.layout.js';
import { receiptStampLayoutToSvg } from './receipt-stamp.svg.js';
import type { ReceiptStampData, ReceiptStampPngOptions } from './receipt-stamp.types.js';
import { SARABUN_RESVG_FONT } from './sarabun.font.js';
import { normalizeStampColour } from './stamp-colour.js';

/** Default PNG zoom: 300 dpi over the SVG's 96 dpi CSS pixels. */
export const DEFAULT_PNG_SCALE = 300 / 96;

/**
 * Rasterises `svg` with resvg, which shapes Thai properly (vowels and tone marks above and
 * below their consonant) using the Sarabun files directly; system fonts are not used, so the
 * output is the same on every server.
 */
export async function rasteriseStampSvg(svg: string, scale: number): Promise<Buffer> {
  if (!Number.isFinite(scale) || scale <= 0 || scale > 50) {
    throw new RangeError(`PNG scale must be a number in (0, 50], got ${String(scale)}`);
  }
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'zoom', value: scale },
    font: SARABUN_RESVG_FONT,
  };
  // renderAsync runs on resvg's own thread, keeping the event loop free.
  const image = await renderAsync(svg, options);
  return image.asPng();
}

/**
 * The receipt stamp as a PNG with a transparent background, 300 dpi by default
 * (`scale` is the zoom over the SVG's CSS-pixel size).
 *
 * @throws RangeError for invalid data, colour or scale.
 */
export async function renderReceiptStampPng(
  data: ReceiptStampData,
  options: ReceiptStampPngOptions = {},
): Promise<Buffer> {
  const svg = receiptStampLayoutToSvg(layoutReceiptStamp(data), {
    colour: normalizeStampColour(options.colour),
    embedFont: false,
    forResvg: true,
  });
  return rasteriseStampSvg(svg, options.scale ?? DEFAULT_PNG_SCALE);
}
