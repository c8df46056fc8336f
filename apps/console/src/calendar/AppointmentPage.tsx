import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { NotFoundPage } from '../ui/NotFoundPage';
import { QueryState } from '../ui/QueryState';
import { dateTimeText, timeText } from '../ui/time';
import { AppointmentActions } from './AppointmentActions';
import { SessionNotes } from './SessionNotes';
import { appointmentQuery } from './queries';
import './calendar.css';

type Appointment = Schemas['CounselorAppointmentView'];

/** One session or request: what it is, what may be done with it now (the API's allowedActions), its notes. */
export function AppointmentPage() {
  const { appointmentId = '' } = useParams();
  const query = useQuery(appointmentQuery(appointmentId));
  return (
    <QueryState query={query} whole>
      {/* Only the counselor view has the session's details; this page is for counselors. */}
      {(appointment) => ('allowedActions' in appointment ? <AppointmentView appointment={appointment} /> : <NotFoundPage />)}
    </QueryState>
  );
}

function AppointmentView({ appointment }: { appointment: Appointment }) {
  const text = useText();
  const { language } = useLanguage();
  const can = useCan();
  const request = appointment.request;
  return (
    <>
      <h1>{text.calendar.appointmentTitle(appointment.studentName)}</h1>
      <p>
        <Link to="/calendar">{text.calendar.backToCalendar}</Link>
      </p>
      <section className="panel" aria-labelledby="appointment-facts-title">
        <h2 id="appointment-facts-title">{text.calendar.facts}</h2>
        <dl className="facts">
          <dt>{text.calendar.statusLabel}</dt>
          <dd>
            <span className={`badge appointment-${appointment.status}`} id="appointment-status">
              {text.calendar.status[appointment.status]}
            </span>
          </dd>
          <dt>{text.calendar.student}</dt>
          <dd>
            <Link to={`/students/${appointment.studentId}`}>{appointment.studentName}</Link>
          </dd>
          <dt>{text.calendar.className}</dt>
          <dd>{appointment.className}</dd>
          <dt>{text.calendar.time}</dt>
          <dd>
            {appointment.startsAt && appointment.endsAt
              ? `${dateTimeText(appointment.startsAt, language)}–${timeText(appointment.endsAt, language)}`
              : text.calendar.notScheduled}
          </dd>
          {appointment.mode && (
            <>
              <dt>{text.calendar.mode}</dt>
              <dd>
                {text.calendar.modes[appointment.mode]}
                {appointment.place ? ` · ${appointment.place}` : ''}
              </dd>
            </>
          )}
          {request?.reasonCategory && (
            <>
              <dt>{text.calendar.reasonLabel}</dt>
              <dd>{text.calendar.reasons[request.reasonCategory]}</dd>
            </>
          )}
          {request?.preferredFrom && request.preferredTo && (
            <>
              <dt>{text.calendar.preferredLabel}</dt>
              <dd>{`${dateTimeText(request.preferredFrom, language)} – ${dateTimeText(request.preferredTo, language)}`}</dd>
            </>
          )}
          {appointment.offerExpiresAt && (
            <>
              <dt>{text.calendar.status.offered}</dt>
              <dd>{text.calendar.offerExpires(dateTimeText(appointment.offerExpiresAt, language))}</dd>
            </>
          )}
          {appointment.rescheduledTo && (
            <>
              <dt>{text.calendar.rescheduledTo}</dt>
              <dd>
                <Link to={`/calendar/appointments/${appointment.rescheduledTo}`}>{text.calendar.rescheduledTo}</Link>
              </dd>
            </>
          )}
          {appointment.rescheduledFrom && (
            <>
              <dt>{text.calendar.rescheduledFrom}</dt>
              <dd>
                <Link to={`/calendar/appointments/${appointment.rescheduledFrom}`}>{text.calendar.rescheduledFrom}</Link>
              </dd>
            </>
          )}
          {appointment.cancellation?.reason && (
            <>
              <dt>{text.calendar.cancellation}</dt>
              <dd>{appointment.cancellation.reason}</dd>
            </>
          )}
          {appointment.caseId && (
            <>
              <dt>{text.calendar.openCase}</dt>
              <dd>
                <Link to={`/cases/${appointment.caseId}`}>{text.calendar.openCase}</Link>
              </dd>
            </>
          )}
        </dl>
      </section>
      {appointment.allowedActions.length > 0 && <AppointmentActions appointment={appointment} />}
      {can('session_note.read') && <SessionNotes appointment={appointment} />}
    </>
  );
}
