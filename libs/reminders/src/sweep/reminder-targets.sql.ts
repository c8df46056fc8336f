import type { ReminderRecipient, ReminderSubject } from '../rules/rule-catalogue.js';

/**
 * SQL for who gets a reminder about whom: one row per (subject, recipient) of a school, columns
 * `subject_type, subject_id, student_id, recipient_id`. Parameters: `$1` school, `$2` the
 * holiday's first instant (what "flagged this term" counts back from). Only active staff receive
 * reminders; only enrolled students are subjects.
 */

/** Students flagged in the half year before the holiday (not dismissed) need an eye on them after it. */
const FLAGGED_LOOKBACK = `interval '183 days'`;

const SUBJECTS: Record<ReminderSubject, string> = {
  class: `SELECT 'class'::text AS subject_type, c.id AS subject_id, NULL::uuid AS student_id, c.id AS class_id, NULL::uuid AS case_owner_id
            FROM classes c
           WHERE c.school_id = $1 AND EXISTS (SELECT 1 FROM students st WHERE st.class_id = c.id AND st.status = 'enrolled')`,
  high_risk_student: `SELECT 'student'::text, st.id, st.id, st.class_id,
                             (SELECT k.owner_id FROM cases k WHERE k.student_id = st.id AND k.state <> 'closed')
                        FROM student_risk sr JOIN students st ON st.id = sr.student_id
                       WHERE sr.school_id = $1 AND sr.level IN ('high', 'critical') AND st.status = 'enrolled'`,
  open_case: `SELECT 'case'::text, k.id, k.student_id, st.class_id, k.owner_id
                FROM cases k JOIN students st ON st.id = k.student_id
               WHERE k.school_id = $1 AND k.state <> 'closed' AND st.status = 'enrolled'`,
  flagged_student: `SELECT DISTINCT 'student'::text, st.id, st.id, st.class_id,
                           (SELECT k.owner_id FROM cases k WHERE k.student_id = st.id AND k.state <> 'closed')
                      FROM concern_flags f JOIN students st ON st.id = f.student_id
                     WHERE f.school_id = $1 AND f.status <> 'dismissed' AND st.status = 'enrolled'
                       AND f.created_at >= $2::timestamptz - ${FLAGGED_LOOKBACK} AND f.created_at < $2::timestamptz`,
  school: `SELECT 'school'::text, s.id, NULL::uuid, NULL::uuid, NULL::uuid FROM schools s WHERE s.id = $1`,
};

const staffOf = (roles: string) => `SELECT u.id FROM users u WHERE u.school_id = $1 AND u.active AND u.role IN (${roles})`;

/**
 * A student's case owner; for a student without an open case (or whose owner left), the head of
 * counseling, or every counselor where the school has no head: someone must act on a high-risk student.
 */
const CASE_OWNER_OR_COUNSELING = `
  SELECT o.id FROM users o WHERE o.id = s.case_owner_id AND o.active
  UNION ALL
  SELECT u.id FROM users u
   WHERE u.school_id = $1 AND u.active
     AND NOT EXISTS (SELECT 1 FROM users o WHERE o.id = s.case_owner_id AND o.active)
     AND u.role = CASE WHEN EXISTS (SELECT 1 FROM users l WHERE l.school_id = $1 AND l.active AND l.role = 'counseling_lead')
                       THEN 'counseling_lead' ELSE 'counselor' END`;

const RECIPIENTS: Record<ReminderRecipient, string> = {
  class_teachers: `SELECT a.user_id FROM class_teacher_assignments a JOIN users u ON u.id = a.user_id AND u.active
                    WHERE a.class_id = s.class_id AND a.ended_at IS NULL`,
  case_owner: CASE_OWNER_OR_COUNSELING,
  administrators: staffOf(`'admin'`),
  counselors: staffOf(`'counselor', 'counseling_lead'`),
};

export function reminderTargetsSql(subjects: ReminderSubject, recipients: ReminderRecipient): string {
  return `SELECT DISTINCT s.subject_type, s.subject_id, s.student_id, r.recipient_id
            FROM (${SUBJECTS[subjects]}) AS s(subject_type, subject_id, student_id, class_id, case_owner_id)
            CROSS JOIN LATERAL (${RECIPIENTS[recipients]}) AS r(recipient_id)`;
}
