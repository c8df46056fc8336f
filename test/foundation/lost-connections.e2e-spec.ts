import pg from 'pg';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createSchoolWorld, createStudent } from '../support/factories.js';
import { gad7, instrumentIdsByCode, openCampaign, phq9, tokensOf } from '../screening/support/screening-campaigns.js';

const HOUR = 3600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lost database connections under write load', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let tokens: string[];
  let campaignId: string;

  beforeAll(async () => {
    process.env.SURVEY_RATE_LIMIT_PER_MINUTE = '10000';
    t = await createTestApp();
    w = await createSchoolWorld(t);
    const ids = await instrumentIdsByCode(t);
    const classId = (await createClass(t, w.school.id, w.grade.id)).id;
    await Promise.all(Array.from({ length: 30 }, () => createStudent(t, { schoolId: w.school.id, classId })));
    const campaign = await openCampaign(t, w.counselor, {
      opensAt: new Date(Date.now() - HOUR).toISOString(),
      closesAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
      classIds: [classId],
      instrumentIds: [ids.phq9, ids.gad7],
    });
    campaignId = campaign.id;
    tokens = [...(await tokensOf(t, w.counselor, campaign.id)).values()];
  });
  afterAll(async () => {
    delete process.env.SURVEY_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  /** Terminates every other backend of the app's database, over and over, for a while; how many it ended. */
  async function cutConnections(forMs: number): Promise<number> {
    const killer = new pg.Client({ connectionString: t.database.url });
    await killer.connect();
    let ended = 0;
    try {
      for (const until = Date.now() + forMs; Date.now() < until; await sleep(15)) {
        const { rows } = await killer.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()) ended`,
        );
        ended += rows[0].n;
      }
    } finally {
      await killer.end();
    }
    return ended;
  }

  it('answers only 2xx, 4xx or 503 database.unavailable with Retry-After, never 500; a student retrying after a 503 ends with 201', async () => {
    const answers: Response[] = [];
    const body = { consent: true, answers: { phq9: phq9({ item1: 2 }), gad7: gad7({ item2: 1 }) } };
    // Each student retries after a 503, as the survey page does: the submission may have committed.
    const student = async (token: string, i: number): Promise<Response> => {
      await sleep(i * 40);
      for (let attempt = 0; ; attempt++) {
        const res = await t.http.post(`/api/v1/survey/${token}`).send(body);
        answers.push(res);
        if (res.status !== 503 || attempt === 100) return res;
        await sleep(50);
      }
    };
    const teacher = { authorization: await bearer(t, w.teacher) };
    const flag = () =>
      t.http.post('/api/v1/concern-flags').set(teacher).send({
        studentId: w.studentA.id,
        category: 'low_mood_or_withdrawal',
        severity: 'medium',
        observedAt: new Date(Date.now() - HOUR).toISOString(),
        observation: '最近上课经常走神，和同学交流变少。',
      });
    // The load spans the 1.5 s of cuts; the students' retries go on after them.
    const [ended, finals] = await Promise.all([
      cutConnections(1_500),
      Promise.all(tokens.map(student)),
      ...Array.from({ length: 30 }, (_, i) => sleep(i * 40).then(flag).then((res) => answers.push(res))),
    ]);

    expect(ended).toBeGreaterThan(0);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((a) => a.body.code === 'database.unavailable' && a.headers['retry-after'] === '5')).toBe(true);
    // Committed or not when the connection went, every student's submission ends accepted, once.
    expect(finals.map((res) => res.status)).toEqual(tokens.map(() => 201));
    const [{ responses }] = await t.dataSource.query(
      'SELECT count(*)::int AS responses FROM screening_responses WHERE campaign_id = $1',
      [campaignId],
    );
    expect(responses).toBe(tokens.length * 2);
    // And the server is whole again afterwards.
    expect((await flag()).status).toBe(201);
  });
});
