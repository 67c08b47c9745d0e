import 'reflect-metadata';
import { hierarchyLoad } from './commands/hierarchy-load.command.js';
import { importOrgs } from './commands/import-orgs.command.js';
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
`;

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
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
