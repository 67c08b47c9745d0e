import fontkit from '@pdf-lib/fontkit';
import { LineCapStyle, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { type ReceiptStampLayout, layoutReceiptStamp } from './receipt-stamp.layout.js';
import type { ReceiptStampData, StampPdfOptions } from './receipt-stamp.types.js';
import { sarabunFontBytes } from './sarabun.font.js';
import { stampColourToRgb } from './stamp-colour.js';
import { StampPdfError } from './stamp-pdf.error.js';
import { outlineStampText } from './stamp-text.outline.js';

/** PDF points per millimetre. */
const PT_PER_MM = 72 / 25.4;
const DEFAULT_MARGIN_MM = 10;

/**
 * Returns a copy of `pdf` with the receipt stamp (ตรารับ) drawn on page 1, at the top right
 * by default; other pages and the page size are untouched.
 *
 * How Thai is drawn: pdf-lib does no OpenType shaping (no GPOS mark positioning, no SARA AM
 * handling), so its own text drawing misplaces some Thai marks. The stamp is therefore drawn
 * as vectors: border and dotted lines with pdf-lib primitives, and the text as glyph outlines
 * shaped by resvg (the same engine as the PNG), so it is crisp at any zoom and the marks sit
 * where they should. An invisible copy of the เลขรับ/วันที่/เวลา lines is laid over them in
 * embedded Sarabun so the receipt number and date can still be searched and copied.
 *
 * `position` is in millimetres from the top left corner of the page as displayed (its crop
 * box), for an unrotated page.
 *
 * @throws StampPdfError if `pdf` is not a readable PDF, is encrypted, has no pages, or the
 *   stamp would not fit on page 1 at `position`.
 * @throws RangeError for invalid stamp data or colour.
 */
export async function stampPdfFirstPage(
  pdf: Uint8Array,
  data: ReceiptStampData,
  options: StampPdfOptions = {},
): Promise<Uint8Array> {
  const layout = layoutReceiptStamp(data);
  const colour = stampColourToRgb(options.colour);
  const doc = await loadPdf(pdf);
  const page = doc.getPageCount() > 0 ? doc.getPage(0) : undefined;
  if (page === undefined) {
    throw new StampPdfError('ไฟล์ PDF ไม่มีหน้าเอกสาร', 'The PDF has no pages to stamp');
  }
  const origin = stampOrigin(page, layout, options);
  doc.registerFontkit(fontkit);
  const fonts = {
    regular: await doc.embedFont(sarabunFontBytes('regular'), { subset: true }),
    bold: await doc.embedFont(sarabunFontBytes('bold'), { subset: true }),
  };
  drawStamp(page, layout, origin, rgb(colour.r, colour.g, colour.b), fonts);
  return doc.save();
}

async function loadPdf(pdf: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error: unknown) {
    if (error instanceof Error && error.name === 'EncryptedPDFError') {
      throw new StampPdfError(
        'ไม่สามารถประทับตรารับบนไฟล์ PDF ที่เข้ารหัสไว้ได้',
        'Cannot stamp an encrypted PDF',
        { cause: error },
      );
    }
    throw new StampPdfError(
      'ไฟล์นี้ไม่ใช่ PDF หรือไฟล์เสียหาย จึงประทับตรารับไม่ได้',
      'The file is not a PDF or is damaged, so it cannot be stamped',
      { cause: error },
    );
  }
}

/** Top left corner of the stamp, in PDF points (y up). */
function stampOrigin(
  page: PDFPage,
  layout: ReceiptStampLayout,
  options: StampPdfOptions,
): { x: number; y: number } {
  const box = page.getCropBox();
  const width = layout.width * PT_PER_MM;
  const height = layout.height * PT_PER_MM;
  const position = options.position ?? 'top-right';
  let left: number;
  let top: number;
  if (position === 'top-right') {
    const margin = (options.marginMm ?? DEFAULT_MARGIN_MM) * PT_PER_MM;
    if (!Number.isFinite(margin) || margin < 0) {
      throw new RangeError(
        `marginMm must be a non-negative number, got ${String(options.marginMm)}`,
      );
    }
    left = box.width - margin - width;
    top = margin;
  } else {
    left = position.xMm * PT_PER_MM;
    top = position.yMm * PT_PER_MM;
  }
  const fits =
    Number.isFinite(left) &&
    Number.isFinite(top) &&
    left >= -0.01 &&
    top >= -0.01 &&
    left + width <= box.width + 0.01 &&
    top + height <= box.height + 0.01;
  if (!fits) {
    throw new StampPdfError(
      'ตำแหน่งตรารับอยู่นอกหน้าเอกสาร หรือหน้าเอกสารเล็กเกินกว่าจะประทับตรารับได้',
      'The receipt stamp would not fit on page 1 at this position',
    );
  }
  return { x: box.x + left, y: box.y + box.height - top };
}

function drawStamp(
  page: PDFPage,
  layout: ReceiptStampLayout,
  origin: { x: number; y: number },
  colour: ReturnType<typeof rgb>,
  fonts: Record<'regular' | 'bold', PDFFont>,
): void {
  // drawSvgPath maps the path's y-down millimetres onto the page: origin, scale, y flipped.
  const at = { x: origin.x, y: origin.y, scale: PT_PER_MM };
  const { border, dots } = layout;
  page.drawSvgPath(roundedRectPath(layout), {
    ...at,
    borderColor: colour,
    borderWidth: border.strokeWidth,
  });
  for (const line of layout.dottedLines) {
    page.drawSvgPath(
      `M ${String(line.x1)} ${String(line.y)} L ${String(line.x2)} ${String(line.y)}`,
      {
        ...at,
        borderColor: colour,
        borderWidth: dots.strokeWidth,
        borderLineCap: LineCapStyle.Round,
        borderDashArray: [0.001, dots.gap],
      },
    );
  }
  for (const outline of outlineStampText(layout)) {
    page.drawSvgPath(outline, { ...at, color: colour });
  }
  // Invisible text over the three lines (labels and values: เลขรับ, date, time) so the
  // receipt number and date can be searched and copied. The office's name is left out:
  // pdf-lib's ToUnicode map turns its SARA AM (ำ) into "ำา", which would mislead searches.
  for (const run of layout.texts.filter((t) => t.role === 'row')) {
    const font = fonts[run.weight];
    const size = run.fontSize * PT_PER_MM;
    const width = font.widthOfTextAtSize(run.text, size);
    const left = run.x * PT_PER_MM - (run.anchor === 'middle' ? width / 2 : 0);
    page.drawText(run.text, {
      x: origin.x + left,
      y: origin.y - run.y * PT_PER_MM,
      size,
      font,
      opacity: 0,
    });
  }
}

function roundedRectPath(layout: ReceiptStampLayout): string {
  const { inset, radius: r } = layout.border;
  const [x0, y0, x1, y1] = [inset, inset, layout.width - inset, layout.height - inset].map(String);
  const [xa, xb, ya, yb] = [
    inset + r,
    layout.width - inset - r,
    inset + r,
    layout.height - inset - r,
  ].map(String);
  const rr = String(r);
  return [
    `M ${xa} ${y0} L ${xb} ${y0} A ${rr} ${rr} 0 0 1 ${x1} ${ya}`,
    `L ${x1} ${yb} A ${rr} ${rr} 0 0 1 ${xb} ${y1}`,
    `L ${xa} ${y1} A ${rr} ${rr} 0 0 1 ${x0} ${yb}`,
    `L ${x0} ${ya} A ${rr} ${rr} 0 0 1 ${xa} ${y0} Z`,
  ].join(' ');
}
