import { formatThaiDateTime, toThaiDigits } from '@wian/thai';
import type { ReplayResult } from './scenario-replay.runner.js';
import type { ChainLinkJson, CountsJson } from './wian-api.types.js';

/** Thai vowels and tone marks written above or below a letter take no column of their own. */
const ZERO_WIDTH = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/gu;

export function displayWidth(text: string): number {
  return Array.from(text.replace(ZERO_WIDTH, '')).length;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

const n = (value: number): string => toThaiDigits(value);

const LEVEL_SHORT: Record<string, string> = {
  provinces: 'จังหวัด',
  districts: 'อำเภอ',
  local_governments: 'อปท.',
  others: 'หน่วยงานอื่น',
};

/**
 * Counted cumulatively from the states: a forwarded or done delivery has been received, and
 * (in this replay, where every recipient acknowledges first) acknowledged.
 */
function stages(c: CountsJson): number[] {
  const s = (state: string): number => c.byState[state] ?? 0;
  const done = s('done') + s('closed');
  const forwarded = s('forwarded');
  const acknowledged = s('acknowledged') + forwarded + done;
  return [c.deliveries, s('received') + acknowledged, acknowledged, forwarded, done, c.late];
}

const HEADERS = ['ผู้รับ', 'ลงรับ', 'รับทราบ', 'ส่งต่อ', 'รายงานผล', 'เลยกำหนด'];
const LABEL_WIDTH = 34;
const COLUMN_WIDTH = 9;

function row(label: string, counts: CountsJson): string {
  return (
    padEnd(label, LABEL_WIDTH) +
    stages(counts)
      .map((v) => padStart(n(v), COLUMN_WIDTH))
      .join('')
  );
}

function header(): string {
  return padEnd('', LABEL_WIDTH) + HEADERS.map((h) => padStart(h, COLUMN_WIDTH)).join('');
}

function signer(link: ChainLinkJson): string {
  const s = link.letter.signature;
  if (s === null) return '–';
  // A letter whose signer is known only by the post ("นายอำเภอ…") shows the post once.
  if (s.signerName === s.positionTitle) return s.positionTitle;
  return link.letter.signedTh ?? s.signerName;
}

/** The report: circular, progress tree, late list and one chain, in Thai with Thai digits. */
export function printReport(result: ReplayResult, write: (line: string) => void): void {
  const { circular, provinceCircular, progress, province, chain, chainOf } = result;
  const rule = '─'.repeat(LABEL_WIDTH + COLUMN_WIDTH * HEADERS.length);
  write('');
  write(rule);
  write(`หนังสือเวียน ที่ ${circular.numberTh ?? '–'}`);
  write(`เรื่อง ${circular.subject}`);
  write(`กำหนดรายงานผล ${circular.deadlineTh ?? '–'} (ภายในเวลา ๑๖.๓๐ น.)`);
  write(
    `${province.nameTh} ส่งต่อเป็นหนังสือ ที่ ${provinceCircular.numberTh ?? '–'} กำหนด ${provinceCircular.deadlineTh ?? '–'}`,
  );
  write(rule);
  write(`ความคืบหน้า ณ ${formatThaiDateTime(new Date(progress.asOf), 'short')}`);
  write(header());
  write(row('ทั่วประเทศ', progress.total));
  progress.levels.forEach((level, i) => {
    const branch = i === progress.levels.length - 1 ? '└─ ' : '├─ ';
    write(row(`${branch}${LEVEL_SHORT[level.level] ?? level.labelTh}`, level));
  });
  const sakon = progress.provinces.find((p) => p.organisationId === province.id);
  if (sakon !== undefined) {
    write('');
    write(row(province.nameTh, sakon));
    const inDistricts = progress.districts.reduce((sum, d) => sum + d.deliveries, 0);
    const rest = sakon.deliveries - inDistricts;
    progress.districts.forEach((d, i) => {
      const last = i === progress.districts.length - 1 && rest === 0;
      write(row(`${last ? '└─ ' : '├─ '}${d.nameTh}`, d));
    });
    if (rest > 0) {
      const restCounts = subtract(sakon, progress.districts);
      write(row('└─ ศาลากลาง อบจ. และเทศบาลนคร', restCounts));
    }
  }
  write('');
  write(
    'ลงรับ/รับทราบ/ส่งต่อ/รายงานผล นับสะสม (ส่งต่อหรือรายงานผลแล้วนับว่าลงรับแล้ว); เลยกำหนด = เลยกำหนดและยังไม่รายงานผล',
  );
  const states = Object.entries(progress.total.byState)
    .filter(([, v]) => v > 0)
    .map(([state, v]) => `${STATE_TH[state] ?? state} ${n(v)}`)
    .join(' · ');
  write(`สถานะปัจจุบันทั้งประเทศ: ${states}`);

  write(rule);
  const lateHere = progress.late.items.filter((i) => i.provinceId === province.id);
  write(
    `เลยกำหนดแล้วยังไม่รายงานผล ${n(progress.late.count)} แห่ง · ยังไม่ลงรับเลย ${n(progress.silent.count)} แห่ง`,
  );
  write(`ใน${province.nameTh} ${n(lateHere.length)} แห่ง เช่น`);
  for (const item of lateHere.filter((i) => i.depth === 3).slice(0, 5)) {
    write(`  • ${padEnd(item.nameTh, 44)}${item.stateTh}`);
  }

  write(rule);
  if (chainOf === null || chain.length === 0) {
    write('ไม่มีองค์กรปกครองส่วนท้องถิ่นที่เลยกำหนด จึงไม่มีเส้นทางหนังสือให้แสดง');
    return;
  }
  write(`เส้นทางหนังสือถึง ${chainOf.nameTh} (${chainOf.districtNameTh}) ซึ่งเลยกำหนด`);
  chain.forEach((link, i) => {
    const last = i === chain.length - 1;
    const stem = last ? '   ' : '│  ';
    write(
      `${i === 0 ? '┌─' : last ? '└─' : '├─'} ${n(i + 1)}. ${link.letter.senderNameTh} → ${link.recipient.nameTh}`,
    );
    write(`${stem}   ที่ ${link.letter.numberTh ?? '–'}  ลงวันที่ ${link.letter.dateTh ?? '–'}`);
    write(`${stem}   ลงนาม ${signer(link)}`);
    const receipt =
      link.receipt === null
        ? 'ยังไม่ลงรับ'
        : `ลงรับ เลขรับ ${link.receipt.numberTh}/${n(link.receipt.yearBe)} เมื่อ ${link.receipt.registeredAtTh}`;
    write(`${stem}   ${receipt} — สถานะ: ${link.stateTh}`);
  });
  write(rule);
}

const STATE_TH: Record<string, string> = {
  sent: 'รอลงรับ',
  received: 'ลงรับแล้ว',
  acknowledged: 'รับทราบแล้ว',
  forwarded: 'ส่งต่อแล้ว',
  done: 'รายงานผลแล้ว',
  closed: 'ปิดเรื่อง',
  recalled: 'เรียกคืน',
  superseded: 'ถูกแทนที่',
};

function subtract(total: CountsJson, parts: CountsJson[]): CountsJson {
  const byState: Record<string, number> = { ...total.byState };
  for (const p of parts)
    for (const [state, v] of Object.entries(p.byState)) byState[state] = (byState[state] ?? 0) - v;
  return {
    deliveries: total.deliveries - parts.reduce((s, p) => s + p.deliveries, 0),
    byState,
    complete: total.complete - parts.reduce((s, p) => s + p.complete, 0),
    late: total.late - parts.reduce((s, p) => s + p.late, 0),
  };
}
