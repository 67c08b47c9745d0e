import { startInProcessWian, type RunningWian } from '../demo/in-process-wian.launcher.js';
import { printReport } from '../demo/progress-report.printer.js';
import { ScenarioReplay } from '../demo/scenario-replay.runner.js';
import { WianHttpClient } from '../demo/wian-http.client.js';

const EXPECTED_ERRORS = [
  'ConfigError',
  'RedisUnavailableError',
  'PgliteInUseError',
  'DemoHttpError',
  'WianUnreachableError',
];

/**
 * `npm run demo`: replays the reference scenario (ว ๓๐๗ down Sakon Nakhon) and prints the
 * progress tree and one chain of letters, in Thai.
 *
 * - Without WIAN_URL: starts wian in this process (API and worker, in-memory PGlite, the
 *   national hierarchy) on an ephemeral port, creates a system administrator directly, then
 *   does everything else over HTTP.
 * - With WIAN_URL, WIAN_ADMIN_USER and WIAN_ADMIN_PASSWORD: drives that wian over HTTP only.
 */
export async function demo(): Promise<number> {
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const remote = process.env.WIAN_URL?.trim();
  let wian: RunningWian | null = null;
  try {
    let url: string;
    let admin: { username: string; password: string };
    if (remote !== undefined && remote !== '') {
      const username = process.env.WIAN_ADMIN_USER;
      const password = process.env.WIAN_ADMIN_PASSWORD;
      if (username === undefined || username === '' || password === undefined || password === '') {
        process.stderr.write(
          'WIAN_URL is set: give a system administrator too, e.g.\n' +
            '  WIAN_URL=http://localhost:3000 WIAN_ADMIN_USER=admin WIAN_ADMIN_PASSWORD=… npm run demo\n' +
            '(create one with `npm run user:create-admin`), or unset WIAN_URL to let the demo start its own wian.\n',
        );
        return 2;
      }
      url = remote;
      admin = { username, password };
      out(`สาธิตกับ wian ที่ ${url} (ผ่าน HTTP เท่านั้น)`);
    } else {
      out('กำลังเริ่ม wian ในกระบวนการนี้ (ฐานข้อมูลในหน่วยความจำ โหลดหน่วยงานทั่วประเทศ) …');
      wian = await startInProcessWian();
      url = wian.url;
      admin = wian.admin;
      out(`สาธิตกับ ${wian.description}`);
    }
    const http = new WianHttpClient(url, (seconds) => {
      out(`  (รอ ${seconds} วินาที ตามข้อจำกัดจำนวนการลงชื่อเข้าใช้ต่อนาที AUTH_RATE_LIMIT_PER_MINUTE)`);
    });
    const started = Date.now();
    const result = await new ScenarioReplay(http, (line) => {
      out(`▸ ${line}`);
    }).run(admin.username, admin.password);
    printReport(result, out);
    out(`เสร็จใน ${((Date.now() - started) / 1000).toFixed(1)} วินาที`);
    return 0;
  } catch (error) {
    const expected = error instanceof Error && EXPECTED_ERRORS.includes(error.name);
    const message =
      error instanceof Error
        ? expected
          ? error.message
          : (error.stack ?? error.message)
        : String(error);
    process.stderr.write(`\nการสาธิตไม่สำเร็จ / the demo failed:\n${message}\n`);
    return 1;
  } finally {
    if (wian !== null) await wian.stop();
  }
}
