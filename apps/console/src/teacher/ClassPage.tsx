import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { PendingScreening } from './PendingScreening';
import { RequestSessionForm } from './RequestSessionForm';
import { studentsOfClassQuery } from './queries';
import './teacher.css';

/** One of the teacher's classes: its students, what to do for each, and who has not answered a screening. */
export function ClassPage() {
  const { classId = '' } = useParams();
  const text = useText();
  const klass = useQuery({ queryKey: ['classes', classId], queryFn: () => ok(api.GET('/api/v1/classes/{classId}', { params: { path: { classId } } })) });
  return (
    <QueryState query={klass} whole>
      {(c) => (
        <>
          <h1>{text.teacher.classLine(c.gradeName, c.name)}</h1>
          <StudentsPanel classId={c.id} />
          <PendingScreening classId={c.id} />
        </>
      )}
    </QueryState>
  );
}

function StudentsPanel({ classId }: { classId: string }) {
  const text = useText();
  const students = useQuery(studentsOfClassQuery(classId));
  return (
    <section className="panel" aria-labelledby="students-title">
      <h2 id="students-title">{text.teacher.studentsTitle}</h2>
      <QueryState query={students}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.teacher.noStudents}</p>
          ) : (
            <ul className="cards">
              {page.items.map((s) => (
                <StudentRow key={s.id} student={s} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function StudentRow({ student }: { student: Schemas['StudentSummary'] }) {
  const text = useText();
  const can = useCan();
  const [requesting, setRequesting] = useState(false);
  return (
    <li className="card">
      <div className="card-head">
        <Link className="card-title" to={`/students/${student.id}`}>
          {student.name}
        </Link>
        <span className="muted">{student.studentNumber}</span>
        {student.status !== 'enrolled' && <span className="badge badge-neutral">{text.teacher.studentStatus[student.status]}</span>}
      </div>
      <div className="actions">
        {can('concern_flag.raise') && (
          <Link className="button-link" to={`/flags/new?studentId=${student.id}`} aria-label={text.teacher.raiseAbout(student.name)}>
            {text.teacher.raiseConcern}
          </Link>
        )}
        {can('appointment.request') && !requesting && (
          <button type="button" onClick={() => setRequesting(true)} aria-label={text.teacher.requestSessionFor(student.name)}>
            {text.teacher.requestSession}
          </button>
        )}
      </div>
      {requesting && <RequestSessionForm student={student} onClose={() => setRequesting(false)} />}
    </li>
  );
}
