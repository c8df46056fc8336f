import { randomBytes, randomUUID } from 'node:crypto';
import { AccessTokenService, PasswordHasher } from '#identity';
import type { Role } from '#access';
import type { TestApp } from './test-app.js';

/**
 * Small factories that insert rows directly (fast, and independent of the routes under test).
 * Every test makes its own schools, users and students, so tests never collide.
 */
export const TEST_PASSWORD = 'correct horse battery staple';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function createSchool(t: TestApp, values: { name?: string } = {}): Promise<{ id: string; code: string }> {
  const code = unique('school');
  const [row] = await t.dataSource.query<{ id: string }[]>('INSERT INTO schools (name, code) VALUES ($1, $2) RETURNING id', [
    values.name ?? `测试学校 ${code}`,
    code,
  ]);
  return { id: row.id, code };
}

export interface TestUser {
  id: string;
  schoolId: string;
  username: string;
  password: string;
  role: Role;
}

let passwordHash: Promise<string> | undefined;

export async function createUser(
  t: TestApp,
  values: { schoolId: string; role: Role; username?: string; displayName?: string; active?: boolean; password?: string },
): Promise<TestUser> {
  const username = values.username ?? unique(values.role);
  const password = values.password ?? TEST_PASSWORD;
  const hasher = t.app.get(PasswordHasher);
  const hash = values.password ? await hasher.hash(password) : await (passwordHash ??= hasher.hash(TEST_PASSWORD));
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO users (school_id, username, display_name, role, active, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [values.schoolId, username, values.displayName ?? username, values.role, values.active ?? true, hash],
  );
  return { id: row.id, schoolId: values.schoolId, username, password, role: values.role };
}

export async function createGrade(t: TestApp, schoolId: string, name = unique('高一')): Promise<{ id: string }> {
  const [row] = await t.dataSource.query<{ id: string }[]>('INSERT INTO grades (school_id, name) VALUES ($1, $2) RETURNING id', [
    schoolId,
    name,
  ]);
  return row;
}

export async function createClass(t: TestApp, schoolId: string, gradeId?: string, name = unique('1班')): Promise<{ id: string; gradeId: string }> {
  const grade = gradeId ?? (await createGrade(t, schoolId)).id;
  const [row] = await t.dataSource.query<{ id: string }[]>(
    'INSERT INTO classes (school_id, grade_id, name) VALUES ($1, $2, $3) RETURNING id',
    [schoolId, grade, name],
  );
  return { id: row.id, gradeId: grade };
}

export async function createStudent(
  t: TestApp,
  values: { schoolId: string; classId: string; name?: string; studentNumber?: string; status?: string },
): Promise<{ id: string; studentNumber: string }> {
  const studentNumber = values.studentNumber ?? unique('S');
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO students (school_id, class_id, student_number, name, status) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [values.schoolId, values.classId, studentNumber, values.name ?? '张小明', values.status ?? 'enrolled'],
  );
  return { id: row.id, studentNumber };
}

export async function assignClassTeacher(t: TestApp, values: { schoolId: string; classId: string; userId: string }): Promise<void> {
  await t.dataSource.query(
    'INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at) VALUES ($1, $2, $3, now())',
    [values.schoolId, values.classId, values.userId],
  );
}

/**
 * A valid access token for the user, minted directly (the sign-in flow has its own tests), with
 * the sign-in session it names: a refresh-token family of one token, as a sign-in leaves.
 */
export async function tokenFor(t: TestApp, user: { id: string }): Promise<string> {
  const sessionId = randomUUID();
  await t.dataSource.query(
    `INSERT INTO refresh_tokens (school_id, user_id, family_id, token_hash, expires_at)
     SELECT school_id, id, $2, $3, now() + interval '1 day' FROM users WHERE id = $1`,
    [user.id, sessionId, randomBytes(32)],
  );
  return t.app.get(AccessTokenService).issue(user.id, sessionId);
}

/** `Authorization` header value for the user. */
export async function bearer(t: TestApp, user: { id: string }): Promise<string> {
  return `Bearer ${await tokenFor(t, user)}`;
}

/**
 * A school with one user of every role, two classes (the teacher teaches A, teacher2 teaches B)
 * and a student in each; plus a second school with its own admin, class and student, for
 * cross-tenant checks.
 */
export async function createSchoolWorld(t: TestApp) {
  const school = await createSchool(t);
  const grade = await createGrade(t, school.id);
  const classA = await createClass(t, school.id, grade.id);
  const classB = await createClass(t, school.id, grade.id);
  const [admin, counselor, teacher, teacher2, duty] = await Promise.all([
    createUser(t, { schoolId: school.id, role: 'admin' }),
    createUser(t, { schoolId: school.id, role: 'counselor' }),
    createUser(t, { schoolId: school.id, role: 'class_teacher' }),
    createUser(t, { schoolId: school.id, role: 'class_teacher' }),
    createUser(t, { schoolId: school.id, role: 'duty_officer' }),
  ]);
  await assignClassTeacher(t, { schoolId: school.id, classId: classA.id, userId: teacher.id });
  await assignClassTeacher(t, { schoolId: school.id, classId: classB.id, userId: teacher2.id });
  const studentA = await createStudent(t, { schoolId: school.id, classId: classA.id });
  const studentB = await createStudent(t, { schoolId: school.id, classId: classB.id });

  const otherSchool = await createSchool(t);
  const otherClass = await createClass(t, otherSchool.id);
  const otherAdmin = await createUser(t, { schoolId: otherSchool.id, role: 'admin' });
  const otherCounselor = await createUser(t, { schoolId: otherSchool.id, role: 'counselor' });
  const otherStudent = await createStudent(t, { schoolId: otherSchool.id, classId: otherClass.id });

  return {
    school,
    grade,
    classA,
    classB,
    admin,
    counselor,
    teacher,
    teacher2,
    duty,
    studentA,
    studentB,
    otherSchool,
    otherClass,
    otherAdmin,
    otherCounselor,
    otherStudent,
  };
}

/**
 * An open case for the student, owned by the user (and with them on its team), inserted
 * directly; the case routes have their own tests.
 */
export async function createCase(
  t: TestApp,
  values: { schoolId: string; studentId: string; ownerId: string; riskLevel?: string; state?: string },
): Promise<{ id: string }> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO cases (school_id, student_id, risk_level, owner_id, source_type, opened_at, opened_by, state)
     VALUES ($1, $2, $3, $4, 'manual', now(), $4, $5) RETURNING id`,
    [values.schoolId, values.studentId, values.riskLevel ?? 'moderate', values.ownerId, values.state ?? 'open'],
  );
  await t.dataSource.query('INSERT INTO case_team_members (school_id, case_id, user_id, added_at) VALUES ($1, $2, $3, now())', [
    values.schoolId,
    row.id,
    values.ownerId,
  ]);
  return row;
}

/**
 * Gives a staff member contact details already verified (the verification routes have tests of
 * their own); a second call replaces them.
 */
export async function verifiedContacts(t: TestApp, userId: string, contact: { email?: string; mobile?: string }): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO staff_contacts (user_id, email, email_verified_at, mobile, mobile_verified_at)
     VALUES ($1, $2::citext, CASE WHEN $2::text IS NOT NULL THEN now() END, $3, CASE WHEN $3::text IS NOT NULL THEN now() END)
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, email_verified_at = EXCLUDED.email_verified_at,
                                         mobile = EXCLUDED.mobile, mobile_verified_at = EXCLUDED.mobile_verified_at`,
    [userId, contact.email ?? null, contact.mobile ?? null],
  );
}
