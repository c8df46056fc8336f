import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { useNow } from '../ui/useNow';
import { snoozeChoices } from './reminder-groups';
import { remindersKey } from './reminder-queries';
import { ReminderSubject } from './ReminderSubject';
import './reminders.css';

type Reminder = Schemas['ReminderView'];

/**
 * One reminder with what its reader may do: the recipient acknowledges, snoozes and completes;
 * a superior it was escalated to may only complete it (the API refuses the rest).
 */
export function ReminderCard({ reminder, asRecipient }: { reminder: Reminder; asRecipient: boolean }) {
  const text = useText();
  const { language } = useLanguage();
  const [completing, setCompleting] = useState(false);
  const title = language === 'zh' ? reminder.rule.titleZh : reminder.rule.titleEn;
  return (
    <li className={`card reminder${reminder.overdue ? ' overdue' : ''}`} data-reminder-id={reminder.id}>
      <div className="card-head">
        <span className="card-title">
          {title}
        </span>
        <span className={`badge ${reminder.overdue ? 'badge-critical' : 'badge-neutral'}`}>{text.reminders.status[reminder.status]}</span>
        {reminder.escalatedAt && <span className="badge badge-high">{text.reminders.escalated}</span>}
      </div>
      <p className="card-meta">
        <ReminderSubject subject={reminder.subject} />
        <span>{text.reminders.window[reminder.windowKind]}</span>
        <time dateTime={reminder.dueAt} className={reminder.overdue ? 'late' : undefined}>
          {text.reminders.dueAt(dateTimeText(reminder.dueAt, language))}
        </time>
        {reminder.status === 'snoozed' && reminder.snoozedUntil && (
          <time dateTime={reminder.snoozedUntil}>{text.reminders.snoozedUntil(dateTimeText(reminder.snoozedUntil, language))}</time>
        )}
      </p>
      {reminder.status !== 'done' &&
        (completing ? (
          <CompleteForm reminder={reminder} onClose={() => setCompleting(false)} />
        ) : (
          <div className="actions">
            {asRecipient && reminder.status === 'open' && <AcknowledgeButton reminder={reminder} />}
            {asRecipient && <SnoozeControl reminder={reminder} />}
            <button type="button" onClick={() => setCompleting(true)}>
              {text.reminders.complete}
            </button>
          </div>
        ))}
    </li>
  );
}

function useReminderAction<T>(action: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    // A conflict means it changed meanwhile: reload it either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: remindersKey }),
  });
}

const pathOf = (reminder: Reminder) => ({ path: { reminderId: reminder.id } });

function AcknowledgeButton({ reminder }: { reminder: Reminder }) {
  const text = useText();
  const acknowledge = useReminderAction(() => ok(api.POST('/api/v1/reminders/{reminderId}/acknowledge', { params: pathOf(reminder) })));
  return (
    <>
      <button type="button" className="primary" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(undefined)}>
        {text.reminders.acknowledge}
      </button>
      {acknowledge.error && <ActionError error={acknowledge.error} />}
    </>
  );
}

function SnoozeControl({ reminder }: { reminder: Reminder }) {
  const text = useText();
  const now = useNow(60_000);
  const selectId = useId();
  const choices = snoozeChoices(reminder.dueAt, now);
  const snooze = useReminderAction((until: string) => ok(api.POST('/api/v1/reminders/{reminderId}/snooze', { params: pathOf(reminder), body: { until } })));
  if (choices.length === 0) return <p className="muted snooze-none">{reminder.overdue ? text.reminders.noSnoozeOverdue : text.reminders.noSnooze}</p>;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const picked = String(new FormData(event.currentTarget).get('length') ?? '');
    // The length is turned into a time when sent, so that a page left open never sends a stale one;
    // a length that no longer fits before the due time gives way to the longest that does.
    const valid = snoozeChoices(reminder.dueAt, new Date());
    const chosen = valid.find((c) => c.choice === picked) ?? valid.at(-1);
    if (chosen) snooze.mutate(chosen.until);
  }
  return (
    <form className="snooze-form" onSubmit={submit}>
      <label htmlFor={selectId}>{text.reminders.snoozeLabel}</label>
      <select id={selectId} name="length" defaultValue={choices[0].choice}>
        {choices.map(({ choice }) => (
          <option key={choice} value={choice}>
            {text.reminders.snoozeChoice[choice]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={snooze.isPending}>
        {text.reminders.snooze}
      </button>
      {snooze.error && <ActionError error={snooze.error} />}
    </form>
  );
}

function CompleteForm({ reminder, onClose }: { reminder: Reminder; onClose(): void }) {
  const text = useText();
  const noteId = useId();
  const complete = useReminderAction((note: string) => ok(api.POST('/api/v1/reminders/{reminderId}/complete', { params: pathOf(reminder), body: { note } })));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    complete.mutate(String(new FormData(event.currentTarget).get('note') ?? '').trim(), { onSuccess: onClose });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={noteId}>{text.reminders.completeNoteLabel}</label>
      <textarea id={noteId} name="note" required minLength={1} maxLength={2000} rows={2} autoFocus />
      {complete.error && <ActionError error={complete.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={complete.isPending}>
          {text.reminders.completeSubmit}
        </button>
        <button type="button" onClick={onClose}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}

/** A stale action says the reminder was reloaded (the form keeps what was typed); anything else as the API put it. */
function ActionError({ error }: { error: unknown }) {
  const text = useText();
  if (error instanceof ApiError && error.isVersionConflict) {
    return (
      <p className="notice" role="alert">
        {text.reminders.conflict}
      </p>
    );
  }
  return <ErrorLine error={error} />;
}
