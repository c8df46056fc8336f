import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { teacherKeys } from './queries';
import './teacher.css';
import { LoadMore } from '../ui/LoadMore';

type Flag = Schemas['TeacherFlagView'] | Schemas['CounselorFlagView'] | Schemas['CounselorFlagDetail'];

/** The status as the teacher is given it: a teacher's view has only that status. */
const teacherStatusOf = (flag: Flag): Schemas['TeacherFlagStatus'] => ('teacherStatus' in flag ? flag.teacherStatus : flag.status);

/** No cursor: the first page. */
const FIRST_PAGE: string | undefined = undefined;

/** The teacher's own flags, newest first, with the follow-up status the API gives them and nothing more. */
export function MyFlagsPage() {
  const text = useText();
  const flags = useInfiniteQuery({
    queryKey: teacherKeys.myFlags,
    queryFn: ({ pageParam }) => ok(api.GET('/api/v1/concern-flags', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: FIRST_PAGE,
    getNextPageParam: (last) => last?.nextCursor ?? undefined,
  });
  const items = flags.data?.pages.flatMap((p) => p.items);
  return (
    <>
      <h1>{text.teacher.myFlagsTitle}</h1>
      <p className="muted">{text.teacher.flagStatusHelp}</p>
      <p>
        <Link to="/flags/new">{text.teacher.raiseConcern}</Link>
      </p>
      <QueryState query={{ data: items, error: flags.error, refetch: flags.refetch }}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{text.teacher.noFlags}</p>
          ) : (
            <ul className="cards" aria-label={text.teacher.myFlagsTitle}>
              {list.map((flag) => (
                <FlagCard key={flag.id} flag={flag} />
              ))}
            </ul>
          )
        }
      </QueryState>
      <LoadMore query={flags} />
    </>
  );
}

function FlagCard({ flag }: { flag: Flag }) {
  const text = useText();
  const { language } = useLanguage();
  const status = teacherStatusOf(flag);
  return (
    <li className="card">
      <div className="card-head">
        <Link className="card-title" to={`/flags/${flag.id}`}>
          {flag.studentName}
        </Link>
        <span className={`badge flag-status-${status}`}>{text.teacher.flagStatus[status]}</span>
      </div>
      <p className="card-meta">
        <span>{text.teacher.categories[flag.category]}</span>
        <span>{text.teacher.severities[flag.severity]}</span>
        <span>{text.teacher.raisedOn(dateTimeText(flag.createdAt, language))}</span>
      </p>
    </li>
  );
}

/** One flag as its teacher sees it: what they wrote and where it stands. */
export function FlagPage() {
  const { flagId = '' } = useParams();
  const text = useText();
  const { language } = useLanguage();
  const flag = useQuery({ queryKey: teacherKeys.flag(flagId), queryFn: () => ok(api.GET('/api/v1/concern-flags/{flagId}', { params: { path: { flagId } } })) });
  return (
    <QueryState query={flag} whole>
      {(f) => {
        const status = teacherStatusOf(f);
        return (
          <>
            <h1>{text.teacher.flagTitle(f.studentName)}</h1>
            <section className="panel" aria-label={text.teacher.flagTitle(f.studentName)}>
              <dl className="facts">
                <dt>{text.teacher.flagStatusLabel}</dt>
                <dd>
                  <span className={`badge flag-status-${status}`}>{text.teacher.flagStatus[status]}</span>
                </dd>
                <dt>{text.teacher.flagCategoryLabel}</dt>
                <dd>{text.teacher.categories[f.category]}</dd>
                <dt>{text.teacher.flagSeverityLabel}</dt>
                <dd>{text.teacher.severities[f.severity]}</dd>
                <dt>{text.teacher.flagObservedLabel}</dt>
                <dd>{dateTimeText(f.observedAt, language)}</dd>
                <dt>{text.teacher.flagRaisedLabel}</dt>
                <dd>{dateTimeText(f.createdAt, language)}</dd>
              </dl>
              {'observation' in f && (
                <>
                  <h2>{text.teacher.flagObservationLabel}</h2>
                  <p className="observation">{f.observation}</p>
                </>
              )}
              <p className="muted">{text.teacher.flagStatusHelp}</p>
            </section>
            <p>
              <Link to="/flags">{text.teacher.backToFlags}</Link>
            </p>
          </>
        );
      }}
    </QueryState>
  );
}
