import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { NotFoundPage } from '../ui/NotFoundPage';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { TriageForm } from './TriageForm';
import './flags.css';
import { AUDITED_READ } from '../students/audited-read';

type FlagDetail = Schemas['CounselorFlagDetail'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const flagQuery = (flagId: string) => ({
  queryKey: ['concern-flags', 'detail', flagId],
  queryFn: () => ok(api.GET('/api/v1/concern-flags/{flagId}', { params: { path: { flagId } } })),
  ...AUDITED_READ,
});

/** One flag for a counselor: the teacher's observation (an audited read) and the triage the API offers from its status. */
export function FlagPage() {
  const { flagId = '' } = useParams();
  if (!UUID.test(flagId)) return <NotFoundPage />;
  return <FlagById key={flagId} flagId={flagId} />;
}

function FlagById({ flagId }: { flagId: string }) {
  const query = useQuery(flagQuery(flagId));
  return (
    <QueryState query={query} whole>
      {(flag) => ('allowedDecisions' in flag ? <CounselorFlag flag={flag} /> : <NotFoundPage />)}
    </QueryState>
  );
}

function CounselorFlag({ flag }: { flag: FlagDetail }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <>
      <h1>{text.flags.flagTitle(flag.studentName)}</h1>
      <section className="panel" aria-labelledby="observation-title">
        <h2 id="observation-title">{text.flags.observationSection}</h2>
        <p className="observation">{flag.observation}</p>
      </section>
      <section className="panel" aria-labelledby="flag-facts-title">
        <h2 id="flag-facts-title">{text.flags.details}</h2>
        <dl className="facts">
          <dt>{text.flags.student}</dt>
          <dd>
            <Link to={`/students/${flag.studentId}`}>{flag.studentName}</Link>
          </dd>
          <dt>{text.flags.className}</dt>
          <dd>{flag.className}</dd>
          <dt>{text.flags.category}</dt>
          <dd>{text.flags.categories[flag.category]}</dd>
          <dt>{text.flags.severity}</dt>
          <dd>
            <span className={`badge flag-badge-${flag.severity}`}>{text.flags.severities[flag.severity]}</span>
          </dd>
          <dt>{text.flags.status}</dt>
          <dd data-testid="flag-status">{text.flags.statuses[flag.status]}</dd>
          <dt>{text.flags.teacherSees}</dt>
          <dd>{text.flags.teacherStatuses[flag.teacherStatus]}</dd>
          <dt>{text.flags.observedAtLabel}</dt>
          <dd>{dateTimeText(flag.observedAt, language)}</dd>
          <dt>{text.flags.createdAtLabel}</dt>
          <dd>{dateTimeText(flag.createdAt, language)}</dd>
          {flag.triagedAt && (
            <>
              <dt>{text.flags.triagedAt}</dt>
              <dd>{dateTimeText(flag.triagedAt, language)}</dd>
            </>
          )}
          {flag.triageReason && (
            <>
              <dt>{text.flags.triageReason}</dt>
              <dd className="observation">{flag.triageReason}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="panel" aria-labelledby="triage-title">
        <h2 id="triage-title">{text.flags.triageSection}</h2>
        <TriageForm flag={flag} />
      </section>
    </>
  );
}
