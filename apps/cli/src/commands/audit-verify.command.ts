import { verifyAuditChains, type AuditVerification } from '@wian/audit';
import { openDatabase } from '../open-database.js';

/** The verifier's verdict in English and Thai, one line. */
export function describeAuditVerification(result: AuditVerification): string {
  const broken = result.firstBroken;
  if (broken === undefined) {
    return (
      `Audit trail intact: ${result.rows} rows in ${result.chains} chains / ` +
      `บันทึกการตรวจสอบครบถ้วน ไม่ถูกแก้ไข: ${result.rows} รายการ ใน ${result.chains} สาย`
    );
  }
  const organisation = broken.organisationId === null ? 'none' : String(broken.organisationId);
  const organisationTh = broken.organisationId === null ? 'ไม่มี' : String(broken.organisationId);
  return (
    `BROKEN at row id ${broken.id} (organisation ${organisation}, seq ${broken.chainSeq}): ` +
    `${broken.reason} / บันทึกการตรวจสอบเสียหายที่รายการ id ${broken.id} ` +
    `(หน่วยงาน ${organisationTh}, ลำดับ ${broken.chainSeq}): ${broken.reason}`
  );
}

/**
 * `npm run audit:verify`: re-computes every hash chain of the audit trail and names the first
 * broken row. Read-only. Exit code 0 when intact, 1 when broken or the trail is missing.
 */
export async function auditVerify(): Promise<number> {
  const db = await openDatabase();
  try {
    const [table] = await db.query<Array<{ name: string | null }>>(
      `SELECT to_regclass('audit_event')::text AS name`,
    );
    if (table.name === null) {
      process.stderr.write(
        'No audit_event table: apply the migrations first (npm run migration:run) / ' +
          'ยังไม่มีตาราง audit_event: โปรดรัน npm run migration:run ก่อน\n',
      );
      return 1;
    }
    const result = await verifyAuditChains(db.manager);
    const line = `${describeAuditVerification(result)}\n`;
    if (result.ok) process.stdout.write(line);
    else process.stderr.write(line);
    return result.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}
