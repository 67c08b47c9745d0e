import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { checkPassword } from '@wian/identity';
import { isUniqueViolation, runPendingMigrations, TransactionHost } from '@wian/persistence';
import { openDatabase } from '../open-database.js';
import { createSystemAdmin } from '../system-admin.factory.js';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.WIAN_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    // Piped in: `printf '%s' "$PASSWORD" | npm run cli -- user:create-admin …`
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (question: string): Promise<string> =>
    new Promise((resolve) => {
      process.stdout.write(question);
      muted = true;
      rl.question('', (answer) => {
        muted = false;
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  try {
    const first = await ask('Password (รหัสผ่าน): ');
    const second = await ask('Again (ยืนยัน): ');
    if (first !== second) throw new Error('The two passwords differ / รหัสผ่านสองครั้งไม่ตรงกัน');
    return first;
  } finally {
    rl.close();
  }
}

/**
 * `npm run cli -- user:create-admin --username admin --name "นายสมชาย ใจดี"`
 * Creates a system administrator. There is no default account and no default password: the
 * password is typed (not echoed), piped on stdin, or given in WIAN_ADMIN_PASSWORD.
 */
export async function createAdmin(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { username: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
  });
  const username = values.username?.trim().toLowerCase();
  const fullNameTh = values.name?.trim();
  if (
    username === undefined ||
    !/^[a-z][a-z0-9._-]{2,63}$/.test(username) ||
    fullNameTh === undefined ||
    fullNameTh === ''
  ) {
    process.stderr.write(
      'Usage: npm run cli -- user:create-admin --username admin --name "นายสมชาย ใจดี" [--email a@b.go.th]\n',
    );
    return 2;
  }
  const password = await readPassword();
  const problems = checkPassword(password, username);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`password: ${p.messageEn} / ${p.messageTh}\n`);
    return 1;
  }
  const db = await openDatabase();
  try {
    await runPendingMigrations(db);
    const outcome = await createSystemAdmin(new TransactionHost(db), {
      username,
      fullNameTh,
      email: values.email ?? null,
      password,
      via: 'cli',
    });
    if (!outcome.created) throw new Error('the password was checked above');
    process.stdout.write(
      `System administrator ${username} created. / สร้างผู้ดูแลระบบ ${username} แล้ว\n`,
    );
    return 0;
  } catch (error) {
    if (isUniqueViolation(error)) {
      process.stderr.write(`The user name ${username} is taken. / มีชื่อผู้ใช้ ${username} อยู่แล้ว\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}
