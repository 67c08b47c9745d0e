import type { CivilDate } from '@wian/thai';

/** Which register is exported: ทะเบียนหนังสือรับ (`receipt`) or ทะเบียนหนังสือส่ง (`dispatch`). */
export type RegisterKind = 'receipt' | 'dispatch';

/** One line of a register as it is printed or exported. */
export interface RegisterExportRow {
  /** เลขทะเบียนรับ / เลขทะเบียนส่ง: the running number within the year (stored in Arabic digits). */
  registerNumber: number;
  /** ที่: the letter's own number, already formatted for print (e.g. `มท ๐๘๑๐.๗/ว ๓๐๗`); rendered as given. */
  letterNumber: string | null;
  /** ลงวันที่: the letter's own date. */
  letterDate: CivilDate | null;
  /** จาก */
  from: string;
  /** ถึง */
  to: string;
  /** เรื่อง */
  subject: string;
  /** การปฏิบัติ: action taken. */
  action: string | null;
  /** หมายเหตุ */
  remarks: string | null;
  /** Instant of receipt (or dispatch); printed as Asia/Bangkok date and time. */
  registeredAt: Date;
  /** A cancelled number stays in the register, marked ยกเลิก with its reason. */
  cancelled: boolean;
  cancelReason: string | null;
}

/** What is printed above the table. */
export interface RegisterExportHeader {
  kind: RegisterKind;
  /** e.g. `สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร` */
  organisationName: string;
  /** e.g. `ทะเบียนกลาง` */
  registerName: string;
  /** Buddhist Era year of the register, e.g. 2566. */
  yearBE: number;
  /** When the export was made (footer of the PDF). */
  printedAt: Date;
  /** Which part of the register this is, e.g. `เลขที่ ๑–๒๐๐`; shown under the title. */
  filterDescription?: string | null;
}
