import { bangkokYearBE, systemClock, toThaiDigits } from '@wian/thai';
import { OfficialAccounts, type Official } from './official-accounts.factory.js';
import {
  DEPARTMENT_LETTER,
  NUMBERS,
  districtLetter,
  provinceLetter,
} from './scenario-letters.data.js';
import type {
  ChainLinkJson,
  CircularJson,
  DeliveryJson,
  OrganisationJson,
  PageJson,
  ProgressJson,
  RegisterEntryJson,
  RegisterJson,
} from './wian-api.types.js';
import { DemoHttpError, type Session, type WianHttpClient } from './wian-http.client.js';

/** What the replay leaves for the report. */
export interface ReplayResult {
  circular: CircularJson;
  provinceCircular: CircularJson;
  progress: ProgressJson;
  province: OrganisationJson;
  /** The late local government whose chain is shown, and its chain. */
  chainOf: { nameTh: string; districtNameTh: string } | null;
  chain: ChainLinkJson[];
}

const DONE_NOTE = 'บันทึกข้อมูลศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นในระบบ INFO แล้ว';
const EVIDENCE = { link: 'https://info.dla.go.th/' };

/**
 * The reference scenario over HTTP, as the officials of each organisation would do it: the
 * department sends ว ๓๐๗ to every province; Sakon Nakhon receives it (เลขรับ ๑๙๙๓), its head
 * routes it, its deputy governor forwards it as ว ๔๘๗๙ to the 18 districts, the PAO and the
 * city municipality; every district forwards to its local governments; some report done.
 */
export class ScenarioReplay {
  private readonly byId = new Map<number, OrganisationJson>();
  private officials!: OfficialAccounts;
  private admin!: Session;

  constructor(
    private readonly http: WianHttpClient,
    private readonly say: (line: string) => void,
  ) {}

