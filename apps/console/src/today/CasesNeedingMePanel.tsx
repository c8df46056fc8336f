import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { casesNeedingMe } from './cases-needing-me';
import './today.css';

const OPEN_STATES = ['open', 'assessing', 'active', 'monitoring', 'referred'] as const;
/** Overdue tasks and contacts change through the day: a page left open catches up within minutes. */
const POLL_MS = 2 * 60_000;

/** My open cases whose tasks are overdue or whose contacts could not reach someone, most urgent first. */
export function CasesNeedingMePanel() {
  const text = useText();
  const can = useCan();
  const cases = useQuery({
    queryKey: ['cases', 'open', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { state: [...OPEN_STATES], limit: 200 } } })),
    refetchInterval: POLL_MS,
  });
  const canWork = can('case.work');
  const tasks = useQuery({
    // Under 'cases', so that a task changed on a case page refreshes it too.
    queryKey: ['cases', 'my-tasks', 'overdue'],
    queryFn: () => ok(api.GET('/api/v1/me/tasks', { params: { query: { due: 'overdue', limit: 200 } } })),
    enabled: canWork,
    refetchInterval: POLL_MS,
  });
  // Without case.work there are no tasks of mine to wait for.
  const both = {
    data: cases.data && (tasks.data || !canWork) ? { cases: cases.data, tasks: tasks.data?.items ?? [] } : undefined,
    error: cases.error ?? tasks.error,
    refetch: () => Promise.all([cases.refetch(), tasks.refetch()]),
  };
  const rows = both.data ? casesNeedingMe(both.data.cases.items, both.data.tasks) : [];
  return (
    <section className="panel" aria-labelledby="cases-needing-me-title">
      <h2 id="cases-needing-me-title">
        {text.today.casesTitle} {both.data && <span className="count">{text.today.caseCount(rows.length)}</span>}
      </h2>
      <QueryState query={both}>
        {(data) => (
          <>
            {rows.length === 0 ? (
              <p className="muted">{text.today.noCases}</p>
            ) : (
              <ul className="cards" aria-labelledby="cases-needing-me-title">
                {rows.map((row) => (
                  <li key={row.caseId} className={`card case-needing-me${row.riskLevel ? ` risk-${row.riskLevel}` : ''}`}>
                    <div className="card-head">
                      <Link to={`/cases/${row.caseId}`} className="card-title" aria-label={text.today.openCase(row.studentName)}>
                        {row.studentName}
                      </Link>
                      {row.className && <span className="muted">{row.className}</span>}
                      {row.riskLevel && <span className={`badge risk-badge-${row.riskLevel}`}>{text.today.risk[row.riskLevel]}</span>}
                    </div>
                    <p className="card-meta">
                      {row.overdueTasks > 0 && <span className="late">{text.today.overdueTasks(row.overdueTasks)}</span>}
                      {row.unreachableContacts > 0 && <span className="late">{text.today.unreachableContacts(row.unreachableContacts)}</span>}
                    </p>
                    {row.myOverdueTasks.length > 0 && <OverdueTasks tasks={row.myOverdueTasks} />}
                  </li>
                ))}
              </ul>
            )}
            {data.cases.nextCursor && (
              <p className="muted">
                <Link to="/cases">{text.today.moreCases}</Link>
              </p>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function OverdueTasks({ tasks }: { tasks: { id: string; title: string; dueAt: string }[] }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <ul className="overdue-tasks">
      {tasks.map((task) => (
        <li key={task.id}>{text.today.taskOverdueSince(task.title, dateTimeText(task.dueAt, language))}</li>
      ))}
    </ul>
  );
}
