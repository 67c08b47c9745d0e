/**
 * Two-letter province codes (ตัวย่อจังหวัด) used in saraban numbers, by the Interior
 * Ministry's two-digit province geocode. The public address data set has names and
 * geocodes but not these codes.
 */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '10': 'กท',
  '11': 'สป',
  '12': 'นบ',
  '13': 'ปท',
  '14': 'อย',
  '15': 'อท',
  '16': 'ลบ',
  '17': 'สห',
  '18': 'ชน',
  '19': 'สบ',
  '20': 'ชบ',
  '21': 'รย',
  '22': 'จบ',
  '23': 'ตร',
  '24': 'ฉช',
  '25': 'ปจ',
  '26': 'นย',
  '27': 'สก',
  '30': 'นม',
  '31': 'บร',
  '32': 'สร',
  '33': 'ศก',
  '34': 'อบ',
  '35': 'ยส',
  '36': 'ชย',
  '37': 'อจ',
  '38': 'บก',
  '39': 'นภ',
  '40': 'ขก',
  '41': 'อด',
  '42': 'ลย',
  '43': 'นค',
  '44': 'มค',
  '45': 'รอ',
  '46': 'กส',
  '47': 'สน',
  '48': 'นพ',
  '49': 'มห',
  '50': 'ชม',
  '51': 'ลพ',
  '52': 'ลป',
  '53': 'อต',
  '54': 'พร',
  '55': 'นน',
  '56': 'พย',
  '57': 'ชร',
  '58': 'มส',
  '60': 'นว',
  '61': 'อน',
  '62': 'กพ',
  '63': 'ตก',
  '64': 'สท',
  '65': 'พล',
  '66': 'พจ',
  '67': 'พช',
  '70': 'รบ',
  '71': 'กจ',
  '72': 'สพ',
  '73': 'นฐ',
  '74': 'สค',
  '75': 'สส',
  '76': 'พบ',
  '77': 'ปข',
  '80': 'นศ',
  '81': 'กบ',
  '82': 'พง',
  '83': 'ภก',
  '84': 'สฎ',
  '85': 'รน',
  '86': 'ชพ',
  '90': 'สข',
  '91': 'สต',
  '92': 'ตง',
  '93': 'พท',
  '94': 'ปน',
  '95': 'ยล',
  '96': 'นธ',
};

/** Provinces whose seat municipality is a city municipality (เทศบาลนคร); the rest are towns. */
export const CITY_MUNICIPALITY_SEATS: ReadonlySet<string> = new Set([
  '11',
  '12',
  '14',
  '21',
  '30',
  '34',
  '40',
  '41',
  '47',
  '50',
  '52',
  '57',
  '60',
  '65',
  '70',
  '73',
  '74',
  '80',
  '83',
  '84',
  '90',
  '92',
  '95',
]);

export const BANGKOK_GEOCODE = '10';

/**
 * The department's divisions and groups loaded with the hierarchy. Only the unit of the
 * reference circular (มท ๐๘๑๐.๗) has a known saraban prefix; administrators set the others.
 */
export const DLA_UNITS: ReadonlyArray<{
  code: string;
  nameTh: string;
  prefix: string | null;
  parent?: string;
}> = [
  { code: 'dla-secretariat', nameTh: 'สำนักงานเลขานุการกรม', prefix: null },
  { code: 'dla-personnel', nameTh: 'กองการเจ้าหน้าที่', prefix: null },
  { code: 'dla-finance', nameTh: 'กองคลัง', prefix: null },
  { code: 'dla-law', nameTh: 'กองกฎหมายและระเบียบท้องถิ่น', prefix: null },
  { code: 'dla-local-finance', nameTh: 'กองการเงินและบัญชีท้องถิ่น', prefix: null },
  { code: 'dla-education', nameTh: 'กองส่งเสริมและพัฒนาการจัดการศึกษาท้องถิ่น', prefix: null },
  { code: 'dla-development', nameTh: 'กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น', prefix: 'มท 0810.7' },
  {
    code: 'dla-development-governance',
    nameTh: 'กลุ่มงานส่งเสริมการบริหารกิจการบ้านเมืองที่ดีท้องถิ่น',
    prefix: null,
    parent: 'dla-development',
  },
  { code: 'dla-public-health', nameTh: 'กองสาธารณสุขท้องถิ่น', prefix: null },
  { code: 'dla-strategy', nameTh: 'กองยุทธศาสตร์และแผนงาน', prefix: null },
  { code: 'dla-audit', nameTh: 'กองตรวจสอบบัญชีท้องถิ่น', prefix: null },
  { code: 'dla-hr-standards', nameTh: 'กองมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น', prefix: null },
  { code: 'dla-public-services', nameTh: 'กองส่งเสริมและพัฒนาการบริการสาธารณะท้องถิ่น', prefix: null },
  { code: 'dla-it-centre', nameTh: 'ศูนย์เทคโนโลยีสารสนเทศท้องถิ่น', prefix: null },
  { code: 'dla-institute', nameTh: 'สถาบันพัฒนาบุคลากรท้องถิ่น', prefix: null },
];

/**
 * Groups (กลุ่มงาน) of a provincial local-administration office. Group 6 is the one of
 * the reference circular (สน ๐๐๒๓.๖); the numbering of the others follows the usual
 * structure and is marked derived.
 */
export const PROVINCIAL_OFFICE_GROUPS: ReadonlyArray<{ n: number; nameTh: string }> = [
  { n: 1, nameTh: 'ฝ่ายบริหารงานทั่วไป' },
  { n: 2, nameTh: 'กลุ่มงานกฎหมาย ระเบียบ และเรื่องร้องทุกข์' },
  { n: 3, nameTh: 'กลุ่มงานส่งเสริมและพัฒนาท้องถิ่น' },
  { n: 4, nameTh: 'กลุ่มงานมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น' },
  { n: 5, nameTh: 'กลุ่มงานการเงิน บัญชี และการตรวจสอบ' },
  { n: 6, nameTh: 'กลุ่มงานบริการสาธารณะท้องถิ่นและประสานงานท้องถิ่นอำเภอ' },
];