  async run(adminUsername: string, adminPassword: string): Promise<ReplayResult> {
    this.admin = await this.http.signIn(adminUsername, adminPassword);
    this.officials = new OfficialAccounts(this.http, this.admin);
    const [dla, development, province, group6] = await Promise.all(
      ['dla', 'dla-development', 'p-47', 'plao-47-g6'].map((code) => this.byCode(code)),
    );

    // The officials of the department and of Sakon Nakhon, created by the administrator.
    const dlaClerk = await this.officials.create({
      handle: 'dla.clerk',
      organisation: dla,
      titleTh: 'เจ้าพนักงานธุรการ',
      roles: ['clerk'],
    });
    const dlaHead = await this.officials.create({
      handle: 'dla.head',
      organisation: dla,
      titleTh: 'อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
      roles: ['head'],
    });
    const developmentClerk = await this.officials.create({
      handle: 'dla-development.clerk',
      organisation: development,
      titleTh: 'เจ้าพนักงานธุรการ',
      roles: ['clerk'],
    });
    const provinceClerk = await this.officials.create({
      handle: 'p47.clerk',
      organisation: province,
      titleTh: 'เจ้าพนักงานธุรการ',
      roles: ['clerk'],
    });
    const provinceHead = await this.officials.create({
      handle: 'p47.head',
      organisation: province,
      titleTh: 'ผู้ว่าราชการจังหวัดสกลนคร',
      roles: ['head'],
    });
    const deputyGovernor = await this.officials.create({
      handle: 'p47.deputy',
      organisation: province,
      titleTh: 'รองผู้ว่าราชการจังหวัด',
      roles: ['executive'],
      fullNameTh: 'นายชยุต วงศ์วณิช',
    });
    const group6Clerk = await this.officials.create({
      handle: 'plao47-g6.clerk',
      organisation: group6,
      titleTh: 'เจ้าพนักงานธุรการ',
      roles: ['clerk'],
    });
    this.say(`ผู้ดูแลระบบสร้างผู้ใช้และตำแหน่ง ${toThaiDigits(7)} บัญชีของกรมและจังหวัดสกลนคร แต่ละคนลงชื่อเข้าใช้`);

    // Numbers as in the scenario: the series continue from the numbers used on paper.
    const yearBe = bangkokYearBE(systemClock);
    await this.continueSeries(developmentClerk, 'circular', yearBe, NUMBERS.departmentCircular);
    await this.continueSeries(group6Clerk, 'circular', yearBe, NUMBERS.provinceCircular);
    // The receipt number is the scenario's; its date is today's, as the letter is dated today
    // (a letter cannot be received before the day it was sent).
    await this.continueSeries(provinceClerk, 'receipt', yearBe, NUMBERS.provinceReceipt);

    // Step 1: the department sends ว ๓๐๗ to every province. Its deadline is the scenario's,
    // long past, so that the progress shows who is late: said so explicitly, as wian refuses a
    // past deadline otherwise.
    const circular = await this.http.post<CircularJson>(
      `/organisations/${dla.id}/circulars`,
      dlaClerk.session,
      {
        document: DEPARTMENT_LETTER,
        issuingUnitId: development.id,
        selectors: [{ kind: 'all_provinces' }],
        allowPastDeadline: true,
      },
    );
    this.say(
      `กรมส่งหนังสือเวียน ที่ ${circular.numberTh ?? '–'} ถึงผู้ว่าราชการจังหวัด ${toThaiDigits(circular.recipientCount)} จังหวัด`,
    );

    // Step 2: Sakon Nakhon receives it into its central register and acknowledges.
    const delivery = await this.deliveryOf(province, circular.id, provinceClerk.session);
    const received = await this.http.post<DeliveryJson>(
      `/deliveries/${delivery.id}/receive`,
      provinceClerk.session,
      { action: 'เสนอ ผวจ.สน. / แจ้ง สถ.จ.สน. ดำเนินการ' },
    );
    const entry = await this.http.get<RegisterEntryJson>(
      `/register-entries/${received.receiptEntryId ?? ''}`,
      provinceClerk.session,
    );
    await this.http.post(`/deliveries/${delivery.id}/acknowledge`, provinceHead.session, {
      note: 'ทราบ มอบ สถ.จ.สน. ดำเนินการ',
    });
    await this.http.post(`/deliveries/${delivery.id}/instruct`, provinceHead.session, {
      instruction:
        'มอบ สถ.จ.สน. (กลุ่มงานบริการสาธารณะท้องถิ่นและประสานงานท้องถิ่นอำเภอ) แจ้งอำเภอทุกอำเภอ อบจ.สน. และ ทน.สกลนคร',
      unitIds: [group6.id],
    });
    this.say(
      `${province.nameTh} ลงรับ เลขรับ ${toThaiDigits(entry.number)}/${toThaiDigits(entry.yearBe)} ผู้ว่าฯ รับทราบและสั่งการ สถ.จ.`,
    );

    // Step 3: the deputy governor forwards it as ว ๔๘๗๙ (signed ปฏิบัติราชการแทน).
    const provinceCircular = await this.http.post<CircularJson>(
      `/deliveries/${delivery.id}/forward`,
      deputyGovernor.session,
      {
        document: provinceLetter(circular.numberTh ?? ''),
        issuingUnitId: group6.id,
        allowPastDeadline: true,
        selectors: [
          { kind: 'districts_of_province', organisationId: province.id },
          { kind: 'pao_and_city_municipality', organisationId: province.id },
        ],
      },
    );
    this.say(
      `${province.nameTh} ส่งต่อ ที่ ${provinceCircular.numberTh ?? '–'} ถึง ${toThaiDigits(provinceCircular.recipientCount)} แห่ง (อำเภอทุกอำเภอ อบจ. และเทศบาลนคร)`,
    );

    // Step 4: districts forward to their local governments; some report done.
    const recipients = await this.http.get<PageJson<DeliveryJson>>(
      `/circulars/${provinceCircular.id}/deliveries?limit=100`,
      provinceClerk.session,
    );
    const rows = await Promise.all(
      recipients.items.map(async (d) => ({
        delivery: d,
        organisation: await this.organisation(d.recipientOrganisationId),
      })),
    );
    const districts = rows.filter((r) => r.organisation.kind === 'district');
    const others = rows.filter((r) => r.organisation.kind !== 'district');
    let localGovernments = 0;
    let reportedDone = 0;
    for (const [index, { delivery: d, organisation }] of districts.entries()) {
      const clerk = await this.officials.create({
        handle: `${organisation.code}.clerk`,
        organisation,
        titleTh: 'เจ้าพนักงานธุรการ',
        roles: ['clerk'],
      });
      await this.http.post(`/deliveries/${d.id}/receive`, clerk.session);
      await this.http.post(`/deliveries/${d.id}/acknowledge`, clerk.session, { note: 'ทราบ' });
      const forward = await this.http.post<CircularJson>(
        `/deliveries/${d.id}/forward`,
        clerk.session,
        {
          document: districtLetter(organisation.nameTh, provinceCircular.numberTh ?? ''),
          selectors: [{ kind: 'local_governments', organisationId: organisation.id }],
        },
      );
      localGovernments += forward.recipientCount;
      // Every second district: its first local government reports done.
      if (index % 2 === 0 && forward.recipientCount > 0) {
        const first = await this.http.get<PageJson<DeliveryJson>>(
          `/circulars/${forward.id}/deliveries?limit=1`,
          clerk.session,
        );
        const lgDelivery = first.items[0];
        const lg = await this.organisation(lgDelivery.recipientOrganisationId);
        await this.reportDone(lgDelivery.id, lg, `${organisation.code}.lg1.clerk`);
        reportedDone += 1;
      }
    }
    this.say(
      `อำเภอ ${toThaiDigits(districts.length)} อำเภอ ลงรับ รับทราบ และส่งต่อถึงองค์กรปกครองส่วนท้องถิ่น ${toThaiDigits(localGovernments)} แห่ง; ` +
        `รายงานผลแล้ว ${toThaiDigits(reportedDone)} แห่ง (แห่งแรกของทุกอำเภอลำดับคี่)`,
    );

    for (const { delivery: d, organisation } of others) {
      if (organisation.kind === 'city_municipality') await this.cityMunicipality(d, organisation);
      else await this.reportDone(d.id, organisation, `${organisation.code}.clerk`);
    }
    this.say(
      `อบจ.สกลนคร และเทศบาลนครสกลนคร ลงรับ รับทราบ และรายงานผล (${toThaiDigits(others.length)} แห่ง)`,
    );

    // What the department sees.
    const progress = await this.http.get<ProgressJson>(
      `/circulars/${circular.id}/progress?provinceId=${province.id}&limit=10000`,
      dlaHead.session,
    );
    const late = progress.late.items.find((i) => i.depth === 3 && i.provinceId === province.id);
    const chain =
      late === undefined
        ? []
        : await this.http.get<ChainLinkJson[]>(
            `/circulars/${circular.id}/deliveries/${late.deliveryId}/chain`,
            dlaHead.session,
          );
    const district =
      late === undefined || late.districtId === null
        ? null
        : await this.organisation(late.districtId);
    return {
      circular,
      provinceCircular,
      progress,
      province,
      chainOf:
        late === undefined ? null : { nameTh: late.nameTh, districtNameTh: district?.nameTh ?? '' },
      chain,
    };
  }

