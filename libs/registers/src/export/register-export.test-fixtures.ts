import { bangkokInstant, toThaiDigits } from '@wian/thai';
import type { RegisterExportHeader, RegisterExportRow } from './register-export.types.js';

/** The central register of the Sakon Nakhon local-administration office, 2566. */
export const SAMPLE_HEADER: RegisterExportHeader = {
  kind: 'receipt',
  organisationName: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร',
  registerName: 'ทะเบียนกลาง',
  yearBE: 2566,
  printedAt: bangkokInstant({ year: 2023, month: 3, day: 8 }, 16, 45),
};

export const SCENARIO_SUBJECT =
  'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น (สถานที่กลาง) และศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นผ่านระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)';

/** Receipt ๑๙๙๓: the DLA circular มท ๐๘๑๐.๗/ว ๓๐๗ of ๒๗ ก.พ. ๒๕๖๖, received ๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น. */
export const SCENARIO_ROW: RegisterExportRow = {
  registerNumber: 1993,
  letterNumber: 'มท ๐๘๑๐.๗/ว ๓๐๗',
  letterDate: { year: 2023, month: 2, day: 27 },
  from: 'กรมส่งเสริมการปกครองท้องถิ่น',
  to: 'ผู้ว่าราชการจังหวัดสกลนคร',
  subject: SCENARIO_SUBJECT,
  action: 'แจ้ง สถ.อ. บันทึกข้อมูล',
  remarks: 'ด่วนที่สุด',
  registeredAt: bangkokInstant({ year: 2023, month: 3, day: 8 }, 9, 15),
  cancelled: false,
  cancelReason: null,
};

const SENDERS = [
  'กรมส่งเสริมการปกครองท้องถิ่น',
  'สำนักงานจังหวัดสกลนคร',
  'องค์การบริหารส่วนจังหวัดสกลนคร',
  'เทศบาลนครสกลนคร',
  'ที่ทำการปกครองจังหวัดสกลนคร',
];
const SUBJECTS = [
  'ขอความร่วมมือประชาสัมพันธ์การป้องกันและแก้ไขปัญหาหมอกควันและไฟป่า',
  'การเตรียมความพร้อมรับสถานการณ์น้ำท่วมและดินถล่ม ปี ๒๕๖๖',
  'ขอเชิญประชุมคณะกรรมการพัฒนาท้องถิ่น',
  'การเบิกจ่ายเงินอุดหนุนทั่วไป ด้านการศึกษา ไตรมาสที่ ๒',
  'รายงานผลการดำเนินงานตามโครงการเปลี่ยนแปลงสภาพภูมิอากาศ',
  'ซักซ้อมแนวทางการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง',
];
const ACTIONS = [null, 'แจ้ง อปท. ทุกแห่ง', 'ฝ่าย ขท.', 'กง.กฎหมาย', 'กง.การเงินฯ เพื่อทราบ'];

/**
 * `count` plausible register rows numbered from `firstNumber`, a few minutes apart from
 * 8 March 2566 08:30; every 17th has remarks.
 */
export function generatedRows(count: number, firstNumber = 1): RegisterExportRow[] {
  return Array.from({ length: count }, (_, i): RegisterExportRow => {
    const n = firstNumber + i;
    const minutes = 8 * 60 + 30 + i * 7;
    return {
      registerNumber: n,
      letterNumber: `สน ๐๐๒๓.${toThaiDigits((i % 6) + 1)}/ว ${toThaiDigits(4800 + i)}`,
      letterDate: { year: 2023, month: 2, day: (i % 28) + 1 },
      from: SENDERS[i % SENDERS.length],
      to: 'ท้องถิ่นจังหวัดสกลนคร',
      subject: SUBJECTS[i % SUBJECTS.length],
      action: ACTIONS[i % ACTIONS.length],
      remarks: i % 17 === 0 ? 'ส่งทางไปรษณีย์อิเล็กทรอนิกส์' : null,
      registeredAt: bangkokInstant(
        { year: 2023, month: 3, day: 8 + Math.floor(minutes / (24 * 60)) },
        Math.floor(minutes / 60) % 24,
        minutes % 60,
      ),
      cancelled: false,
      cancelReason: null,
    };
  });
}

/** A cancelled number: it stays in the register with its reason. */
export function cancelledRow(registerNumber: number): RegisterExportRow {
  return {
    ...generatedRows(1, registerNumber)[0],
    subject: 'ขออนุมัติเดินทางไปราชการ',
    cancelled: true,
    cancelReason: 'ลงทะเบียนซ้ำกับเลขที่ ๑๙๙๓',
  };
}

/** The scenario row, 40 generated rows and a cancelled one. */
export function sampleRows(): RegisterExportRow[] {
  return [SCENARIO_ROW, ...generatedRows(20, 1994), cancelledRow(2014), ...generatedRows(20, 2015)];
}
