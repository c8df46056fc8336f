import type { KeyWindowKind } from '#holidays';

/** Whom one reminder is about: one reminder per subject and recipient. */
export const REMINDER_SUBJECTS = ['class', 'high_risk_student', 'open_case', 'flagged_student', 'school'] as const;
export type ReminderSubject = (typeof REMINDER_SUBJECTS)[number];

/** Who receives it. */
export const REMINDER_RECIPIENTS = ['class_teachers', 'case_owner', 'administrators', 'counselors'] as const;
export type ReminderRecipient = (typeof REMINDER_RECIPIENTS)[number];

/** What "done" means: each a condition the sweep checks in SQL against what the other modules record. */
export const DONE_CONDITIONS = [
  'education_topics_confirmed',
  'holiday_safety_plan_recorded',
  'roster_covers_holiday',
  'holiday_categories_registered',
  'contact_logged',
  'return_assessment_planned',
  'screening_campaign_opened',
  'observation_logged',
] as const;
export type DoneCondition = (typeof DONE_CONDITIONS)[number];

/** The subjects each condition can be checked for, and the recipients each subject can go to. */
export const CONDITION_SUBJECTS: Record<DoneCondition, readonly ReminderSubject[]> = {
  education_topics_confirmed: ['class'],
  holiday_categories_registered: ['class'],
  holiday_safety_plan_recorded: ['high_risk_student'],
  contact_logged: ['high_risk_student', 'open_case'],
  return_assessment_planned: ['high_risk_student', 'open_case'],
  observation_logged: ['flagged_student'],
  roster_covers_holiday: ['school'],
  screening_campaign_opened: ['school'],
};

export const SUBJECT_RECIPIENTS: Record<ReminderSubject, readonly ReminderRecipient[]> = {
  class: ['class_teachers', 'counselors', 'administrators'],
  high_risk_student: ['case_owner', 'counselors'],
  open_case: ['case_owner'],
  flagged_student: ['class_teachers', 'case_owner', 'counselors'],
  school: ['administrators', 'counselors'],
};

export interface RuleShape {
  subjects: ReminderSubject;
  recipients: ReminderRecipient;
  doneWhen: DoneCondition;
}

/** Why a combination cannot work, or null when it can. */
export function ruleShapeProblem(shape: RuleShape): { field: string; message: string } | null {
  if (!CONDITION_SUBJECTS[shape.doneWhen].includes(shape.subjects)) {
    return { field: 'subjects', message: `${shape.doneWhen} is checked for ${CONDITION_SUBJECTS[shape.doneWhen].join(', ')}` };
  }
  if (!SUBJECT_RECIPIENTS[shape.subjects].includes(shape.recipients)) {
    return { field: 'recipients', message: `reminders about ${shape.subjects} go to ${SUBJECT_RECIPIENTS[shape.subjects].join(', ')}` };
  }
  return null;
}

export interface DefaultRule extends RuleShape {
  code: string;
  windowKind: KeyWindowKind;
  /** Days after the window opens; null: when the window closes. */
  dueAfterDays: number | null;
  /** A new reminder every N days of the window (a check-in); null: once per window. */
  repeatEveryDays: number | null;
  titleZh: string;
  titleEn: string;
}

/** The defaults every school starts with (the Holiday-windows issue, part 2); administrators change or switch them off. */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    code: 'pre_holiday_safety_education', windowKind: 'pre_holiday', subjects: 'class', recipients: 'class_teachers',
    doneWhen: 'education_topics_confirmed', dueAfterDays: null, repeatEveryDays: null,
    titleZh: '假前安全教育：确认本班已完成各项安全专题及心理健康教育', titleEn: 'Before the holiday: confirm every safety topic and mental health were delivered to the class',
  },
  {
    code: 'pre_holiday_safety_plan', windowKind: 'pre_holiday', subjects: 'high_risk_student', recipients: 'case_owner',
    doneWhen: 'holiday_safety_plan_recorded', dueAfterDays: null, repeatEveryDays: null,
    titleZh: '假前：为高风险学生记录假期安全计划并确认监护人联系方式', titleEn: 'Before the holiday: record a holiday safety plan and a guardian-confirmed contact for a high-risk student',
  },
  {
    code: 'pre_holiday_duty_roster', windowKind: 'pre_holiday', subjects: 'school', recipients: 'administrators',
    doneWhen: 'roster_covers_holiday', dueAfterDays: null, repeatEveryDays: null,
    titleZh: '假前：排定覆盖假期每一天的值班表', titleEn: 'Before the holiday: a duty roster covering every day and shift of the holiday',
  },
  {
    code: 'pre_holiday_categories', windowKind: 'pre_holiday', subjects: 'class', recipients: 'class_teachers',
    doneWhen: 'holiday_categories_registered', dueAfterDays: null, repeatEveryDays: null,
    titleZh: '假前：登记本班每位学生的假期去向', titleEn: "Before the holiday: register every student's holiday category",
  },
  {
    code: 'holiday_check_in', windowKind: 'holiday', subjects: 'high_risk_student', recipients: 'case_owner',
    doneWhen: 'contact_logged', dueAfterDays: null, repeatEveryDays: 7,
    titleZh: '假期中：每7天联系一次高风险学生', titleEn: 'During the holiday: a check-in with a high-risk student every 7 days',
  },
  {
    code: 'pre_return_assessment', windowKind: 'pre_return', subjects: 'open_case', recipients: 'case_owner',
    doneWhen: 'return_assessment_planned', dueAfterDays: null, repeatEveryDays: null,
    titleZh: '开学前：安排返校评估', titleEn: 'Before school restarts: plan the return assessment',
  },
  {
    code: 'post_return_screening', windowKind: 'post_return', subjects: 'school', recipients: 'counselors',
    doneWhen: 'screening_campaign_opened', dueAfterDays: 14, repeatEveryDays: null,
    titleZh: '开学后：开展假后心理筛查', titleEn: 'After school restarts: open a post-holiday screening campaign',
  },
  {
    code: 'post_return_case_contact', windowKind: 'post_return', subjects: 'open_case', recipients: 'case_owner',
    doneWhen: 'contact_logged', dueAfterDays: 7, repeatEveryDays: null,
    titleZh: '开学后7天内：联系个案学生', titleEn: 'Within 7 days of the restart: a contact for each open case',
  },
  {
    code: 'post_return_flag_observation', windowKind: 'post_return', subjects: 'flagged_student', recipients: 'class_teachers',
    doneWhen: 'observation_logged', dueAfterDays: 14, repeatEveryDays: null,
    titleZh: '开学后14天内：记录对曾被关注学生的观察', titleEn: 'Within 14 days of the restart: an observation of each flagged student',
  },
];
