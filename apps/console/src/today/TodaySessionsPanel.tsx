import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { timeText } from '../ui/time';
import { useNow } from '../ui/useNow';
import { localDayRange } from './local-day';
import './today.css';

type Session = Schemas['CounselorAppointmentView'];
type AnyAppointment = Session | Schemas['TeacherAppointmentView'];

const LIMIT = 200;
/** A counselor's view of an appointment (the Today page is not a class teacher's). */
const isCounselorView = (a: AnyAppointment): a is Session => 'allowedActions' in a;

/** My sessions of the browser's local day, in the order they happen; the day moves on at midnight. */
export function TodaySessionsPanel() {
  const text = useText();
  const { language } = useLanguage();
  const day = localDayRange(useNow(60_000));
  const query = useQuery({
    queryKey: ['appointments', 'day', day.from],
    queryFn: () => ok(api.GET('/api/v1/appointments', { params: { query: { startsFrom: day.from, startsBefore: day.before, limit: LIMIT } } })),
    refetchInterval: 2 * 60_000,
  });
  const sessions = (query.data?.items ?? []).filter(isCounselorView).sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? ''));
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">
        {text.today.sessionsTitle} {query.data && <span className="count">{text.today.sessionCount(sessions.length)}</span>}
      </h2>
      <QueryState query={query}>
        {(page) =>
          sessions.length === 0 ? (
            <p className="muted">{text.today.noSessions}</p>
          ) : (
            <>
              <ol className="cards sessions" aria-labelledby="sessions-title">
                {sessions.map((session) => (
                  <li key={session.id} className={`card session status-${session.status}`}>
                    <div className="card-head">
                      {session.startsAt && (
                        <span className="session-time">
                          <time dateTime={session.startsAt}>
                            {session.endsAt ? text.today.sessionTime(timeText(session.startsAt, language), timeText(session.endsAt, language)) : timeText(session.startsAt, language)}
                          </time>
                        </span>
                      )}
                      <Link to={`/students/${session.studentId}`} className="card-title">
                        {session.studentName}
                      </Link>
                      <span className="muted">{session.className}</span>
                    </div>
                    <p className="card-meta">
                      <span className="badge badge-neutral">{text.today.appointmentStatus[session.status]}</span>
                      {session.mode && <span>{text.today.mode[session.mode]}</span>}
                      {session.place && <span>{session.place}</span>}
                    </p>
                  </li>
                ))}
              </ol>
              {page.nextCursor && <p className="muted">{text.today.moreSessions}</p>}
            </>
          )
        }
      </QueryState>
    </section>
  );
}
