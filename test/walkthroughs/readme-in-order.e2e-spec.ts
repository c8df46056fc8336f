import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/free-port.js';

const run = promisify(execFile);
const ROOT = path.resolve('.');
// `npm test` builds first, so the server's entry point is there.
const SERVER = path.join(ROOT, 'dist/apps/api/src/main.js');

/** Each `## Walkthrough:` section of the README with its shell block, in the README's order. */
function readmeWalkthroughs(): { title: string; script: string }[] {
  return readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    .split(/^## /m)
    .filter((section) => section.startsWith('Walkthrough:'))
    .map((section) => ({ title: section.slice(0, section.indexOf('\n')), script: /```sh\n([\s\S]*?)```/.exec(section)![1] }));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Ids read `<id>`; the items of a one-line JSON list are sorted (the order of equal due times is not defined). */
function normalised(output: string): string {
  return output
    .replace(UUID, '<id>')
    .split('\n')
    .map((line) => (/^\[\{.*\}\]$/.test(line) ? JSON.stringify((JSON.parse(line) as unknown[]).map((i) => JSON.stringify(i)).sort().map((i) => JSON.parse(i) as unknown)) : line))
    .join('\n');
}

/** Each fragment appears, after the one before it. */
function expectInOrder(output: string, fragments: string[]): void {
  let from = 0;
  for (const fragment of fragments) {
    const at = output.indexOf(fragment, from);
    if (at < 0) throw new Error(`expected, after position ${from}:\n${fragment}\n--- in the output:\n${output}`);
    from = at + fragment.length;
  }
}

/**
 * The README's walkthroughs, its own shell blocks run by bash (curl, jq, GNU date, and
 * `npm run cli`), one after the other in the README's order against one server started as
 * `npm start` starts it: the embedded PostgreSQL, migrated and seeded with the demo school. Only
 * the two ports are changed (the server's 3000 and the embedded database's 54329), so that the
 * test can run beside a real `npm start`. Each walkthrough must work after the ones before it.
 */
describe('the README walkthroughs, in order, on one demo database', () => {
  let dataRoot: string;
  let workDir: string;
  let server: ReturnType<typeof spawn>;
  let exited: Promise<number | null>;
  let ports: { api: number; pg: number };

  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'campus-care-walkthroughs-'));
    await chmod(dataRoot, 0o755); // the embedded server may run as the OS user `postgres`
    // Inside the project, so that `npm run cli` finds it; the walkthroughs write their CSV files here.
    await mkdir(path.join(ROOT, '.data'), { recursive: true });
    workDir = await mkdtemp(path.join(ROOT, '.data', 'walkthroughs-'));
    ports = { api: await freePort(), pg: await freePort() };
    server = spawn(process.execPath, [SERVER], {
      env: { ...process.env, DATABASE_URL: '', PORT: String(ports.api), EMBEDDED_PG_PORT: String(ports.pg), EMBEDDED_PG_DIR: path.join(dataRoot, 'pg'), LOG_LEVEL: 'info', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    // The demo survey link is the last thing `npm start` prints on the demo database.
    for (const deadline = Date.now() + 90_000; !output.includes("DEMO ONLY: a student's survey link"); await new Promise((r) => setTimeout(r, 200))) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start: ${output}`);
    }
  }, 120_000);

  afterAll(async () => {
    server.kill('SIGTERM'); // drains, then stops the embedded PostgreSQL
    await exited;
    await rm(dataRoot, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  }, 60_000);

  const runWalkthrough = async (script: string) => {
    const { stdout, stderr } = await run('bash', ['-c', script.replaceAll('127.0.0.1:3000', `127.0.0.1:${ports.api}`).replaceAll('127.0.0.1:54329', `127.0.0.1:${ports.pg}`)], {
      cwd: workDir,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stderr).toBe('');
    return normalised(stdout);
  };

  // What each walkthrough prints where it matters, as its comments describe it.
  const expected: Record<string, string[]> = {
    'Walkthrough: run a screening campaign': [
      '"open"\n"gad7"\n"phq9"\n"submitted"\n{\n  "severity": "critical",\n  "sourceType": "screening_response",',
      '{\n  "invited": 60,\n  "submitted": 1\n}\n[\n  "',
      '"instrumentCode": "phq9",\n      "bandCode": "mild",\n      "responses": 1,\n      "withCriticalItem": 1',
    ],
    'Walkthrough: from an alert to a closed case': [
      '"acknowledged"\n"case_opened"\n"critical"\n"<id>"\n"<id>"\n204\n[\n  "opened",',
      '"closure_approved",\n  "state_changed"\n]\n"closed"\n',
    ],
    'Walkthrough: which classes still miss the pre-holiday safety topics': [
      '"className": "高一1班",\n  "teachers": [\n    "陈老师 (class teacher, 高一1班)"\n  ],\n  "missing": [\n    "消防安全",',
      '{\n  "revision": 1,\n  "presentCount": 29,\n  "classSize": 30\n}\n[\n  "',
      '[\n  "高一2班",\n  "高二1班",\n  "高二2班"\n]\n',
    ],
    'Walkthrough: holiday reminders for each role': [
      // 3. Before the holiday: each role's reminders (the student of the alert walkthrough is still at critical risk).
      'Reminder sweep: 8 created, 0 closed as done, 0 back from snooze, 0 escalated\n' +
        '[{"rule":"pre_holiday_categories","about":"高一1班","status":"open"},{"rule":"pre_holiday_safety_education","about":"高一1班","status":"open"}]\n' +
        '[{"rule":"pre_holiday_safety_plan","about":"吴佳怡","status":"open"},{"rule":"pre_holiday_safety_plan","about":"周可馨","status":"open"}]\n' +
        '[{"rule":"pre_holiday_duty_roster","about":"示范中学 Demo High School","status":"open"}]\n' +
        // 4. The safety plan closes itself.
        'Reminder sweep: 0 created, 1 closed as done, 0 back from snooze, 0 escalated\n' +
        '[{"rule":"pre_holiday_safety_plan","about":"周可馨","status":"done"}]\n' +
        // 5. During the holiday: the check-in, completed by hand; the pre-holiday reminders not done are overdue and escalate.
        'Reminder sweep: 1 created, 0 closed as done, 0 back from snooze, 7 escalated\n' +
        '[{"rule":"holiday_check_in","about":"周可馨","status":"open"}]\n' +
        '{"status":"done","completedAutomatically":false}\n' +
        // 6. After the restart: a contact for the case, which closes itself once logged.
        'Reminder sweep: 1 created, 0 closed as done, 0 back from snooze, 0 escalated\n' +
        '[{"rule":"post_return_case_contact","about":"周可馨","status":"open"}]\n' +
        'Reminder sweep: 0 created, 1 closed as done, 0 back from snooze, 0 escalated\n' +
        '[]\n',
      '{"window":"holiday","rule":"holiday_check_in","byStatus":{"open":0,"acknowledged":0,"snoozed":0,"done":1}}\n' +
        '{"window":"post_return","rule":"post_return_case_contact","byStatus":{"open":0,"acknowledged":0,"snoozed":0,"done":1}}\n',
    ],
    "Walkthrough: from a teacher's request to a completed session": [
      '"reasonCategory": "emotional_wellbeing"',
      '{\n  "status": "scheduled",\n  "startsAt": "',
      '"completed"\n"completed"\n"appointment.not_found"\n',
    ],
  };

  it('runs every walkthrough as written, each after the ones before it', async () => {
    const walkthroughs = readmeWalkthroughs();
    expect(walkthroughs.map((w) => w.title)).toEqual(Object.keys(expected));
    for (const { title, script } of walkthroughs) {
      const output = await runWalkthrough(script);
      try {
        expectInOrder(output, expected[title]);
      } catch (error) {
        throw new Error(`${title}: ${(error as Error).message}`, { cause: error });
      }
    }
    expect(readFileSync(path.join(workDir, 'coverage.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);
    expect(existsSync(path.join(workDir, 'invitations.csv'))).toBe(true);
  }, 300_000);
});
