import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useLanguage, useText } from '../i18n/language';
import { NotFoundPage } from '../ui/NotFoundPage';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { CaseContactsSection } from './CaseContactsSection';
import { CaseNotesSection } from './CaseNotesSection';
import { type CaseDetail, caseQuery, usePeopleNames } from './caseQueries';
import { CaseReferralsSection } from './CaseReferralsSection';
import { CaseStatusSection } from './CaseStatusSection';
import { CaseTasksSection } from './CaseTasksSection';
import { CaseTeamSection } from './CaseTeamSection';
import { CaseTimelineSection } from './CaseTimelineSection';
import { RiskBadge, StateBadge } from './CaseBadges';
import './cases.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One case: who, where it stands, and every part of the work on it. */
export function CaseWorkspacePage() {
  const { caseId = '' } = useParams();
  // A malformed id names no case: the same page as a missing one (the API would answer 400).
  if (!UUID.test(caseId)) return <NotFoundPage />;
  return <CaseWorkspace caseId={caseId} />;
}

function CaseWorkspace({ caseId }: { caseId: string }) {
  const query = useQuery(caseQuery(caseId));
  return (
    <QueryState query={query} whole>
      {(caseDetail) => <Workspace caseDetail={caseDetail} />}
    </QueryState>
  );
}

function Workspace({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const sections = [
    ['case-status', text.cases.status.title],
    ['case-tasks', text.cases.tasks.title],
    ['case-contacts', text.cases.contacts.title],
    ['case-notes', text.cases.notes.title],
    ['case-referrals', text.cases.referrals.title],
    ['case-team', text.cases.team.title],
    ['case-timeline', text.cases.timeline.title],
  ] as const;
  return (
    <div className="case-workspace">
      <CaseHeader caseDetail={caseDetail} />
      {/* A list of in-page links, not a second navigation landmark beside the main menu. */}
      <div className="case-sections">
        <ul aria-label={text.cases.sectionsNav}>
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </div>
      <div className="case-columns">
        <div>
          <CaseStatusSection caseDetail={caseDetail} />
          <CaseTasksSection caseDetail={caseDetail} />
          <CaseContactsSection caseDetail={caseDetail} />
          <CaseNotesSection caseDetail={caseDetail} />
          <CaseReferralsSection caseDetail={caseDetail} />
          <CaseTeamSection caseDetail={caseDetail} />
        </div>
        <CaseTimelineSection caseDetail={caseDetail} />
      </div>
    </div>
  );
}

function CaseHeader({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const { language } = useLanguage();
  const nameOf = usePeopleNames(caseDetail);
  return (
    <header className="panel case-header">
      <h1>{text.cases.workspaceTitle(caseDetail.studentName)}</h1>
      <p className="card-head">
        <StateBadge state={caseDetail.state} />
        <RiskBadge risk={caseDetail.riskLevel} />
      </p>
      {caseDetail.access === 'break_glass' && (
        <p className="notice" role="status">
          {text.cases.breakGlass}
        </p>
      )}
      <dl className="facts">
        <dt>{text.cases.student}</dt>
        <dd>
          <Link to={`/students/${caseDetail.studentId}`}>{caseDetail.studentName}</Link>
        </dd>
        <dt>{text.cases.className}</dt>
        <dd>{caseDetail.className}</dd>
        <dt>{text.cases.owner}</dt>
        <dd data-testid="case-owner">{nameOf(caseDetail.ownerId)}</dd>
        <dt>{text.cases.teamLabel}</dt>
        <dd>{caseDetail.team.map((m) => m.displayName).join('、')}</dd>
        <dt>{text.cases.openedAt}</dt>
        <dd>
          <time dateTime={caseDetail.openedAt}>{dateTimeText(caseDetail.openedAt, language)}</time>
        </dd>
        <dt>{text.cases.sourceLabel}</dt>
        <dd>
          {text.cases.source[caseDetail.sourceType]}
          {caseDetail.sourceType === 'concern_flag' && caseDetail.sourceId && (
            <>
              {' · '}
              <Link to={`/flags/${caseDetail.sourceId}`}>{text.cases.openFlag}</Link>
            </>
          )}
        </dd>
      </dl>
    </header>
  );
}
