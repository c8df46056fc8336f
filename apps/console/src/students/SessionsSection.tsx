import { useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { dateTimeText } from '../ui/time';
import { SectionState } from './SectionState';

type CounselorView = Schemas['CounselorAppointmentView'];
type TeacherView = Schemas['TeacherAppointmentView'];

/**
 * The student's sessions as the API lists them for the caller: a counselor their own sessions
 * and the waiting requests, a class teacher the requests they made (with their outcome only).
 */
export function SessionsSection({ studentId }: { studentId: string }) {
  const text = useText();
  const query = useQuery({
    queryKey: ['appointments', 'of-student', studentId],
    queryFn: () => ok(api.GET('/api/v1/appointments', { params: { query: { studentId, limit: 200 } } })),
  });
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{text.students.sessionsSection}</h2>
      <SectionState query={query}>
        {(page) => {
          if (page.items.length === 0) return <p className="muted">{text.students.noSessions}</p>;
          const counselorViews: CounselorView[] = [];
          const teacherViews: TeacherView[] = [];
          for (const item of page.items) {
            if ('counselorName' in item) counselorViews.push(item);
            else teacherViews.push(item);
          }
          return (
            <>
              {counselorViews.length > 0 && <CounselorSessions sessions={counselorViews} />}
              {teacherViews.length > 0 && <RequestedSessions sessions={teacherViews} />}
            </>
          );
        }}
      </SectionState>
    </section>
  );
}

function CounselorSessions({ sessions }: { sessions: CounselorView[] }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{text.students.when}</th>
            <th scope="col">{text.students.status}</th>
            <th scope="col">{text.students.counselor}</th>
            <th scope="col">{text.students.mode}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>{s.startsAt ? dateTimeText(s.startsAt, language) : text.students.notScheduled}</td>
              <td>{text.students.sessionStatus[s.status]}</td>
              <td>{s.counselorName ?? text.common.none}</td>
              <td>
                {s.mode ? text.students.modes[s.mode] : text.common.none}
                {s.place && <span className="muted"> · {s.place}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RequestedSessions({ sessions }: { sessions: TeacherView[] }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <>
      <h3>{text.students.requestedSessions}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{text.students.when}</th>
              <th scope="col">{text.students.status}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>{s.startsAt ? dateTimeText(s.startsAt, language) : text.students.notScheduled}</td>
                <td>{text.students.requestOutcome[s.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
