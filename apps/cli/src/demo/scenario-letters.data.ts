/**
 * The letters of the reference scenario (../shared/domain/scenario.md): department circular
 * มท ๐๘๑๐.๗/ว ๓๐๗ and Sakon Nakhon's forward สน ๐๐๒๓.๖/ว ๔๘๗๙, as a clerk types them into
 * wian. Numbers and letter dates are given by wian at dispatch.
 */
export const SUBJECT =
  'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น (สถานที่กลาง) และศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นผ่านระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)';

export const DEADLINE = 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖';

/** The scenario's numbers, set by continuing the series (where the series allows). */
export const NUMBERS = {
  departmentCircular: 307,
  provinceCircular: 4879,
  provinceReceipt: 1993,
  cityMunicipalityReceipt: 4095,
} as const;

export const DEPARTMENT_LETTER = {
  type: 'external_letter',
  issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
  issuerAddress: 'ถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐',
  owningUnit: 'กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น กลุ่มงานส่งเสริมการบริหารกิจการบ้านเมืองที่ดีท้องถิ่น',
  urgency: 'ด่วนที่สุด',
  subject: SUBJECT,
  salutation: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด',
  references: [{ number: 'มท ๐๘๑๐.๗/ว ๒๗๙', date: '๑๐ มีนาคม ๒๕๖๕' }],
  enclosures: [
    {
      description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น',
      count: 1,
      unit: 'ชุด',
    },
    {
      description: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น',
      count: 1,
      unit: 'ชุด',
    },
  ],
  requestedAction:
    '(๑) ให้สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดบันทึกข้อมูลพื้นฐานและการติดตั้งป้ายศูนย์ปฏิบัติการร่วมฯ ของจังหวัด ' +
    '(๒) ให้องค์กรปกครองส่วนท้องถิ่นทุกแห่งบันทึกข้อมูลศูนย์ช่วยเหลือประชาชนฯ ของตน ในระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)',
  deadline: DEADLINE,
  signature: {
    signerName: 'นายศิริพันธ์ ศรีกงพลี',
    positionTitle: 'รองอธิบดี',
    capacity: 'acting_on_behalf',
    principalPositionTitle: 'อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
  },
  contact: {
    unit: 'กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น กลุ่มงานส่งเสริมการบริหารกิจการบ้านเมืองที่ดีท้องถิ่น',
    telephone: '๐ ๒๒๕๔ ๙๐๐๐ ต่อ ๒๓๑๒',
    fax: '๐ ๒๒๕๔ ๖๙๕๖',
    email: 'saraban@dla.go.th',
    coordinator: 'นายมณฑล บัวทอง',
  },
};

/** Sakon Nakhon's own circular; the department's letter is carried as its enclosure. */
export function provinceLetter(departmentNumberTh: string): Record<string, unknown> {
  return {
    type: 'external_letter',
    issuerName: 'ศาลากลางจังหวัดสกลนคร',
    issuerAddress: 'ถนนศูนย์ราชการ สน ๔๗๐๐๐',
    owningUnit: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด กลุ่มงานบริการสาธารณะท้องถิ่นและประสานงานท้องถิ่นอำเภอ',
    urgency: 'ด่วนที่สุด',
    subject: SUBJECT,
    salutation: 'นายอำเภอ ทุกอำเภอ นายกองค์การบริหารส่วนจังหวัดสกลนคร นายกเทศมนตรีนครสกลนคร',
    references: [
      { number: 'สน ๐๐๒๓.๓/ว ๕๑๓๔', date: '๒๔ มีนาคม ๒๕๖๕' },
      { number: departmentNumberTh },
    ],
    requestedAction:
      'ให้อำเภอแจ้งสำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอบันทึกข้อมูลศูนย์ปฏิบัติการร่วมฯ และแจ้งองค์กรปกครองส่วนท้องถิ่นทุกแห่งบันทึกข้อมูลศูนย์ช่วยเหลือประชาชนฯ ' +
      'ส่วนองค์การบริหารส่วนจังหวัดสกลนครและเทศบาลนครสกลนครดำเนินการในส่วนของตน ในระบบ INFO',
    deadline: DEADLINE,
    signature: {
      signerName: 'นายชยุต วงศ์วณิช',
      positionTitle: 'รองผู้ว่าราชการจังหวัด',
      capacity: 'acting_on_behalf',
      principalPositionTitle: 'ผู้ว่าราชการจังหวัดสกลนคร',
    },
    contact: {
      unit: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด กลุ่มงานบริการสาธารณะท้องถิ่นและประสานงานท้องถิ่นอำเภอ',
      telephone: '๐ ๔๒๗๑ ๖๔๘๒',
      fax: '๐ ๔๒๗๑ ๖๔๘๒',
    },
  };
}

/** A district's circular to the local governments of its area (deadline: the parent's). */
export function districtLetter(
  districtNameTh: string,
  provinceNumberTh: string,
): Record<string, unknown> {
  const place = districtNameTh.replace(/^อำเภอ/, '');
  return {
    type: 'external_letter',
    issuerName: `ที่ว่าการ${districtNameTh}`,
    urgency: 'ด่วนที่สุด',
    subject: SUBJECT,
    salutation: `นายกองค์กรปกครองส่วนท้องถิ่น ทุกแห่งในเขต${districtNameTh}`,
    references: [{ number: provinceNumberTh }],
    requestedAction: 'บันทึกข้อมูลศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นในระบบ INFO',
    signature: {
      signerName: `นายอำเภอ${place}`,
      positionTitle: `นายอำเภอ${place}`,
      capacity: 'self',
    },
  };
}
