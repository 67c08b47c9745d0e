import {
  type CivilDate,
  bangkokIsoString,
  civilDateToIso,
  formatThaiDate,
  formatThaiDateTime,
  isValidCivilDate,
} from '@wian/thai';
import type { AuthorityRefusal, DelegationKind, DelegationRecord } from './delegation.types.js';
import type { DelegationChainFault } from './delegation-chain.error.js';
import type { ChainBreakReason } from './delegation-chain.js';

/** Why no authority was found — the most informative cause the resolver could establish. */
export type RefusalCause =
  | { cause: 'no_authority' }
  | { cause: 'acting_position_not_held'; actingPositionId: string }
  | { cause: 'delegate_not_holder'; delegation: DelegationRecord }
  | { cause: 'out_of_period'; delegation: DelegationRecord }
  | { cause: 'revoked'; delegation: DelegationRecord }
  | { cause: 'out_of_scope'; delegation: DelegationRecord }
  | { cause: 'chain_fault'; delegation: DelegationRecord; fault: DelegationChainFault }
  | {
      cause: 'chain_break';
      delegation: DelegationRecord;
      ancestor: DelegationRecord;
      reason: ChainBreakReason;
    };

const KIND_LABEL_TH: Record<DelegationKind, string> = {
  acting_on_behalf: 'การมอบอำนาจให้ปฏิบัติราชการแทน',
  acting_in_post: 'การแต่งตั้งให้รักษาราชการแทน',
};

const KIND_LABEL_EN: Record<DelegationKind, string> = {
  acting_on_behalf: 'The delegation (acting on behalf)',
  acting_in_post: 'The appointment to act in the post',
};

/** Builds the bilingual refusal for a cause, naming the action and the date. */
export function refusalFor(cause: RefusalCause, action: string, on: CivilDate): AuthorityRefusal {
  const dateTh = thaiDate(on);
  const dateEn = isoDate(on);
  const cannotTh = `จึงไม่อาจดำเนินการ "${action}" ในวันที่ ${dateTh}`;
  const cannotEn = `so "${action}" cannot be performed on ${dateEn}`;
  switch (cause.cause) {
    case 'no_authority':
      return {
        reasonCode: 'no_authority',
        messageTh: `ไม่มีอำนาจดำเนินการ "${action}" ในนามของตำแหน่งนี้ในวันที่ ${dateTh}`,
        messageEn: `No authority to perform "${action}" for this position on ${dateEn}`,
      };
    case 'acting_position_not_held':
      return {
        reasonCode: 'not_holder',
        messageTh: `ผู้ใช้ไม่ได้ดำรงตำแหน่งที่ระบุว่าปฏิบัติหน้าที่ในวันที่ ${dateTh} ${cannotTh}`,
        messageEn: `The user does not hold the position they act in (${cause.actingPositionId}) on ${dateEn}, ${cannotEn}`,
      };
    case 'delegate_not_holder': {
      const d = cause.delegation;
      return {
        reasonCode: 'not_holder',
        messageTh: `${labelTh(d)} มอบให้ผู้ดำรงตำแหน่งซึ่งผู้ใช้ไม่ได้ดำรงอยู่ในวันที่ ${dateTh} ${cannotTh}`,
        messageEn: `${labelEn(d)} is to a position the user does not hold on ${dateEn}, ${cannotEn}`,
      };
    }
    case 'out_of_period': {
      const d = cause.delegation;
      return {
        reasonCode: 'out_of_period',
        messageTh: `${labelTh(d)} ไม่มีผลในวันที่ ${dateTh} (${periodTh(d)}) จึงไม่อาจดำเนินการ "${action}"`,
        messageEn: `${labelEn(d)} is not in force on ${dateEn} (${periodEn(d)}), so "${action}" cannot be performed`,
      };
    }
    case 'revoked': {
      const d = cause.delegation;
      return {
        reasonCode: 'revoked',
        messageTh: `${labelTh(d)} ถูกยกเลิกแล้ว${revokedTh(d)} ${cannotTh}`,
        messageEn: `${labelEn(d)} has been revoked${revokedEn(d)}, ${cannotEn}`,
      };
    }
    case 'out_of_scope': {
      const d = cause.delegation;
      return {
        reasonCode: 'out_of_scope',
        messageTh: `${labelTh(d)} ไม่ครอบคลุมการดำเนินการ "${action}" (ขอบเขต: ${d.scopeActions.join(', ')}) ${cannotTh}`,
        messageEn: `${labelEn(d)} does not cover "${action}" (scope: ${d.scopeActions.join(', ')}), ${cannotEn}`,
      };
    }
    case 'chain_fault': {
      const d = cause.delegation;
      const faultTh = cause.fault === 'cycle' ? 'อ้างอิงกันเป็นวงวน' : 'ไม่มีอยู่ในระบบ';
      const faultEn = cause.fault === 'cycle' ? 'forms a cycle' : 'is missing';
      return {
        reasonCode: 'no_authority',
        messageTh: `${labelTh(d)} อ้างอิงคำสั่งมอบอำนาจต้นทางที่${faultTh} ${cannotTh}`,
        messageEn: `${labelEn(d)} rests on a parent delegation that ${faultEn}, ${cannotEn}`,
      };
    }
    case 'chain_break':
      return chainBreakRefusal(cause, action, on);
  }
}

