import { describe, expect, it } from '@jest/globals';
import { dictionaries } from '../i18n/dictionary';
import { closurePending, describeEvent, type TimelineEvent } from './timelineEntry';

const base = { id: '00000000-0000-4000-8000-000000000001', actorId: null, occurredAt: '2026-12-04T08:00:00.000Z', reason: null };
const names = (id: string) => (id === 'u1' ? '王心怡' : '李老师');
const when = (iso: string) => iso.slice(0, 10);

describe('describeEvent', () => {
  it('names the states, risk levels and people of an entry, in Chinese and in English', () => {
    const risk: TimelineEvent = { ...base, kind: 'risk_changed', data: { from: 'moderate', to: 'high' } };
    expect(describeEvent(risk, dictionaries.zh.cases, names, when)).toBe('风险等级从「中风险」改为「高风险」');
    expect(describeEvent(risk, dictionaries.en.cases, names, when)).toBe('Risk level changed from “Moderate risk” to “High risk”');
    const owner: TimelineEvent = { ...base, kind: 'owner_changed', data: { from: 'u1', to: 'u2' } };
    expect(describeEvent(owner, dictionaries.zh.cases, names, when)).toBe('负责人从 王心怡 换成 李老师');
  });

  it('tells a task status change apart from another task edit', () => {
    const done: TimelineEvent = { ...base, kind: 'task_updated', data: { taskId: base.id, changedFields: ['status'], from: 'open', to: 'done' } };
    const edit: TimelineEvent = { ...base, kind: 'task_updated', data: { taskId: base.id, changedFields: ['dueAt'] } };
    expect(describeEvent(done, dictionaries.en.cases, names, when)).toBe('Task changed from “To do” to “Done”');
    expect(describeEvent(edit, dictionaries.en.cases, names, when)).toBe('Task updated');
  });
});

describe('closurePending', () => {
  const event = (kind: 'closure_requested' | 'closure_rejected', occurredAt: string): TimelineEvent => ({ ...base, occurredAt, kind, data: { requestId: base.id } });
  it('is pending only while the newest closure event is the request', () => {
    expect(closurePending([])).toBe(false);
    expect(closurePending([event('closure_requested', '2026-12-04T09:00:00Z')])).toBe(true);
    expect(closurePending([event('closure_rejected', '2026-12-04T10:00:00Z'), event('closure_requested', '2026-12-04T09:00:00Z')])).toBe(false);
  });
});
