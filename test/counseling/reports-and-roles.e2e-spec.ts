import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

describe('counseling reports and who may do what', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead', displayName: '孙主任' });
  });
  afterAll(async () => t.close());

  const auth = async (user: { id: string }) => ({ authorization: await bearer(t, user) });

  describe('report', () => {
    /** A small known history, inserted directly: [counselor, status, starts (Shanghai), hours waited since the request or null]. */
    const seed = async () => {
      const a = await createUser(t, { schoolId: w.school.id, role: 'counselor', displayName: 'A 老师' });
      const b = await createUser(t, { schoolId: w.school.id, role: 'counselor', displayName: 'B 老师' });
      const history: [{ id: string }, string, string, number | null][] = [
        [a, 'completed', '2026-03-09T09:00:00+08:00', 48],
        [a, 'completed', '2026-03-10T09:00:00+08:00', 24],
        [a, 'no_show', '2026-03-11T09:00:00+08:00', null],
        [a, 'completed', '2026-03-16T09:00:00+08:00', null],
        // Monday 00:30 in Shanghai is still Sunday in UTC: it counts in week 12, the school's week.
        [b, 'completed', '2026-03-16T00:30:00+08:00', 72],
        [b, 'no_show', '2026-03-17T09:00:00+08:00', null],
        // Neither held nor missed, or outside the range: not counted.
        [b, 'cancelled', '2026-03-12T09:00:00+08:00', null],
        [b, 'completed', '2026-04-01T09:00:00+08:00', 1],
      ];
      for (const [counselor, status, startsAt, waited] of history) {
        const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
        await t.dataSource.query(
          `INSERT INTO appointments (school_id, student_id, counselor_id, status, starts_at, ends_at, mode, requested_by, requested_at)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz + interval '45 minutes', 'room', $6, $5::timestamptz - make_interval(hours => $7))`,
          [w.school.id, student.id, counselor.id, status, startsAt, waited === null ? counselor.id : w.teacher.id, waited],
        );
      }
      return { a, b };
    };

    it('counts sessions per counselor and ISO week, the no-show rate and the median wait', async () => {
      const { a, b } = await seed();
      const res = await t.http.get('/api/v1/reports/counseling').query({ from: '2026-03-09', to: '2026-03-22' }).set(await auth(w.admin));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        from: '2026-03-09',
        to: '2026-03-22',
        timeZone: 'Asia/Shanghai',
        sessionsByCounselorAndWeek: [
          { counselorId: a.id, counselorName: 'A 老师', isoWeek: '2026-W11', sessions: 2 },
          { counselorId: a.id, counselorName: 'A 老师', isoWeek: '2026-W12', sessions: 1 },
          { counselorId: b.id, counselorName: 'B 老师', isoWeek: '2026-W12', sessions: 1 },
        ],
        attendance: { completed: 4, noShow: 2, noShowRate: 0.3333 },
        waitFromRequestToFirstSession: { sessions: 3, medianHours: 48 },
      });
      const leadView = await t.http.get('/api/v1/reports/counseling').query({ from: '2026-03-09', to: '2026-03-22' }).set(await auth(lead));
      expect(leadView.body).toEqual(res.body);
      // Another school sees nothing of it.
      const other = await t.http.get('/api/v1/reports/counseling').query({ from: '2026-03-09', to: '2026-03-22' }).set(await auth(w.otherAdmin));
      expect(other.body).toMatchObject({ sessionsByCounselorAndWeek: [], attendance: { completed: 0, noShow: 0, noShowRate: null } });
    });

    it('refuses impossible or backwards dates and ranges over a year', async () => {
      const admin = await auth(w.admin);
      for (const query of [{ from: '2026-02-30', to: '2026-03-01' }, { from: '2026-03-10', to: '2026-03-09' }, { from: '2026-01-01', to: '2027-01-02' }, { from: '2026/03/01', to: '2026-03-02' }]) {
        expect((await t.http.get('/api/v1/reports/counseling').query(query).set(admin)).status).toBe(400);
      }
    });
  });

  describe('role matrix', () => {
    type Role = 'admin' | 'counseling_lead' | 'counselor' | 'class_teacher' | 'duty_officer';
    const ALL: Role[] = ['admin', 'counseling_lead', 'counselor', 'class_teacher', 'duty_officer'];
    const STAFF: Role[] = ['admin', 'counseling_lead', 'counselor', 'class_teacher'];
    const COUNSELORS: Role[] = ['counseling_lead', 'counselor'];

    /** [method, path, the roles the route lets through]: everyone else gets 403. `:c` is a counselor, `:a` an appointment. */
    const routes: [string, string, Role[]][] = [
      ['GET', '/api/v1/counselors', STAFF],
      ['GET', '/api/v1/counselors/:c/calendar?from=2026-03-09T00:00:00Z&to=2026-03-10T00:00:00Z', STAFF],
      ['POST', '/api/v1/counselors/:c/availability-rules', COUNSELORS],
      ['POST', '/api/v1/counselors/:c/availability-exceptions', COUNSELORS],
      ['POST', '/api/v1/appointments', COUNSELORS],
      ['GET', '/api/v1/appointments', ['counseling_lead', 'counselor', 'class_teacher']],
      ['GET', '/api/v1/appointments/:a', ['counseling_lead', 'counselor', 'class_teacher']],
      ['POST', '/api/v1/appointment-requests', ['class_teacher']],
      ['POST', '/api/v1/appointments/:a/confirm', COUNSELORS],
      ['POST', '/api/v1/appointments/:a/cancel', COUNSELORS],
      ['POST', '/api/v1/appointments/:a/no-show', COUNSELORS],
      ['POST', '/api/v1/appointments/:a/withdraw', ['class_teacher']],
      ['POST', '/api/v1/appointments/:a/notes', COUNSELORS],
      // Administrators and class teachers hold it so they get 404 rather than 403 (break-glass only, or never).
      ['GET', '/api/v1/appointments/:a/notes', STAFF],
      ['GET', '/api/v1/counselors/me/calendar.ics', COUNSELORS],
      ['POST', '/api/v1/counselors/me/calendar-feed-token', COUNSELORS],
      ['GET', '/api/v1/reports/counseling?from=2026-03-01&to=2026-03-31', ['admin', 'counseling_lead']],
      ['GET', '/api/v1/counseling-settings', ALL],
      ['PATCH', '/api/v1/counseling-settings', ['admin', 'counseling_lead']],
    ];

    it.each(routes)('%s %s lets through exactly the roles allowed', async (method, template, allowed) => {
      const users: Record<Role, { id: string }> = { admin: w.admin, counseling_lead: lead, counselor: w.counselor, class_teacher: w.teacher, duty_officer: w.duty };
      const url = template.replace(':c', w.counselor.id).replace(':a', randomUUID());
      for (const role of ALL) {
        const request = method === 'GET' ? t.http.get(url) : method === 'POST' ? t.http.post(url).send({}) : t.http.patch(url).send({});
        const res = await request.set(await auth(users[role]));
        expect({ role, refused: res.status === 403 }).toEqual({ role, refused: !allowed.includes(role) });
      }
    });

    it('needs a token for everything but the secret feed address', async () => {
      expect((await t.http.get('/api/v1/appointments')).status).toBe(401);
      expect((await t.http.get('/api/v1/counselors/me/calendar.ics')).status).toBe(401);
    });
  });
});
