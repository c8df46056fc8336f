import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { API_DOCUMENT_PATH } from '#core';
import { createSchoolWorld, tokenFor } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);

/** The compiled scenario's export (its own types are the generated client's, outside this program). */
interface CompiledScenario {
  runScenario(input: { baseUrl: string; counselorToken: string; adminToken: string; studentId: string; counselorId: string }): Promise<string[]>;
}
// Inside the project, so that the compiled client finds openapi-fetch in node_modules.
const OUT = new URL(`../../dist/contract-client-${process.env.TEST_RUN_ID ?? 'local'}/`, import.meta.url);
const SCENARIO = new URL('./client/scenario.ts', import.meta.url);

/**
 * What a school's portal or the console would do: generate a typed client from the committed
 * document and use it. The scenario compiles under `strict` without a cast (so every answer it
 * reads has its real type), then runs against the server.
 */
describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const schema = astToString(await openapiTS(JSON.parse(readFileSync(API_DOCUMENT_PATH, 'utf8'))));
    writeFileSync(new URL('api-schema.d.ts', OUT), schema);
    copyFileSync(SCENARIO, new URL('scenario.ts', OUT));
    writeFileSync(
      new URL('tsconfig.json', OUT),
      JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2023', lib: ['ES2023', 'DOM'], module: 'nodenext', moduleResolution: 'nodenext', outDir: '.', skipLibCheck: true },
        files: ['scenario.ts', 'api-schema.d.ts'],
      }),
    );
    writeFileSync(new URL('package.json', OUT), JSON.stringify({ type: 'module' }));
    t = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('uses no cast: every type it reads comes from the document', () => {
    const source = readFileSync(SCENARIO, 'utf8').replace(/\/\/.*$/gm, '');
    expect(source).not.toMatch(/\bas\s+(?!const\b)[A-Za-z{[(]|<[A-Z][A-Za-z]*>\s*[a-z(]|\bany\b|@ts-/);
  });

  it('type-checks under strict and runs a case through the API', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', new URL('tsconfig.json', OUT).pathname]).catch((error: { stdout?: string }) => {
      throw new Error(`The generated client does not type-check:\n${error.stdout}`);
    });

    const w = await createSchoolWorld(t);
    await t.app.listen(0, '127.0.0.1');
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
});
