import { type SarabunWeight, sarabunFont } from './sarabun.font.js';
import { type TextMeasure, wrapThaiText } from './thai-text.wrapper.js';

/** Font weight and size (points) of a piece of text. */
export interface TextStyle {
  weight: SarabunWeight;
  size: number;
}

/** How one line of text is placed. */
export interface LineOptions {
  /** Colour of the text (and of its strike-through line). */
  colour?: string;
  /** Centre the line in a box of this width starting at `x` instead of starting at `x`. */
  centreIn?: number;
  /** Right-align the line so that it ends at `x`. */
  alignRight?: boolean;
  /** Strike the line through (a cancelled register entry). */
  strike?: boolean;
}

const FONT_NAMES: Readonly<Record<SarabunWeight, string>> = {
  regular: 'Sarabun',
  bold: 'Sarabun-Bold',
};

/**
 * Sets Thai text on a pdfkit document in Sarabun. pdfkit's own line breaking does not know
 * Thai word boundaries, so text is wrapped here ({@link wrapThaiText}) with widths measured in
 * the real font (fontkit shapes Thai with OpenType, so marks sit correctly) and every line is
 * drawn on its own with `lineBreak: false`.
 */
export class PdfTypesetter {
  private readonly measures = new Map<string, TextMeasure>();

  constructor(private readonly doc: PDFKit.PDFDocument) {
    for (const weight of ['regular', 'bold'] as const) {
      doc.registerFont(FONT_NAMES[weight], sarabunFont(weight));
    }
  }

  /** Height of one line: the font's ascent to descent, room for Thai marks above and below. */
  lineHeight(style: TextStyle): number {
    return this.use(style).currentLineHeight();
  }

  /** Width of `text` in points. */
  width(text: string, style: TextStyle): number {
    return this.measure(style)(text);
  }

  /** Lines of `text` no wider than `maxWidth` points, broken at Thai word boundaries and spaces. */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    return wrapThaiText(text, maxWidth, this.measure(style));
  }

  /** Draws one line with its top at `y`. */
  line(text: string, x: number, y: number, style: TextStyle, options: LineOptions = {}): void {
    if (text === '') return;
    const width = this.width(text, style);
    let left = x;
    if (options.centreIn !== undefined) left = x + (options.centreIn - width) / 2;
    else if (options.alignRight === true) left = x - width;
    const colour = options.colour ?? '#000000';
    this.use(style).fillColor(colour).text(text, left, y, { lineBreak: false });
    if (options.strike === true) {
      // Through the middle of the consonants (x-height), below the upper marks.
      const strikeY = y + style.size * 0.82;
      this.doc
        .save()
        .moveTo(left, strikeY)
        .lineTo(left + width, strikeY)
        .lineWidth(Math.max(0.5, style.size / 20))
        .strokeColor(colour)
        .stroke()
        .restore();
    }
  }

  private use(style: TextStyle): PDFKit.PDFDocument {
    return this.doc.font(FONT_NAMES[style.weight]).fontSize(style.size);
  }

  private measure(style: TextStyle): TextMeasure {
    const key = `${style.weight}/${String(style.size)}`;
    let measure = this.measures.get(key);
    if (measure === undefined) {
      const cache = new Map<string, number>();
      measure = (text: string): number => {
        let width = cache.get(text);
        if (width === undefined) {
          width = this.use(style).widthOfString(text);
          cache.set(text, width);
        }
        return width;
      };
      this.measures.set(key, measure);
    }
    return measure;
  }
}
