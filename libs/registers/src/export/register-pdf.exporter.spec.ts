import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerToPdf } from './register-pdf.exporter.js';
import {
  SAMPLE_HEADER,
  SCENARIO_ROW,
  cancelledRow,
  generatedRows,
  sampleRows,
} from './register-export.test-fixtures.js';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const itWithPoppler = hasPdftotext() ? it : it.skip;

/** Page objects and their sizes, read from the PDF structure (pdfkit writes them uncompressed). */
function pages(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  expect(raw.match(/\/Type \/Page\b(?!s)/g)?.length).toBeGreaterThan(0);
  return raw.match(/\/MediaBox \[[^\]]*\]/g) ?? [];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'register-pdf-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Text of each page: `layout` keeps the page's arrangement (`pdftotext -layout`), `raw` keeps
 * the drawing order, in which every table cell is contiguous (its wrapped lines one after the
 * other).
 */
function pageTexts(pdf: Buffer, mode: 'layout' | 'raw' = 'layout'): string[] {
  const file = join(dir, `r${String(Math.random()).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  });
  // fontkit decomposes ำ (sara am) into nikhahit + า so that tone marks stack over it; pdfkit
  // maps the nikhahit glyph back to ำ, so extractors read ำา. The page itself shows ำ.
  return text.replaceAll('ำา', 'ำ').split('\f').slice(0, -1);
}

/** A cell's text with its line breaks (and all other white space) removed. */
function squeeze(text: string): string {
  return text.replace(/\s+/gu, '');
}

describe('registerToPdf', () => {
  let sample: Buffer;
  let large: Buffer;
  let empty: Buffer;
  beforeAll(async () => {
    [sample, large, empty] = await Promise.all([
      registerToPdf({ ...SAMPLE_HEADER, filterDescription: 'เลขที่ ๑๙๙๓–๒๐๓๔' }, sampleRows()),
      registerToPdf(SAMPLE_HEADER, generatedRows(200)),
      registerToPdf({ ...SAMPLE_HEADER, kind: 'dispatch' }, []),
    ]);
    // WIAN_SAMPLE_PDF=/tmp/sample.pdf keeps the sample to look at (pdftoppm -png ...).
    const keep = process.env.WIAN_SAMPLE_PDF;
    if (keep !== undefined && keep !== '') writeFileSync(keep, sample);
  });

  it('is a PDF', () => {
    for (const pdf of [sample, large, empty]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    }
  });

  it('uses A4 landscape pages (842 × 595 pt)', () => {
    for (const box of pages(large)) {
      expect(box).toBe('/MediaBox [0 0 841.89 595.28]');
    }
  });

  it('prints one page with the header for an empty register', () => {
    expect(pages(empty)).toHaveLength(1);
  });

  it('spreads 200 rows over several pages', () => {
    expect(pages(large).length).toBeGreaterThanOrEqual(4);
  });

  it('embeds Sarabun', () => {
    expect(sample.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun-Regular/);
    expect(sample.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun-Bold/);
  });

  itWithPoppler('writes the header, Thai digits and BE dates', () => {
    const [first] = pageTexts(sample);
    expect(first).toContain('ทะเบียนหนังสือรับ');
    expect(first).toContain('สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร');
    expect(first).toContain('ทะเบียนกลาง');
    expect(first).toContain('ประจำปี พ.ศ. ๒๕๖๖');
    expect(first).toContain('เลขที่ ๑๙๙๓–๒๐๓๔');
    expect(first).toContain('๑๙๙๓');
    expect(first).toContain('๘ มี.ค. ๒๕๖๖');
    expect(first).toContain('๐๙:๑๕ น.');
    expect(first).toContain('๒๗ ก.พ. ๒๕๖๖');
    expect(first).toContain('พิมพ์เมื่อ ๘ มี.ค. ๒๕๖๖ ๑๖:๔๕ น.');
    expect(first).toMatch(/หน้า ๑ \/ [๑-๙]/u);
    expect(first).not.toMatch(/[0-9]/);
  });

  itWithPoppler('keeps / and . of a letter number (the subset-font bug)', () => {
    const [first] = pageTexts(sample);
    expect(first).toContain('มท ๐๘๑๐.๗/ว ๓๐๗');
    expect(first).toContain('สน ๐๐๒๓.๑/ว ๔๘๐๐');
  });

  itWithPoppler('prints whole cells: the scenario subject and the cancelled mark', () => {
    const text = squeeze(pageTexts(sample, 'raw').join(''));
    expect(text).toContain(squeeze(SCENARIO_ROW.subject));
    expect(text).toContain(squeeze('ยกเลิก: ลงทะเบียนซ้ำกับเลขที่ ๑๙๙๓'));
  });

  itWithPoppler('never splits a row across pages', () => {
    const texts = pageTexts(large, 'raw').map(squeeze);
    expect(texts.length).toBeGreaterThanOrEqual(4);
    for (const row of generatedRows(200)) {
      // Each letter number is unique; its page holds the whole row, drawn cell after cell.
      const onPages = texts.filter((t) => t.includes(squeeze(row.letterNumber ?? '')));
      expect(onPages).toHaveLength(1);
      expect(onPages[0]).toContain(
        squeeze(`${row.from}${row.to}${row.subject}${row.action ?? ''}`),
      );
    }
  });

  itWithPoppler('repeats the header and numbers the pages on every page', () => {
    const texts = pageTexts(large);
    texts.forEach((text, i) => {
      expect(text).toContain('ทะเบียนหนังสือรับ');
      expect(text).toContain('ประจำปี พ.ศ. ๒๕๖๖');
      expect(text).toContain('เลขทะเบียนรับ'.slice(0, 3));
      expect(text).toContain(`หน้า ${(i + 1).toLocaleString('th-TH-u-nu-thai')} / `);
    });
  });

  itWithPoppler('names the dispatch register and says it is empty', () => {
    const [text] = pageTexts(empty);
    expect(text).toContain('ทะเบียนหนังสือส่ง');
    expect(text).toContain('ไม่มีรายการ');
    expect(text).toContain('หน้า ๑ / ๑');
  });

  it('continues a row taller than a page instead of losing it', async () => {
    const huge = { ...SCENARIO_ROW, subject: Array(60).fill(SCENARIO_ROW.subject).join(' ') };
    const pdf = await registerToPdf(SAMPLE_HEADER, [huge, cancelledRow(1994)]);
    expect(pages(pdf).length).toBeGreaterThanOrEqual(2);
  });
});
