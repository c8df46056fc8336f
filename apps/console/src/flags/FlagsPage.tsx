import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { FlagCard } from './FlagCard';
import { type FlagStatus, flagListQuery } from './flag-list';
import { NewFlagsPanel } from './NewFlagsPanel';
import './flags.css';
import { LoadMore } from '../ui/LoadMore';

const FILTERS = {
  in_progress: ['under_review', 'monitoring'],
  case_opened: ['case_opened'],
  dismissed: ['dismissed'],
  closed: ['closed'],
  every: [],
} satisfies Record<string, FlagStatus[]>;
type Filter = keyof typeof FILTERS;
const isFilter = (value: string): value is Filter => value in FILTERS;

/** Triage for counselors: the new flags first, then the others by status. */
export function FlagsPage() {
  const text = useText();
  return (
    <>
      <h1>{text.flags.listTitle}</h1>
      <NewFlagsPanel showAllLink={false} />
      <OtherFlags />
    </>
  );
}

function OtherFlags() {
  const text = useText();
  const selectId = useId();
  const [filter, setFilter] = useState<Filter>('in_progress');
  const query = useInfiniteQuery(flagListQuery(FILTERS[filter]));
  const flags = query.data?.pages.flatMap((page) => page.items);
  const label = (f: Filter) => (f === 'in_progress' ? text.flags.inProgress : f === 'every' ? text.flags.everyStatus : text.flags.statuses[f]);
  return (
    <section className="panel" aria-labelledby="other-flags-title">
      <h2 id="other-flags-title">{text.flags.othersTitle}</h2>
      <label htmlFor={selectId}>{text.flags.statusFilter}</label>
      <select id={selectId} value={filter} onChange={(event) => isFilter(event.target.value) && setFilter(event.target.value)}>
        {Object.keys(FILTERS)
          .filter(isFilter)
          .map((f) => (
            <option key={f} value={f}>
              {label(f)}
            </option>
          ))}
      </select>
      <div className="flag-results">
        <QueryState query={{ data: flags, error: query.error, refetch: query.refetch }}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{text.flags.noFlags}</p>
            ) : (
              <ul className="cards" id="other-flags">
                {list.map((flag) => (
                  <FlagCard key={flag.id} flag={flag} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </div>
      <LoadMore query={query} />
    </section>
  );
}
