import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { API_DOCUMENT_PATH, ManualClock } from '#core';
import { ReminderSweepService } from '#reminders';
import { createSchoolWorld, tokenFor } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { HolidayScenarioInput, ScenarioInput } from './client/scenario-inputs.js';

const run = promisify(execFile);

/** The compiled scenarios' exports. */
interface CompiledScenario {
  runScenario(input: ScenarioInput): Promise<string[]>;
}
interface CompiledHolidayScenario {
  runHolidayScenario(input: HolidayScenarioInput): Promise<string[]>;
}
// Inside the project, so that the compiled client finds openapi-fetch in node_modules.
const OUT = new URL(`../../dist/contract-client-${process.env.TEST_RUN_ID ?? 'local'}/`, import.meta.url);
/** The scenarios, each compiled against the generated client and run by a test below, and what they take. */
const SCENARIOS = ['scenario.ts', 'holiday-scenario.ts'];
const SCENARIO_INPUTS = 'scenario-inputs.ts';
const scenarioSource = (file: string) => new URL(`./client/${file}`, import.meta.url);

/**
 * What a school's portal or the console would do: generate a typed client from the committed
 * document and use it. The scenario compiles under `strict` without a cast (so every answer it
 * reads has its real type), then runs against the server.
 */
describe('a client generated from the OpenAPI document', () => {
  // The real now, as a deployed server has it (rows the database stamps with now() must agree);
  // the holiday scenario lets a few minutes pass on it.
  const clock = new ManualClock(new Date());
  let t: TestApp;

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    // A request field with a default may be left out: not the generator's default, which makes it required.
    const schema = astToString(await openapiTS(JSON.parse(readFileSync(API_DOCUMENT_PATH, 'utf8')), { defaultNonNullable: false }));
    writeFileSync(new URL('api-schema.d.ts', OUT), schema);
    for (const file of [...SCENARIOS, SCENARIO_INPUTS]) copyFileSync(scenarioSource(file), new URL(file, OUT));
    writeFileSync(
      new URL('tsconfig.json', OUT),
      JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2023', lib: ['ES2023', 'DOM'], module: 'nodenext', moduleResolution: 'nodenext', outDir: '.', skipLibCheck: true },
        files: [...SCENARIOS, 'api-schema.d.ts'],
      }),
    );
    writeFileSync(new URL('package.json', OUT), JSON.stringify({ type: 'module' }));
    t = await createTestApp({ clock });
    await t.app.listen(0, '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it.each(SCENARIOS)('%s uses no cast: every type it reads comes from the document', (file) => {
    // Without comments (whose prose may say "as a"); a cast, `any`, `@ts-` or a non-null `x!` is refused.
    const source = readFileSync(scenarioSource(file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(source).not.toMatch(/\bas\s+(?!const\b)[A-Za-z{[(]|<[A-Z][A-Za-z]*>\s*[a-z(]|\bany\b|@ts-|[\w)\]]!(?!=)/);
  });

  /** Type-checks the scenarios and writes their JavaScript, once (so that a run test also works alone). */
  let compiled: Promise<void> | undefined;
  const compile = () =>
    (compiled ??= run(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', new URL('tsconfig.json', OUT).pathname]).then(
      () => undefined,
      (error: { stdout?: string }) => {
        throw new Error(`The generated client does not type-check:\n${error.stdout}`);
      },
    ));

  it('type-checks under strict', async () => {
    await compile();
  }, 120_000);

  it('runs a case through the API', async () => {
    await compile();
    const w = await createSchoolWorld(t);
    const { runScenario } = (await import(new URL('scenario.js', OUT).href)) as CompiledScenario;
    const steps = await runScenario({
      baseUrl: await t.app.getUrl(),
      counselorToken: await tokenFor(t, w.counselor),
      adminToken: await tokenFor(t, w.admin),
      studentId: w.studentA.id,
      counselorId: w.counselor.id,
    });
    expect(steps).toEqual([
      expect.stringMatching(/^students: 2, next none$/),
      expect.stringMatching(/^student: .+, guardians \d+$/),
      'case: open, risk moderate, version 1',
      'second case: 409 case.already_open',
      'task: Call the guardian, open',
      'audit chain: intact',
    ]);
  }, 120_000);

  it('runs a whole holiday through the API', async () => {
    await compile();
    const w = await createSchoolWorld(t);
    const { runHolidayScenario } = (await import(new URL('holiday-scenario.js', OUT).href)) as CompiledHolidayScenario;
    const steps = await runHolidayScenario({
      baseUrl: await t.app.getUrl(),
      adminToken: await tokenFor(t, w.admin),
      counselorToken: await tokenFor(t, w.counselor),
      teacherToken: await tokenFor(t, w.teacher),
      dutyOfficerToken: await tokenFor(t, w.duty),
      teacherId: w.teacher.id,
      counselorId: w.counselor.id,
      dutyOfficerId: w.duty.id,
      studentId: w.studentA.id,
      studentNumber: w.studentA.studentNumber,
      classId: w.classA.id,
      // Today as the school (Asia/Shanghai, UTC+8) sees it.
      today: new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      now: () => clock.now(),
      advanceClock: (ms) => clock.advance(ms),
      runReminderSweep: async () => {
        await t.app.get(ReminderSweepService).run();
      },
    });
    expect(steps).toEqual([
      // 1. the calendar
      'term: created, version 1',
      'holiday: winter, today+10 to today+40',
      'windows: pre_holiday, holiday, pre_return, post_return; holiday window matches the holiday',
      // 2. the duty roster: 31 days of two shifts, one of them covered
      'duty shift: day on the first day, reachable not yet',
      'duty officer: confirmed reachable, version 1',
      // The officer has no verified contact details (no email or SMS is set up here): a gap at once.
      'roster gaps: 61, first day night; officers: unreachable_officer the officer',
      // 3. reminders: no route runs the sweep (the worker does), so the inbox and the counts are empty
      'reminder rules: 9, enabled 9, pre-holiday 4',
      'reminders after a sweep: teacher inbox 2 (pre_holiday_categories, pre_holiday_safety_education), counted 5; one acknowledged',
      // 4. screening, the survey and its alert
      'campaign: draft -> open, 1 invitations, instruments phq9',
      "invitations: 1 rows, the student's token 43 characters",
      'survey: 1 instrument, 9 items',
      'survey submitted: submitted, help shown prominently true',
      'progress: 1 of 1',
      'results: phq9 total 9, band mild, critical true',
      'alert: critical from screening_response, open',
      'alert acknowledged: acknowledged, note kept true',
      // 5. the teacher's flag
      'flag: medium, teacher sees received',
      'flag triaged: new -> case_opened',
      // 6. the case
      'case: 200 open, risk high, signals alert, concern_flag, approval needed true',
      'task: open',
      'contact: guardian by phone, reached, guardian notified true',
      'note: added',
      'case states: open -> assessing -> active -> monitoring; closing directly: 409 case.approval_required',
      'closure: pending, approved 204, case closed',
      // 7. counseling
      'appointment: scheduled, room in 心理咨询室 201',
      'outcome: before it began 409 appointment.not_started; after completed',
      // 8. education
      'activity: planned, topics holiday_water_safety, delivery for the class planned',
      'delivery confirmed: delivered, present 1',
      // 9. holiday categories and hardship aid
      'category: 201 at_home, disaster affected true, guardian confirmed true',
      'categories: 1 registered, 0 without',
      'hardship aid: submitted -> approved -> paid, paid 150000 fen',
      // 10. reports and the audit chain
      'alert report: critical raised 1, acknowledged 1, still open 0',
      'case report: open 0, closed 1, alerts contacted 1 of 1',
      'education coverage: 1 of 2 classes delivered, 1 missing',
      'counseling report: completed 1, no-show 0, sessions 1',
      'audit chain: intact, entries checked',
    ]);
  }, 120_000);
});
