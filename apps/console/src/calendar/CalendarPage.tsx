import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateText, dateTimeText, timeText } from '../ui/time';
import { Availability } from './Availability';
import { counselorCalendarQuery, waitingQuery } from './queries';
import { byDay, sevenDaysFrom, shiftDays } from './week';
import './calendar.css';

type Appointment = Schemas['CounselorAppointmentView'] | Schemas['TeacherAppointmentView'];

/** A counselor's calendar: the next seven days, the requests and held slots waiting for them, their availability. */
export function CalendarPage() {
  const text = useText();
  return (
    <>
      <h1>{text.calendar.title}</h1>
      <Week />
      <Waiting />
      <Availability />
    </>
  );
}

function Week() {
  const text = useText();
  const { language } = useLanguage();
  const me = useMe();
  const [start, setStart] = useState(() => new Date());
  const { from, to } = sevenDaysFrom(start);
  const query = useQuery(counselorCalendarQuery(me.id, from, to));
  return (
    <section className="panel" aria-labelledby="week-title">
      <h2 id="week-title">{text.calendar.weekTitle}</h2>
      <p>{text.calendar.weekRange(dateText(from, language), dateText(shiftDays(to, -1), language))}</p>
      <div className="actions">
        <button type="button" onClick={() => setStart(shiftDays(from, -7))}>
          {text.calendar.previousWeek}
        </button>
        <button type="button" onClick={() => setStart(new Date())}>
          {text.calendar.thisWeek}
        </button>
        <button type="button" onClick={() => setStart(shiftDays(from, 7))}>
          {text.calendar.nextWeek}
        </button>
      </div>
      <QueryState query={query}>
        {(calendar) => {
          const entries = [
            ...calendar.free.map((f) => ({ ...f, kind: 'free' as const })),
            ...calendar.booked.map((b) => ({ ...b, kind: 'booked' as const })),
          ];
          return (
            <ol className="week">
              {byDay(entries, from).map(({ day, entries: dayEntries }) => (
                <li key={day.toISOString()} className="week-day">
                  <h3 className="calendar-subhead">{dateText(day, language)}</h3>
                  {dayEntries.length === 0 ? (
                    <p className="muted">{text.calendar.noDay}</p>
                  ) : (
                    <ul className="slots">
                      {dayEntries.map((entry) => {
                        const time = `${timeText(entry.startsAt, language)}–${timeText(entry.endsAt, language)}`;
                        if (entry.kind === 'free') {
                          return (
                            <li key={`free-${entry.startsAt}`} className="slot slot-free">
                              <span className="badge badge-neutral">{text.calendar.free}</span> {time} · {text.calendar.modes[entry.mode]}
                              {entry.place ? ` · ${entry.place}` : ''}
                            </li>
                          );
                        }
                        return (
                          <li key={`booked-${entry.appointmentId ?? entry.startsAt}`} className="slot slot-booked">
                            <span className="badge">{entry.status ? text.calendar.status[entry.status] : text.calendar.booked}</span>{' '}
                            {entry.appointmentId ? (
                              <Link to={`/calendar/appointments/${entry.appointmentId}`}>{text.calendar.openAppointment(entry.studentName ?? '', time)}</Link>
                            ) : (
                              time
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          );
        }}
      </QueryState>
    </section>
  );
}

function Waiting() {
  const text = useText();
  const query = useQuery(waitingQuery);
  return (
    <QueryState query={query}>
      {(page) => {
        const requests = page.items.filter((a) => a.status === 'requested' || a.status === 'waiting');
        const offers = page.items.filter((a) => a.status === 'offered');
        return (
          <>
            <section className="panel" aria-labelledby="requests-title">
              <h2 id="requests-title">{text.calendar.requestsTitle}</h2>
              {requests.length === 0 ? <p className="muted">{text.calendar.noRequests}</p> : <WaitingList items={requests} />}
            </section>
            <section className="panel" aria-labelledby="offers-title">
              <h2 id="offers-title">{text.calendar.offersTitle}</h2>
              {offers.length === 0 ? <p className="muted">{text.calendar.noOffers}</p> : <WaitingList items={offers} />}
            </section>
          </>
        );
      }}
    </QueryState>
  );
}

function WaitingList({ items }: { items: Appointment[] }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <ul className="cards">
      {items.map((item) => {
        // A counselor gets the counselor view; the teacher view has no request details to show.
        const request = 'request' in item ? item.request : null;
        const reason = request?.reasonCategory ?? ('reasonCategory' in item ? item.reasonCategory : null);
        return (
          <li key={item.id} className="card">
            <div className="card-head">
              <Link to={`/calendar/appointments/${item.id}`} className="card-title" aria-label={text.calendar.arrange(item.studentName)}>
                {item.studentName}
              </Link>
              {'className' in item && <span className="muted">{item.className}</span>}
              {reason && <span className="badge badge-neutral">{text.calendar.reasons[reason]}</span>}
            </div>
            <p className="card-meta">
              {request?.preferredFrom && request.preferredTo && (
                <span>{text.calendar.preferred(dateTimeText(request.preferredFrom, language), dateTimeText(request.preferredTo, language))}</span>
              )}
              {request && <span>{text.calendar.requestedAt(dateTimeText(request.requestedAt, language))}</span>}
              {item.startsAt && <span>{dateTimeText(item.startsAt, language)}</span>}
              {'offerExpiresAt' in item && item.offerExpiresAt && <span>{text.calendar.offerExpires(dateTimeText(item.offerExpiresAt, language))}</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
