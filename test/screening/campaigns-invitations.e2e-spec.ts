import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createClass, createGrade, createSchoolWorld, createStudent } from '../support/factories.js';
import { as, createCampaign, csvRows, instrumentIdsByCode, openCampaign, shownText, tokensOf, transition } from './support/screening-campaigns.js';

const HOUR = 3600_000;

describe('screening invitations', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let ids: Record<string, string>;
  const clock = new ManualClock(new Date('2026-09-01T00:00:00Z'));
  const window = () => ({
    opensAt: new Date(clock.now().getTime() - HOUR).toISOString(),
    closesAt: new Date(clock.now().getTime() + 7 * 24 * HOUR).toISOString(),
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    ids = await instrumentIdsByCode(t);
  });
  afterAll(async () => t.close());

  it('invites every enrolled student of the target grades and classes once, and nobody else', async () => {
    const grade = await createGrade(t, w.school.id);
    const [inGrade1, inGrade2, otherGrade, untargeted] = await Promise.all([
      createClass(t, w.school.id, grade.id),
      createClass(t, w.school.id, grade.id),
      createClass(t, w.school.id),
      createClass(t, w.school.id),
    ]);
    const invited = await Promise.all([
      createStudent(t, { schoolId: w.school.id, classId: inGrade1.id }),
      createStudent(t, { schoolId: w.school.id, classId: inGrade2.id }),
      createStudent(t, { schoolId: w.school.id, classId: otherGrade.id }),
    ]);
    await createStudent(t, { schoolId: w.school.id, classId: inGrade1.id, status: 'withdrawn' });
    await createStudent(t, { schoolId: w.school.id, classId: otherGrade.id, status: 'graduated' });
    await createStudent(t, { schoolId: w.school.id, classId: untargeted.id });

    // The grade and one of its classes both target inGrade1: still one invitation each.
    const campaign = await openCampaign(t, w.counselor, {
      ...window(),
      gradeIds: [grade.id],
      classIds: [inGrade1.id, otherGrade.id],
      instrumentIds: [ids.phq9],
    });
    expect(campaign.invitationCount).toBe(3);
    const rows = await t.dataSource.query<{ student_id: string; status: string }[]>(
      'SELECT student_id, status FROM screening_invitations WHERE campaign_id = $1',
      [campaign.id],
    );
    expect(rows.map((r) => r.student_id).sort()).toEqual(invited.map((s) => s.id).sort());
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
  });

  it('issues thousands of invitations in one statement, in the transaction that opens the campaign', async () => {
    const grade = await createGrade(t, w.school.id);
    const big = await createClass(t, w.school.id, grade.id);
    await t.dataSource.query(
      `INSERT INTO students (school_id, class_id, student_number, name)
       SELECT $1, $2, 'BIG-' || lpad(n::text, 5, '0'), '学生' || n FROM generate_series(1, 3000) AS n`,
      [w.school.id, big.id],
    );
    const created = (await createCampaign(t, w.counselor, { ...window(), gradeIds: [grade.id], instrumentIds: [ids.phq9] })).body;

    // Every statement the app sends goes through the query runner: record them while opening.
    const runner = Object.getPrototypeOf(t.dataSource.createQueryRunner()) as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
    const original = runner.query;
    const statements: string[] = [];
    runner.query = function (this: unknown, sql: string, ...rest: unknown[]) {
      statements.push(sql);
      return original.call(this, sql, ...rest);
    };
    const started = Date.now();
    const opened = await transition(t, w.counselor, created, 'open').finally(() => (runner.query = original));
    const elapsed = Date.now() - started;

    expect(opened.status).toBe(200);
    expect(opened.body.invitationCount).toBe(3000);
    expect(statements.filter((sql) => /INSERT INTO screening_invitations/.test(sql))).toHaveLength(1);
    // No round trip per student: the whole request is a handful of statements.
    expect(statements.length).toBeLessThan(30);
    const position = (pattern: RegExp) => statements.findIndex((sql) => pattern.test(sql));
    const [begin, statusChange, insert, commit] = [/^START TRANSACTION/, /UPDATE screening_campaigns/, /INSERT INTO screening_invitations/, /^COMMIT/].map(position);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect([begin < statusChange, statusChange < insert, insert < commit]).toEqual([true, true, true]);
    expect(elapsed).toBeLessThan(10_000);
    const [{ distinct }] = await t.dataSource.query('SELECT count(DISTINCT token_hash)::int AS distinct FROM screening_invitations WHERE campaign_id = $1', [
      created.id,
    ]);
    expect(distinct).toBe(3000);
  });

  describe('the invitation list', () => {
    let campaignId: string;
    let classA2: { id: string };
    beforeAll(async () => {
      const grade = await createGrade(t, w.school.id, '高二');
      const classA1 = await createClass(t, w.school.id, grade.id, '1班');
      classA2 = await createClass(t, w.school.id, grade.id, '2班');
      await createStudent(t, { schoolId: w.school.id, classId: classA2.id, studentNumber: 'L-001', name: '李四' });
      await createStudent(t, { schoolId: w.school.id, classId: classA1.id, studentNumber: 'L-003', name: '=1+1' });
      await createStudent(t, { schoolId: w.school.id, classId: classA1.id, studentNumber: 'L-002', name: '张三, 小' });
      campaignId = (await openCampaign(t, w.counselor, { ...window(), gradeIds: [grade.id], instrumentIds: [ids.phq9] })).id;
    });

    const exportCsv = async (user: { id: string }) =>
      t.http.get(`/api/v1/screening-campaigns/${campaignId}/invitations.csv`).set(await as(t, user)).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });

    it('is UTF-8 CSV with a BOM and a header, ordered by class then student number, formulas defused, never cached', async () => {
      const res = await exportCsv(w.counselor);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const text = res.body as string;
      expect(text.startsWith('\uFEFFstudent_number,name,class,token,link\r\n')).toBe(true);
      const [, ...rows] = csvRows(text);
      expect(rows.map((r) => r[0])).toEqual(['L-002', 'L-003', 'L-001']);
      expect(text).toContain('"张三, 小",高二 1班');
      // A name typed as a formula comes out as text, not as something Excel runs.
      expect(text).toContain("\r\nL-003,'=1+1,高二 1班,");
      for (const row of rows.map((r) => r.slice(-2))) {
        const [cell, link] = row;
        const token = shownText(cell);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        // A base64url token may start with '-', which Excel would read as a formula.
        expect(cell).toBe(token.startsWith('-') ? `'${token}` : token);
        expect(link).toBe(`/s/${token}`);
      }
    });

    it('gives the same tokens on every export, stores only their hashes, and the tokens open the survey', async () => {
      const first = await tokensOf(t, w.counselor, campaignId);
      const again = await tokensOf(t, w.counselor, campaignId);
      expect([...again]).toEqual([...first]);
      const token = first.get('L-001') as string;
      const [stored] = await t.dataSource.query(
        `SELECT encode(token_hash, 'hex') AS hash FROM screening_invitations i JOIN students s ON s.id = i.student_id WHERE s.student_number = 'L-001' AND i.campaign_id = $1`,
        [campaignId],
      );
      expect(stored.hash).not.toContain(Buffer.from(token).toString('hex'));
      const survey = await t.http.get(`/api/v1/survey/${token}`);
      expect(survey.status).toBe(200);
      expect(survey.body.instruments.map((i: { code: string }) => i.code)).toEqual(['phq9']);
    });

    it('is for the campaign team only, and every export is audited', async () => {
      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'screening_invitation.export' AND entity_id = $1`, [campaignId]))[0].n;
      await exportCsv(w.counselor);
      const after = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'screening_invitation.export' AND entity_id = $1`, [campaignId]))[0].n;
      expect(after).toBe(before + 1);
      expect((await exportCsv(w.otherCounselor)).status).toBe(404);
      expect((await exportCsv(w.teacher)).status).toBe(403);
      expect((await exportCsv(w.admin)).status).toBe(403);
    });
  });
});
