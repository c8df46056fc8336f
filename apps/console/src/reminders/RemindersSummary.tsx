import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { groupReminders, REMINDER_GROUPS } from './reminder-groups';
import { myRemindersQuery } from './reminder-queries';
import './reminders.css';

/** How many reminders wait, by group, and the most urgent few: for a home page (Today, a class teacher's). */
export function RemindersSummary({ headingId, shown = 3 }: { headingId: string; shown?: number }) {
  const text = useText();
  const { language } = useLanguage();
  const query = useInfiniteQuery(myRemindersQuery);
  return (
    <section className="panel reminders-summary" aria-labelledby={headingId}>
      <h2 id={headingId}>{text.reminders.mineTitle}</h2>
      <QueryState query={query}>
        {(data) => {
          const groups = groupReminders(data.pages.flatMap((page) => page.items));
          const urgent = [...groups.overdue, ...groups.due].slice(0, shown);
          const more = query.hasNextPage;
          const counts = {
            overdue: text.reminders.summaryOverdue(groups.overdue.length),
            due: text.reminders.summaryDue(groups.due.length),
            snoozed: text.reminders.summarySnoozed(groups.snoozed.length),
          };
          return (
            <>
              {urgent.length === 0 && groups.snoozed.length === 0 ? (
                <p className="muted">{text.reminders.summaryNone}</p>
              ) : (
                <>
                  <ul className="summary-counts">
                    {REMINDER_GROUPS.map((group) => (
                      <li key={group} className={group === 'overdue' && groups.overdue.length > 0 ? 'late' : undefined}>
                        {counts[group]}
                      </li>
                    ))}
                    {more && <li>{text.reminders.summaryMore}</li>}
                  </ul>
                  {urgent.length > 0 && (
                    <ul className="summary-list">
                      {urgent.map((reminder) => (
                        <li key={reminder.id}>
                          <span>{language === 'zh' ? reminder.rule.titleZh : reminder.rule.titleEn}</span>{' '}
                          <span className="muted">{reminder.subject.name ?? text.reminders.subjectType[reminder.subject.type]}</span>{' '}
                          <time dateTime={reminder.dueAt} className={reminder.overdue ? 'late' : 'muted'}>
                            {text.reminders.dueAt(dateTimeText(reminder.dueAt, language))}
                          </time>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
              <p>
                <Link to="/reminders">{text.reminders.summaryLink}</Link>
              </p>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
