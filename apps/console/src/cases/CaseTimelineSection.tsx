import { useQuery } from '@tanstack/react-query';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { type CaseDetail, timelineQuery, usePeopleNames } from './caseQueries';
import { describeEvent } from './timelineEntry';

/** Everything that happened to the case, newest first, in words. */
export function CaseTimelineSection({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const { language } = useLanguage();
  const nameOf = usePeopleNames(caseDetail);
  const query = useQuery(timelineQuery(caseDetail.id));
  const when = (iso: string) => dateTimeText(iso, language);
  return (
    <section className="panel" aria-labelledby="case-timeline-title" id="case-timeline">
      <h2 id="case-timeline-title">{text.cases.timeline.title}</h2>
      <QueryState query={query}>
        {(events) =>
          events.length === 0 ? (
            <p className="muted">{text.cases.timeline.empty}</p>
          ) : (
            <ol className="timeline" aria-label={text.cases.timeline.title}>
              {events.map((event) => (
                <li key={event.id} className="timeline-entry" data-kind={event.kind}>
                  <p className="timeline-what">{describeEvent(event, text.cases, nameOf, when)}</p>
                  <p className="card-meta">
                    <time dateTime={event.occurredAt}>{when(event.occurredAt)}</time>
                    <span>{text.cases.timeline.by(nameOf(event.actorId))}</span>
                  </p>
                  {event.reason && <p className="preserve-lines">{text.cases.timeline.reason(event.reason)}</p>}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
