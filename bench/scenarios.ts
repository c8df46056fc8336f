import { STUDENTS_PER_CLASS, idOf } from './seed.js';

/** One HTTP scenario: who signs in, and how each request is made (the same for app and baseline). */
export interface Scenario {
  name: string;
  description: string;
  user: 'teacher' | 'counselor' | 'admin' | 'none';
  /** Requests to cycle through, built once before the runs (ids, cursors, bodies). */
  requests: (context: ScenarioContext) => Promise<ScenarioRequests>;
}

export interface ScenarioRequests {
  method: 'GET' | 'POST';
  /** Called for every request: the path (and body) of the next one. */
  next: () => { path: string; body?: string };
}

export interface ScenarioContext {
  /** GET with the scenario's bearer token against the application (to follow cursors). */
  getJson: (path: string) => Promise<unknown>;
  /** Hands out survey invitation ids never used before, or undefined when they run out. */
  nextInvitation: () => string | undefined;
  surveyToken: (invitationId: string) => string;
}

const OPEN_STATES = ['open', 'assessing', 'active', 'monitoring'];
export const CASE_PAGE_SIZE = 10;
/** How many pages deep the "deep" list request starts. */
export const DEEP_PAGE = 3;

function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

async function classStudents(): Promise<string[]> {
  return Promise.all(Array.from({ length: STUDENTS_PER_CLASS }, (_, i) => idOf('student', i)));
}

export function casesPath(counselorId: string, cursor?: string): string {
  const query = new URLSearchParams();
  for (const state of OPEN_STATES) query.append('state', state);
  query.set('ownerId', counselorId);
  query.set('limit', String(CASE_PAGE_SIZE));
  if (cursor) query.set('cursor', cursor);
  return `/api/v1/cases?${query.toString()}`;
}

export const scenarios: Scenario[] = [
  {
    name: 'student-read',
    description: 'class teacher reads a student of their class (GET /students/{id})',
    user: 'teacher',
    async requests() {
      const next = cycle(await classStudents());
      return { method: 'GET', next: () => ({ path: `/api/v1/students/${next()}` }) };
    },
  },
  {
    name: 'cases-first-page',
    description: `counselor lists their open cases, first page of ${CASE_PAGE_SIZE}`,
    user: 'counselor',
    async requests() {
      const path = casesPath(await idOf('counselor', 0));
      return { method: 'GET', next: () => ({ path }) };
    },
  },
  {
    name: 'cases-deep-page',
    description: `counselor lists their open cases, page ${DEEP_PAGE} by cursor`,
    user: 'counselor',
    async requests(context) {
      const counselorId = await idOf('counselor', 0);
      let cursor: string | undefined;
      for (let page = 1; page < DEEP_PAGE; page++) {
        const body = (await context.getJson(casesPath(counselorId, cursor))) as { nextCursor?: string | null };
        // At a tiny scale the counselor may have fewer pages: the deepest one there is.
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      const path = casesPath(counselorId, cursor);
      return { method: 'GET', next: () => ({ path }) };
    },
  },
  {
    name: 'concern-flag',
    description: 'class teacher raises a concern flag (POST /concern-flags: write + alert + audit)',
    user: 'teacher',
    async requests() {
      const next = cycle(await classStudents());
      return {
        method: 'POST',
        next: () => ({
          path: '/api/v1/concern-flags',
          body: JSON.stringify({
            studentId: next(),
            category: 'low_mood_or_withdrawal',
            severity: 'high',
            observedAt: new Date(Date.now() - 3_600_000).toISOString(),
            observation: '最近一周上课常趴在桌上，很少和同学说话 (benchmark)',
          }),
        }),
      };
    },
  },
  {
    name: 'survey-phq9',
    description: 'student submits a PHQ-9 through a fresh survey token (POST /survey/{token})',
    user: 'none',
    async requests(context) {
      let item = 0;
      return {
        method: 'POST',
        next: () => {
          const invitation = context.nextInvitation();
          // Out of fresh invitations: a token of nothing, answered 404 and counted as such.
          const token = invitation ? context.surveyToken(invitation) : 'A'.repeat(43);
          item += 1;
          const answers: Record<string, number> = {};
          for (let i = 1; i <= 9; i++) answers[`item${i}`] = (item + i) % 3;
          return { path: `/api/v1/survey/${token}`, body: JSON.stringify({ consent: true, answers: { phq9: answers } }) };
        },
      };
    },
  },
  {
    name: 'audit-query',
    description: 'administrator queries the audit trail of one student over a month',
    user: 'admin',
    async requests() {
      const students = await classStudents();
      const to = new Date(Date.now() - 30 * 86_400_000);
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const next = cycle(students);
      return {
        method: 'GET',
        next: () => ({
          path: `/api/v1/audit-events?${new URLSearchParams({ studentId: next(), from: from.toISOString(), to: to.toISOString() }).toString()}`,
        }),
      };
    },
  },
];
