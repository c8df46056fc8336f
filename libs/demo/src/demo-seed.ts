import type { DataSource } from 'typeorm';
import { auditServiceFromEnvironment } from '#audit';
import { PasswordHasher } from '#identity';

export const DEMO_SCHOOL_CODE = 'demo';

export const DEMO_USERS = [
  { username: 'admin', displayName: '王校长 (admin)', role: 'admin' },
  { username: 'counselor', displayName: '李老师 (counselor)', role: 'counselor' },
  { username: 'counselor2', displayName: '赵老师 (counselor)', role: 'counselor' },
  { username: 'teacher', displayName: '陈老师 (class teacher, 高一1班)', role: 'class_teacher' },
  { username: 'teacher2', displayName: '刘老师 (class teacher, 高一2班)', role: 'class_teacher' },
  { username: 'duty', displayName: '周老师 (duty officer)', role: 'duty_officer' },
] as const;

/** The demo school's head (王校长), its first person accountable (第一责任人): the last step of every alert escalation. */
export const DEMO_FIRST_ACCOUNTABLE = 'admin';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN_NAMES = ['子涵', '欣怡', '浩然', '梓轩', '雨桐', '宇航', '思彤', '俊杰', '佳怡', '博文', '诗涵', '一诺', '明轩', '可馨', '天佑'];

/**
 * A demo school to try everything at once: 2 grades, 4 classes of 30 students with a guardian
 * each, and one user of every role, the administrator being the school's first person accountable.
 * Does nothing when the demo school already exists.
 * Returns whether it seeded.
 */
export async function seedDemoSchool(dataSource: DataSource, password: string): Promise<boolean> {
  const passwordHash = await new PasswordHasher().hash(password);
  const audit = auditServiceFromEnvironment(dataSource);
  return dataSource.transaction(async (manager) => {
    const [school] = await manager.query<{ id: string }[]>(
      `INSERT INTO schools (name, code) VALUES ('示范中学 Demo High School', $1) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [DEMO_SCHOOL_CODE],
    );
    if (!school) return false;
    await manager.query(
      `INSERT INTO grades (school_id, name, sort_order) VALUES ($1, '高一 Grade 10', 1), ($1, '高二 Grade 11', 2)`,
      [school.id],
    );
    // Classes 高一1班, 高一2班, 高二1班, 高二2班, in that order of creation.
    await manager.query(
      `INSERT INTO classes (school_id, grade_id, name, created_at)
       SELECT g.school_id, g.id, left(g.name, 2) || n || '班', now() + (g.sort_order * 10 + n) * interval '1 millisecond'
         FROM grades g CROSS JOIN generate_series(1, 2) n WHERE g.school_id = $1`,
      [school.id],
    );
    const users = await manager.query<{ id: string; username: string }[]>(
      `INSERT INTO users (school_id, username, display_name, role, password_hash, first_accountable)
       SELECT $1, u.username, u.display_name, u.role, $3, u.username = $4 FROM jsonb_to_recordset($2::jsonb) AS u(username text, display_name text, role text)
       RETURNING id, username`,
      [
        school.id,
        JSON.stringify(DEMO_USERS.map((u) => ({ username: u.username, display_name: u.displayName, role: u.role }))),
        passwordHash,
        DEMO_FIRST_ACCOUNTABLE,
      ],
    );
    const userId = (name: string) => users.find((u) => u.username === name)?.id;
    await manager.query(
      `INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at)
       SELECT $1, c.id, t.user_id::uuid, now()
         FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS n FROM classes WHERE school_id = $1) c
         JOIN (VALUES (1, $2), (2, $3)) AS t(n, user_id) ON t.n = c.n`,
      [school.id, userId('teacher'), userId('teacher2')],
    );
    await manager.query(
      `INSERT INTO students (school_id, class_id, student_number, name, gender, date_of_birth)
       SELECT c.school_id, c.id,
              '2026' || lpad((c.n * 100 + s)::text, 4, '0'),
              ($2::text[])[1 + (c.n * 7 + s) % array_length($2::text[], 1)] || ($3::text[])[1 + (c.n * 3 + s * 5) % array_length($3::text[], 1)],
              CASE WHEN s % 2 = 0 THEN 'female' ELSE 'male' END,
              date '2010-09-01' - (c.n / 3) * interval '1 year' + (s * 11) * interval '1 day'
         FROM (SELECT id, school_id, row_number() OVER (ORDER BY created_at) AS n FROM classes WHERE school_id = $1) c
        CROSS JOIN generate_series(1, 30) s`,
      [school.id, SURNAMES, GIVEN_NAMES],
    );
    await manager.query(
      `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary)
       SELECT s.school_id, s.id, left(s.name, 1) || CASE WHEN s.gender = 'female' THEN '妈妈' ELSE '爸爸' END,
              CASE WHEN s.gender = 'female' THEN 'mother' ELSE 'father' END,
              '138' || lpad((abs(hashtext(s.student_number)) % 100000000)::text, 8, '0'), true
         FROM students s WHERE s.school_id = $1`,
      [school.id],
    );
    // Both counselors see students on weekdays, 09:00-12:00 and 14:00-17:00 (Asia/Shanghai), in their rooms.
    await manager.query(
      `INSERT INTO counselor_availability_rules (school_id, counselor_id, weekday, start_minute, end_minute, mode, place, created_by)
       SELECT $1, c.id, d, m.start_minute, m.end_minute, 'room', c.room, c.id
         FROM (VALUES ($2::uuid, '心理咨询室 201'), ($3::uuid, '心理咨询室 202')) AS c(id, room)
        CROSS JOIN generate_series(1, 5) d
        CROSS JOIN (VALUES (540, 720), (840, 1020)) AS m(start_minute, end_minute)`,
      [school.id, userId('counselor'), userId('counselor2')],
    );
    await audit.record(manager, { schoolId: school.id }, { action: 'demo.seed', entityType: 'school', entityId: school.id });
    return true;
  });
}
