import { createTestApp, type TestApp } from '../support/test-app.js';
import { demoSchool } from './demo.js';

/**
 * The README's walkthrough "From an alert to a closed case", step by step, with the demo
 * accounts: if this fails, the README is no longer true.
 */
describe('README walkthrough: from an alert to a closed case', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('runs end to end with the demo accounts', async () => {
    const as = await demoSchool(t);

    // 1. The class teacher of 高一1班 picks a student of their class and raises an urgent flag.
    const students = await t.http.get('/api/v1/students').query({ limit: 1 }).set(as.teacher);
    const student = students.body.items[0];
    expect(student.className).toBe('高一1班');
    const flag = await t.http.post('/api/v1/concern-flags').set(as.teacher).send({
      studentId: student.id,
      category: 'self_harm_or_suicide_talk',
      severity: 'urgent',
      observedAt: new Date().toISOString(),
      observation: '课间对同学说“不想活了”，手腕有划痕',
    });
    expect(flag.status).toBe(201);

    // 2. A counselor sees the critical alert and acknowledges it.
    const alerts = await t.http.get('/api/v1/alerts').query({ status: 'open' }).set(as.counselor);
    const alert = alerts.body.items.find((a: { studentId: string }) => a.studentId === student.id);
    expect(alert).toMatchObject({ severity: 'critical', sourceType: 'concern_flag' });
    const ack = await t.http.post(`/api/v1/alerts/${alert.id}/acknowledge`).set(as.counselor).send({ note: '已当面约谈学生，学生暂时安全' });
    expect(ack.body.status).toBe('acknowledged');

    // 3. The counselor opens a case from the teacher's flag, and links the alert to it.
    const triaged = await t.http
      .post(`/api/v1/concern-flags/${flag.body.id}/triage`)
      .set(as.counselor)
      .send({ decision: 'open_case', riskLevel: 'high', version: 1 });
    expect(triaged.body.status).toBe('case_opened');
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as.counselor)
      .send({ studentId: student.id, riskLevel: 'high', sourceType: 'alert', sourceId: alert.id });
    expect(opened.status).toBe(200); // the student's open case, with the alert attached
    const caseId = opened.body.id;
    expect(opened.body.signals.map((s: { sourceType: string }) => s.sourceType).sort()).toEqual(['alert', 'concern_flag']);
    const risk = await t.http.get(`/api/v1/students/${student.id}/risk`).set(as.counselor);
    expect(risk.body.level).toBe('critical');
    const teacherMeanwhile = await t.http.get(`/api/v1/concern-flags/${flag.body.id}`).set(as.teacher);
    expect(teacherMeanwhile.body.status).toBe('being_followed_up');

    // 4. Assessment, a plan task, the guardian reached by phone, a note.
    let version = opened.body.version;
    for (const to of ['assessing', 'active']) {
      const moved = await t.http.post(`/api/v1/cases/${caseId}/transitions`).set(as.counselor).send({ to, version });
      expect(moved.body.state).toBe(to);
      version = moved.body.version;
    }
    const detail = await t.http.get(`/api/v1/students/${student.id}`).set(as.counselor);
    const guardianId = detail.body.guardians[0].id;
    const task = await t.http
      .post(`/api/v1/cases/${caseId}/tasks`)
      .set(as.counselor)
      .send({ title: '每周一次面谈，持续四周', assigneeId: opened.body.ownerId, dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    expect(task.status).toBe(201);
    const contact = await t.http.post(`/api/v1/cases/${caseId}/contacts`).set(as.counselor).send({
      counterpart: 'guardian',
      guardianId,
      channel: 'phone',
      outcome: 'reached',
      contactedAt: new Date().toISOString(),
      isGuardianNotification: true,
      agreed: '家长今晚陪伴，明天带孩子到医院心理科就诊',
    });
    expect(contact.status).toBe(201);
    const note = await t.http.post(`/api/v1/cases/${caseId}/notes`).set(as.counselor).send({ body: '第一次面谈：承认有自伤行为，无具体自杀计划。' });
    expect(note.status).toBe(201);

    // 5. Weeks later: monitoring, then a closure request the administrator approves.
    const monitoring = await t.http.post(`/api/v1/cases/${caseId}/transitions`).set(as.counselor).send({ to: 'monitoring', version });
    expect(monitoring.body.state).toBe('monitoring');
    const direct = await t.http.post(`/api/v1/cases/${caseId}/transitions`).set(as.counselor).send({ to: 'closed', version: monitoring.body.version });
    expect(direct.body.code).toBe('case.approval_required');
    const request = await t.http
      .post(`/api/v1/cases/${caseId}/closure-requests`)
      .set(as.counselor)
      .send({ reason: '连续四周情绪稳定，已在医院规律复诊，家长配合', version: monitoring.body.version });
    expect(request.status).toBe(201);
    const approved = await t.http.post(`/api/v1/cases/${caseId}/closure-requests/${request.body.id}/approve`).set(as.admin).send({ note: '同意结案' });
    expect(approved.status).toBe(204);

    const closed = await t.http.get(`/api/v1/cases/${caseId}`).set(as.counselor);
    expect(closed.body.state).toBe('closed');
    const timeline = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set(as.counselor);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['opened', 'state_changed', 'task_created', 'contact_logged', 'note_added', 'closure_requested', 'closure_approved']),
    );
    // The teacher who raised the flag sees that it is closed, and nothing of the case.
    const teacherView = await t.http.get(`/api/v1/concern-flags/${flag.body.id}`).set(as.teacher);
    expect(teacherView.body.status).toBe('closed');
    expect((await t.http.get(`/api/v1/cases/${caseId}`).set(as.teacher)).status).toBe(404);
  });
});
