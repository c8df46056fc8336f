/**
 * Every problem code the API answers, with its status and what it means: the one list. The problem
 * classes accept only these codes, with the status each is registered under (a 404 code cannot be
 * thrown as a 409), the OpenAPI document lists them per operation from here, and a test checks
 * that the README names no code that is not here. Codes are stable: clients branch on them.
 */
export const PROBLEM_CODES = {
  'alert.already_acknowledged': { status: 409, meaning: 'This alert was already acknowledged' },
  'alert.not_found': { status: 404, meaning: 'No such alert' },

  'appointment.illegal_transition': { status: 409, meaning: 'The appointment cannot be given that action in its current state (`allowed` lists the actions)' },
  'appointment.mode_unavailable': { status: 409, meaning: 'The counselor\'s availability at that time does not allow this mode' },
  'appointment.not_found': { status: 404, meaning: 'No such appointment' },
  'appointment.not_started': { status: 409, meaning: 'The session has not started yet; record its outcome once it has' },
  'appointment.outside_availability': { status: 409, meaning: 'The time is not inside the counselor\'s availability' },
  'appointment.overlap': { status: 409, meaning: 'The counselor or the student already has a session at that time (`conflict` says which)' },
  'appointment.remote_only_during_holidays': { status: 409, meaning: 'During holidays this school holds sessions by phone or video only' },
  'appointment.version_conflict': { status: 409, meaning: 'The appointment changed since you read it; reload and try again' },

  'audit.anchor_invalid': { status: 400, meaning: 'The anchor was not issued by this system for this school, or was changed since' },
  'audit.anchor_recipient_duplicate': { status: 409, meaning: 'This address already receives the audit anchor' },
  'audit.anchor_recipient_not_found': { status: 404, meaning: 'No such audit-anchor recipient' },
  'audit.anchor_recipients_too_many': { status: 409, meaning: 'The school already has the most audit-anchor recipients it may have (10); remove one first' },
  'audit.no_anchor_recipients': { status: 409, meaning: 'Nobody would receive the anchor: add an email recipient or a webhook subscribed to `audit.anchor` first' },
  'audit.invalid_range': { status: 400, meaning: '`from` must not be after `to`' },

  'auth.console_header_missing': { status: 403, meaning: 'The console\'s session routes need the header `x-campus-care-console: 1`, which only a page of this server sends' },
  'auth.forbidden': { status: 403, meaning: 'The caller\'s role lacks the permission this route needs' },
  'auth.invalid_credentials': { status: 401, meaning: 'The user name or password is wrong' },
  'auth.invalid_refresh_token': { status: 401, meaning: 'The refresh token is unknown, used or expired; sign in again' },
  'auth.session_invalid': { status: 401, meaning: 'The sign-in session of the token has ended (signed out, expired or replaced); sign in again' },
  'auth.unauthenticated': { status: 401, meaning: 'A valid access token is required' },
  'auth.undeclared_route': { status: 403, meaning: 'This route declares no permission and is closed' },

  'availability_exception.not_found': { status: 404, meaning: 'No such availability exception' },

  'availability_rule.not_found': { status: 404, meaning: 'No such availability rule' },

  'calendar_feed.not_found': { status: 404, meaning: 'No such calendar feed' },

  'campaign.illegal_transition': { status: 409, meaning: 'The campaign cannot move to that state from its current one (`allowed` lists the next states)' },
  'campaign.not_editable': { status: 409, meaning: 'Only a draft campaign can be edited' },
  'campaign.not_found': { status: 404, meaning: 'No such screening campaign' },
  'campaign.not_open': { status: 409, meaning: 'Results can be entered once the campaign has been opened' },
  'campaign.version_conflict': { status: 409, meaning: 'The campaign was changed meanwhile; reload it and apply your change again' },
  'campaign.window_passed': { status: 409, meaning: 'The campaign closes before now; move closesAt later before opening it' },

  'case.already_member': { status: 409, meaning: 'That counselor is already on the team' },
  'case.already_open': { status: 409, meaning: 'The student already has an open case' },
  'case.already_owner': { status: 409, meaning: 'That counselor already owns the case' },
  'case.approval_not_needed': { status: 409, meaning: 'The case is not high-risk: close it directly' },
  'case.approval_required': { status: 409, meaning: 'Closing a high-risk case needs a second person\'s approval: request it as a closure request' },
  'case.closed': { status: 409, meaning: 'The case is closed: reopen it first' },
  'case.closure_already_requested': { status: 409, meaning: 'A closure request for this case is already waiting' },
  'case.illegal_transition': { status: 409, meaning: 'The case cannot move to that state from its current one (`allowed` lists the next states)' },
  'case.not_a_member': { status: 409, meaning: 'That user is not on the team' },
  'case.not_found': { status: 404, meaning: 'No such case' },
  'case.owner_stays': { status: 409, meaning: 'The owner stays on the team: reassign the case first' },
  'case.second_person_required': { status: 409, meaning: 'The closure must be decided by someone other than who asked' },
  'case.student_has_open_case': { status: 409, meaning: 'The student has another open case: add to that one' },
  'case.version_conflict': { status: 409, meaning: 'The case changed since you read it; reload and try again' },

  'case_closure_request.not_found': { status: 404, meaning: 'No such pending closure request' },

  'case_contact.not_found': { status: 404, meaning: 'No such contact in this case' },

  'case_note.not_found': { status: 404, meaning: 'No such note in this case' },

  'case_task.not_found': { status: 404, meaning: 'No such task in this case' },
  'case_task.version_conflict': { status: 409, meaning: 'The task changed since you read it; reload and try again' },

  'class.duplicate_name': { status: 409, meaning: 'Another class of this grade has this name' },
  'class.not_found': { status: 404, meaning: 'The class does not exist' },
  'class.version_conflict': { status: 409, meaning: 'The class was changed by someone else; reload it and try again' },

  'class_assignment.already_current': { status: 409, meaning: 'This teacher already teaches the class' },
  'class_assignment.already_ended': { status: 409, meaning: 'The assignment has already ended' },
  'class_assignment.not_found': { status: 404, meaning: 'The assignment does not exist' },

  'concern_flag.illegal_transition': { status: 409, meaning: 'The flag cannot move to that state from its current one (`allowed` lists the next states)' },
  'concern_flag.not_found': { status: 404, meaning: 'No such concern flag' },
  'concern_flag.version_conflict': { status: 409, meaning: 'The flag changed since you read it; reload and decide again' },

  'contact.address_changed': { status: 422, meaning: 'The address changed after the code was sent; ask for a new code' },
  'contact.channel_off': { status: 422, meaning: 'This server does not send on that channel (no SMTP_URL or SMS gateway set)' },
  'contact.code_expired': { status: 422, meaning: 'The verification code has expired; ask for a new one' },
  'contact.code_wrong': { status: 422, meaning: 'The verification code is wrong; `triesLeft` says how many tries remain' },
  'contact.no_address': { status: 422, meaning: 'There is no address on that channel to verify; save it first' },
  'contact.no_verification': { status: 422, meaning: 'No verification code is waiting on that channel; ask for one' },
  'contact.verification_too_soon': { status: 409, meaning: 'A code was sent less than a minute ago' },
  'contact.version_conflict': { status: 409, meaning: 'The contact details changed since you read them; reload and try again' },

  'counseling_settings.version_conflict': { status: 409, meaning: 'The settings changed since you read them; reload and try again' },

  'counselor.not_found': { status: 404, meaning: 'No such counselor' },

  'database.busy': { status: 503, meaning: 'The database was too busy to finish this; try again' },
  'database.unavailable': { status: 503, meaning: 'The database is unavailable; try again shortly' },

  'duty_shift.not_found': { status: 404, meaning: 'No such duty shift' },
  'duty_shift.taken': { status: 409, meaning: 'The roster already has this shift on this day' },
  'duty_shift.version_conflict': { status: 409, meaning: 'The shift changed since you read it; reload and try again' },

  'education.no_upcoming_holiday': { status: 400, meaning: 'The school has no holiday ahead on its term calendar: pass `before` (the holiday\'s first day) or add the holiday' },

  'education_activity.already_delivered': { status: 409, meaning: 'A class has confirmed this activity: it can no longer be edited, only cancelled' },
  'education_activity.cancelled': { status: 409, meaning: 'The activity is cancelled' },
  'education_activity.not_found': { status: 404, meaning: 'No such education activity' },
  'education_activity.not_planner': { status: 403, meaning: 'Only the teacher who planned it, a counselor or an administrator may change it' },
  'education_activity.version_conflict': { status: 409, meaning: 'The activity was changed by someone else since you read it; reload it and try again' },

  'education_catch_up.not_found': { status: 404, meaning: 'No such catch-up' },
  'education_catch_up.not_needed': { status: 409, meaning: 'The student attended the delivery; no catch-up is needed' },

  'education_confirmation.not_found': { status: 404, meaning: 'No such confirmation' },

  'education_delivery.cancelled': { status: 409, meaning: 'The activity was cancelled for this class before it took place' },
  'education_delivery.not_found': { status: 404, meaning: 'No such delivery' },
  'education_delivery.not_started': { status: 409, meaning: 'The activity has not started yet; confirm it once it has taken place' },
  'education_delivery.version_conflict': { status: 409, meaning: 'The delivery was changed by someone else since you read it; reload it and try again' },

  'education_topic.duplicate_code': { status: 409, meaning: 'The school already sees a topic with this code' },
  'education_topic.not_found': { status: 404, meaning: 'No such education topic' },
  'education_topic.system_topic': { status: 409, meaning: 'System topics are shared by every school and cannot be changed; add a school topic instead' },
  'education_topic.version_conflict': { status: 409, meaning: 'The topic was changed by someone else since you read it; reload it and try again' },

  'grade.duplicate_name': { status: 409, meaning: 'Another grade of this school has this name' },
  'grade.not_found': { status: 404, meaning: 'The grade does not exist' },
  'grade.version_conflict': { status: 409, meaning: 'The grade was changed by someone else; reload it and try again' },

  'guardian.not_found': { status: 404, meaning: 'The guardian does not exist' },
  'guardian.version_conflict': { status: 409, meaning: 'The guardian was changed meanwhile; reload it and apply your change again' },

  'hardship_aid.illegal_transition': { status: 409, meaning: 'The application cannot move to that state from its current one (`allowed` lists the next states)' },
  'hardship_aid.not_disaster_affected': { status: 409, meaning: 'Aid is only for students registered as affected by a disaster this holiday' },
  'hardship_aid.not_found': { status: 404, meaning: 'No such hardship-aid application' },
  'hardship_aid.open_application_exists': { status: 409, meaning: 'The student has an open application for this holiday already' },
  'hardship_aid.second_person_required': { status: 409, meaning: 'Whoever applied may not approve the application; another administrator must' },
  'hardship_aid.version_conflict': { status: 409, meaning: 'The application changed since you read it; reload and try again' },

  'help_resources.version_conflict': { status: 409, meaning: 'The help resources changed since you read them; reload and try again' },

  'holiday.not_found': { status: 404, meaning: 'No such holiday' },
  'holiday.overlap': { status: 409, meaning: 'The dates overlap another of the school\'s holidays' },
  'holiday.version_conflict': { status: 409, meaning: 'The holiday changed since you read it; reload and try again' },

  'holiday_category.at_risk_forbidden': { status: 403, meaning: 'Only counselors may filter by risk' },
  'holiday_category.version_conflict': { status: 409, meaning: 'The holiday category changed since you read it; reload and try again' },

  'idempotency.in_progress': { status: 409, meaning: 'A request with this Idempotency-Key is still being served; retry shortly' },
  'idempotency.invalid_key': { status: 400, meaning: 'Idempotency-Key must be 8-200 characters of A-Z, a-z, 0-9 and ._:-' },
  'idempotency.key_reused': { status: 422, meaning: 'This Idempotency-Key was used with another request' },
  'idempotency.not_supported': { status: 400, meaning: 'This route does not replay answers; send it without Idempotency-Key' },

  'instrument.not_found': { status: 404, meaning: 'No such instrument' },

  'internal.error': { status: 500, meaning: 'Something went wrong on our side; it has been logged' },

  'notification.not_found': { status: 404, meaning: 'No such notification' },

  'pagination.invalid_cursor': { status: 400, meaning: 'The cursor is not one this list issued' },

  'rate_limit.exceeded': { status: 429, meaning: 'Too many requests; slow down' },

  'referral.illegal_transition': { status: 409, meaning: 'The referral cannot move to that state from its current one (`allowed` lists the next states)' },
  'referral.not_found': { status: 404, meaning: 'No such referral in this case' },
  'referral.version_conflict': { status: 409, meaning: 'The referral changed since you read it; reload and try again' },

  'referral_agency.duplicate_name': { status: 409, meaning: 'The school already has an agency of this name' },
  'referral_agency.not_found': { status: 404, meaning: 'No such referral agency' },
  'referral_agency.version_conflict': { status: 409, meaning: 'The agency changed since you read it; reload and try again' },

  'reminder.already_done': { status: 409, meaning: 'The reminder is done already' },
  'reminder.illegal_transition': { status: 409, meaning: 'The reminder cannot be given that action in its current state' },
  'reminder.not_found': { status: 404, meaning: 'No such reminder' },
  'reminder.recipient_only': { status: 403, meaning: 'Only the recipient may acknowledge or snooze a reminder; a superior it was escalated to may complete it' },
  'reminder.version_conflict': { status: 409, meaning: 'The reminder changed since it was read; reload and try again' },

  'reminder_rule.code_taken': { status: 409, meaning: 'The school already has a reminder rule with this code' },
  'reminder_rule.not_found': { status: 404, meaning: 'No such reminder rule' },
  'reminder_rule.version_conflict': { status: 409, meaning: 'The rule changed since you read it; reload and try again' },

  'request.invalid': { status: 400, meaning: 'The request was refused by the HTTP layer (a status of its own, e.g. 405)' },
  'request.malformed': { status: 400, meaning: 'The body is not valid JSON' },
  'request.too_deep': { status: 400, meaning: 'The JSON body nests deeper than 32 levels' },
  'request.too_large': { status: 413, meaning: 'The request body is larger than allowed' },
  'request.unsupported_media_type': { status: 415, meaning: 'The body\'s content type is not one this route accepts (JSON bodies are application/json; imports text/csv)' },

  'route.not_found': { status: 404, meaning: 'No such route' },

  'safety_plan.exists': { status: 409, meaning: 'The student has a safety plan for this holiday already; revise that one' },
  'safety_plan.not_found': { status: 404, meaning: 'No such safety plan' },
  'safety_plan.version_conflict': { status: 409, meaning: 'The plan changed since you read it; reload and try again' },

  'school.not_found': { status: 404, meaning: 'The school does not exist' },
  'school.version_conflict': { status: 409, meaning: 'The school was changed by someone else; reload it and try again' },

  'screening_response.already_recorded': { status: 409, meaning: 'A student already has a response to this instrument in this campaign' },
  'screening_response.not_found': { status: 404, meaning: 'No such screening response' },
  'screening_response.not_invited': { status: 409, meaning: 'The student is not invited to this campaign' },

  'screening_response_import.invalid': { status: 400, meaning: 'The file has errors (listed in `errors`, by row and column); nothing was imported' },

  'service.unavailable': { status: 503, meaning: 'The service is not ready' },

  'session_note.not_found': { status: 404, meaning: 'No such session note' },
  'session_note.session_not_held': { status: 409, meaning: 'Notes are written for sessions that took place' },

  'student.duplicate_number': { status: 409, meaning: 'Another student of the school has this student number' },
  'student.not_found': { status: 404, meaning: 'No such student' },
  'student.version_conflict': { status: 409, meaning: 'The student was changed meanwhile; reload it and apply your change again' },

  'student_import.invalid': { status: 400, meaning: 'The file has errors (listed in `errors`, by row and column); nothing was imported' },

  'survey.already_submitted': { status: 409, meaning: 'This survey has already been answered' },
  'survey.closed': { status: 410, meaning: 'This survey is not open now' },
  'survey.not_found': { status: 404, meaning: 'This survey link is not valid; check it with your teacher' },

  'term.not_found': { status: 404, meaning: 'No such term' },
  'term.overlap': { status: 409, meaning: 'The dates overlap another of the school\'s terms' },
  'term.version_conflict': { status: 409, meaning: 'The term changed since you read it; reload and try again' },

  'user.duplicate_username': { status: 409, meaning: 'This user name is taken' },
  'user.first_accountable_must_stay_admin': { status: 409, meaning: 'The school\'s first person accountable keeps the administrator role and stays active, unless the same request clears `firstAccountable`' },
  'user.first_accountable_not_admin': { status: 409, meaning: 'Only an active administrator may be the school\'s first person accountable' },
  'user.not_found': { status: 404, meaning: 'The user does not exist' },
  'user.self_lockout': { status: 409, meaning: 'You may not deactivate your own account or change your own role' },
  'user.version_conflict': { status: 409, meaning: 'The user was changed by someone else; reload it and try again' },

  'validation.invalid': { status: 400, meaning: 'One or more fields are invalid; `errors` names each with what is wrong' },

  'webhook.disabled': { status: 409, meaning: 'The endpoint is switched off: enable it first (`PATCH` with `"enabled": true`)' },
  'webhook.not_found': { status: 404, meaning: 'No such webhook endpoint' },
  'webhook.too_many': { status: 409, meaning: 'The school already has the most webhook endpoints it may have (20); remove one first' },
  'webhook.url_not_allowed': { status: 400, meaning: 'The URL cannot be an endpoint: not http(s), credentials in it, or (in production) a loopback, private, link-local or metadata address' },
  'webhook.version_conflict': { status: 409, meaning: 'The endpoint changed since you read it; reload and try again' },

  'window_settings.version_conflict': { status: 409, meaning: 'The settings changed since you read them; reload and try again' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** The codes registered under one status. */
export type ProblemCodeFor<S extends number> = { [C in ProblemCode]: (typeof PROBLEM_CODES)[C]['status'] extends S ? C : never }[ProblemCode];

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code);
}
