/** A text column holding FieldCipher values, each bound to `{ table, column, rowId: <idColumn> }`. */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** The row's unique id: what values are bound to and what the re-encryption walks in order. */
  idColumn: string;
}

/**
 * Every encrypted column in the schema. A module that adds one appends it here, in the same
 * change as its migration. A static list rather than registration in onModuleInit: the `reencrypt`
 * CLI command reads it without booting Nest, and a column it cannot see would never be rotated.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  // Answers kept a day for idempotent replays: they can repeat any of the fields below.
  { table: 'idempotency_keys', column: 'response_body', idColumn: 'id' },
  // What the first responder did when acknowledging an alert (Monitoring issue).
  { table: 'alerts', column: 'acknowledgement_note', idColumn: 'id' },
  // What a class teacher observed, and the counselor's triage reason (Monitoring issue).
  { table: 'concern_flags', column: 'observation', idColumn: 'id' },
  { table: 'concern_flags', column: 'triage_reason', idColumn: 'id' },
  // A counselor's risk assessment and its copy in the history (Monitoring issue).
  { table: 'student_risk', column: 'assessment_reason', idColumn: 'student_id' },
  { table: 'risk_level_changes', column: 'reason', idColumn: 'id' },
  // A student's answers (and input flags) to one screening instrument (Monitoring issue).
  { table: 'screening_responses', column: 'answers', idColumn: 'id' },
  // Intervention cases: reasons in the timeline, closure requests (Intervention issue).
  { table: 'case_events', column: 'reason', idColumn: 'id' },
  { table: 'case_closure_requests', column: 'reason', idColumn: 'id' },
  { table: 'case_closure_requests', column: 'guardian_contact_waiver', idColumn: 'id' },
  // Intervention cases: task titles, what was agreed in a contact, referral notes, case notes.
  { table: 'case_tasks', column: 'title', idColumn: 'id' },
  { table: 'case_contacts', column: 'agreed', idColumn: 'id' },
  { table: 'case_referrals', column: 'note', idColumn: 'id' },
  { table: 'case_notes', column: 'body', idColumn: 'id' },
  // Counseling: what the counselor wrote about a session, and why a session was cancelled or declined.
  { table: 'session_notes', column: 'body', idColumn: 'id' },
  { table: 'appointments', column: 'cancellation_reason', idColumn: 'id' },
  // Holiday duty: handover notes between officers can mention students (Holiday-windows issue).
  { table: 'duty_shifts', column: 'handover_notes', idColumn: 'id' },
  // Holiday categories: an internship's employer and place, and where "other" is (Holiday-windows issue).
  { table: 'holiday_categories', column: 'employer', idColumn: 'id' },
  { table: 'holiday_categories', column: 'place', idColumn: 'id' },
  { table: 'holiday_categories', column: 'description', idColumn: 'id' },
  // Hardship aid: the family's circumstances, and why an application was rejected (Holiday-windows issue).
  { table: 'hardship_aid_applications', column: 'circumstances', idColumn: 'id' },
  { table: 'hardship_aid_applications', column: 'rejection_reason', idColumn: 'id' },
  // A high-risk student's holiday safety plan, and what a reminder's recipient wrote on completing it (Holiday-windows issue).
  { table: 'holiday_safety_plans', column: 'plan', idColumn: 'id' },
  { table: 'reminders', column: 'completion_note', idColumn: 'id' },
  // Why someone used emergency access to a child's records (Hardening issue).
  { table: 'break_glass_grants', column: 'reason', idColumn: 'id' },
  // Outbound messages: a one-time link, a code, a student's name where the recipient may see it (Reaching-people issue).
  { table: 'outbound_messages', column: 'content', idColumn: 'id' },
  // A school's webhook endpoint: the secret its deliveries are signed with (Reaching-people issue).
  { table: 'webhook_endpoints', column: 'secret', idColumn: 'id' },
];

// The names are spliced into SQL, so only plain lower-case identifiers are accepted.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The registry the re-encryption walks. */
export class EncryptedColumns {
  readonly #columns: readonly EncryptedColumn[];

  constructor(columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS) {
    const seen = new Set<string>();
    for (const { table, column, idColumn } of columns) {
      const name = `${table}.${column}`;
      if (![table, column, idColumn].every((identifier) => IDENTIFIER.test(identifier))) {
        throw new RangeError(`Encrypted column ${name} (id ${idColumn}) is not named by plain lower-case identifiers`);
      }
      if (seen.has(name)) throw new RangeError(`Encrypted column ${name} is registered twice`);
      seen.add(name);
    }
    this.#columns = columns.map((entry) => Object.freeze({ ...entry }));
  }

  all(): readonly EncryptedColumn[] {
    return this.#columns;
  }
}
