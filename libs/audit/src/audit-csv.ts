import { stringify } from 'csv-stringify/sync';
import { bangkokTimeOfDay, formatThaiDate } from '@wian/thai';
import type { AuditEvent } from './audit-event.entity.js';
import { canonicalJson } from './audit-hash.js';

const COLUMNS = [
  { key: 'id', header: 'id / ลำดับที่' },
  { key: 'organisation_id', header: 'organisation_id / หน่วยงาน' },
  { key: 'chain_seq', header: 'chain_seq / ลำดับในสาย' },
  { key: 'occurred_at', header: 'occurred_at (UTC) / เวลา (UTC)' },
  { key: 'occurred_at_bangkok', header: 'Bangkok time / เวลาประเทศไทย' },
  { key: 'action', header: 'action / การกระทำ' },
  { key: 'entity_type', header: 'entity_type / ประเภทรายการ' },
  { key: 'entity_id', header: 'entity_id / รหัสรายการ' },
  { key: 'actor_user_id', header: 'actor_user_id / ผู้ใช้' },
  { key: 'actor_api_key_id', header: 'actor_api_key_id / กุญแจ API' },
  { key: 'position_id', header: 'position_id / ตำแหน่ง' },
  { key: 'on_behalf_of_position_id', header: 'on_behalf_of_position_id / ปฏิบัติราชการแทนตำแหน่ง' },
  { key: 'delegation_id', header: 'delegation_id / การมอบอำนาจ' },
  { key: 'request_id', header: 'request_id / รหัสคำขอ' },
  { key: 'ip', header: 'ip / ที่อยู่ IP' },
  { key: 'payload', header: 'payload / รายละเอียด' },
  { key: 'prev_hash', header: 'prev_hash / แฮชก่อนหน้า' },
  { key: 'hash', header: 'hash / แฮช' },
] as const;

type CsvRecord = Record<(typeof COLUMNS)[number]['key'], string>;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a formula;
 * such free text gets a leading apostrophe (OWASP "CSV injection").
 */
function inert(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function bangkokTime(instant: Date): string {
  const { hour, minute, second } = bangkokTimeOfDay(instant);
  const hms = [hour, minute, second].map((n) => String(n).padStart(2, '0')).join(':');
  return `${formatThaiDate(instant, 'short', { digits: 'arabic' })} ${hms}`;
}

function toRecord(event: AuditEvent): CsvRecord {
  return {
    id: event.id,
    organisation_id: event.organisationId === null ? '' : String(event.organisationId),
    chain_seq: event.chainSeq,
    occurred_at: event.occurredAt.toISOString(),
    occurred_at_bangkok: bangkokTime(event.occurredAt),
    action: inert(event.action),
    entity_type: inert(event.entityType),
    entity_id: inert(event.entityId),
    actor_user_id: event.actorUserId ?? '',
    actor_api_key_id: event.actorApiKeyId ?? '',
    position_id: event.positionId ?? '',
    on_behalf_of_position_id: event.onBehalfOfPositionId ?? '',
    delegation_id: event.delegationId ?? '',
    request_id: inert(event.requestId),
    ip: inert(event.ip),
    // Canonical JSON (starts with "{", never a formula): the same text the hash covers.
    payload: canonicalJson(event.payload),
    prev_hash: event.prevHash ?? '',
    hash: event.hash,
  };
}

/**
 * Audit events as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Thai),
 * one header row in English and Thai, CRLF line ends, RFC 4180 quoting.
 */
export function auditEventsToCsv(events: readonly AuditEvent[]): string {
  return stringify(events.map(toRecord), {
    bom: true,
    header: true,
    columns: COLUMNS.map(({ key, header }) => ({ key, header })),
    record_delimiter: 'windows',
  });
}
