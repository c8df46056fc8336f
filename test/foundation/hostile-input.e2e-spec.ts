import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { INT4_MAX } from '#core';
import { requestDtoProperties } from '../support/dto-metadata.js';
import { expectProblem } from '../support/problems.js';
import { bearer, createCase, createSchoolWorld, createStudent } from '../support/factories.js';
import { registeredRoutes } from '../support/routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** `{"a":{"a":...}}` nested `depth` levels deep. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Taken exactly as typed: a password's spaces are part of it, a token is opaque. */
const VERBATIM = new Set(['password', 'newPassword', 'currentPassword', 'refreshToken']);

const HOSTILE_BODIES: [string, string][] = [
  ['malformed', '{"name": '],
  ['empty', ''],
  ['nested 4,000 deep', nested(4000)],
  ['NUL in text', '{"reason":"\\u0000"}'],
  ['a lone surrogate', '{"body":"\\ud800"}'],
];

describe('hostile input', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createSchoolWorld>>;
  let counselor: string;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createSchoolWorld(t);
    counselor = await bearer(t, world.counselor);
  });
  afterAll(async () => t.close());

  describe('authentication comes first', () => {
    it('answers 401 on every protected operation without a token, whatever its JSON body', async () => {
      const protectedRoutes = registeredRoutes(t).filter((r) => r.access && 'permission' in r.access);
      expect(protectedRoutes.length).toBeGreaterThan(100);
      const wrong: string[] = [];
      for (const route of protectedRoutes) {
        const path = route.route.slice(route.method.length + 1).replace(/:[A-Za-z]+/g, randomUUID());
        for (const [name, body] of HOSTILE_BODIES) {
          const res = await t.http[route.method.toLowerCase() as 'post'](path).set('content-type', 'application/json').send(body);
          if (res.status !== 401 || res.body.code !== 'auth.unauthenticated') wrong.push(`${route.route} (${name}): ${res.status} ${res.body.code}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('answers 401 to a forged token before looking at the body', async () => {
      const res = await t.http.post('/api/v1/concern-flags').set('authorization', 'Bearer not.a.token').set('content-type', 'application/json').send('{"x":');
      expectProblem(res, 401, 'auth.unauthenticated');
    });

    it('still answers 400 on public routes', async () => {
      const login = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username": ');
      expectProblem(login, 400, 'request.malformed');
      const empty = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('');
      expectProblem(empty, 400, 'request.malformed');
      const survey = await t.http.post('/api/v1/survey/some-token').set('content-type', 'application/json').send(nested(5000));
      expectProblem(survey, 400, 'request.too_deep');
    });

    it('keeps 413 for a body over the limit first', async () => {
      const res = await t.http.post('/api/v1/concern-flags').set('content-type', 'application/json').send(`"${'x'.repeat(2 * 1024 * 1024)}"`);
      expectProblem(res, 413, 'request.too_large');
    });
  });

  describe('text that cannot be stored answers 400 naming the field', () => {
    it('refuses NUL in a query parameter (it reached PostgreSQL: 22021)', async () => {
      const res = await t.http.get('/api/v1/students?q=%00').set('authorization', counselor);
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'q', message: 'must not contain NUL characters' }]);
    });

    it('refuses NUL in a path parameter', async () => {
      const res = await t.http.get('/api/v1/calendar-feeds/a%00b.ics');
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'feedFile', message: 'must not contain NUL characters' }]);
    });

    it('refuses a lone surrogate in a body (it reached the field cipher: TypeError)', async () => {
      const caseRow = await createCase(t, { schoolId: world.school.id, studentId: world.studentA.id, ownerId: world.counselor.id });
      const res = await t.http
        .post(`/api/v1/cases/${caseRow.id}/notes`)
        .set('authorization', counselor)
        .set('content-type', 'application/json')
        .send('{"body":"ok \\ud800 then"}');
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/unpaired surrogate/) }]);
      const [{ count }] = await t.dataSource.query<{ count: string }[]>('SELECT count(*) FROM case_notes WHERE case_id = $1', [caseRow.id]);
      expect(count).toBe('0');
    });

    it('names nested fields and keeps a well-formed pair', async () => {
      const res = await t.http
        .post('/api/v1/break-glass')
        .set('authorization', counselor)
        .set('content-type', 'application/json')
        .send(`{"studentId":"${world.studentA.id}","reason":"\\ud83d\\ude00 emergency: the student is missing tonight","x":{"y":["\\u0000"]}}`);
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'x.y.0', message: 'must not contain NUL characters' }]);
    });
  });

  describe('integers past PostgreSQL integer answer 400, not 22003', () => {
    let caseRow: { id: string };
    beforeAll(async () => {
      caseRow = await createCase(t, { schoolId: world.school.id, studentId: world.studentB.id, ownerId: world.counselor.id });
    });

    it.each([['2^31', '2147483648'], ['2^53', '9007199254740992'], ['1e308', '1e308']])('refuses a version of %s', async (_name, version) => {
      const res = await t.http
        .post(`/api/v1/cases/${caseRow.id}/transitions`)
        .set('authorization', counselor)
        .set('content-type', 'application/json')
        .send(`{"to":"assessing","version":${version}}`);
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'version', message: expect.any(String) }]);
    });

    it('bounds every integer of every request DTO by the largest integer column', () => {
      // The anchor's entry count is compared with a bigint, up to the largest exact JSON integer.
      const wider = new Map([['AuditAnchorDto.count', Number.MAX_SAFE_INTEGER]]);
      const integers = requestDtoProperties('isInt');
      expect(integers.length).toBeGreaterThan(20);
      const unbounded = integers
        .map(({ key, validations }) => ({ key, max: validations.find((m) => m.name === 'max')?.constraints?.[0] as number | undefined }))
        .filter(({ key, max }) => max === undefined || max > (wider.get(key) ?? INT4_MAX));
      expect(unbounded).toEqual([]);
    });
  });

  it('refuses JSON nested thousands deep with 400, not a RangeError', async () => {
    for (const depth of [3000, 5000]) {
      const res = await t.http.post('/api/v1/concern-flags').set('authorization', counselor).set('content-type', 'application/json').send(`{"studentId":${nested(depth)}}`);
      expectProblem(res, 400, 'request.too_deep');
    }
  });

  describe('a minimum length counts written text, not spaces', () => {
    it('refuses a break-glass reason of 20 spaces, and grants nothing', async () => {
      const res = await t.http.post('/api/v1/break-glass').set('authorization', counselor).send({ studentId: world.studentA.id, reason: ' '.repeat(20) });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'reason', message: 'must be at least 20 characters' }]);
      const [{ count }] = await t.dataSource.query<{ count: string }[]>('SELECT count(*) FROM break_glass_grants WHERE user_id = $1', [world.counselor.id]);
      expect(count).toBe('0');
    });

    it('counts a padded reason without its padding', async () => {
      const padded = `${' '.repeat(15)}too short${'\n'.repeat(10)}`;
      const res = await t.http.post('/api/v1/break-glass').set('authorization', counselor).send({ studentId: world.studentA.id, reason: padded });
      expectProblem(res, 400, 'validation.invalid');
    });

    /** A case of its own student: a student has one open case at most. */
    const newCase = async () => {
      const student = await createStudent(t, { schoolId: world.school.id, classId: world.classA.id });
      return createCase(t, { schoolId: world.school.id, studentId: student.id, ownerId: world.counselor.id });
    };

    it('refuses a blank case note and a blank closure reason', async () => {
      const caseRow = await newCase();
      const note = await t.http.post(`/api/v1/cases/${caseRow.id}/notes`).set('authorization', counselor).send({ body: ' \t\n ' });
      expectProblem(note, 400, 'validation.invalid');
      expect(note.body.errors.map((e: { field: string }) => e.field)).toEqual(['body']);
      const closure = await t.http
        .post(`/api/v1/cases/${caseRow.id}/closure-requests`)
        .set('authorization', counselor)
        .send({ reason: ' '.repeat(40), version: 1 });
      expectProblem(closure, 400, 'validation.invalid');
      expect(closure.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    });

    it('stores text without its padding', async () => {
      const caseRow = await newCase();
      const res = await t.http.post(`/api/v1/cases/${caseRow.id}/notes`).set('authorization', counselor).send({ body: '  第一次面谈，学生情绪平稳。\n' });
      expect(res.status).toBe(201);
      const read = await t.http.get(`/api/v1/cases/${caseRow.id}/notes/${res.body.id}`).set('authorization', counselor);
      expect(read.body.body).toBe('第一次面谈，学生情绪平稳。');
    });

    it('trims every text of every request DTO that has a minimum length (passwords and tokens excepted)', () => {
      const withMinimum = [
        ...requestDtoProperties('isLength').filter(({ validations }) => validations.some((m) => m.name === 'isLength' && Number(m.constraints?.[0]) >= 1)),
        ...requestDtoProperties('minLength'),
      ].filter(({ property }) => !VERBATIM.has(property));
      expect(withMinimum.length).toBeGreaterThan(50);
      // As the validation pipe transforms it: a padded text must come out trimmed.
      const padded = ({ type, property }: { type: new () => object; property: string }) =>
        JSON.stringify((plainToInstance(type, { [property]: ' text ' }) as Record<string, unknown>)[property]).includes(' ');
      expect(withMinimum.filter(padded).map(({ key }) => key)).toEqual([]);
    });
  });
});
