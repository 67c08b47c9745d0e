/** Kinds of document in the regulation (ระเบียบงานสารบรรณ). Stored values: never rename. */
export const DOCUMENT_TYPES = [
  'external_letter',
  'internal_memo',
  'stamped_letter',
  'order',
  'announcement',
  'record',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABEL_TH: Record<DocumentType, string> = {
  external_letter: 'หนังสือภายนอก',
  internal_memo: 'หนังสือภายใน (บันทึกข้อความ)',
  stamped_letter: 'หนังสือประทับตรา',
  order: 'หนังสือสั่งการ (คำสั่ง ระเบียบ ข้อบังคับ)',
  announcement: 'หนังสือประชาสัมพันธ์',
  record: 'หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็นหลักฐาน',
};

export const SIGNATURE_CAPACITIES = ['self', 'acting_on_behalf', 'acting_in_post'] as const;
export type SignatureCapacity = (typeof SIGNATURE_CAPACITIES)[number];
