import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { dateText } from '../ui/time';
import { SectionState } from './SectionState';
import { AUDITED_READ } from './audited-read';

type CaseItem = Schemas['CaseListItem'];

/** The student's cases the caller is on the team of (the API lists no others), open ones first. */
export function CasesSection({ studentId }: { studentId: string }) {
  const text = useText();
  const query = useQuery({
    queryKey: ['cases', 'of-student', studentId],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { studentId, limit: 200 } } })),
    ...AUDITED_READ,
  });
  return (
    <section className="panel" aria-labelledby="cases-title">
      <h2 id="cases-title">{text.students.casesSection}</h2>
      <SectionState query={query}>
        {(page) => {
          if (page.items.length === 0) return <p className="muted">{text.students.noCases}</p>;
          const open = page.items.filter((c) => c.state !== 'closed');
          const past = page.items.filter((c) => c.state === 'closed');
          return (
            <>
              {open.length > 0 && <CaseList title={text.students.openCases} cases={open} />}
              {past.length > 0 && <CaseList title={text.students.pastCases} cases={past} />}
            </>
          );
        }}
      </SectionState>
    </section>
  );
}

function CaseList({ title, cases }: { title: string; cases: CaseItem[] }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <>
      <h3>{title}</h3>
      <ul className="cards">
        {cases.map((c) => (
          <li key={c.id} className="card">
            <div className="card-head">
              <Link to={`/cases/${c.id}`} className="card-title">
                {text.students.caseStates[c.state]}
              </Link>
              <span className="badge badge-neutral">{text.students.caseRisk(text.students.riskLevels[c.riskLevel])}</span>
            </div>
            <p className="card-meta">
              <span>{text.students.openedAt(dateText(c.openedAt, language))}</span>
              {c.closedAt && <span>{text.students.closedAt(dateText(c.closedAt, language))}</span>}
              {c.overdueTasks > 0 && <span className="late">{text.students.overdueTasks(c.overdueTasks)}</span>}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
