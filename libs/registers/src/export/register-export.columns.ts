import type { RegisterKind } from './register-export.types.js';

/** A column heading in Thai, with the English gloss used in the CSV header row. */
export interface RegisterColumnLabel {
  th: string;
  en: string;
}

/** Headings of every field a register export can show. */
export interface RegisterColumnLabels {
  registerNumber: RegisterColumnLabel;
  registeredAt: RegisterColumnLabel;
  registeredDate: RegisterColumnLabel;
  registeredTime: RegisterColumnLabel;
  letterNumber: RegisterColumnLabel;
  letterDate: RegisterColumnLabel;
  from: RegisterColumnLabel;
  to: RegisterColumnLabel;
  subject: RegisterColumnLabel;
  action: RegisterColumnLabel;
  remarks: RegisterColumnLabel;
  status: RegisterColumnLabel;
  cancelReason: RegisterColumnLabel;
}

/** Title of the register as the regulation names it. */
export const REGISTER_TITLE_TH: Readonly<Record<RegisterKind, string>> = {
  receipt: 'ทะเบียนหนังสือรับ',
  dispatch: 'ทะเบียนหนังสือส่ง',
};

/** Marks a cancelled number (the number stays in the register). */
export const CANCELLED_TH = 'ยกเลิก';

/**
 * Column headings of the receipt register (ทะเบียนหนังสือรับ) and the dispatch register
 * (ทะเบียนหนังสือส่ง), which differ only in the number and the date of the register entry.
 */
export function registerColumnLabels(kind: RegisterKind): RegisterColumnLabels {
  const receipt = kind === 'receipt';
  return {
    registerNumber: receipt
      ? { th: 'เลขทะเบียนรับ', en: 'receipt no.' }
      : { th: 'เลขทะเบียนส่ง', en: 'dispatch no.' },
    registeredAt: receipt
      ? { th: 'วันที่/เวลารับ', en: 'received' }
      : { th: 'วันที่/เวลาส่ง', en: 'dispatched' },
    registeredDate: receipt
      ? { th: 'วันที่รับ', en: 'date received' }
      : { th: 'วันที่ส่ง', en: 'date dispatched' },
    registeredTime: receipt
      ? { th: 'เวลารับ', en: 'time received' }
      : { th: 'เวลาส่ง', en: 'time dispatched' },
    letterNumber: { th: 'ที่', en: 'letter no.' },
    letterDate: { th: 'ลงวันที่', en: 'letter date' },
    from: { th: 'จาก', en: 'from' },
    to: { th: 'ถึง', en: 'to' },
    subject: { th: 'เรื่อง', en: 'subject' },
    action: { th: 'การปฏิบัติ', en: 'action taken' },
    remarks: { th: 'หมายเหตุ', en: 'remarks' },
    status: { th: 'สถานะ', en: 'status' },
    cancelReason: { th: 'เหตุที่ยกเลิก', en: 'cancellation reason' },
  };
}
