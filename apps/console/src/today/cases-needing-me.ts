import type { Schemas } from '../api/client';

type CaseItem = Schemas['CaseListItem'];
type MyTask = Schemas['MyTaskView'];

/** A case of mine that waits on me: its overdue tasks of mine and the contacts still not reached. */
export interface CaseNeedingMe {
  caseId: string;
  studentId: string;
  studentName: string;
  className: string | null;
  riskLevel: CaseItem['riskLevel'] | null;
  /** The case's overdue tasks, as the case list counts them (anyone's). */
  overdueTasks: number;
  unreachableContacts: number;
  /** My own overdue tasks on it, oldest first. */
  myOverdueTasks: MyTask[];
}

const RISK_ORDER: Record<CaseItem['riskLevel'], number> = { critical: 0, high: 1, moderate: 2, low: 3 };

/**
 * The cases that need me, most urgent first: higher risk, then the longest overdue task, then
 * more contacts not reached. A task of mine on a case the list did not include still shows.
 */
export function casesNeedingMe(cases: CaseItem[], myOverdueTasks: MyTask[]): CaseNeedingMe[] {
  const byCase = new Map<string, CaseNeedingMe>();
  for (const c of cases) {
    if (c.state === 'closed' || (c.overdueTasks === 0 && c.unreachableContacts === 0)) continue;
    byCase.set(c.id, {
      caseId: c.id,
      studentId: c.studentId,
      studentName: c.studentName,
      className: c.className,
      riskLevel: c.riskLevel,
      overdueTasks: c.overdueTasks,
      unreachableContacts: c.unreachableContacts,
      myOverdueTasks: [],
    });
  }
  for (const task of [...myOverdueTasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
    const entry = byCase.get(task.caseId) ?? {
      caseId: task.caseId,
      studentId: task.studentId,
      studentName: task.studentName,
      className: null,
      riskLevel: null,
      overdueTasks: 0,
      unreachableContacts: 0,
      myOverdueTasks: [],
    };
    entry.myOverdueTasks.push(task);
    entry.overdueTasks = Math.max(entry.overdueTasks, entry.myOverdueTasks.length);
    byCase.set(task.caseId, entry);
  }
  return [...byCase.values()].sort(byUrgency);
}

function byUrgency(a: CaseNeedingMe, b: CaseNeedingMe): number {
  const risk = (c: CaseNeedingMe) => (c.riskLevel ? RISK_ORDER[c.riskLevel] : RISK_ORDER.low + 1);
  const oldestDue = (c: CaseNeedingMe) => c.myOverdueTasks[0]?.dueAt ?? '\uffff';
  return risk(a) - risk(b) || oldestDue(a).localeCompare(oldestDue(b)) || b.overdueTasks - a.overdueTasks || b.unreachableContacts - a.unreachableContacts;
}