  /** Receive → acknowledge → done, by a clerk of the recipient. */
  private async reportDone(
    deliveryId: string,
    organisation: OrganisationJson,
    handle: string,
  ): Promise<void> {
    const clerk = await this.officials.create({
      handle,
      organisation,
      titleTh: 'เจ้าพนักงานธุรการ',
      roles: ['clerk'],
    });
    await this.http.post(`/deliveries/${deliveryId}/receive`, clerk.session);
    await this.http.post(`/deliveries/${deliveryId}/acknowledge`, clerk.session, { note: 'ทราบ' });
    await this.http.post(`/deliveries/${deliveryId}/done`, clerk.session, {
      note: DONE_NOTE,
      evidence: EVIDENCE,
    });
  }

  /**
   * เทศบาลนครสกลนคร registers it in its own central register (เลขรับ ๔๐๙๕) and its head
   * circulates it to the municipality's internal units, when wian knows of any.
   */
  private async cityMunicipality(d: DeliveryJson, city: OrganisationJson): Promise<void> {
    const clerk = await this.officials.create({
      handle: `${city.code}.clerk`,
      organisation: city,
      titleTh: 'เจ้าพนักงานธุรการ',
      roles: ['clerk'],
    });
    await this.continueSeries(
      clerk,
      'receipt',
      bangkokYearBE(systemClock),
      NUMBERS.cityMunicipalityReceipt,
    );
    const received = await this.http.post<DeliveryJson>(
      `/deliveries/${d.id}/receive`,
      clerk.session,
      { action: 'เสนอ นายกเทศมนตรีนครสกลนคร' },
    );
    const entry = await this.http.get<RegisterEntryJson>(
      `/register-entries/${received.receiptEntryId ?? ''}`,
      clerk.session,
    );
    const children = await this.http.get<PageJson<OrganisationJson>>(
      `/organisations/${city.id}/children?limit=100`,
      this.admin,
    );
    const units = children.items.filter((o) => o.kind === 'internal_unit');
    if (units.length > 0) {
      const head = await this.officials.create({
        handle: `${city.code}.head`,
        organisation: city,
        titleTh: 'นายกเทศมนตรีนครสกลนคร',
        roles: ['head'],
      });
      await this.http.post(`/deliveries/${d.id}/acknowledge`, head.session, { note: 'ทราบ' });
      await this.http.post(`/deliveries/${d.id}/instruct`, head.session, {
        instruction: 'เวียนกองที่เกี่ยวข้องทราบ และบันทึกข้อมูลในระบบ INFO',
        unitIds: units.map((u) => u.id),
      });
      this.say(
        `${city.nameTh} ลงรับ เลขรับ ${toThaiDigits(entry.number)} นายกเทศมนตรีสั่งเวียนภายใน ${toThaiDigits(units.length)} หน่วย`,
      );
    } else {
      await this.http.post(`/deliveries/${d.id}/acknowledge`, clerk.session, { note: 'ทราบ' });
      this.say(
        `${city.nameTh} ลงรับ เลขรับ ${toThaiDigits(entry.number)} (ไม่มีหน่วยงานภายในในระบบ จึงไม่เวียนภายใน)`,
      );
    }
    await this.http.post(`/deliveries/${d.id}/done`, clerk.session, {
      note: DONE_NOTE,
      evidence: EVIDENCE,
    });
  }