function chainBreakRefusal(
  cause: Extract<RefusalCause, { cause: 'chain_break' }>,
  action: string,
  on: CivilDate,
): AuthorityRefusal {
  const { delegation: d, ancestor: a } = cause;
  const dateTh = thaiDate(on);
  const dateEn = isoDate(on);
  const prefixTh = `${labelTh(d)} เป็นการมอบอำนาจต่อจาก${labelTh(a)} ซึ่ง`;
  const prefixEn = `${labelEn(d)} was delegated onwards under order "${a.orderNumber}", which`;
  const cannotTh = `จึงไม่อาจดำเนินการ "${action}" ในวันที่ ${dateTh}`;
  const cannotEn = `so "${action}" cannot be performed on ${dateEn}`;
  switch (cause.reason) {
    case 'principal_mismatch':
      return {
        reasonCode: 'no_authority',
        messageTh: `${prefixTh}เป็นการมอบอำนาจของตำแหน่งอื่น ${cannotTh}`,
        messageEn: `${prefixEn} is for another position's powers, ${cannotEn}`,
      };
    case 'out_of_period':
      return {
        reasonCode: 'out_of_period',
        messageTh: `${prefixTh}ไม่มีผลในวันที่ ${dateTh} (${periodTh(a)}) จึงไม่อาจดำเนินการ "${action}"`,
        messageEn: `${prefixEn} is not in force on ${dateEn} (${periodEn(a)}), so "${action}" cannot be performed`,
      };
    case 'revoked':
      return {
        reasonCode: 'revoked',
        messageTh: `${prefixTh}ถูกยกเลิกแล้ว${revokedTh(a)} ${cannotTh}`,
        messageEn: `${prefixEn} has been revoked${revokedEn(a)}, ${cannotEn}`,
      };
    case 'subdelegation_not_allowed':
      return {
        reasonCode: 'no_authority',
        messageTh: `${prefixTh}ไม่อนุญาตให้มอบอำนาจต่อ ${cannotTh}`,
        messageEn: `${prefixEn} does not allow onward delegation, ${cannotEn}`,
      };
    case 'out_of_scope':
      return {
        reasonCode: 'out_of_scope',
        messageTh: `${prefixTh}ไม่ครอบคลุมการดำเนินการ "${action}" (ขอบเขต: ${a.scopeActions.join(', ')}) ${cannotTh}`,
        messageEn: `${prefixEn} does not cover "${action}" (scope: ${a.scopeActions.join(', ')}), ${cannotEn}`,
      };
  }
}

function labelTh(d: DelegationRecord): string {
  return `${KIND_LABEL_TH[d.kind]}ตาม${d.orderNumber}`;
}

function labelEn(d: DelegationRecord): string {
  return `${KIND_LABEL_EN[d.kind]} under order "${d.orderNumber}"`;
}

function periodTh(d: DelegationRecord): string {
  const from = `มีผลตั้งแต่วันที่ ${thaiDate(d.validFrom)}`;
  return d.validUntil === null
    ? `${from} โดยไม่มีกำหนดสิ้นสุด`
    : `${from} ถึงวันที่ ${thaiDate(d.validUntil)}`;
}

function periodEn(d: DelegationRecord): string {
  const from = `valid from ${isoDate(d.validFrom)}`;
  return d.validUntil === null ? `${from}, open-ended` : `${from} to ${isoDate(d.validUntil)}`;
}

function revokedTh(d: DelegationRecord): string {
  return d.revokedAt === null || Number.isNaN(d.revokedAt.getTime())
    ? ''
    : ` เมื่อ ${formatThaiDateTime(d.revokedAt)}`;
}

function revokedEn(d: DelegationRecord): string {
  return d.revokedAt === null || Number.isNaN(d.revokedAt.getTime())
    ? ''
    : ` at ${bangkokIsoString(d.revokedAt)}`;
}

/** Thai long date; falls back to the raw fields so that a corrupt record never breaks a message. */
function thaiDate(d: CivilDate): string {
  return isValidCivilDate(d) ? formatThaiDate(d, 'long') : rawDate(d);
}

function isoDate(d: CivilDate): string {
  return isValidCivilDate(d) ? civilDateToIso(d) : rawDate(d);
}

function rawDate(d: CivilDate): string {
  return `${d.year}-${d.month}-${d.day}`;
}
