import { formatThaiDate, formatThaiInteger, formatThaiTime } from '@wian/thai';
import type { ReceiptStampData } from './receipt-stamp.types.js';
import { type SarabunWeight, measureSarabun } from './sarabun.font.js';
import { collapseWhitespace, wrapToTwoLines } from './thai-text.wrap.js';

/** One line of text; `y` is the baseline. Millimetres, origin at the stamp's top left, y down. */
export interface StampTextRun {
  text: string;
  x: number;
  y: number;
  fontSize: number;
  weight: SarabunWeight;
  anchor: 'start' | 'middle';
  /** `heading`: the office's name and register; `row`: a label or value of the three lines. */
  role: 'heading' | 'row';
}

/** A dotted writing line (the "........" after a label). */
export interface StampDottedLine {
  x1: number;
  x2: number;
  y: number;
}

/**
 * The stamp as drawn, in millimetres: a rounded rectangle, the office's name centred at the
 * top, then the lines เลขรับ, วันที่, เวลา with their values written on dotted lines.
 * The SVG and the PDF renderers both draw from this, so they look the same.
 */
export interface ReceiptStampLayout {
  width: number;
  height: number;
  border: { inset: number; strokeWidth: number; radius: number };
  dots: { strokeWidth: number; gap: number };
  texts: StampTextRun[];
  dottedLines: StampDottedLine[];
}

/** Size of the rubber stamp: 50 mm wide, at least 30 mm tall (taller for a two-line name). */
export const STAMP_WIDTH_MM = 50;
const MIN_HEIGHT = 30;
const PADDING_X = 3;
const NAME_WIDTH = STAMP_WIDTH_MM - 2 * PADDING_X;
const NAME_SIZE = 3.6; // ≈ 10 pt
const REGISTER_SIZE = 2.8; // ≈ 8 pt
const ROW_SIZE = 3.2; // ≈ 9 pt
const VALUE_SIZE = 3.4;
const MIN_ROW_PITCH = 5.6;
const BOTTOM_PADDING = 1.4;
const LABEL_GAP = 1;
const DOTS_BELOW_BASELINE = 0.6;

const ROW_LABELS = ['เลขรับ', 'วันที่', 'เวลา'] as const;

/**
 * Works out where everything on the stamp goes.
 *
 * @throws RangeError for an empty organisation name, a receipt number that is not a positive
 *   safe integer, or an invalid date.
 */
export function layoutReceiptStamp(data: ReceiptStampData): ReceiptStampLayout {
  const name = collapseWhitespace(data.organisationName);
  if (name === '') {
    throw new RangeError('Receipt stamp needs the organisation name');
  }
  if (!Number.isSafeInteger(data.receiptNumber) || data.receiptNumber < 1) {
    throw new RangeError(
      `Receipt number must be a positive integer, got ${String(data.receiptNumber)}`,
    );
  }
  const values = [
    formatThaiInteger(data.receiptNumber),
    formatThaiDate(data.receivedAt, data.dateStyle ?? 'short'),
    formatThaiTime(data.receivedAt),
  ];

  const texts: StampTextRun[] = [];
  const centre = STAMP_WIDTH_MM / 2;

  // The office's name: one or two centred bold lines, shrunk if a line is still too wide.
  const nameLines = wrapToTwoLines(name, NAME_WIDTH, (line) =>
    measureSarabun(line, NAME_SIZE, 'bold'),
  );
  const nameSize = fitFontSize(nameLines, NAME_SIZE, NAME_WIDTH, 'bold');
  let baseline = 1.9 + 0.95 * nameSize;
  nameLines.forEach((line, i) => {
    if (i > 0) {
      baseline += 1.3 * nameSize;
    }
    texts.push({
      text: line,
      x: centre,
      y: baseline,
      fontSize: nameSize,
      weight: 'bold',
      anchor: 'middle',
      role: 'heading',
    });
  });
  let blockBottom = baseline + 0.3 * nameSize;

  const register = collapseWhitespace(data.registerName ?? '');
  if (register !== '') {
    const size = fitFontSize([register], REGISTER_SIZE, NAME_WIDTH, 'regular');
    baseline = blockBottom + 0.1 + 0.95 * size;
    texts.push({
      text: register,
      x: centre,
      y: baseline,
      fontSize: size,
      weight: 'regular',
      anchor: 'middle',
      role: 'heading',
    });
    blockBottom = baseline + 0.3 * size;
  }

  // Three labelled lines share the rest of the height.
  const height = Math.max(MIN_HEIGHT, blockBottom + 3 * MIN_ROW_PITCH + BOTTOM_PADDING);
  const pitch = (height - BOTTOM_PADDING - blockBottom) / 3;
  const dottedLines: StampDottedLine[] = [];
  ROW_LABELS.forEach((label, i) => {
    const y = blockBottom + pitch * (i + 1) - 1.3;
    texts.push({
      text: label,
      x: PADDING_X,
      y,
      fontSize: ROW_SIZE,
      weight: 'regular',
      anchor: 'start',
      role: 'row',
    });
    const x1 = PADDING_X + measureSarabun(label, ROW_SIZE, 'regular') + LABEL_GAP;
    const x2 = STAMP_WIDTH_MM - PADDING_X;
    dottedLines.push({ x1, x2, y: y + DOTS_BELOW_BASELINE });
    const value = values[i];
    const size = fitFontSize([value], VALUE_SIZE, x2 - x1 - 1, 'bold');
    texts.push({
      text: value,
      x: (x1 + x2) / 2,
      y,
      fontSize: size,
      weight: 'bold',
      anchor: 'middle',
      role: 'row',
    });
  });

  return {
    width: STAMP_WIDTH_MM,
    height: round(height),
    border: { inset: 0.6, strokeWidth: 0.5, radius: 1.2 },
    dots: { strokeWidth: 0.28, gap: 0.75 },
    texts: texts.map((t) => ({ ...t, x: round(t.x), y: round(t.y), fontSize: round(t.fontSize) })),
    dottedLines: dottedLines.map((d) => ({ x1: round(d.x1), x2: round(d.x2), y: round(d.y) })),
  };
}

/** `size`, or smaller so that the widest of `lines` fits in `maxWidth`. */
function fitFontSize(
  lines: string[],
  size: number,
  maxWidth: number,
  weight: SarabunWeight,
): number {
  const widest = Math.max(...lines.map((line) => measureSarabun(line, size, weight)));
  return widest > maxWidth ? (size * maxWidth) / widest : size;
}

function round(mm: number): number {
  return Math.round(mm * 1000) / 1000;
}
