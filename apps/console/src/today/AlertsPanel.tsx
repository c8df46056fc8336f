import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText, durationText, minutesUntil } from '../ui/time';
import { useNow } from '../ui/useNow';

type Alert = Schemas['AlertSummary'];

/** New alerts appear within this long without a reload. */
export const ALERT_POLL_MS = 5_000;
const SEVERITY_ORDER: Record<Alert['severity'], number> = { critical: 0, high: 1 };

export const openAlertsQuery = {
  queryKey: ['alerts', 'open'],
  queryFn: () => ok(api.GET('/api/v1/alerts', { params: { query: { status: ['open'], limit: 200 } } })),
  refetchInterval: ALERT_POLL_MS,
} as const;

/** Critical first, then the nearest deadline. */
export function byUrgency(a: Alert, b: Alert): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ackDueAt.localeCompare(b.ackDueAt);
}

export function AlertsPanel() {
  const text = useText();
  const query = useQuery(openAlertsQuery);
  const count = query.data?.items.length ?? 0;
  return (
    <section className="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        {text.today.alertsTitle} <span className="count" aria-live="polite">{query.data ? text.today.alertCount(count) : ''}</span>
      </h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.today.noAlerts}</p>
          ) : (
            <ul className="cards" id="open-alerts">
              {[...page.items].sort(byUrgency).map((alert) => (
                <AlertCard key={alert.id} alert={alert} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function AlertCard({ alert }: { alert: Alert }) {
  const text = useText();
  const { language } = useLanguage();
  const now = useNow();
  const [acknowledging, setAcknowledging] = useState(false);
  const minutes = minutesUntil(alert.ackDueAt, now);
  const due = minutes >= 0 ? text.today.dueIn(durationText(minutes, language)) : text.today.overdueBy(durationText(minutes, language));
  return (
    <li className={`card alert alert-${alert.severity}${minutes < 0 ? ' overdue' : ''}`} data-alert-id={alert.id}>
      <div className="card-head">
        <span className={`badge badge-${alert.severity}`}>{text.today.severity[alert.severity]}</span>
        <Link to={`/students/${alert.studentId}`} className="card-title">
          {alert.studentName}
        </Link>
        <span className="muted">{alert.className}</span>
      </div>
      <p className="card-meta">
        <span>{text.today.source[alert.sourceType]}</span>
        <span>{text.today.raisedAt(dateTimeText(alert.raisedAt, language))}</span>
        {alert.escalationLevel > 0 && <span>{text.today.escalated(alert.escalationLevel)}</span>}
      </p>
      <p className={`countdown${minutes < 0 ? ' late' : ''}`}>
        <time dateTime={alert.ackDueAt}>{due}</time>
      </p>
      {acknowledging ? (
        <AcknowledgeForm alert={alert} onDone={() => setAcknowledging(false)} />
      ) : (
        <button type="button" className="primary" onClick={() => setAcknowledging(true)}>
          {text.today.acknowledge}
        </button>
      )}
    </li>
  );
}

function AcknowledgeForm({ alert, onDone }: { alert: Alert; onDone(): void }) {
  const text = useText();
  const queryClient = useQueryClient();
  const noteId = useId();
  const acknowledge = useMutation({
    mutationFn: (note: string) => ok(api.POST('/api/v1/alerts/{alertId}/acknowledge', { params: { path: { alertId: alert.id } }, body: { note } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['alerts'] });
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    acknowledge.mutate(String(new FormData(event.currentTarget).get('note') ?? '').trim());
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={noteId}>{text.today.ackNoteLabel}</label>
      <textarea id={noteId} name="note" required minLength={2} maxLength={500} rows={2} autoFocus />
      {acknowledge.error && <ErrorLine error={acknowledge.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={acknowledge.isPending}>
          {text.today.ackSubmit}
        </button>
        <button type="button" onClick={onDone}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}
