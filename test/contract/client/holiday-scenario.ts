// Compiled by test/contract/generated-client.e2e-spec.ts against a client generated from
// apps/api/openapi.json (openapi-typescript + openapi-fetch); not part of the project's own build.
// It must type-check without a single cast: every answer's type comes from the document.
import createClient from 'openapi-fetch';
import type { paths } from './api-schema.js';
import type { HolidayScenarioInput } from './scenario-inputs.js';


const DAY = 86_400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** Rounded down to the minute, plus some minutes. */
const minuteAt = (at: Date, plusMinutes = 0) => new Date(Math.floor(at.getTime() / 60_000) * 60_000 + plusMinutes * 60_000).toISOString();
/** A CSV cell as a spreadsheet shows it: without the apostrophe put before text that starts like a formula. */
const shownText = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r])/, '');

/**
 * A whole holiday at one school, through the generated client only: the calendar and its key
 * windows, the duty roster, reminders, a screening campaign whose survey raises an alert, a
 * teacher's concern flag, a high-risk case worked to closure, a counseling session, safety
 * education, holiday categories and hardship aid, then the reports and the audit chain.
 */
export async function runHolidayScenario(input: HolidayScenarioInput): Promise<string[]> {
  const api = createClient<paths>({ baseUrl: input.baseUrl });
  const admin = { authorization: `Bearer ${input.adminToken}` };
  const counselor = { authorization: `Bearer ${input.counselorToken}` };
  const teacher = { authorization: `Bearer ${input.teacherToken}` };
  const duty = { authorization: `Bearer ${input.dutyOfficerToken}` };
  const steps: string[] = [];

  // 1. The administrator puts the term and its winter holiday on the calendar; the key windows follow.
  const term = await api.POST('/api/v1/calendar/terms', {
    headers: admin,
    body: { name: '2026-2027学年第一学期', startsOn: addDays(input.today, -60), endsOn: addDays(input.today, 120) },
  });
  if (!term.data) throw new Error(`createTerm: ${term.response.status}`);
  const holidayStart = addDays(input.today, 10);
  const holidayEnd = addDays(input.today, 40);
  const created = await api.POST('/api/v1/calendar/holidays', { headers: admin, body: { kind: 'winter', name: '寒假', startsOn: holidayStart, endsOn: holidayEnd } });
  if (!created.data) throw new Error(`createHoliday: ${created.response.status}`);
  const holidayId = created.data.id;
  steps.push(`term: ${term.data.startsOn === addDays(input.today, -60) ? 'created' : 'wrong dates'}, version ${term.data.version}`);
  steps.push(`holiday: ${created.data.kind}, ${created.data.startsOn === holidayStart && created.data.endsOn === holidayEnd ? 'today+10 to today+40' : 'wrong dates'}`);
  const windows = await api.GET('/api/v1/calendar/windows', {
    headers: admin,
    params: { query: { from: input.now().toISOString(), to: new Date(input.now().getTime() + 90 * DAY).toISOString() } },
  });
  if (!windows.data) throw new Error(`listKeyWindows: ${windows.response.status}`);
  const ours = windows.data.items.filter((w) => w.holidayId === holidayId);
  const holidayWindow = ours.find((w) => w.kind === 'holiday');
  steps.push(`windows: ${ours.map((w) => w.kind).join(', ')}; holiday window ${holidayWindow?.firstDay === holidayStart && holidayWindow.lastDay === holidayEnd ? 'matches the holiday' : 'differs'}`);

  // 2. The duty roster: a day shift on the first day for the duty officer, who confirms being reachable.
  const shift = await api.POST('/api/v1/duty-roster', {
    headers: admin,
    body: { dutyDate: holidayStart, shift: 'day', officerId: input.dutyOfficerId, phone: '138 0000 5678', handoverNotes: '值班电话保持畅通' },
  });
  if (!shift.data) throw new Error(`createDutyShift: ${shift.response.status}`);
  steps.push(`duty shift: ${shift.data.shift} ${shift.data.dutyDate === holidayStart ? 'on the first day' : shift.data.dutyDate}, reachable ${shift.data.lastConfirmedReachableAt ?? 'not yet'}`);
  const reachable = await api.POST('/api/v1/duty-roster/{shiftId}/confirm-reachable', { headers: duty, params: { path: { shiftId: shift.data.id } } });
  if (!reachable.data) throw new Error(`confirmDutyShiftReachable: ${reachable.response.status} ${reachable.error?.code}`);
  steps.push(`duty officer: ${reachable.data.lastConfirmedReachableAt === null ? 'not confirmed' : 'confirmed reachable'}, version ${reachable.data.version}`);
  const gaps = await api.GET('/api/v1/duty-roster/gaps', { headers: admin, params: { query: { holidayId } } });
  if (!gaps.data) throw new Error(`listDutyRosterGaps: ${gaps.response.status}`);
  const unfilled = gaps.data.items.filter((g) => g.kind === 'unfilled_shift');
  const firstDayGaps = unfilled.filter((g) => g.date === holidayStart).map((g) => g.shift);
  const officerGaps = gaps.data.items.filter((g) => g.kind !== 'unfilled_shift').map((g) => `${g.kind} ${g.officerId === input.dutyOfficerId ? 'the officer' : g.officerId}`);
  steps.push(`roster gaps: ${unfilled.length}, first day ${firstDayGaps.join(', ') || 'covered'}; officers: ${officerGaps.join(', ') || 'none'}`);

  // 3. Reminders: the rules as data; the scheduler's sweep makes each role's reminders of the open
  // windows, and the teacher acknowledges one.
  const rules = await api.GET('/api/v1/reminder-rules', { headers: admin });
  if (!rules.data) throw new Error(`listReminderRules: ${rules.response.status}`);
  const enabled = rules.data.items.filter((r) => r.enabled);
  steps.push(`reminder rules: ${rules.data.items.length}, enabled ${enabled.length}, pre-holiday ${enabled.filter((r) => r.windowKind === 'pre_holiday').length}`);
  await input.runReminderSweep();
  const inbox = await api.GET('/api/v1/reminders', { headers: teacher, params: { query: { holidayId } } });
  if (!inbox.data) throw new Error(`listReminders: ${inbox.response.status}`);
  const counts = await api.GET('/api/v1/reminders/counts', { headers: admin, params: { query: { holidayId } } });
  if (!counts.data) throw new Error(`getReminderCounts: ${counts.response.status}`);
  const firstReminder = inbox.data.items[0];
  if (!firstReminder) throw new Error('the sweep made the class teacher no reminder');
  const reminderAcknowledged = await api.POST('/api/v1/reminders/{reminderId}/acknowledge', {
    headers: teacher,
    params: { path: { reminderId: firstReminder.id } },
  });
  if (!reminderAcknowledged.data) throw new Error(`acknowledgeReminder: ${reminderAcknowledged.response.status}`);
  const subjects = [...new Set(inbox.data.items.map((r) => r.rule.code))].sort().join(', ');
  const counted = counts.data.items.reduce((sum, row) => sum + row.total, 0);
  steps.push(`reminders after a sweep: teacher inbox ${inbox.data.items.length} (${subjects}), counted ${counted}; one ${reminderAcknowledged.data.status}`);

  // 4. Screening: a PHQ-9 campaign for the class, opened; a student answers through the survey link.
  const instruments = await api.GET('/api/v1/instruments', { headers: counselor });
  if (!instruments.data) throw new Error(`listInstruments: ${instruments.response.status}`);
  const phq9 = instruments.data.items.find((i) => i.code === 'phq9');
  if (!phq9) throw new Error('no PHQ-9 among the instruments');
  const campaign = await api.POST('/api/v1/screening-campaigns', {
    headers: counselor,
    body: {
      name: '寒假前心理筛查',
      opensAt: new Date(input.now().getTime() - 60_000).toISOString(),
      closesAt: new Date(input.now().getTime() + 7 * DAY).toISOString(),
      classIds: [input.classId],
      instrumentIds: [phq9.id],
      counselorIds: [input.counselorId],
      consentTextZh: '本问卷用于了解你近两周的心理状态，结果仅由学校心理教师查看。',
    },
  });
  if (!campaign.data) throw new Error(`createScreeningCampaign: ${campaign.response.status}`);
  const campaignId = campaign.data.id;
  const opened = await api.POST('/api/v1/screening-campaigns/{campaignId}/transitions', {
    headers: counselor,
    params: { path: { campaignId } },
    body: { to: 'open', version: campaign.data.version },
  });
  if (!opened.data) throw new Error(`transitionScreeningCampaign: ${opened.response.status}`);
  steps.push(`campaign: ${campaign.data.status} -> ${opened.data.status}, ${opened.data.invitationCount} invitations, instruments ${opened.data.instruments.map((i) => i.code).join(', ')}`);

  // The invitations are a CSV (the one list of them the API has): a row per student with the token.
  const csv = await api.GET('/api/v1/screening-campaigns/{campaignId}/invitations.csv', { headers: counselor, params: { path: { campaignId } }, parseAs: 'text' });
  if (csv.data === undefined) throw new Error(`exportCampaignInvitationsCsv: ${csv.response.status}`);
  const [header = [], ...rows] = csv.data
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
  const numberColumn = header.indexOf('student_number');
  const tokenColumn = header.indexOf('token');
  const row = rows.find((cells) => shownText(cells[numberColumn] ?? '') === input.studentNumber);
  const token = shownText(row?.[tokenColumn] ?? '');
  steps.push(`invitations: ${rows.length} rows, the student's token ${token.length} characters`);

  const survey = await api.GET('/api/v1/survey/{token}', { params: { path: { token } } });
  if (!survey.data) throw new Error(`openSurvey: ${survey.response.status}`);
  const items = survey.data.instruments.find((i) => i.code === 'phq9')?.items ?? [];
  steps.push(`survey: ${survey.data.instruments.length} instrument, ${items.length} items`);
  // Mild overall, but item 9 (thoughts of self-harm) above 0: a critical alert at once.
  const answers: Record<string, number> = {};
  for (const item of items) answers[item.key] = 1;
  const submitted = await api.POST('/api/v1/survey/{token}', { params: { path: { token } }, body: { consent: true, answers: { phq9: answers } } });
  if (!submitted.data) throw new Error(`submitSurvey: ${submitted.response.status} ${submitted.error?.code}`);
  steps.push(`survey submitted: ${submitted.data.status}, help shown prominently ${submitted.data.showHelpProminently}`);
  const progress = await api.GET('/api/v1/screening-campaigns/{campaignId}/progress', { headers: counselor, params: { path: { campaignId } } });
  if (!progress.data) throw new Error(`getScreeningCampaignProgress: ${progress.response.status}`);
  steps.push(`progress: ${progress.data.submitted} of ${progress.data.invited}`);
  const results = await api.GET('/api/v1/students/{studentId}/screening-results', { headers: counselor, params: { path: { studentId: input.studentId } } });
  if (!results.data) throw new Error(`listStudentScreeningResults: ${results.response.status}`);
  steps.push(`results: ${results.data.items.map((r) => `${r.instrumentCode} total ${r.total}, band ${r.band?.code ?? 'none'}, critical ${r.critical}`).join('; ')}`);

  const alerts = await api.GET('/api/v1/alerts', { headers: counselor, params: { query: { status: ['open'], severity: ['critical'] } } });
  if (!alerts.data) throw new Error(`listAlerts: ${alerts.response.status}`);
  const alert = alerts.data.items.find((a) => a.studentId === input.studentId);
  if (!alert) throw new Error('no open critical alert for the student');
  steps.push(`alert: ${alert.severity} from ${alert.sourceType}, ${alert.status}`);
  const acknowledged = await api.POST('/api/v1/alerts/{alertId}/acknowledge', {
    headers: counselor,
    params: { path: { alertId: alert.id } },
    body: { note: '已当面约谈学生，学生暂时安全' },
  });
  if (!acknowledged.data) throw new Error(`acknowledgeAlert: ${acknowledged.response.status}`);
  steps.push(`alert acknowledged: ${acknowledged.data.status}, note kept ${acknowledged.data.acknowledgementNote === '已当面约谈学生，学生暂时安全'}`);

  // 5. The class teacher raises a concern; the counselor triages it into a case.
  const flag = await api.POST('/api/v1/concern-flags', {
    headers: teacher,
    body: { studentId: input.studentId, category: 'low_mood_or_withdrawal', severity: 'medium', observedAt: input.now().toISOString(), observation: '连续两周情绪低落，常独自一人' },
  });
  if (!flag.data) throw new Error(`raiseConcernFlag: ${flag.response.status}`);
  const flagId = flag.data.id;
  steps.push(`flag: ${flag.data.severity}, teacher sees ${flag.data.status}`);
  // The teacher's answer carries no version; the counselor's view of the flag does.
  const review = await api.GET('/api/v1/concern-flags/{flagId}', { headers: counselor, params: { path: { flagId } } });
  if (!review.data) throw new Error(`getConcernFlag: ${review.response.status}`);
  if (!('version' in review.data)) throw new Error('the counselor got the teacher view of the flag');
  const triaged = await api.POST('/api/v1/concern-flags/{flagId}/triage', {
    headers: counselor,
    params: { path: { flagId } },
    body: { decision: 'open_case', riskLevel: 'high', version: review.data.version },
  });
  if (!triaged.data) throw new Error(`triageConcernFlag: ${triaged.response.status} ${triaged.error?.code}`);
  steps.push(`flag triaged: ${review.data.status} -> ${triaged.data.status}`);

  // 6. The case: the alert attached to the case the triage opened, worked and closed with approval.
  const opening = await api.POST('/api/v1/cases', { headers: counselor, body: { studentId: input.studentId, riskLevel: 'high', sourceType: 'alert', sourceId: alert.id } });
  if (!opening.data) throw new Error(`openCase: ${opening.response.status} ${opening.error?.code}`);
  const caseId = opening.data.id;
  steps.push(`case: ${opening.response.status} ${opening.data.state}, risk ${opening.data.riskLevel}, signals ${opening.data.signals.map((s) => s.sourceType).sort().join(', ')}, approval needed ${opening.data.closureNeedsApproval}`);
  let version = opening.data.version;
  const states: string[] = [opening.data.state];
  for (const to of ['assessing', 'active'] as const) {
    const moved = await api.POST('/api/v1/cases/{caseId}/transitions', { headers: counselor, params: { path: { caseId } }, body: { to, version } });
    if (!moved.data) throw new Error(`transitionCase ${to}: ${moved.response.status}`);
    states.push(moved.data.state);
    version = moved.data.version;
  }
  const task = await api.POST('/api/v1/cases/{caseId}/tasks', {
    headers: counselor,
    params: { path: { caseId } },
    body: { title: '假期中每周电话联系一次', assigneeId: input.counselorId, dueAt: new Date(input.now().getTime() + 7 * DAY).toISOString() },
  });
  if (!task.data) throw new Error(`createCaseTask: ${task.response.status}`);
  steps.push(`task: ${task.data.status}`);
  const guardian = await api.POST('/api/v1/students/{studentId}/guardians', {
    headers: admin,
    params: { path: { studentId: input.studentId } },
    body: { name: '张妈妈', relation: 'mother', phone: '13800001234', isPrimary: true },
  });
  if (!guardian.data) throw new Error(`createGuardian: ${guardian.response.status}`);
  const contact = await api.POST('/api/v1/cases/{caseId}/contacts', {
    headers: counselor,
    params: { path: { caseId } },
    body: {
      counterpart: 'guardian',
      guardianId: guardian.data.id,
      channel: 'phone',
      outcome: 'reached',
      contactedAt: input.now().toISOString(),
      isGuardianNotification: true,
      agreed: '家长假期中陪伴，每周与心理教师通话',
    },
  });
  if (!contact.data) throw new Error(`logCaseContact: ${contact.response.status}`);
  steps.push(`contact: ${contact.data.counterpart} by ${contact.data.channel}, ${contact.data.outcome}, guardian notified ${contact.data.isGuardianNotification}`);
  const note = await api.POST('/api/v1/cases/{caseId}/notes', { headers: counselor, params: { path: { caseId } }, body: { body: '第一次面谈：无具体自杀计划，同意假期安全计划。' } });
  if (!note.data) throw new Error(`addCaseNote: ${note.response.status}`);
  steps.push(`note: ${note.data.caseId === caseId ? 'added' : 'elsewhere'}`);
  const monitoring = await api.POST('/api/v1/cases/{caseId}/transitions', { headers: counselor, params: { path: { caseId } }, body: { to: 'monitoring', version } });
  if (!monitoring.data) throw new Error(`transitionCase monitoring: ${monitoring.response.status}`);
  states.push(monitoring.data.state);
  version = monitoring.data.version;
  const direct = await api.POST('/api/v1/cases/{caseId}/transitions', { headers: counselor, params: { path: { caseId } }, body: { to: 'closed', version } });
  steps.push(`case states: ${states.join(' -> ')}; closing directly: ${direct.response.status} ${direct.error?.code ?? 'closed'}`);
  const closure = await api.POST('/api/v1/cases/{caseId}/closure-requests', {
    headers: counselor,
    params: { path: { caseId } },
    body: { reason: '连续四周情绪稳定，家长配合，安全计划已落实', version },
  });
  if (!closure.data) throw new Error(`requestCaseClosure: ${closure.response.status} ${closure.error?.code}`);
  const approved = await api.POST('/api/v1/cases/{caseId}/closure-requests/{requestId}/approve', {
    headers: admin,
    params: { path: { caseId, requestId: closure.data.id } },
    body: { note: '同意结案' },
  });
  if (approved.error) throw new Error(`approveCaseClosure: ${approved.response.status} ${approved.error.code}`);
  const closed = await api.GET('/api/v1/cases/{caseId}', { headers: counselor, params: { path: { caseId } } });
  if (!closed.data) throw new Error(`getCase: ${closed.response.status}`);
  steps.push(`closure: ${closure.data.status}, approved ${approved.response.status}, case ${closed.data.state}`);

  // 7. Counseling: the counselor adds hours from now, books the student a session and, once it has begun, records it as completed.
  const hours = await api.POST('/api/v1/counselors/{counselorId}/availability-exceptions', {
    headers: counselor,
    params: { path: { counselorId: input.counselorId } },
    body: { kind: 'extra', startsAt: minuteAt(input.now()), endsAt: minuteAt(input.now(), 120), mode: 'room', place: '心理咨询室 201' },
  });
  if (!hours.data) throw new Error(`createAvailabilityException: ${hours.response.status} ${hours.error?.code}`);
  const booked = await api.POST('/api/v1/appointments', {
    headers: counselor,
    body: { studentId: input.studentId, startsAt: minuteAt(input.now(), 1), endsAt: minuteAt(input.now(), 31), mode: 'room', place: '心理咨询室 201' },
  });
  if (!booked.data) throw new Error(`bookAppointment: ${booked.response.status} ${booked.error?.code}`);
  // The answer is the counselor's view or the teacher's (which has no mode or place): narrowed, not cast.
  if (!('mode' in booked.data)) throw new Error('the counselor got the teacher view of the appointment');
  steps.push(`appointment: ${booked.data.status}, ${booked.data.mode} in ${booked.data.place}`);
  const early = await api.POST('/api/v1/appointments/{appointmentId}/complete', {
    headers: counselor,
    params: { path: { appointmentId: booked.data.id } },
    body: { version: booked.data.version },
  });
  input.advanceClock(2 * 60_000);
  const completed = await api.POST('/api/v1/appointments/{appointmentId}/complete', {
    headers: counselor,
    params: { path: { appointmentId: booked.data.id } },
    body: { version: booked.data.version },
  });
  if (!completed.data) throw new Error(`completeAppointment: ${completed.response.status} ${completed.error?.code}`);
  steps.push(`outcome: before it began ${early.response.status} ${early.error?.code ?? 'recorded'}; after ${completed.data.status}`);

  // 8. Safety education: the administrator adds a topic required before the holiday, the class
  //    teacher plans a class lesson on it and, once it has taken place, confirms it for the class.
  const topic = await api.POST('/api/v1/education/topics', {
    headers: admin,
    body: { code: 'holiday_water_safety', nameZh: '假期防溺水安全', nameEn: 'Water safety over the holiday', requiredBeforeHoliday: true, sortOrder: 100 },
  });
  if (!topic.data) throw new Error(`createEducationTopic: ${topic.response.status} ${topic.error?.code}`);
  const activity = await api.POST('/api/v1/education/activities', {
    headers: teacher,
    body: {
      kind: 'class_lesson',
      title: '寒假安全主题班会',
      topicIds: [topic.data.id],
      classIds: [input.classId],
      startsAt: minuteAt(input.now(), 1),
      endsAt: minuteAt(input.now(), 41),
      place: '教室',
      deliveredByUserId: input.teacherId,
    },
  });
  if (!activity.data) throw new Error(`planEducationActivity: ${activity.response.status} ${JSON.stringify(activity.error)}`);
  const delivery = activity.data.deliveries.find((d) => d.classId === input.classId);
  if (!delivery) throw new Error('no delivery for the class');
  steps.push(`activity: ${activity.data.status}, topics ${activity.data.topics.map((t) => t.code).join(', ')}, delivery for the class ${delivery.status}`);
  input.advanceClock(2 * 60_000);
  const confirmed = await api.POST('/api/v1/education/deliveries/{deliveryId}/confirmations', {
    headers: teacher,
    params: { path: { deliveryId: delivery.id } },
    body: { presentCount: 1, note: '全班到齐', version: delivery.version },
  });
  if (!confirmed.data) throw new Error(`confirmEducationDelivery: ${confirmed.response.status} ${JSON.stringify(confirmed.error)}`);
  const delivered = await api.GET('/api/v1/education/deliveries/{deliveryId}', { headers: teacher, params: { path: { deliveryId: delivery.id } } });
  if (!delivered.data) throw new Error(`getEducationDelivery: ${delivered.response.status}`);
  steps.push(`delivery confirmed: ${delivered.data.status}, present ${confirmed.data.presentCount}`);

  // 9. Holiday categories: the class teacher registers the student at home, the family hit by a flood;
  //    applies for hardship aid, which the administrator approves and records as paid.
  const category = await api.PUT('/api/v1/calendar/holidays/{holidayId}/categories/{studentId}', {
    headers: teacher,
    params: { path: { holidayId, studentId: input.studentId } },
    body: { whereabouts: 'at_home', contactPhone: '13800001234', disasterAffected: true, guardianConfirmed: true },
  });
  if (!category.data) throw new Error(`registerHolidayCategory: ${category.response.status} ${category.error?.code}`);
  steps.push(`category: ${category.response.status} ${category.data.whereabouts}, disaster affected ${category.data.disasterAffected}, guardian confirmed ${category.data.guardianConfirmed}`);
  const categories = await api.GET('/api/v1/calendar/holidays/{holidayId}/categories', { headers: admin, params: { path: { holidayId } } });
  if (!categories.data) throw new Error(`listHolidayCategories: ${categories.response.status}`);
  const unregistered = await api.GET('/api/v1/calendar/holidays/{holidayId}/categories/unregistered', {
    headers: admin,
    params: { path: { holidayId }, query: { classId: input.classId } },
  });
  if (!unregistered.data) throw new Error(`listStudentsWithoutHolidayCategory: ${unregistered.response.status}`);
  steps.push(`categories: ${categories.data.items.length} registered, ${unregistered.data.items.length} without`);
  const applied = await api.POST('/api/v1/calendar/holidays/{holidayId}/hardship-aid', {
    headers: teacher,
    params: { path: { holidayId } },
    body: { studentId: input.studentId, amountRequestedFen: 150000, circumstances: '家中房屋在洪水中受损，父亲受伤住院' },
  });
  if (!applied.data) throw new Error(`applyForHardshipAid: ${applied.response.status} ${applied.error?.code}`);
  const applicationId = applied.data.id;
  // The administrator reviews it later (the history is in time order; steps of one instant have no order of their own).
  input.advanceClock(60_000);
  const approvedAid = await api.POST('/api/v1/calendar/holidays/{holidayId}/hardship-aid/{applicationId}/transitions', {
    headers: admin,
    params: { path: { holidayId, applicationId } },
    body: { to: 'approved', version: applied.data.version },
  });
  if (!approvedAid.data) throw new Error(`transitionHardshipAidApplication approved: ${approvedAid.response.status} ${approvedAid.error?.code}`);
  input.advanceClock(60_000);
  const paid = await api.POST('/api/v1/calendar/holidays/{holidayId}/hardship-aid/{applicationId}/transitions', {
    headers: admin,
    params: { path: { holidayId, applicationId } },
    body: { to: 'paid', amountPaid: 150000, paymentReference: 'HA-2027-001', version: approvedAid.data.version },
  });
  if (!paid.data) throw new Error(`transitionHardshipAidApplication paid: ${paid.response.status} ${paid.error?.code}`);
  const aid = await api.GET('/api/v1/calendar/holidays/{holidayId}/hardship-aid/{applicationId}', { headers: admin, params: { path: { holidayId, applicationId } } });
  if (!aid.data) throw new Error(`getHardshipAidApplication: ${aid.response.status}`);
  if (!('history' in aid.data)) throw new Error('the administrator got the applicant\'s view of the application');
  steps.push(`hardship aid: ${aid.data.history.map((h) => h.to).join(' -> ')}, paid ${aid.data.amountPaidFen} fen`);

  // 10. The reports of the day, and the audit chain.
  const from = new Date(input.now().getTime() - DAY).toISOString();
  const to = new Date(input.now().getTime() + DAY).toISOString();
  const alertReport = await api.GET('/api/v1/reports/alerts', { headers: admin, params: { query: { from, to } } });
  if (!alertReport.data) throw new Error(`getAlertReport: ${alertReport.response.status}`);
  const critical = alertReport.data.severities.find((s) => s.severity === 'critical');
  steps.push(`alert report: critical raised ${critical?.raised ?? 0}, acknowledged ${critical?.acknowledged ?? 0}, still open ${critical?.stillOpen ?? 0}`);
  const caseReport = await api.GET('/api/v1/reports/cases', { headers: admin, params: { query: { from, to } } });
  if (!caseReport.data) throw new Error(`getCaseReport: ${caseReport.response.status}`);
  steps.push(`case report: open ${caseReport.data.openCases.total}, closed ${caseReport.data.openingToClosure.closed}, alerts contacted ${caseReport.data.alertToFirstContact.contacted} of ${caseReport.data.alertToFirstContact.alerts}`);
  const dateFrom = addDays(input.today, -1);
  const dateTo = addDays(input.today, 1);
  const coverage = await api.GET('/api/v1/reports/education-coverage', { headers: admin, params: { query: { from: dateFrom, to: dateTo } } });
  if (!coverage.data) throw new Error(`getEducationCoverageReport: ${coverage.response.status} ${coverage.error?.code}`);
  const covered = coverage.data.grades.flatMap((g) => g.topics).find((t) => t.code === 'holiday_water_safety');
  steps.push(`education coverage: ${covered ? `${covered.delivered} of ${covered.classes} classes delivered, ${covered.missing} missing` : 'topic absent'}`);
  const counseling = await api.GET('/api/v1/reports/counseling', { headers: admin, params: { query: { from: dateFrom, to: dateTo } } });
  if (!counseling.data) throw new Error(`getCounselingReport: ${counseling.response.status} ${counseling.error?.code}`);
  steps.push(`counseling report: completed ${counseling.data.attendance.completed}, no-show ${counseling.data.attendance.noShow}, sessions ${counseling.data.sessionsByCounselorAndWeek.reduce((sum, w) => sum + w.sessions, 0)}`);
  const verified = await api.GET('/api/v1/audit-events/verify', { headers: admin });
  if (!verified.data) throw new Error(`verifyAuditTrail: ${verified.response.status}`);
  steps.push(`audit chain: ${verified.data.ok ? 'intact' : `broken at ${verified.data.firstBrokenSeq}`}, ${verified.data.checked > 0 ? 'entries checked' : 'nothing checked'}`);

  return steps;
}
