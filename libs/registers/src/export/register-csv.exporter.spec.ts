import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { registerToCsv } from './register-csv.exporter.js';
import {
  SAMPLE_HEADER,
  SCENARIO_ROW,
  SCENARIO_SUBJECT,
  cancelledRow,
} from './register-export.test-fixtures.js';

function parseCsv(csv: string): string[][] {
  return parse(csv, { bom: true });
}

describe('registerToCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends records with CRLF', () => {
    const csv = registerToCsv(SAMPLE_HEADER, [SCENARIO_ROW]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.split('\r\n')).toHaveLength(3); // header, one row, final empty
  });

  it('has Thai column names with English in parentheses, per register kind', () => {
    const [receiptHeader] = parseCsv(registerToCsv(SAMPLE_HEADER, []));
    expect(receiptHeader).toEqual([
      'เลขทะเบียนรับ (receipt no.)',
      'วันที่รับ (date received)',
      'เวลารับ (time received)',
      'ที่ (letter no.)',
      'ลงวันที่ (letter date)',
      'จาก (from)',
      'ถึง (to)',
      'เรื่อง (subject)',
      'การปฏิบัติ (action taken)',
      'หมายเหตุ (remarks)',
      'สถานะ (status)',
      'เหตุที่ยกเลิก (cancellation reason)',
    ]);
    const [dispatchHeader] = parseCsv(registerToCsv({ ...SAMPLE_HEADER, kind: 'dispatch' }, []));
    expect(dispatchHeader.slice(0, 3)).toEqual([
      'เลขทะเบียนส่ง (dispatch no.)',
      'วันที่ส่ง (date dispatched)',
      'เวลาส่ง (time dispatched)',
    ]);
  });

  it('round-trips Thai text; numbers and BE dates in Arabic digits by default', () => {
    const [, row] = parseCsv(registerToCsv(SAMPLE_HEADER, [SCENARIO_ROW]));
    expect(row).toEqual([
      '1993',
      '08/03/2566',
      '09:15',
      'มท ๐๘๑๐.๗/ว ๓๐๗',
      '27/02/2566',
      'กรมส่งเสริมการปกครองท้องถิ่น',
      'ผู้ว่าราชการจังหวัดสกลนคร',
      SCENARIO_SUBJECT,
      'แจ้ง สถ.อ. บันทึกข้อมูล',
      'ด่วนที่สุด',
      '',
      '',
    ]);
  });

  it('renders numbers, dates and times in Thai digits on request', () => {
    const [, row] = parseCsv(registerToCsv(SAMPLE_HEADER, [SCENARIO_ROW], { digits: 'thai' }));
    expect(row.slice(0, 5)).toEqual([
      '๑๙๙๓',
      '๐๘/๐๓/๒๕๖๖',
      '๐๙:๑๕',
      'มท ๐๘๑๐.๗/ว ๓๐๗',
      '๒๗/๐๒/๒๕๖๖',
    ]);
  });

  it('uses the Bangkok date of the instant, not the UTC one', () => {
    // 2023-03-08T18:30Z is 01:30 on 9 March in Bangkok.
    const late = { ...SCENARIO_ROW, registeredAt: new Date('2023-03-08T18:30:00Z') };
    const [, row] = parseCsv(registerToCsv(SAMPLE_HEADER, [late]));
    expect(row.slice(1, 3)).toEqual(['09/03/2566', '01:30']);
  });

  it('quotes commas, quotes and line breaks inside a subject', () => {
    const subject = 'ขอเชิญประชุม, "ด่วน"\nวาระที่ ๑\r\nวาระที่ ๒';
    const csv = registerToCsv(SAMPLE_HEADER, [{ ...SCENARIO_ROW, subject }]);
    expect(csv).toContain('"ขอเชิญประชุม, ""ด่วน""\nวาระที่ ๑\r\nวาระที่ ๒"');
    const records = parseCsv(csv);
    expect(records).toHaveLength(2);
    expect(records[1][7]).toBe(subject);
  });

  it('keeps a cancelled number, marked ยกเลิก with its reason', () => {
    const records = parseCsv(registerToCsv(SAMPLE_HEADER, [SCENARIO_ROW, cancelledRow(1994)]));
    expect(records[1].slice(10)).toEqual(['', '']);
    expect(records[2][0]).toBe('1994');
    expect(records[2].slice(10)).toEqual(['ยกเลิก', 'ลงทะเบียนซ้ำกับเลขที่ ๑๙๙๓']);
  });

  it('prints a lone "-" (no addressee) as it is', () => {
    const [, cells] = parseCsv(registerToCsv(SAMPLE_HEADER, [{ ...SCENARIO_ROW, to: '-' }]));
    expect(cells[6]).toBe('-');
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    const row = {
      ...SCENARIO_ROW,
      letterNumber: '-2+3',
      from: '=HYPERLINK("http://evil.example","คลิก")',
      to: '+66 42 711 234',
      subject: '@SUM(A1:A9)',
      action: '\t=1+1',
      remarks: 'ปกติ =1',
    };
    const [, cells] = parseCsv(registerToCsv(SAMPLE_HEADER, [row]));
    expect(cells.slice(3, 10)).toEqual([
      "'-2+3",
      '27/02/2566',
      '\'=HYPERLINK("http://evil.example","คลิก")',
      "'+66 42 711 234",
      "'@SUM(A1:A9)",
      "'\t=1+1",
      'ปกติ =1',
    ]);
  });

  it('writes empty cells for missing values', () => {
    const row = {
      ...SCENARIO_ROW,
      letterNumber: null,
      letterDate: null,
      action: null,
      remarks: null,
    };
    const [, cells] = parseCsv(registerToCsv(SAMPLE_HEADER, [row]));
    expect([cells[3], cells[4], cells[8], cells[9]]).toEqual(['', '', '', '']);
  });
});
