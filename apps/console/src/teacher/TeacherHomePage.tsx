import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useCan, useMe } from '../auth/me';
import { useText } from '../i18n/language';
import { RemindersSummary } from '../reminders/RemindersSummary';
import { QueryState } from '../ui/QueryState';
import { useNow } from '../ui/useNow';
import { MyClassesList } from './MyClassesPage';
import { PendingScreening } from './PendingScreening';
import { localDay, nextHoliday } from './local-time';
import { activitiesOfClassQuery, catchUpsQuery, holidaysQuery, unregisteredQuery } from './queries';
import './teacher.css';

/** A class teacher's start page: their classes, the one action that must be quick, and what waits for them. */
export function TeacherHomePage() {
  const text = useText();
  const can = useCan();
  return (
    <>
      <h1>{text.teacher.homeTitle}</h1>
      {can('concern_flag.raise') && (
        <section className="panel" aria-labelledby="quick-actions">
          <h2 id="quick-actions">{text.teacher.quickActions}</h2>
          <p>
            <Link className="button-link primary-link" to="/flags/new">
              {text.teacher.raiseConcern}
            </Link>
          </p>
          {can('appointment.request') && <p className="muted">{text.teacher.requestSessionHint}</p>}
        </section>
      )}
      <section className="panel" aria-labelledby="my-classes">
        <h2 id="my-classes">{text.teacher.myClassesTitle}</h2>
        <MyClassesList />
      </section>
      {can('screening_pending_students.read') && <PendingScreening />}
      {can('education.read') && <EducationWaiting />}
      {can('holiday_category.read') && <HolidayWaiting />}
      {can('reminder.work') && <RemindersSummary headingId="my-reminders" />}
    </>
  );
}

/** Deliveries of the teacher's classes that have started and wait for confirmation, and catch-ups still needed. */
function EducationWaiting() {
  const text = useText();
  const me = useMe();
  const now = useNow(60_000);
  const activities = useQueries({ queries: me.classes.map((c) => activitiesOfClassQuery(c.id)) });
  const catchUps = useQuery(catchUpsQuery);
  const failed = activities.find((a) => a.error);
  const loaded = activities.every((a) => a.data) ? activities : undefined;
  const waiting = loaded
    ? me.classes.reduce(
        (sum, c, index) =>
          sum +
          (loaded[index]?.data?.items ?? []).filter(
            (a) => a.status === 'planned' && new Date(a.startsAt).getTime() <= now.getTime() && a.deliveries.some((d) => d.classId === c.id && d.status === 'planned'),
          ).length,
        0,
      )
    : undefined;
  return (
    <section className="panel" aria-labelledby="education-waiting">
      <h2 id="education-waiting">{text.teacher.educationWaiting}</h2>
      <QueryState query={{ data: waiting, error: failed?.error, refetch: () => failed?.refetch() }}>
        {(count) => <p>{count === 0 ? text.teacher.noEducationWaiting : text.teacher.educationWaitingCount(count)}</p>}
      </QueryState>
      {catchUps.data && catchUps.data.items.length > 0 && <p>{text.teacher.catchUpsWaiting(catchUps.data.items.length)}</p>}
      <p>
        <Link to="/education">{text.teacher.goEducation}</Link>
      </p>
    </section>
  );
}

/** How many students of the teacher's classes have no category for the coming holiday. */
function HolidayWaiting() {
  const text = useText();
  const me = useMe();
  const holidays = useQuery(holidaysQuery);
  const holiday = holidays.data ? nextHoliday(holidays.data.items, localDay(new Date())) : null;
  const unregistered = useQueries({ queries: holiday ? me.classes.map((c) => unregisteredQuery(holiday.id, c.id)) : [] });
  const failed = unregistered.find((u) => u.error);
  const count = unregistered.every((u) => u.data) ? unregistered.reduce((sum, u) => sum + (u.data?.items.length ?? 0), 0) : undefined;
  return (
    <section className="panel" aria-labelledby="holiday-waiting">
      <h2 id="holiday-waiting">{text.teacher.holidayWaiting}</h2>
      <QueryState query={holidays}>
        {() =>
          holiday ? (
            <QueryState query={{ data: count, error: failed?.error, refetch: () => failed?.refetch() }}>
              {(n) => <p>{n === 0 ? text.teacher.holidayAllDone(holiday.name) : text.teacher.holidayWaitingCount(holiday.name, n)}</p>}
            </QueryState>
          ) : (
            <p className="muted">{text.teacher.noHoliday}</p>
          )
        }
      </QueryState>
      <p>
        <Link to="/holiday-categories">{text.teacher.goHoliday}</Link>
      </p>
    </section>
  );
}
