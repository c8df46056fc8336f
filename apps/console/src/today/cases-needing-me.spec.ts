import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '../api/client';
import { casesNeedingMe } from './cases-needing-me';

const aCase = (id: string, values: Partial<Schemas['CaseListItem']>): Schemas['CaseListItem'] => ({
  id,
  schoolId: 's',
  studentId: `student-${id}`,
  studentName: `学生${id}`,
  className: '高一1班',
  state: 'active',
  riskLevel: 'moderate',
  ownerId: 'me',
  sourceType: 'manual',
  sourceId: null,
  openedAt: '2026-12-01T00:00:00.000Z',
  openedBy: 'me',
  closedAt: null,
  reopenCount: 0,
  version: 1,
  overdueTasks: 0,
  unreachableContacts: 0,
  ...values,
});

const aTask = (id: string, caseId: string, dueAt: string): Schemas['MyTaskView'] => ({
  id,
  caseId,
  studentId: `student-${caseId}`,
  studentName: `学生${caseId}`,
  title: `任务${id}`,
  dueAt,
  status: 'open',
  version: 1,
});

describe('casesNeedingMe', () => {
  it('keeps only cases with overdue tasks or unreached contacts, never a closed one', () => {
    const result = casesNeedingMe(
      [aCase('quiet', {}), aCase('late', { overdueTasks: 1 }), aCase('unreached', { unreachableContacts: 2 }), aCase('closed', { state: 'closed', overdueTasks: 3 })],
      [],
    );
    expect(result.map((c) => c.caseId).sort()).toEqual(['late', 'unreached']);
  });

  it('puts higher risk first, then the longest overdue task of mine, then more unreached contacts', () => {
    const result = casesNeedingMe(
      [
        aCase('moderateLate', { overdueTasks: 1 }),
        aCase('moderateLater', { overdueTasks: 1 }),
        aCase('criticalUnreached', { riskLevel: 'critical', unreachableContacts: 1 }),
        aCase('moderateUnreached', { unreachableContacts: 3 }),
      ],
      [aTask('t1', 'moderateLate', '2026-12-03T01:00:00.000Z'), aTask('t2', 'moderateLater', '2026-12-01T01:00:00.000Z')],
    );
    expect(result.map((c) => c.caseId)).toEqual(['criticalUnreached', 'moderateLater', 'moderateLate', 'moderateUnreached']);
  });

  it('attaches my overdue tasks, oldest first, and shows a case the list did not include', () => {
    const result = casesNeedingMe(
      [aCase('a', { overdueTasks: 2 })],
      [aTask('later', 'a', '2026-12-03T00:00:00.000Z'), aTask('sooner', 'a', '2026-12-02T00:00:00.000Z'), aTask('elsewhere', 'b', '2026-12-01T00:00:00.000Z')],
    );
    expect(result.find((c) => c.caseId === 'a')?.myOverdueTasks.map((t) => t.id)).toEqual(['sooner', 'later']);
    expect(result.find((c) => c.caseId === 'b')).toMatchObject({ studentName: '学生b', overdueTasks: 1, riskLevel: null });
  });
});
