import { DUTY_SHIFTS } from '#holidays';
import type { DoneCondition } from '../rules/rule-catalogue.js';

/**
 * What "done" means, as SQL over a reminder row `r` (school_id, holiday_id, subject_id,
 * student_id, recipient_id, window_from, window_to, period_from): the same fragment decides
 * whether the sweep creates a reminder at all and when an open one closes itself. Each reads what
 * the other modules record, through their indexes.
 */
export const DONE_WHEN_SQL: Record<DoneCondition, string> = {
  // Every required (pre-holiday) topic delivered to the class since the window opened.
  education_topics_confirmed: `NOT EXISTS (
      SELECT 1 FROM education_topics t
       WHERE (t.school_id IS NULL OR t.school_id = r.school_id) AND t.active AND t.required_before_holiday
         AND NOT EXISTS (
           SELECT 1 FROM education_deliveries d JOIN education_activity_topics at ON at.activity_id = d.activity_id
            WHERE d.class_id = r.subject_id AND at.topic_id = t.id AND d.status = 'delivered'
              AND d.starts_at >= r.window_from AND d.starts_at < r.window_to))`,
  // Every enrolled student of the class has a holiday category for this holiday.
  holiday_categories_registered: `NOT EXISTS (
      SELECT 1 FROM students st
       WHERE st.class_id = r.subject_id AND st.status = 'enrolled'
         AND NOT EXISTS (SELECT 1 FROM holiday_categories hc WHERE hc.holiday_id = r.holiday_id AND hc.student_id = st.id))`,
  // A safety plan for this holiday, and a holiday contact the guardian confirmed.
  holiday_safety_plan_recorded: `EXISTS (SELECT 1 FROM holiday_safety_plans p WHERE p.holiday_id = r.holiday_id AND p.student_id = r.student_id)
     AND EXISTS (SELECT 1 FROM holiday_categories hc WHERE hc.holiday_id = r.holiday_id AND hc.student_id = r.student_id AND hc.guardian_confirmed)`,
  // Someone was reached (student, guardian, ...) for the student's case since the period began:
  // a call nobody answered is an attempt, not a check-in.
  contact_logged: `EXISTS (
      SELECT 1 FROM cases k JOIN case_contacts cc ON cc.case_id = k.id
       WHERE k.student_id = r.student_id AND cc.outcome = 'reached' AND cc.contacted_at >= r.period_from)`,
  // A session booked, or a case task planned, for after school restarts (the window's end).
  return_assessment_planned: `(EXISTS (
      SELECT 1 FROM appointments a
       WHERE a.student_id = r.student_id AND a.status IN ('offered', 'scheduled', 'completed') AND a.starts_at >= r.window_to)
    OR EXISTS (
      SELECT 1 FROM cases k JOIN case_tasks t ON t.case_id = k.id
       WHERE k.student_id = r.student_id AND t.status <> 'cancelled' AND t.created_at >= r.window_from AND t.due_at >= r.window_to))`,
  // Every day and shift of the holiday has an officer.
  roster_covers_holiday: `NOT EXISTS (
      SELECT 1 FROM school_holidays h
       CROSS JOIN generate_series(h.starts_on, h.ends_on, interval '1 day') AS day
       CROSS JOIN unnest(ARRAY[${DUTY_SHIFTS.map((s) => `'${s}'`).join(', ')}]) AS s(shift)
       WHERE h.id = r.holiday_id
         AND NOT EXISTS (SELECT 1 FROM duty_shifts d WHERE d.school_id = r.school_id AND d.duty_date = day::date AND d.shift = s.shift))`,
  // A campaign opened (or opening) from a week before the restart on.
  screening_campaign_opened: `EXISTS (
      SELECT 1 FROM screening_campaigns c
       WHERE c.school_id = r.school_id AND c.status <> 'draft' AND c.opens_at >= r.window_from - interval '7 days')`,
  // Any concern flag or observation recorded about the student since school restarted.
  observation_logged: `EXISTS (SELECT 1 FROM concern_flags f WHERE f.student_id = r.student_id AND f.created_at >= r.window_from)`,
};
