import { HierarchySeeder } from '@wian/hierarchy';
import { runPendingMigrations, TransactionHost } from '@wian/persistence';
import { openDatabase } from '../open-database.js';

/** Loads the national hierarchy now (what the first start does). */
export async function hierarchyLoad(): Promise<void> {
  const db = await openDatabase();
  try {
    await runPendingMigrations(db);
    const outcome = await new HierarchySeeder(new TransactionHost(db), db).seedNationalHierarchy();
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  } finally {
    await db.destroy();
  }
}
