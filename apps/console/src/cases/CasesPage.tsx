import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useCan, useMe } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateText } from '../ui/time';
import { RiskBadge, StateBadge } from './CaseBadges';
import './cases.css';
import { PendingClosures } from './PendingClosures';
import { LoadMore } from '../ui/LoadMore';

const STATES: Schemas['CaseState'][] = ['open', 'assessing', 'active', 'monitoring', 'referred', 'closed'];
const RISKS: Schemas['CaseRiskLevel'][] = ['critical', 'high', 'moderate', 'low'];
const PAGE_SIZE = 20;

/** The filters live in the URL (they are no secret), so a filtered list can be reloaded or shared. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const state = STATES.find((s) => s === params.get('state'));
  const riskLevel = RISKS.find((r) => r === params.get('risk'));
  const owned = params.get('scope') === 'owned';
  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return { state, riskLevel, owned, set };
}

/** The cases the caller works on, as the API lists them: filter, page on, open one. */
export function CasesPage() {
  const text = useText();
  const me = useMe();
  const can = useCan();
  const { state, riskLevel, owned, set } = useFilters();
  const ids = { scope: useId(), state: useId(), risk: useId() };
  const query = useInfiniteQuery({
    queryKey: ['cases', 'list', { state, riskLevel, owned }],
    queryFn: ({ pageParam }) =>
      ok(
        api.GET('/api/v1/cases', {
          params: {
            query: { limit: PAGE_SIZE, cursor: pageParam, state: state && [state], riskLevel: riskLevel && [riskLevel], ownerId: owned ? me.id : undefined },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <>
      <h1>{text.cases.listTitle}</h1>
      {can('case.closure_approve') && <PendingClosures />}
      <section className="panel" aria-labelledby="case-list-title">
        <h2 id="case-list-title">
          {text.cases.listSection}{' '}
          <span className="count" aria-live="polite">
            {query.data ? text.cases.caseCount(query.data.pages.reduce((n, page) => n + page.items.length, 0)) : ''}
          </span>
        </h2>
        <p className="muted">{text.cases.listIntro}</p>
        <fieldset className="case-filters">
          <legend>{text.cases.filtersLegend}</legend>
          <div>
            <label htmlFor={ids.scope}>{text.cases.scopeLabel}</label>
            <select id={ids.scope} value={owned ? 'owned' : 'team'} onChange={(e) => set('scope', e.target.value === 'owned' ? 'owned' : '')}>
              <option value="team">{text.cases.scope.team}</option>
              <option value="owned">{text.cases.scope.owned}</option>
            </select>
          </div>
          <div>
            <label htmlFor={ids.state}>{text.cases.stateFilter}</label>
            <select id={ids.state} value={state ?? ''} onChange={(e) => set('state', e.target.value)}>
              <option value="">{text.cases.anyValue}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {text.cases.state[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.risk}>{text.cases.riskFilter}</label>
            <select id={ids.risk} value={riskLevel ?? ''} onChange={(e) => set('risk', e.target.value)}>
              <option value="">{text.cases.anyValue}</option>
              {RISKS.map((r) => (
                <option key={r} value={r}>
                  {text.cases.risk[r]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <QueryState query={query}>
          {({ pages }) => {
            const cases = pages.flatMap((page) => page.items);
            return cases.length === 0 ? (
              <p className="muted">{text.cases.noCases}</p>
            ) : (
              <>
                <ul className="cards" aria-label={text.cases.listTitle}>
                  {cases.map((item) => (
                    <CaseListCard key={item.id} item={item} />
                  ))}
                </ul>
                <LoadMore query={query} />
              </>
            );
          }}
        </QueryState>
      </section>
    </>
  );
}

function CaseListCard({ item }: { item: Schemas['CaseListItem'] }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <li className="card case-list-item">
      <div className="card-head">
        <Link to={`/cases/${item.id}`} className="card-title">
          {item.studentName}
        </Link>
        <span className="muted">{item.className}</span>
      </div>
      <p className="card-head">
        <StateBadge state={item.state} />
        <RiskBadge risk={item.riskLevel} />
      </p>
      <p className="card-meta">
        <span>{text.cases.openedOn(dateText(item.openedAt, language))}</span>
        {item.overdueTasks > 0 && <span className="unreachable">{text.cases.overdueTasks(item.overdueTasks)}</span>}
        {item.unreachableContacts > 0 && <span className="unreachable">{text.cases.unreachableContacts(item.unreachableContacts)}</span>}
      </p>
    </li>
  );
}
