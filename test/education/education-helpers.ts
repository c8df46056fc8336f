import type { TestApp } from '../support/test-app.js';
import { bearer } from '../support/factories.js';

/** The system topics the migration seeds, by code. */
export async function systemTopicIds(t: TestApp): Promise<Record<string, string>> {
  const rows = await t.dataSource.query<{ id: string; code: string }[]>('SELECT id, code FROM education_topics WHERE school_id IS NULL');
  return Object.fromEntries(rows.map((row) => [row.code, row.id]));
}

export const SYSTEM_TOPIC_CODES = [
  'fire_safety',
  'drowning',
  'gas_poisoning',
  'telecom_fraud',
  'infectious_disease',
  'bullying',
  'traffic_safety',
  'mental_health',
];

/** A valid plan: a 45-minute class lesson in a classroom, delivered by an outside speaker. */
export function lessonBody(values: { topicIds: string[]; classIds?: string[]; gradeIds?: string[]; startsAt: string } & Record<string, unknown>) {
  const { startsAt, ...rest } = values;
  return {
    kind: 'class_lesson',
    title: '暑假前安全教育主题班会',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 45 * 60_000).toISOString(),
    place: '本班教室',
    deliveredByName: '班主任',
    ...rest,
  };
}

export async function planActivity(t: TestApp, user: { id: string }, body: Record<string, unknown>) {
  return t.http.post('/api/v1/education/activities').set('authorization', await bearer(t, user)).send(body);
}

export async function confirmDelivery(t: TestApp, user: { id: string }, deliveryId: string, body: Record<string, unknown>) {
  return t.http.post(`/api/v1/education/deliveries/${deliveryId}/confirmations`).set('authorization', await bearer(t, user)).send(body);
}

export async function auditActions(t: TestApp, entityId: string): Promise<string[]> {
  const rows = await t.dataSource.query<{ action: string }[]>('SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq', [entityId]);
  return rows.map((row) => row.action);
}
