import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

describe('temporary hardship aid', () => {
  const clock = new ManualClock(new Date('2027-01-26T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let admin2: { id: string };
  let holidayId: string;
  let notAffected: { id: string };
  let unregistered: { id: string };
  let otherAffected: { id: string };

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const url = (suffix = '') => `/api/v1/calendar/holidays/${holidayId}/hardship-aid${suffix}`;
  const register = async (studentId: string, disasterAffected: boolean, user: { id: string }) =>
    t.http.put(`/api/v1/calendar/holidays/${holidayId}/categories/${studentId}`).set(await as(user)).send({ whereabouts: 'at_home', contactPhone: '13812345678', disasterAffected });
  const apply = async (user: { id: string }, studentId: string, amountRequestedFen = 150000, circumstances = '家中房屋在洪水中受损，父亲受伤住院') =>
    t.http.post(url()).set(await as(user)).send({ studentId, amountRequestedFen, circumstances });
  const move = async (user: { id: string }, id: string, body: Record<string, unknown>) => t.http.post(url(`/${id}/transitions`)).set(await as(user)).send(body);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    admin2 = await createUser(t, { schoolId: w.school.id, role: 'admin' });
    holidayId = (await t.http.post('/api/v1/calendar/holidays').set(await as(w.admin)).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-25', endsOn: '2027-02-20' })).body.id;
    notAffected = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '李华' });
    unregistered = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '赵磊' });
    otherAffected = await createStudent(t, { schoolId: w.school.id, classId: w.classB.id, name: '王芳' });
    expect((await register(w.studentA.id, true, w.teacher)).status).toBe(201);
    expect((await register(notAffected.id, false, w.teacher)).status).toBe(201);
    expect((await register(w.studentB.id, true, w.teacher2)).status).toBe(201);
    expect((await register(otherAffected.id, true, w.teacher2)).status).toBe(201);
  });
  afterAll(async () => t.close());

  it('runs the whole flow: a teacher applies, another person approves, payment is recorded; every step kept and audited', async () => {
    const applied = await apply(w.teacher, w.studentA.id);
    expect(applied.status).toBe(201);
    expect(applied.headers.location).toBe(`/api/v1/calendar/holidays/${holidayId}/hardship-aid/${applied.body.id}`);
    // The teacher sees the status only.
    expect(applied.body).toMatchObject({ studentId: w.studentA.id, classId: w.classA.id, status: 'submitted', appliedBy: w.teacher.id, version: 1 });
    expect(applied.body.amountRequestedFen).toBeUndefined();
    expect(applied.body.circumstances).toBeUndefined();
    const id = applied.body.id as string;

    // The circumstances are encrypted at rest.
    const [stored] = await t.dataSource.query('SELECT circumstances, amount_requested_fen FROM hardship_aid_applications WHERE id = $1', [id]);
    expect(stored.circumstances).not.toContain('洪水');
    expect(stored.amount_requested_fen).toBe(150000);

    // One open application per student and holiday.
    const again = await apply(w.teacher, w.studentA.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('hardship_aid.open_application_exists');

    const adminView = await t.http.get(url(`/${id}`)).set(await as(w.admin));
    expect(adminView.body).toMatchObject({ amountRequestedFen: 150000, circumstances: '家中房屋在洪水中受损，父亲受伤住院', status: 'submitted' });

    // Counselors and teachers may not review.
    expect((await move(w.counselor, id, { to: 'approved', version: 1 })).status).toBe(403);
    expect((await move(w.teacher, id, { to: 'approved', version: 1 })).status).toBe(403);

    clock.advance(3_600_000);
    const approved = await move(w.admin, id, { to: 'approved', version: 1 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', reviewedBy: w.admin.id, version: 2 });

    // Payment needs its amount and reference, and nothing that belongs to another step.
    const incomplete = await move(w.admin, id, { to: 'paid', amountPaid: 150000, version: 2 });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual(['paymentReference']);
    const stray = await move(w.admin, id, { to: 'paid', amountPaid: 150000, paymentReference: 'ZF20270127001', reason: '无', version: 2 });
    expect(stray.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);

    clock.advance(3_600_000);
    const paid = await move(admin2, id, { to: 'paid', amountPaid: 120000, paymentReference: 'ZF20270127001', version: 2 });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', amountPaidFen: 120000, paymentReference: 'ZF20270127001', paidBy: admin2.id, paidAt: clock.now().toISOString(), version: 3 });
    expect(paid.body.history.map((s: { from: string | null; to: string; actorId: string }) => [s.from, s.to, s.actorId])).toEqual([
      [null, 'submitted', w.teacher.id],
      ['submitted', 'approved', w.admin.id],
      ['approved', 'paid', admin2.id],
    ]);
    expect(paid.body.history.map((s: { at: string }) => s.at)).toEqual([
      new Date(clock.now().getTime() - 7_200_000).toISOString(),
      new Date(clock.now().getTime() - 3_600_000).toISOString(),
      clock.now().toISOString(),
    ]);

    const audits = await t.dataSource.query('SELECT action, actor_id, student_id FROM audit_events WHERE entity_id = $1 ORDER BY seq', [id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['hardship_aid.apply', 'hardship_aid.approve', 'hardship_aid.pay']);
    expect(audits.every((a: { student_id: string }) => a.student_id === w.studentA.id)).toBe(true);

    // Paid is final, and a paid application no longer blocks a new one.
    const final = await move(w.admin, id, { to: 'rejected', reason: '重复', version: 3 });
    expect(final.status).toBe(409);
    expect(final.body).toMatchObject({ code: 'hardship_aid.illegal_transition', allowed: [] });
  });

  it("answers 404 to a class teacher applying for another class's student, or another school's", async () => {
    const res = await apply(w.teacher, w.studentB.id);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('student.not_found');
    expect((await apply(w.admin, w.otherStudent.id)).status).toBe(404);
    const count = await t.dataSource.query('SELECT count(*)::int AS n FROM hardship_aid_applications WHERE student_id = ANY($1)', [[w.studentB.id, w.otherStudent.id]]);
    expect(count[0].n).toBe(0);
    expect((await t.http.get(`/api/v1/calendar/holidays/${holidayId}/hardship-aid`).set(await as(w.otherCounselor))).status).toBe(404);
  });

  it('refuses a student not registered as disaster-affected, naming why', async () => {
    const notMarked = await apply(w.teacher, notAffected.id);
    expect(notMarked.status).toBe(409);
    expect(notMarked.body.code).toBe('hardship_aid.not_disaster_affected');
    expect(notMarked.body.detail).toMatch(/does not mark them disaster-affected/);
    const none = await apply(w.teacher, unregistered.id);
    expect(none.status).toBe(409);
    expect(none.body.detail).toMatch(/no holiday category/);
    expect((await apply(w.teacher, w.studentA.id, 0)).status).toBe(400);
    expect((await apply(w.teacher, w.studentA.id, 12.5)).status).toBe(400);
    expect((await apply(w.duty, w.studentA.id)).status).toBe(403);
  });

  it('keeps the applicant from approving; rejection needs a reason, encrypted; illegal moves name the allowed ones', async () => {
    const applied = await apply(w.admin, w.studentB.id, 80000);
    expect(applied.status).toBe(201);
    expect(applied.body.amountRequestedFen).toBe(80000);
    const id = applied.body.id as string;
    const own = await move(w.admin, id, { to: 'approved', version: 1 });
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('hardship_aid.second_person_required');

    const illegal = await move(admin2, id, { to: 'paid', amountPaid: 80000, paymentReference: 'X1', version: 1 });
    expect(illegal.status).toBe(409);
    expect(illegal.body.code).toBe('hardship_aid.illegal_transition');
    expect(illegal.body.allowed).toEqual(['approved', 'rejected']);
    expect(illegal.body.detail).toMatch(/approved or rejected/);

    const noReason = await move(admin2, id, { to: 'rejected', version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const rejected = await move(admin2, id, { to: 'rejected', reason: '家庭已获得政府专项救助', version: 1 });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '家庭已获得政府专项救助', reviewedBy: admin2.id, version: 2 });
    const [stored] = await t.dataSource.query('SELECT rejection_reason FROM hardship_aid_applications WHERE id = $1', [id]);
    expect(stored.rejection_reason).not.toContain('救助');
    const afterReject = await move(admin2, id, { to: 'approved', version: 2 });
    expect(afterReject.status).toBe(409);
    expect(afterReject.body.allowed).toEqual([]);

    // Rejected is closed: a new application may follow.
    expect((await apply(w.teacher2, w.studentB.id, 50000)).status).toBe(201);
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const applied = await apply(w.teacher2, otherAffected.id);
    const id = applied.body.id as string;
    const stale = await move(w.admin, id, { to: 'approved', version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('hardship_aid.version_conflict');
    expect((await move(w.admin, id, { to: 'approved', version: 1 })).status).toBe(200);
    const late = await move(admin2, id, { to: 'rejected', reason: '晚了', version: 1 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('hardship_aid.version_conflict');
    const detail = await t.http.get(url(`/${id}`)).set(await as(w.admin));
    expect(detail.body.history).toHaveLength(2);
    expect(detail.body.status).toBe('approved');
  });

  it('lists a teacher their own applications by status, counselors the school without amounts, administrators with amounts', async () => {
    const mine = await t.http.get(url()).set(await as(w.teacher));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { studentId: string; status: string }) => [i.studentId, i.status])).toEqual([[w.studentA.id, 'paid']]);
    expect(mine.body.items[0].amountRequestedFen).toBeUndefined();
    const teacher2 = await t.http.get(url()).query({ status: 'submitted' }).set(await as(w.teacher2));
    expect(teacher2.body.items.map((i: { studentId: string }) => i.studentId)).toEqual([w.studentB.id]);

    const counselor = await t.http.get(url()).set(await as(w.counselor));
    expect(counselor.body.items).toHaveLength(4);
    expect(counselor.body.items.every((i: Record<string, unknown>) => i.amountRequestedFen === undefined && i.circumstances === undefined)).toBe(true);

    const admin = await t.http.get(url()).query({ limit: 2 }).set(await as(w.admin));
    expect(admin.body.items).toHaveLength(2);
    expect(admin.body.items[0]).toMatchObject({ studentId: w.studentA.id, amountRequestedFen: 150000, amountPaidFen: 120000 });
    const next = await t.http.get(url()).query({ limit: 2, cursor: admin.body.nextCursor }).set(await as(w.admin));
    expect(next.body.items).toHaveLength(2);
    expect(next.body.nextCursor).toBeNull();
    const rejected = await t.http.get(url()).query({ status: 'rejected' }).set(await as(w.admin));
    expect(rejected.body.items.map((i: { rejectionReason: string }) => i.rejectionReason)).toEqual(['家庭已获得政府专项救助']);
    expect((await t.http.get(url()).query({ status: 'lost' }).set(await as(w.admin))).status).toBe(400);

    // A teacher cannot read an application they did not make, even with history.
    const othersId = teacher2.body.items[0].id as string;
    expect((await t.http.get(url(`/${othersId}`)).set(await as(w.teacher))).status).toBe(404);
    const own = await t.http.get(url(`/${mine.body.items[0].id}`)).set(await as(w.teacher));
    expect(own.body.history.map((s: { to: string }) => s.to)).toEqual(['submitted', 'approved', 'paid']);
    expect((await t.http.get(url()).set(await as(w.duty))).status).toBe(403);
  });
});
