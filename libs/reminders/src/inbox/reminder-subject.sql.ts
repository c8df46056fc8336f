import type { Caller } from '#access';
import { type BindParameter, visibleStudentsCondition } from '#org';

/**
 * Whether the caller may see the name of the student a reminder concerns (`s` = students): class
 * teachers for their current classes, counselors for the school. Administrators may not: a
 * high-risk student's name beside "safety plan" is sensitive, so they get the subject's type and
 * id only; duty officers reach no students this way.
 */
export function studentNameVisibleCondition(caller: Caller, bind: BindParameter): string {
  return caller.role === 'admin' ? 'FALSE' : visibleStudentsCondition(caller, 's', bind);
}

/**
 * The columns of a reminder as shown, with its rule and the names of its subject from joins
 * (no query per row). Pair with REMINDER_JOINS; `$visible` is the condition above.
 */
export const reminderColumns = (studentVisible: string) => `r.id, r.school_id AS "schoolId", r.rule_id AS "ruleId", rr.code AS "ruleCode",
  rr.title_zh AS "ruleTitleZh", rr.title_en AS "ruleTitleEn", r.window_kind AS "windowKind", r.holiday_id AS "holidayId",
  r.period_no AS "periodNo", r.period_from AS "periodFrom", r.due_at AS "dueAt", r.status, r.snoozed_until AS "snoozedUntil",
  r.acknowledged_at AS "acknowledgedAt", r.completed_at AS "completedAt", r.completed_by AS "completedBy", r.completion_note AS "completionNote",
  r.escalated_at AS "escalatedAt", r.escalated_to AS "escalatedTo", r.recipient_id AS "recipientId", r.version,
  r.subject_type AS "subjectType", r.subject_id AS "subjectId", r.student_id AS "studentId",
  CASE r.subject_type WHEN 'class' THEN sc.name WHEN 'school' THEN sch.name END AS "subjectName",
  (r.student_id IS NOT NULL AND s.id IS NOT NULL AND ${studentVisible}) AS "studentVisible",
  s.name AS "studentName", stc.name AS "studentClassName"`;

export const REMINDER_JOINS = `JOIN reminder_rules rr ON rr.id = r.rule_id
  LEFT JOIN classes sc ON r.subject_type = 'class' AND sc.id = r.subject_id
  LEFT JOIN schools sch ON r.subject_type = 'school' AND sch.id = r.subject_id
  LEFT JOIN students s ON s.id = r.student_id
  LEFT JOIN classes stc ON stc.id = s.class_id`;