  /**
   * POST /registers/:id/continue-from on the organisation's circular series or central receipt
   * register. A series already past the number (a replay on the same wian) keeps its own.
   */
  private async continueSeries(
    clerk: Official,
    which: 'circular' | 'receipt',
    yearBe: number,
    nextNumber: number,
  ): Promise<void> {
    const registers = await this.http.get<RegisterJson[]>(
      `/organisations/${clerk.organisation.id}/registers`,
      clerk.session,
    );
    const register = registers.find((r) =>
      which === 'receipt'
        ? r.kind === 'receipt' && r.name === 'ทะเบียนกลาง'
        : r.kind === 'dispatch' && r.series === 'circular',
    );
    if (register === undefined)
      throw new Error(`${clerk.organisation.nameTh} has no ${which} register`);
    try {
      await this.http.post(`/registers/${register.id}/continue-from`, this.admin, {
        year: yearBe,
        nextNumber,
      });
    } catch (error) {
      if (!(error instanceof DemoHttpError) || error.status >= 500) throw error;
      this.say(
        error.status === 409
          ? `(${register.name}ของ${clerk.organisation.nameTh} ใช้เลข ${toThaiDigits(nextNumber)} ไปแล้ว จึงใช้เลขถัดไปของทะเบียน)`
          : `(${register.name}ของ${clerk.organisation.nameTh} ตั้งเลขถัดไปไม่ได้: ${error.message})`,
      );
    }
  }

  private async deliveryOf(
    organisation: OrganisationJson,
    circularId: string,
    session: Session,
  ): Promise<DeliveryJson> {
    const page = await this.http.get<PageJson<DeliveryJson>>(
      `/organisations/${organisation.id}/deliveries?limit=500`,
      session,
    );
    const found = page.items.find((d) => d.circularId === circularId);
    if (found === undefined) throw new Error(`${organisation.nameTh} did not get the circular`);
    return found;
  }

  private async byCode(code: string): Promise<OrganisationJson> {
    const o = await this.http.get<OrganisationJson>(`/organisations/by-code/${code}`, this.admin);
    this.byId.set(o.id, o);
    return o;
  }

  private async organisation(id: number): Promise<OrganisationJson> {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const o = await this.http.get<OrganisationJson>(`/organisations/${id}`, this.admin);
    this.byId.set(id, o);
    return o;
  }
}
