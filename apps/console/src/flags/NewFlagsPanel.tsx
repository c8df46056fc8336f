import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { FlagCard } from './FlagCard';
import { flagListQuery, NEW_FLAGS_POLL_MS } from './flag-list';
import './flags.css';
import { LoadMore } from '../ui/LoadMore';

/**
 * The school's new concern flags waiting for triage, newest first, refreshed by polling.
 * For the Today page and the flags list; the caller shows it to `concern_flag.triage` holders.
 */
export function NewFlagsPanel({ headingLevel = 2, showAllLink = true }: { headingLevel?: 2 | 3; showAllLink?: boolean }) {
  const text = useText();
  const query = useInfiniteQuery({ ...flagListQuery(['new']), refetchInterval: NEW_FLAGS_POLL_MS });
  const flags = query.data?.pages.flatMap((page) => page.items);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="panel" aria-labelledby="new-flags-title">
      <Heading id="new-flags-title">
        {text.flags.panelTitle}{' '}
        <span className="count" aria-live="polite">
          {flags ? text.flags.newCount(flags.length) + (query.hasNextPage ? '+' : '') : ''}
        </span>
      </Heading>
      <QueryState query={{ data: flags, error: query.error, refetch: query.refetch }}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{text.flags.noNewFlags}</p>
          ) : (
            <ul className="cards" id="new-flags">
              {list.map((flag) => (
                <FlagCard key={flag.id} flag={flag} />
              ))}
            </ul>
          )
        }
      </QueryState>
      <div className="actions">
        <LoadMore query={query} />
        {showAllLink && <Link to="/flags">{text.flags.allToTriage}</Link>}
      </div>
    </section>
  );
}
