import { describe, expect, it } from '@jest/globals';
import { displayWidth, printReport } from './progress-report.printer.js';
import type { ReplayResult } from './scenario-replay.runner.js';
import type { CountsJson } from './wian-api.types.js';

const counts = (deliveries: number, byState: Record<string, number>, late: number): CountsJson => ({
  deliveries,
  byState,
  complete: byState.done ?? 0,
  late,
});

const result: ReplayResult = {
  circular: {
    id: 'c1',
    numberTh: 'มท ๐๘๑๐.๗/ว ๓๐๗',
    subject: 'การบันทึกข้อมูล (INFO)',
    deadlineTh: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    recipientCount: 77,
  },
  provinceCircular: {
    id: 'c2',
    numberTh: 'สน ๐๐๒๓.๖/ว ๔๘๗๙',
    subject: 'การบันทึกข้อมูล (INFO)',
    deadlineTh: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    recipientCount: 20,
  },
  province: {
    id: 47,
    code: 'p-47',
    kind: 'province',
    nameTh: 'จังหวัดสกลนคร',
    shortName: null,
    provinceId: 47,
    districtId: null,
  },
  progress: {
    circular: { numberTh: 'มท ๐๘๑๐.๗/ว ๓๐๗', subject: 'x', deadlineTh: null },
    asOf: '2023-03-27T02:00:00.000Z',
    total: counts(5, { sent: 2, forwarded: 2, done: 1 }, 4),
    levels: [
      { level: 'provinces', labelTh: 'จังหวัด', ...counts(2, { sent: 1, forwarded: 1 }, 2) },
      { level: 'districts', labelTh: 'อำเภอ', ...counts(1, { forwarded: 1 }, 1) },
      {
        level: 'local_governments',
        labelTh: 'องค์กรปกครองส่วนท้องถิ่น',
        ...counts(2, { sent: 1, done: 1 }, 1),
      },
    ],
    provinces: [
      {
        organisationId: 47,
        nameTh: 'จังหวัดสกลนคร',
        ...counts(4, { sent: 1, forwarded: 2, done: 1 }, 3),
      },
    ],
    districts: [
      {
        organisationId: 4701,
        nameTh: 'อำเภอเมืองสกลนคร',
        ...counts(3, { sent: 1, forwarded: 1, done: 1 }, 2),
      },
    ],
    late: {
      count: 4,
      items: [
        {
          deliveryId: 'd3',
          organisationId: 9,
          nameTh: 'องค์การบริหารส่วนตำบลงิ้วด่อน',
          kind: 'sao',
          provinceId: 47,
          districtId: 4701,
          depth: 3,
          stateTh: 'ส่งแล้ว รอลงรับ',
        },
      ],
    },
    silent: { count: 2, items: [] },
  },
  chainOf: { nameTh: 'องค์การบริหารส่วนตำบลงิ้วด่อน', districtNameTh: 'อำเภอเมืองสกลนคร' },
  chain: [
    {
      depth: 1,
      letter: {
        numberTh: 'มท ๐๘๑๐.๗/ว ๓๐๗',
        dateTh: '๒๗ กุมภาพันธ์ ๒๕๖๖',
        senderNameTh: 'กรมส่งเสริมการปกครองท้องถิ่น',
        signature: { signerName: 'นายศิริพันธ์ ศรีกงพลี', positionTitle: 'รองอธิบดี' },
        signedTh: '(นายศิริพันธ์ ศรีกงพลี) รองอธิบดี ปฏิบัติราชการแทน อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
      },
      recipient: { organisationId: 47, nameTh: 'จังหวัดสกลนคร' },
      receipt: { numberTh: '๑๙๙๓', yearBe: 2566, registeredAtTh: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.' },
      state: 'forwarded',
      stateTh: 'ส่งต่อแล้ว',
    },
    {
      depth: 3,
      letter: {
        numberTh: 'สน ๔๗๐๑/ว ๑',
        dateTh: '๑๕ มีนาคม ๒๕๖๖',
        senderNameTh: 'อำเภอเมืองสกลนคร',
        signature: { signerName: 'นายอำเภอเมืองสกลนคร', positionTitle: 'นายอำเภอเมืองสกลนคร' },
        signedTh: '(นายอำเภอเมืองสกลนคร) นายอำเภอเมืองสกลนคร',
      },
      recipient: { organisationId: 9, nameTh: 'องค์การบริหารส่วนตำบลงิ้วด่อน' },
      receipt: null,
      state: 'sent',
      stateTh: 'ส่งแล้ว รอลงรับ',
    },
  ],
};

describe('the demo report', () => {
  it('measures Thai text by the columns it takes (marks above and below take none)', () => {
    expect(displayWidth('ทั่วประเทศ')).toBe(8);
    expect(displayWidth('อำเภอกุสุมาลย์')).toBe(11);
    expect(displayWidth('├─ ๑๒๓')).toBe(6);
  });

  it('prints an aligned progress tree, the late list and the chain with Thai digits', () => {
    const lines: string[] = [];
    printReport(result, (line) => lines.push(line));
    const table = lines.filter(
      (l) => /^(ทั่วประเทศ|จังหวัดสกลนคร |├─ |└─ )/.test(l) && /(\s+[๐-๙]+){6}$/.test(l),
    );
    expect(table.length).toBe(7);
    expect(new Set(table.map(displayWidth)).size).toBe(1);
    const text = lines.join('\n');
    expect(text).not.toMatch(/[0-9]/);
    expect(text).toContain('ลงรับ เลขรับ ๑๙๙๓/๒๕๖๖ เมื่อ ๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.');
    expect(text).toContain('ลงนาม นายอำเภอเมืองสกลนคร\n');
    expect(text).toContain('└─ ศาลากลาง อบจ. และเทศบาลนคร');
    expect(text).toContain('เลยกำหนดแล้วยังไม่รายงานผล ๔ แห่ง · ยังไม่ลงรับเลย ๒ แห่ง');
  });
});
