import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { useText } from '../i18n/language';

/** What a reminder is about, linked to its page where the API gives an id the console has a page for. */
export function ReminderSubject({ subject }: { subject: Schemas['ReminderSubjectView'] }) {
  const text = useText();
  const me = useMe();
  const label = subject.name ?? text.reminders.subjectType[subject.type];
  const target =
    subject.type === 'student'
      ? `/students/${subject.id}`
      : subject.type === 'case'
        ? `/cases/${subject.id}`
        : // A class has a page for the people who teach it.
          subject.type === 'class' && me.classes.some((c) => c.id === subject.id)
          ? `/classes/${subject.id}`
          : null;
  return (
    <span className="reminder-subject">
      <span className="muted">{text.reminders.subjectType[subject.type]}</span>{' '}
      {target ? <Link to={target}>{label}</Link> : <span>{label}</span>}
      {subject.className && <span className="muted"> · {subject.className}</span>}
    </span>
  );
}
