/** The parts of wian's JSON answers the demo reads (see /docs for the full shapes). */

export interface OrganisationJson {
  id: number;
  code: string;
  kind: string;
  nameTh: string;
  shortName: string | null;
  provinceId: number | null;
  districtId: number | null;
}

export interface PageJson<T> {
  total: number;
  items: T[];
}

export interface RegisterJson {
  id: string;
  kind: 'receipt' | 'dispatch';
  name: string;
  series: string | null;
}

export interface CircularJson {
  id: string;
  numberTh: string | null;
  subject: string;
  deadlineTh: string | null;
  recipientCount: number;
}

export interface DeliveryJson {
  id: string;
  circularId: string;
  recipientOrganisationId: number;
  state: string;
  receiptEntryId: string | null;
}

export interface RegisterEntryJson {
  number: number;
  yearBe: number;
}

export interface CountsJson {
  deliveries: number;
  byState: Record<string, number>;
  complete: number;
  late: number;
}

export interface LateItemJson {
  deliveryId: string;
  organisationId: number;
  nameTh: string;
  kind: string;
  provinceId: number | null;
  districtId: number | null;
  depth: number;
  stateTh: string;
}

export interface ProgressJson {
  circular: { numberTh: string | null; subject: string; deadlineTh: string | null };
  asOf: string;
  total: CountsJson;
  levels: Array<CountsJson & { level: string; labelTh: string }>;
  provinces: Array<CountsJson & { organisationId: number; nameTh: string }>;
  districts: Array<CountsJson & { organisationId: number; nameTh: string }>;
  late: { count: number; items: LateItemJson[] };
  silent: { count: number; items: LateItemJson[] };
}

export interface ChainLinkJson {
  depth: number;
  letter: {
    numberTh: string | null;
    dateTh: string | null;
    senderNameTh: string;
    signature: { signerName: string; positionTitle: string } | null;
    signedTh: string | null;
  };
  recipient: { organisationId: number; nameTh: string };
  receipt: { numberTh: string; yearBe: number; registeredAtTh: string } | null;
  state: string;
  stateTh: string;
}
