import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { groupReminders, REMINDER_GROUPS } from './reminder-groups';
import { escalatedRemindersQuery, myRemindersQuery, reminderCountsQuery } from './reminder-queries';
import { ReminderCard } from './ReminderCard';
import './reminders.css';
import { LoadMore } from '../ui/LoadMore';

/** Everything the scheduler asks of me: overdue first, then what is due, then what I snoozed. */
export function RemindersPage() {
  const text = useText();
  const can = useCan();
  return (
    <>
      <h1>{text.reminders.title}</h1>
      <MyReminders />
      <EscalatedReminders />
      {can('reminder_report.read') && <SchoolCounts />}
    </>
  );
}

function MyReminders() {
  const text = useText();
  const query = useInfiniteQuery(myRemindersQuery);
  return (
    <QueryState query={query}>
      {(data) => {
        const reminders = data.pages.flatMap((page) => page.items);
        const groups = groupReminders(reminders);
        return (
          <>
            {reminders.length === 0 && <p className="notice">{text.reminders.noReminders}</p>}
            {reminders.length > 0 &&
              REMINDER_GROUPS.map((group) => (
                <section key={group} className="panel" aria-labelledby={`reminders-${group}`}>
                  <h2 id={`reminders-${group}`}>
                    {text.reminders.groups[group]} <span className="count">{groups[group].length}</span>
                  </h2>
                  {groups[group].length === 0 ? (
                    <p className="muted">{text.reminders.groupEmpty[group]}</p>
                  ) : (
                    <ul className="cards" aria-labelledby={`reminders-${group}`}>
                      {groups[group].map((reminder) => (
                        <ReminderCard key={reminder.id} reminder={reminder} asRecipient />
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            <LoadMore query={query} label={text.reminders.loadMore} />
          </>
        );
      }}
    </QueryState>
  );
}

function EscalatedReminders() {
  const text = useText();
  const query = useInfiniteQuery(escalatedRemindersQuery);
  const reminders = query.data?.pages.flatMap((page) => page.items) ?? [];
  // Most people never have one: the section shows only when the API gives some.
  if (query.data && reminders.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="reminders-escalated">
      <h2 id="reminders-escalated">{text.reminders.escalatedTitle}</h2>
      <p className="muted">{text.reminders.escalatedHint}</p>
      <QueryState query={query}>
        {() => (
          <ul className="cards" aria-labelledby="reminders-escalated">
            {reminders.map((reminder) => (
              <ReminderCard key={reminder.id} reminder={reminder} asRecipient={false} />
            ))}
          </ul>
        )}
      </QueryState>
      <LoadMore query={query} label={text.reminders.loadMore} />
    </section>
  );
}

function SchoolCounts() {
  const text = useText();
  const { language } = useLanguage();
  const query = useQuery(reminderCountsQuery);
  const title = (row: Schemas['ReminderCountsRow']) => (language === 'zh' ? row.rule.titleZh : row.rule.titleEn);
  return (
    <section className="panel" aria-labelledby="reminders-counts">
      <h2 id="reminders-counts">{text.reminders.countsTitle}</h2>
      <p className="muted">{text.reminders.countsHint}</p>
      <QueryState query={query}>
        {(counts) =>
          counts.items.length === 0 ? (
            <p className="muted">{text.reminders.noCounts}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{text.reminders.countsWindow}</th>
                    <th scope="col">{text.reminders.countsRule}</th>
                    <th scope="col">{text.reminders.status.open}</th>
                    <th scope="col">{text.reminders.status.acknowledged}</th>
                    <th scope="col">{text.reminders.status.snoozed}</th>
                    <th scope="col">{text.reminders.status.done}</th>
                    <th scope="col">{text.reminders.countsTotal}</th>
                    <th scope="col">{text.reminders.countsOverdue}</th>
                  </tr>
                </thead>
                <tbody>
                  {counts.items.map((row) => (
                    <tr key={`${row.windowKind}-${row.rule.id}`}>
                      <td>{text.reminders.window[row.windowKind]}</td>
                      <th scope="row">{title(row)}</th>
                      <td>{row.byStatus.open}</td>
                      <td>{row.byStatus.acknowledged}</td>
                      <td>{row.byStatus.snoozed}</td>
                      <td>{row.byStatus.done}</td>
                      <td>{row.total}</td>
                      <td>{row.overdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
