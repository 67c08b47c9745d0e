// Public surface of the receipt stamp (ตรารับ): SVG, PNG, and stamping page 1 of a PDF.
export type {
  ReceiptStampData,
  ReceiptStampDateStyle,
  ReceiptStampPngOptions,
  ReceiptStampSvgOptions,
  StampPdfOptions,
  StampPosition,
} from './receipt-stamp.types.js';
export { DEFAULT_STAMP_COLOUR } from './receipt-stamp.types.js';
export { renderReceiptStampSvg } from './receipt-stamp.svg.js';
export { renderReceiptStampPng, DEFAULT_PNG_SCALE } from './receipt-stamp.png.js';
export { stampPdfFirstPage } from './receipt-stamp.pdf.js';
export { StampPdfError } from './stamp-pdf.error.js';
