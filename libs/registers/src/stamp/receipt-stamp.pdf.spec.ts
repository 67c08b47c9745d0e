import { inflateSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFPage, StandardFonts } from 'pdf-lib';
import { stampPdfFirstPage } from './receipt-stamp.pdf.js';
import type { ReceiptStampData } from './receipt-stamp.types.js';
import { StampPdfError } from './stamp-pdf.error.js';

const A4: [number, number] = [595.28, 841.89];
const PT_PER_MM = 72 / 25.4;

const data: ReceiptStampData = {
  organisationName: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร',
  registerName: 'ทะเบียนกลาง',
  receiptNumber: 1993,
  receivedAt: new Date('2023-03-08T02:15:00Z'),
};

async function letter(pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i += 1) {
    doc.addPage(A4).drawText(`Page ${String(i)}`, { x: 72, y: 700, size: 14, font });
  }
  return doc.save();
}

/** The page's content streams, decoded, joined. */
function contentOf(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray
      ? contents.asArray().map((ref) => page.doc.context.lookup(ref))
      : [contents];
  return streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) {
        throw new Error('unexpected content stream type');
      }
      const flate = stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode');
      return Buffer.from(flate ? inflateSync(stream.contents) : stream.contents).toString('latin1');
    })
    .join('\n');
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('stampPdfFirstPage', () => {
  it('draws the stamp on page 1 and leaves the page size as it was', async () => {
    const original = await letter();
    const before = contentOf((await PDFDocument.load(original)).getPage(0));

    const stamped = await PDFDocument.load(await stampPdfFirstPage(original, data));

    expect(stamped.getPageCount()).toBe(1);
    const page = stamped.getPage(0);
    expect(page.getSize()).toEqual({ width: A4[0], height: A4[1] });
    const after = contentOf(page);
    expect(after.length).toBeGreaterThan(before.length + 5000);
    expect(after).toContain(before.trim());
    // each of the 9 text lines is one filled outline; the border and dotted lines are stroked
    expect(count(after, /\nf\n/g)).toBe(count(before, /\nf\n/g) + 9);
    expect(count(after, /\nS\n/g)).toBe(4);
    // plus an invisible text layer (3 labels, 3 values) for search and copy
    expect(count(after, /\bTj\b/g)).toBe(count(before, /\bTj\b/g) + 6);
  });

  it('puts the stamp 10 mm from the top right corner by default', async () => {
    const stamped = await PDFDocument.load(await stampPdfFirstPage(await letter(), data));
    const [, x, y] = /1 0 0 1 ([\d.]+) ([\d.]+) cm/.exec(contentOf(stamped.getPage(0))) ?? [];
    expect(Number(x)).toBeCloseTo(A4[0] - 60 * PT_PER_MM, 1);
    expect(Number(y)).toBeCloseTo(A4[1] - 10 * PT_PER_MM, 1);
  });

  it('puts the stamp where asked, in millimetres from the top left', async () => {
    const stamped = await PDFDocument.load(
      await stampPdfFirstPage(await letter(), data, { position: { xMm: 20, yMm: 15 } }),
    );
    const [, x, y] = /1 0 0 1 ([\d.]+) ([\d.]+) cm/.exec(contentOf(stamped.getPage(0))) ?? [];
    expect(Number(x)).toBeCloseTo(20 * PT_PER_MM, 1);
    expect(Number(y)).toBeCloseTo(A4[1] - 15 * PT_PER_MM, 1);
  });

  it('stamps only page 1 of a longer letter', async () => {
    const original = await PDFDocument.load(await letter(3));
    const stamped = await PDFDocument.load(await stampPdfFirstPage(await original.save(), data));
    expect(stamped.getPageCount()).toBe(3);
    expect(contentOf(stamped.getPage(0)).length).toBeGreaterThan(
      contentOf(original.getPage(0)).length,
    );
    expect(contentOf(stamped.getPage(1))).toBe(contentOf(original.getPage(1)));
    expect(contentOf(stamped.getPage(2))).toBe(contentOf(original.getPage(2)));
  });

  it('rejects a file that is not a PDF with a Thai and English message', async () => {
    const notPdf = new TextEncoder().encode('PK\u0003\u0004 this is a zip, not a letter');
    const error = await stampPdfFirstPage(notPdf, data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StampPdfError);
    const { messageTh, messageEn, message } = error as StampPdfError;
    expect(messageTh).toMatch(/[\u0e00-\u0e7f]/);
    expect(messageTh).toContain('PDF');
    expect(messageEn).toMatch(/not a PDF/);
    expect(message).toBe(messageEn);
  });

  it('rejects an empty file', async () => {
    await expect(stampPdfFirstPage(new Uint8Array(), data)).rejects.toBeInstanceOf(StampPdfError);
  });

  it('rejects a position where the stamp would fall off the page', async () => {
    const pdf = await letter();
    await expect(
      stampPdfFirstPage(pdf, data, { position: { xMm: 180, yMm: 10 } }),
    ).rejects.toBeInstanceOf(StampPdfError);
    await expect(
      stampPdfFirstPage(pdf, data, { position: { xMm: -1, yMm: 10 } }),
    ).rejects.toBeInstanceOf(StampPdfError);
  });

  it('rejects invalid stamp data before touching the PDF', async () => {
    await expect(stampPdfFirstPage(await letter(), { ...data, receiptNumber: -5 })).rejects.toThrow(
      RangeError,
    );
  });
});
