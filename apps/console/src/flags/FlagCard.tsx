import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { dateTimeText } from '../ui/time';

type ListedFlag = Schemas['CounselorFlagView'] | Schemas['TeacherFlagView'];

/** One flag in a list: who, what, how urgent, where it stands; the card opens the flag page. */
export function FlagCard({ flag }: { flag: ListedFlag }) {
  const text = useText();
  const { language } = useLanguage();
  const status = 'teacherStatus' in flag ? text.flags.statuses[flag.status] : text.flags.teacherStatuses[flag.status];
  return (
    <li className={`card flag flag-${flag.severity}`} data-flag-id={flag.id}>
      <div className="card-head">
        <span className={`badge flag-badge-${flag.severity}`}>{text.flags.severities[flag.severity]}</span>
        <Link to={`/flags/${flag.id}`} className="card-title">
          {flag.studentName} · {text.flags.categories[flag.category]}
        </Link>
        {'className' in flag && <span className="muted">{flag.className}</span>}
      </div>
      <p className="card-meta">
        <span>{status}</span>
        <span>{text.flags.observedAt(dateTimeText(flag.observedAt, language))}</span>
        <span>{text.flags.raisedAt(dateTimeText(flag.createdAt, language))}</span>
      </p>
    </li>
  );
}
