import PDFDocument from 'pdfkit';
import { formatThaiDate, formatThaiDateTime, formatThaiTime, toThaiDigits } from '@wian/thai';
import {
  CANCELLED_TH,
  REGISTER_TITLE_TH,
  type RegisterColumnLabels,
  registerColumnLabels,
} from './register-export.columns.js';
import type { RegisterExportHeader, RegisterExportRow } from './register-export.types.js';
import { type LineOptions, PdfTypesetter, type TextStyle } from './pdf-text.typesetter.js';

type ColumnKey =
  | 'registerNumber'
  | 'registeredAt'
  | 'letterNumber'
  | 'letterDate'
  | 'from'
  | 'to'
  | 'subject'
  | 'action'
  | 'remarks';

interface Column {
  key: ColumnKey;
  /** Points; the subject takes whatever the others leave. */
  width: number;
  centred: boolean;
}

/** One paragraph of a cell and how it is set. */
interface CellText {
  text: string;
  style: TextStyle;
  options?: LineOptions;
}

interface CellLine {
  text: string;
  style: TextStyle;
  options: LineOptions;
}

interface RowLayout {
  cells: CellLine[][];
  fill: string | null;
}

/** A4 landscape in points (pdfkit's A4 is 595.28 × 841.89). */
const PAGE = { width: 841.89, height: 595.28 } as const;
const MARGIN = { top: 26, right: 28, bottom: 22, left: 28 } as const;
const CELL_PADDING = { x: 3, y: 2 } as const;
const STYLE = {
  title: { weight: 'bold', size: 16 },
  subtitle: { weight: 'regular', size: 12 },
  filter: { weight: 'regular', size: 11 },
  tableHeader: { weight: 'bold', size: 10 },
  body: { weight: 'regular', size: 10 },
  bodyBold: { weight: 'bold', size: 10 },
  footer: { weight: 'regular', size: 9 },
} as const satisfies Record<string, TextStyle>;
const COLOUR = {
  grid: '#7f7f7f',
  headerFill: '#e6e6e6',
  cancelledFill: '#f6e9e9',
  cancelledText: '#5c5c5c',
  cancelledMark: '#b0001e',
  muted: '#404040',
} as const;
/** The table is about 786 pt wide; the subject gets what the others leave (about 198 pt). */
const COLUMNS: readonly Column[] = withSubjectWidth([
  // Wide enough for 'ทะเบียน' in the bold heading (34 pt).
  { key: 'registerNumber', width: 44, centred: true },
  // Wide enough for the widest short date, '๒๘ มิ.ย. ๒๕๖๖' (66 pt at 10 pt).
  { key: 'registeredAt', width: 72, centred: true },
  // Wide enough for a letter number such as 'สน ๐๐๒๓.๖/ว ๔๘๗๙' (91 pt).
  { key: 'letterNumber', width: 96, centred: false },
  { key: 'letterDate', width: 72, centred: true },
  { key: 'from', width: 82, centred: false },
  { key: 'to', width: 82, centred: false },
  { key: 'subject', width: 0, centred: false },
  { key: 'action', width: 68, centred: false },
  { key: 'remarks', width: 72, centred: false },
]);

function withSubjectWidth(columns: readonly Column[]): readonly Column[] {
  const others = columns.reduce((sum, c) => sum + c.width, 0);
  const subject = PAGE.width - MARGIN.left - MARGIN.right - others;
  return columns.map((c) => (c.key === 'subject' ? { ...c, width: subject } : c));
}
const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);

/**
 * A register (ทะเบียนหนังสือรับ or ทะเบียนหนังสือส่ง) as a printable PDF: A4 landscape, Sarabun,
 * Thai digits and Buddhist Era dates throughout.
 *
 * - Every page starts with the title, the organisation, the register and `ประจำปี พ.ศ. ๒๕๖๖`
 *   (and `filterDescription` if given), then the table header.
 * - Columns: เลขทะเบียนรับ/ส่ง, วันที่/เวลารับ/ส่ง, ที่, ลงวันที่, จาก, ถึง, เรื่อง (the widest),
 *   การปฏิบัติ, หมายเหตุ. Cell text is wrapped at Thai word boundaries and spaces.
 * - A row is never split across pages: one that does not fit moves to the next page, under a
 *   repeated table header. Only a row taller than a whole page is continued on the next.
 * - A cancelled number stays in its place, shaded and struck through, with `ยกเลิก: <reason>`
 *   in red under หมายเหตุ.
 * - Every page ends with `พิมพ์เมื่อ <date> <time>` and `หน้า ๑ / ๓`.
 */
