import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AuditTrail } from '@wian/audit';
import { OrganisationCsvImporter } from '@wian/hierarchy';
import { systemClock } from '@wian/thai';
import { runPendingMigrations, TransactionHost } from '@wian/persistence';
import { openDatabase } from '../open-database.js';

/** `npm run import:orgs -- file.csv`: all lines or none; problems by line number. */
export async function importOrgs(file: string | undefined): Promise<number> {
  if (file === undefined) {
    throw new Error(
      'Usage: npm run import:orgs -- organisations.csv  (columns: code,name,kind,district,province,parent_code)',
    );
  }
  const csv = readFileSync(file, 'utf8');
  const db = await openDatabase();
  try {
    await runPendingMigrations(db);
    const tx = new TransactionHost(db);
    const report = await new OrganisationCsvImporter(tx).import(csv);
    if (!report.ok) {
      process.stderr.write(
        `ไม่ได้นำเข้า: พบปัญหา ${report.problems.length} จุด / Nothing imported: ${report.problems.length} problem(s)\n`,
      );
      for (const p of report.problems) {
        process.stderr.write(`  line ${p.line}, ${p.column}: ${p.message_en} / ${p.message_th}\n`);
      }
      return 1;
    }
    await new AuditTrail(tx, systemClock).record({
      action: 'organisation.import',
      entityType: 'organisation_list',
      entityId: basename(file).slice(0, 64),
      payload: {
        rows: report.rows,
        inserted: report.inserted,
        updated: report.updated,
        derivedDeactivated: report.derivedDeactivated,
        via: 'cli',
      },
    });
    process.stdout.write(
      `Imported ${report.rows} rows: ${report.inserted} new, ${report.updated} updated; ` +
        `${report.derivedDeactivated} derived local governments deactivated in the provinces covered.\n`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}
