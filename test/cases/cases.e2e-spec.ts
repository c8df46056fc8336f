import { randomUUID } from 'node:crypto';
import { AlertsService } from '#alerts';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

describe('intervention cases', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: Awaited<ReturnType<typeof createUser>>;
  let counselor2: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    counselor2 = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
  });
  afterAll(async () => t.close());

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const newStudent = () => createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
  const open = async (studentId: string, extra: Record<string, unknown> = {}, user: { id: string } = w.counselor) =>
    t.http.post('/api/v1/cases').set(await as(user)).send({ studentId, riskLevel: 'moderate', ...extra });
  const raiseAlert = (studentId: string) =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
        schoolId: w.school.id, studentId, severity: 'high', sourceType: 'manual', sourceId: randomUUID(), reasonCode: 'manual',
      }),
    ) as Promise<string>;
  const move = async (caseId: string, to: string, version: number, user: { id: string } = w.counselor) =>
    t.http.post(`/api/v1/cases/${caseId}/transitions`).set(await as(user)).send({ to, version });

  it('opens a case with its owner on the team, and refuses a second open case for the student', async () => {
    const student = await newStudent();
    const res = await open(student.id, { reason: '班主任反映近期情绪低落' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.body).toMatchObject({ state: 'open', riskLevel: 'moderate', ownerId: w.counselor.id, access: 'team', version: 1 });
    expect(res.body.team.map((m: { userId: string }) => m.userId)).toEqual([w.counselor.id]);
    const again = await open(student.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'case.already_open', caseId: res.body.id });
    const [event] = await t.dataSource.query(`SELECT reason FROM case_events WHERE case_id = $1 AND kind = 'opened'`, [res.body.id]);
    expect(event.reason).toMatch(/^v1\./);
  });

  it('attaches a new signal to the open case instead of opening another', async () => {
    const student = await newStudent();
    const first = await open(student.id);
    const alertId = await raiseAlert(student.id);
    const attached = await open(student.id, { sourceType: 'alert', sourceId: alertId });
    expect(attached.status).toBe(200);
    expect(attached.body.id).toBe(first.body.id);
    expect(attached.body.signals).toEqual([expect.objectContaining({ sourceType: 'alert', sourceId: alertId })]);
    const foreign = await open(student.id, { sourceType: 'alert', sourceId: await raiseAlert(w.studentA.id) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('sourceId');
  });

  it('answers 30 concurrent openings for one student with one 201 and 29 409 case.already_open naming that case, whatever the timing', async () => {
    const student = await newStudent();
    const headers = await as(w.counselor);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => t.http.post('/api/v1/cases').set(headers).send({ studentId: student.id, riskLevel: 'moderate' })),
    );
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(29);
    expect(refused.every((r) => r.body.code === 'case.already_open' && r.body.caseId === created[0].body.id)).toBe(true);
    const cases = await t.dataSource.query(`SELECT id FROM cases WHERE student_id = $1`, [student.id]);
    expect(cases).toEqual([{ id: created[0].body.id }]);
    // Nothing attached or written by the refused ones (the 201 also reads the case back, audited).
    const audited = await t.dataSource.query(`SELECT action FROM audit_events WHERE student_id = $1 AND action LIKE 'case.%' AND action <> 'case.read'`, [student.id]);
    expect(audited).toEqual([{ action: 'case.open' }]);
  });

  it('opens one case when two signals about a student arrive at the same moment', async () => {
    const student = await newStudent();
    const [a, b] = await Promise.all([raiseAlert(student.id), raiseAlert(student.id)]);
    const answers = await Promise.all([a, b].map((id) => open(student.id, { sourceType: 'alert', sourceId: id })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    const cases = await t.dataSource.query(`SELECT id FROM cases WHERE student_id = $1`, [student.id]);
    expect(cases).toHaveLength(1);
    const signals = await t.dataSource.query(`SELECT source_id FROM case_signals WHERE case_id = $1`, [cases[0].id]);
    expect(signals.map((s: { source_id: string }) => s.source_id).sort()).toEqual([a, b].sort());
  });

  describe('lifecycle', () => {
    it('moves through legal states and answers 409 naming the allowed ones otherwise', async () => {
      const c = (await open((await newStudent()).id)).body;
      const assessing = await move(c.id, 'assessing', 1);
      expect(assessing.body).toMatchObject({ state: 'assessing', version: 2 });
      const illegal = await move(c.id, 'open', 2);
      expect(illegal.status).toBe(409);
      expect(illegal.body).toMatchObject({ code: 'case.illegal_transition', allowed: ['active', 'monitoring', 'referred', 'closed'] });
      const stale = await move(c.id, 'active', 1);
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('case.version_conflict');
      expect((await move(c.id, 'active', 2)).body.state).toBe('active');
    });

    it('lets exactly one of 50 concurrent updates from the same version through', async () => {
      const c = (await open((await newStudent()).id)).body;
      const auth = await as(w.counselor);
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.http.post(`/api/v1/cases/${c.id}/risk`).set(auth).send({ riskLevel: i % 2 ? 'high' : 'low', reason: `assessment number ${i}`, version: 1 }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const [row] = await t.dataSource.query('SELECT version FROM cases WHERE id = $1', [c.id]);
      expect(row.version).toBe(2);
      const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND kind = 'risk_changed'`, [c.id]);
      expect(events[0].n).toBe(1);
    });

    it('closes a low or moderate case directly, and reopens it with a reason', async () => {
      const c = (await open((await newStudent()).id)).body;
      const closed = await move(c.id, 'closed', 1);
      expect(closed.body).toMatchObject({ state: 'closed', closedAt: expect.any(String) });
      const noReason = await t.http.post(`/api/v1/cases/${c.id}/reopen`).set(await as(w.counselor)).send({ version: 2 });
      expect(noReason.status).toBe(400);
      const reopened = await t.http.post(`/api/v1/cases/${c.id}/reopen`).set(await as(w.counselor)).send({ version: 2, reason: '学生再次出现自伤念头' });
      expect(reopened.body).toMatchObject({ state: 'assessing', reopenCount: 1, closedAt: null });
    });

    it('needs a second person, and a guardian contact or a reason, to close a high-risk case', async () => {
      const c = (await open((await newStudent()).id, { riskLevel: 'high' })).body;
      const direct = await move(c.id, 'closed', 1);
      expect(direct.status).toBe(409);
      expect(direct.body.code).toBe('case.approval_required');

      const auth = await as(w.counselor);
      const noContact = await t.http.post(`/api/v1/cases/${c.id}/closure-requests`).set(auth).send({ reason: '连续四周情况稳定，已建立支持网络', version: 1 });
      expect(noContact.status).toBe(400);
      expect(noContact.body.errors[0].field).toBe('guardianContactWaiver');
      const requested = await t.http
        .post(`/api/v1/cases/${c.id}/closure-requests`)
        .set(auth)
        .send({ reason: '连续四周情况稳定，已建立支持网络', guardianContactWaiver: '学生已满18岁，本人拒绝通知家长', version: 1 });
      expect(requested.status).toBe(201);
      const twice = await t.http.post(`/api/v1/cases/${c.id}/closure-requests`).set(auth).send({ reason: 'another reason to close', guardianContactWaiver: 'another waiver reason', version: 1 });
      expect(twice.status).toBe(409);

      const pending = await t.http.get('/api/v1/cases/closure-requests').set(await as(lead));
      expect(pending.body).toEqual([expect.objectContaining({ id: requested.body.id, reason: '连续四周情况稳定，已建立支持网络' })]);
      expect((await t.http.get('/api/v1/cases/closure-requests').set(auth)).status).toBe(403);

      // The one who asked cannot be the one who approves, even with the role (here: a lead on the team).
      const leadCase = (await open((await newStudent()).id, { riskLevel: 'critical' }, lead)).body;
      const leadRequest = await t.http
        .post(`/api/v1/cases/${leadCase.id}/closure-requests`)
        .set(await as(lead))
        .send({ reason: 'stable for a month and supported', guardianContactWaiver: 'guardian abroad, unreachable for weeks', version: 1 });
      const self = await t.http.post(`/api/v1/cases/${leadCase.id}/closure-requests/${leadRequest.body.id}/approve`).set(await as(lead)).send({});
      expect(self.status).toBe(409);
      expect(self.body.code).toBe('case.second_person_required');

      const approved = await t.http.post(`/api/v1/cases/${c.id}/closure-requests/${requested.body.id}/approve`).set(await as(lead)).send({ note: '同意结案' });
      expect(approved.status).toBe(204);
      const detail = await t.http.get(`/api/v1/cases/${c.id}`).set(auth);
      expect(detail.body.state).toBe('closed');
      const timeline = await t.http.get(`/api/v1/cases/${c.id}/timeline`).set(auth);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'closure_requested', 'closure_approved', 'state_changed']);
    });
  });

  describe('who reaches a case', () => {
    it('answers 404 to a class teacher, an unassigned counselor and another school\'s admin, like a missing case', async () => {
      const c = (await open(w.studentB.id)).body;
      const missing = await t.http.get(`/api/v1/cases/${randomUUID()}`).set(await as(counselor2));
      for (const user of [w.teacher, counselor2, w.otherAdmin, w.admin]) {
        const res = await t.http.get(`/api/v1/cases/${c.id}`).set(await as(user));
        expect(res.status).toBe(404);
        expect(res.body).toEqual(missing.body);
      }
      expect((await move(c.id, 'assessing', 1, counselor2)).status).toBe(404);
    });

    it('lets the same counselor in after break-glass, and audits it as such', async () => {
      const student = await newStudent();
      const c = (await open(student.id)).body;
      const grant = await t.http
        .post('/api/v1/break-glass')
        .set(await as(counselor2))
        .send({ studentId: student.id, reason: 'Case owner on leave; student in crisis right now' });
      const res = await t.http.get(`/api/v1/cases/${c.id}`).set(await as(counselor2));
      expect(res.status).toBe(200);
      expect(res.body.access).toBe('break_glass');
      const [event] = await t.dataSource.query(`SELECT break_glass_grant_id FROM audit_events WHERE action = 'case.read' AND actor_id = $1 AND outcome = 'success'`, [counselor2.id]);
      expect(event.break_glass_grant_id).toBe(grant.body.id);
    });

    it('lists only the cases whose team the caller is on', async () => {
      const mine = (await open((await newStudent()).id, {}, counselor2)).body;
      const list = await t.http.get('/api/v1/cases').query({ limit: 200 }).set(await as(counselor2));
      const ids = list.body.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(mine.id);
      expect(list.body.items.find((c: { id: string }) => c.id === mine.id)).toMatchObject({ overdueTasks: 0, unreachableContacts: 0 });
      const studentOfMine = list.body.items.find((c: { id: string }) => c.id === mine.id).studentId;
      const guardian = await t.dataSource.query(
        `INSERT INTO guardians (school_id, student_id, name, relation, phone) VALUES ($1, $2, '王芳', 'mother', '13900001111') RETURNING id`,
        [w.school.id, studentOfMine],
      );
      await t.http.post(`/api/v1/cases/${mine.id}/contacts`).set(await as(counselor2)).send({
        counterpart: 'guardian', guardianId: guardian[0].id, channel: 'phone', outcome: 'not_reached', contactedAt: new Date().toISOString(),
      });
      const after = await t.http.get('/api/v1/cases').query({ limit: 200 }).set(await as(counselor2));
      expect(after.body.items.find((c: { id: string }) => c.id === mine.id).unreachableContacts).toBe(1);
      expect(list.body.items.every((c: { id: string }) => c.id === mine.id || ids.includes(c.id))).toBe(true);
      const teacherList = await t.http.get('/api/v1/cases').set(await as(w.teacher));
      expect(teacherList.body.items).toEqual([]);
      const filtered = await t.http.get('/api/v1/cases').query({ state: 'closed' }).set(await as(counselor2));
      expect(filtered.body.items).toEqual([]);
    });

    it("lists one student's cases with ?studentId=, past ones too, still only those whose team the caller is on", async () => {
      const student = await newStudent();
      const past = (await open(student.id, {}, counselor2)).body;
      expect((await move(past.id, 'closed', past.version, counselor2)).status).toBe(200);
      const current = (await open(student.id, {}, counselor2)).body;
      await open((await newStudent()).id, {}, counselor2);
      const list = await t.http.get('/api/v1/cases').query({ studentId: student.id }).set(await as(counselor2));
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { id: string }) => c.id).sort()).toEqual([current.id, past.id].sort());
      const notOnTeam = await t.http.get('/api/v1/cases').query({ studentId: student.id }).set(await as(w.counselor));
      expect(notOnTeam.body.items).toEqual([]);
      expect((await t.http.get('/api/v1/cases').query({ studentId: 'not-a-uuid' }).set(await as(counselor2))).status).toBe(400);
    });

    it('audits each list read once, with its filter and the count', async () => {
      const reader = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
      await open((await newStudent()).id, {}, reader);
      await open((await newStudent()).id, {}, reader);
      await t.http.get('/api/v1/cases').set(await as(reader));
      await t.http.get('/api/v1/cases').query({ state: ['open', 'active'], riskLevel: 'high', limit: 1 }).set(await as(reader));
      const entries = await t.dataSource.query(
        `SELECT entity_type, student_id, reason FROM audit_events WHERE actor_id = $1 AND action = 'case.list' ORDER BY seq`,
        [reader.id],
      );
      expect(entries.map((e: { reason: string }) => JSON.parse(e.reason))).toEqual([
        { filter: {}, count: 2 },
        { filter: { state: ['open', 'active'], riskLevel: ['high'] }, count: expect.any(Number) },
      ]);
      expect(entries.every((e: { entity_type: string; student_id: string | null }) => e.entity_type === 'case' && e.student_id === null)).toBe(true);
    });
  });

  it('reassigns with a reason, keeping the previous owner on the team', async () => {
    const c = (await open((await newStudent()).id)).body;
    const res = await t.http.post(`/api/v1/cases/${c.id}/reassign`).set(await as(w.counselor)).send({ ownerId: counselor2.id, reason: '原负责人休产假', version: 1 });
    expect(res.body.ownerId).toBe(counselor2.id);
    expect(res.body.team.map((m: { userId: string }) => m.userId).sort()).toEqual([w.counselor.id, counselor2.id].sort());
    const toTeacher = await t.http.post(`/api/v1/cases/${c.id}/reassign`).set(await as(w.counselor)).send({ ownerId: w.teacher.id, reason: 'not a counselor', version: 2 });
    expect(toTeacher.status).toBe(400);
  });

  it('feeds the student\'s risk register with the case\'s risk level', async () => {
    const student = await newStudent();
    const c = (await open(student.id, { riskLevel: 'low' })).body;
    await t.http.post(`/api/v1/cases/${c.id}/risk`).set(await as(w.counselor)).send({ riskLevel: 'critical', reason: '面谈中透露具体自杀计划', version: 1 });
    const risk = await t.http.get(`/api/v1/students/${student.id}/risk`).set(await as(w.counselor));
    expect(risk.body).toMatchObject({ level: 'critical', derivedFrom: 'case:critical' });
  });

  it('opens a case from a concern flag when a counselor triages it so', async () => {
    const student = await newStudent();
    const flag = (
      await t.http.post('/api/v1/concern-flags').set(await as(w.teacher)).send({
        studentId: student.id, category: 'family_crisis', severity: 'medium', observedAt: new Date().toISOString(), observation: '父母离异，学生多次哭泣',
      })
    ).body;
    const noRisk = await t.http.post(`/api/v1/concern-flags/${flag.id}/triage`).set(await as(w.counselor)).send({ decision: 'open_case', version: 1 });
    expect(noRisk.status).toBe(400);
    const triaged = await t.http.post(`/api/v1/concern-flags/${flag.id}/triage`).set(await as(w.counselor)).send({ decision: 'open_case', riskLevel: 'moderate', version: 1 });
    expect(triaged.body.status).toBe('case_opened');
    const [c] = await t.dataSource.query(`SELECT c.id FROM cases c JOIN case_signals s ON s.case_id = c.id WHERE s.source_type = 'concern_flag' AND s.source_id = $1`, [flag.id]);
    expect(c).toBeDefined();
    const teacherView = await t.http.get(`/api/v1/concern-flags/${flag.id}`).set(await as(w.teacher));
    expect(teacherView.body.status).toBe('being_followed_up');
  });
});
