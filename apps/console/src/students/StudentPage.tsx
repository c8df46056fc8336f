import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useText } from '../i18n/language';
import { NotFoundPage } from '../ui/NotFoundPage';
import { QueryState } from '../ui/QueryState';
import { CasesSection } from './CasesSection';
import { RiskSection } from './RiskSection';
import { ScreeningSection } from './ScreeningSection';
import { SessionsSection } from './SessionsSection';
import './students.css';
import { AUDITED_READ } from './audited-read';

type Student = Schemas['StudentDetail'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One student, in the sections the caller's permissions open, each from its own audited read.
 * The detail read comes first: a student out of reach answers 404 there, and nothing else is asked.
 */
export function StudentPage() {
  const { studentId = '' } = useParams();
  // Not an id at all: the same page as a missing one, without asking the API.
  if (!UUID.test(studentId)) return <NotFoundPage />;
  return <StudentById key={studentId} studentId={studentId} />;
}

function StudentById({ studentId }: { studentId: string }) {
  const query = useQuery({
    queryKey: ['students', studentId, 'detail'],
    queryFn: () => ok(api.GET('/api/v1/students/{studentId}', { params: { path: { studentId } } })),
    ...AUDITED_READ,
  });
  return (
    <QueryState query={query} whole>
      {(student) => <StudentSections student={student} />}
    </QueryState>
  );
}

function StudentSections({ student }: { student: Student }) {
  const can = useCan();
  return (
    <>
      <h1>{student.name}</h1>
      <ClassFacts student={student} />
      {can('guardian.read') && <Guardians student={student} />}
      {can('student_risk.read') && <RiskSection studentId={student.id} />}
      {can('screening_result.read') && <ScreeningSection studentId={student.id} />}
      {can('case.read') && <CasesSection studentId={student.id} />}
      {can('appointment.read') && <SessionsSection studentId={student.id} />}
    </>
  );
}

function ClassFacts({ student }: { student: Student }) {
  const text = useText();
  return (
    <section className="panel" aria-labelledby="class-title">
      <h2 id="class-title">{text.students.classSection}</h2>
      <dl className="facts">
        <dt>{text.students.studentNumber}</dt>
        <dd>{student.studentNumber}</dd>
        <dt>{text.students.className}</dt>
        <dd>
          {student.gradeName} {student.className}
        </dd>
        <dt>{text.students.status}</dt>
        <dd>{text.students.studentStatus[student.status]}</dd>
        <dt>{text.students.gender}</dt>
        <dd>{text.students.genders[student.gender]}</dd>
        <dt>{text.students.dateOfBirth}</dt>
        {/* A calendar date in the school's time zone: shown as the API wrote it. */}
        <dd>{student.dateOfBirth ?? text.common.none}</dd>
      </dl>
    </section>
  );
}

/** From the detail the page already read (no second read of the phones). */
function Guardians({ student }: { student: Student }) {
  const text = useText();
  return (
    <section className="panel" aria-labelledby="guardians-title">
      <h2 id="guardians-title">{text.students.guardiansSection}</h2>
      {student.guardians.length === 0 ? (
        <p className="muted">{text.students.noGuardians}</p>
      ) : (
        <ul className="cards">
          {student.guardians.map((g) => (
            <li key={g.id} className="card">
              <div className="card-head">
                <span className="card-title">{g.name}</span>
                <span className="muted">{text.students.relations[g.relation]}</span>
                {g.isPrimary && <span className="badge badge-neutral">{text.students.primary}</span>}
              </div>
              <p className="card-meta">
                <span>
                  {text.students.phone}: <a href={`tel:${g.phone}`}>{g.phone}</a>
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
