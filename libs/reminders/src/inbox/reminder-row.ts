import type { KeyWindowKind } from '#holidays';
import type { ReminderStatus, ReminderSubjectType } from '../entities/reminder.entity.js';
import type { ReminderSubjectView, ReminderView } from './reminder-inbox.dtos.js';

/** A reminder as `reminderColumns` selects it: the note still encrypted, names beside their visibility. */
export interface ReminderRow {
  id: string;
  schoolId: string;
  ruleId: string;
  ruleCode: string;
  ruleTitleZh: string;
  ruleTitleEn: string;
  windowKind: KeyWindowKind;
  holidayId: string;
  periodNo: number;
  periodFrom: Date;
  dueAt: Date;
  status: ReminderStatus;
  snoozedUntil: Date | null;
  acknowledgedAt: Date | null;
  completedAt: Date | null;
  completedBy: string | null;
  completionNote: string | null;
  escalatedAt: Date | null;
  escalatedTo: string[];
  recipientId: string;
  version: number;
  subjectType: ReminderSubjectType;
  subjectId: string;
  studentId: string | null;
  subjectName: string | null;
  studentVisible: boolean;
  studentName: string | null;
  studentClassName: string | null;
}

function subjectOf(row: ReminderRow): ReminderSubjectView {
  const subject: ReminderSubjectView = { type: row.subjectType, id: row.subjectId };
  if (row.studentId !== null) {
    // Student and case subjects: the name only where the caller may see the student.
    if (row.studentVisible && row.studentName !== null) return { ...subject, name: row.studentName, className: row.studentClassName ?? undefined };
    return subject;
  }
  return row.subjectName === null ? subject : { ...subject, name: row.subjectName };
}

export function reminderViewOf(row: ReminderRow, now: Date): ReminderView {
  return {
    id: row.id,
    rule: { id: row.ruleId, code: row.ruleCode, titleZh: row.ruleTitleZh, titleEn: row.ruleTitleEn },
    windowKind: row.windowKind,
    holidayId: row.holidayId,
    periodNo: row.periodNo,
    periodFrom: row.periodFrom,
    dueAt: row.dueAt,
    status: row.status,
    snoozedUntil: row.snoozedUntil,
    acknowledgedAt: row.acknowledgedAt,
    completedAt: row.completedAt,
    completedAutomatically: row.status === 'done' && row.completedBy === null,
    subject: subjectOf(row),
    escalatedAt: row.escalatedAt,
    overdue: row.status !== 'done' && new Date(row.dueAt).getTime() < now.getTime(),
  };
}
