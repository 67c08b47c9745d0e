/** How the date line of the stamp is written: `๘ มี.ค. ๒๕๖๖` (short) or `๘ มีนาคม ๒๕๖๖` (long). */
export type ReceiptStampDateStyle = 'short' | 'long';

/** What is written on a receipt stamp (ตรารับ). */
export interface ReceiptStampData {
  /**
   * The receiving office, e.g. `'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร'`. Long names
   * wrap to two lines at Thai word boundaries; the font shrinks if they are still too long.
   */
  organisationName: string;
  /** Optional small line under the name, e.g. `'ทะเบียนกลาง'`. */
  registerName?: string | null;
  /** เลขรับ, a positive integer; `1993` is written `๑๙๙๓`. */
  receiptNumber: number;
  /** The instant of receipt; its date and time are written as in Asia/Bangkok. */
  receivedAt: Date;
  /** Default `'short'`. */
  dateStyle?: ReceiptStampDateStyle;
}

export interface ReceiptStampSvgOptions {
  /** Ink colour as `#rgb` or `#rrggbb`; default {@link DEFAULT_STAMP_COLOUR}. */
  colour?: string;
  /**
   * Embed the Sarabun font files as `@font-face` data URIs (about 220 kB) so that a
   * browser shows the stamp exactly as rendered here. Default true.
   */
  embedFont?: boolean;
}

export interface ReceiptStampPngOptions {
  /**
   * Zoom over the SVG's CSS-pixel size (96 px per inch). Default `300 / 96`, i.e. 300 dpi:
   * a 50 mm wide stamp becomes 591 px wide.
   */
  scale?: number;
  /** Ink colour as `#rgb` or `#rrggbb`; default {@link DEFAULT_STAMP_COLOUR}. */
  colour?: string;
}

/** Where the stamp goes on page 1, in millimetres from the page's top left corner. */
export type StampPosition = 'top-right' | { xMm: number; yMm: number };

export interface StampPdfOptions {
  /** Default `'top-right'` (where clerks put the receipt stamp). */
  position?: StampPosition;
  /** Distance from the page edges for `'top-right'`, in millimetres; default 10. */
  marginMm?: number;
  /** Ink colour as `#rgb` or `#rrggbb`; default {@link DEFAULT_STAMP_COLOUR}. */
  colour?: string;
}

/** Stamp-pad blue. */
export const DEFAULT_STAMP_COLOUR = '#1f3a93';