export async function registerToPdf(
  header: RegisterExportHeader,
  rows: readonly RegisterExportRow[],
): Promise<Buffer> {
  const title = REGISTER_TITLE_TH[header.kind];
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    lang: 'th-TH',
    displayTitle: true,
    info: {
      Title: `${title} ${header.registerName} ${header.organisationName} ปี พ.ศ. ${toThaiDigits(header.yearBE)}`,
      Author: header.organisationName,
      Creator: 'wian',
      CreationDate: header.printedAt,
    },
  });
  const pdf = collect(doc);
  new RegisterPdfWriter(doc, header).write(rows);
  doc.end();
  return await pdf;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
}

class RegisterPdfWriter {
  private readonly type: PdfTypesetter;
  private readonly labels: RegisterColumnLabels;
  private readonly bodyLine: number;
  private readonly bodyBottom: number;
  /** Where the first row of the current page goes. */
  private tableTop = 0;
  private y = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly header: RegisterExportHeader,
  ) {
    this.type = new PdfTypesetter(doc);
    this.labels = registerColumnLabels(header.kind);
    this.bodyLine = this.type.lineHeight(STYLE.body);
    this.bodyBottom = PAGE.height - MARGIN.bottom - this.type.lineHeight(STYLE.footer) - 4;
  }

  write(rows: readonly RegisterExportRow[]): void {
    this.newPage();
    if (rows.length === 0) {
      this.drawRow({
        cells: COLUMNS.map((c) =>
          c.key === 'subject'
            ? this.wrap(c, [{ text: 'ไม่มีรายการ', style: STYLE.body, options: {} }])
            : [],
        ),
        fill: null,
      });
    }
    for (const row of rows) {
      this.placeRow(this.layoutRow(row));
    }
    this.drawFooters();
  }

  // ---- pages ---------------------------------------------------------------------------

  private newPage(): void {
    this.doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    this.y = MARGIN.top;
    this.drawPageHeader();
    this.drawTableHeader();
    this.tableTop = this.y;
  }

  private drawPageHeader(): void {
    const h = this.header;
    const lines: [string, TextStyle][] = [
      [REGISTER_TITLE_TH[h.kind], STYLE.title],
      [h.organisationName, STYLE.subtitle],
      [`${h.registerName}  ประจำปี พ.ศ. ${toThaiDigits(h.yearBE)}`, STYLE.subtitle],
    ];
    const filter = h.filterDescription?.trim() ?? '';
    if (filter !== '') {
      lines.push([filter, STYLE.filter]);
    }
    for (const [text, style] of lines) {
      for (const line of this.type.wrap(text, TABLE_WIDTH, style)) {
        this.type.line(line, MARGIN.left, this.y, style, { centreIn: TABLE_WIDTH });
        this.y += this.type.lineHeight(style);
      }
    }
    this.y += 4;
  }

  private drawTableHeader(): void {
    const cells = COLUMNS.map((column) =>
      this.wrap(column, [{ text: this.labels[column.key].th, style: STYLE.tableHeader }], true),
    );
    this.drawRow({ cells, fill: COLOUR.headerFill });
  }

  private drawFooters(): void {
    const printed = `พิมพ์เมื่อ ${formatThaiDateTime(this.header.printedAt, 'short')}`;
    const { start, count } = this.doc.bufferedPageRange();
    const y = PAGE.height - MARGIN.bottom - this.type.lineHeight(STYLE.footer);
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const page = `หน้า ${toThaiDigits(i - start + 1)} / ${toThaiDigits(count)}`;
      this.type.line(printed, MARGIN.left, y, STYLE.footer, { colour: COLOUR.muted });
      this.type.line(page, PAGE.width - MARGIN.right, y, STYLE.footer, {
        colour: COLOUR.muted,
        alignRight: true,
      });
    }
  }

  // ---- rows ----------------------------------------------------------------------------

  private layoutRow(row: RegisterExportRow): RowLayout {
    const plain = (text: string | null): CellText[] =>
      text === null || text === ''
        ? []
        : [{ text, style: STYLE.body, options: row.cancelled ? CANCELLED_LINE : {} }];
    const content: Record<ColumnKey, CellText[]> = {
      registerNumber: [{ text: toThaiDigits(row.registerNumber), style: STYLE.body }],
      registeredAt: plain(
        `${formatThaiDate(row.registeredAt, 'short')}\n${formatThaiTime(row.registeredAt)}`,
      ),
      letterNumber: plain(row.letterNumber),
      letterDate: plain(row.letterDate === null ? null : formatThaiDate(row.letterDate, 'short')),
      from: plain(row.from),
      to: plain(row.to),
      subject: plain(row.subject),
      action: plain(row.action),
      remarks: [
        ...(row.cancelled
          ? [
              {
                text: `${CANCELLED_TH}${row.cancelReason === null ? '' : `: ${row.cancelReason}`}`,
                style: STYLE.bodyBold,
                options: { colour: COLOUR.cancelledMark },
              },
            ]
          : []),
        ...(row.remarks === null || row.remarks === ''
          ? []
          : [{ text: row.remarks, style: STYLE.body }]),
      ],
    };
    return {
      cells: COLUMNS.map((column) => this.wrap(column, content[column.key])),
      fill: row.cancelled ? COLOUR.cancelledFill : null,
    };
  }

  private wrap(column: Column, texts: readonly CellText[], centred = column.centred): CellLine[] {
    const width = column.width - 2 * CELL_PADDING.x;
    return texts.flatMap(({ text, style, options = {} }) =>
      this.type.wrap(text, width, style).map((line) => ({
        text: line,
        style,
        options: centred ? { ...options, centreIn: width } : options,
      })),
    );
  }

  /** Puts a row on this page if it fits, else on the next; splits only a row taller than a page. */
  private placeRow(layout: RowLayout): void {
    let remaining = layout;
    for (;;) {
      if (this.y + this.rowHeight(remaining) <= this.bodyBottom) {
        this.drawRow(remaining);
        return;
      }
      if (this.y > this.tableTop) {
        this.newPage();
        continue;
      }
      // Taller than a whole page: print what fits and continue on the next page.
      const fit = Math.max(
        1,
        Math.floor((this.bodyBottom - this.y - 2 * CELL_PADDING.y) / this.bodyLine),
      );
      this.drawRow({ ...remaining, cells: remaining.cells.map((c) => c.slice(0, fit)) });
      remaining = { ...remaining, cells: remaining.cells.map((c) => c.slice(fit)) };
      this.newPage();
    }
  }

  private rowHeight(layout: RowLayout): number {
    const heights = layout.cells.map((lines) =>
      lines.reduce((sum, line) => sum + this.type.lineHeight(line.style), 0),
    );
    return Math.max(this.bodyLine, ...heights) + 2 * CELL_PADDING.y;
  }

  private drawRow(layout: RowLayout): void {
    const height = this.rowHeight(layout);
    let x = MARGIN.left;
    COLUMNS.forEach((column, i) => {
      const doc = this.doc;
      doc.save().rect(x, this.y, column.width, height).lineWidth(0.5).strokeColor(COLOUR.grid);
      if (layout.fill === null) doc.stroke();
      else doc.fillColor(layout.fill).fillAndStroke();
      doc.restore();
      let lineY = this.y + CELL_PADDING.y;
      for (const line of layout.cells[i] ?? []) {
        this.type.line(line.text, x + CELL_PADDING.x, lineY, line.style, line.options);
        lineY += this.type.lineHeight(line.style);
      }
      x += column.width;
    });
    this.y += height;
  }
}

const CANCELLED_LINE: LineOptions = { colour: COLOUR.cancelledText, strike: true };
