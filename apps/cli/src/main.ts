import 'reflect-metadata';
import { createAdmin } from './commands/create-admin.command.js';
import { demo } from './commands/demo.command.js';
import { hierarchyLoad } from './commands/hierarchy-load.command.js';
import { importOrgs } from './commands/import-orgs.command.js';
import { auditVerify } from './commands/audit-verify.command.js';
import {
  migrationGenerate,
  migrationRevert,
  migrationRun,
  migrationShow,
} from './commands/migration.command.js';

const USAGE = `wian command line

  migration:run              apply pending migrations
  migration:revert           undo the last migration
  migration:show             say whether migrations are pending
  migration:generate NAME    write a migration for entity changes
  import:orgs FILE.csv       load organisations (code,name,kind,district,province,parent_code)
  hierarchy:load             load the national hierarchy into an empty database
  user:create-admin --username NAME --name "ชื่อ สกุล" [--email E]
                             create a system administrator (password typed, piped or
                             in WIAN_ADMIN_PASSWORD; there is no default account)
  audit:verify               check the audit trail's hash chains
  demo                       replay circular ว ๓๐๗ down Sakon Nakhon and print its progress
                             (own in-memory wian; or WIAN_URL, WIAN_ADMIN_USER, WIAN_ADMIN_PASSWORD)
`;

async function main(argv: string[]): Promise<number> {
  const [command, arg, ...rest] = argv;
  switch (command) {
    case 'migration:run':
      await migrationRun();
      return 0;
    case 'migration:revert':
      await migrationRevert();
      return 0;
    case 'migration:show':
      await migrationShow();
      return 0;
    case 'migration:generate':
      await migrationGenerate(arg);
      return 0;
    case 'import:orgs':
      return importOrgs(arg);
    case 'hierarchy:load':
      await hierarchyLoad();
      return 0;
    case 'user:create-admin':
      return createAdmin([arg, ...rest].filter((a): a is string => a !== undefined));
    case 'audit:verify':
      return auditVerify();
    case 'demo':
      return demo();
    default:
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
