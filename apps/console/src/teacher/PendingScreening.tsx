import { useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { awaitingAnswersQuery, teacherKeys } from './queries';

/**
 * Who has not answered the open screenings, to remind them: names and numbers only, as the API
 * gives them to a teacher. With a class, only that class's students.
 */
export function PendingScreening({ classId }: { classId?: string }) {
  const text = useText();
  const campaigns = useQuery(awaitingAnswersQuery);
  return (
    <section className="panel" aria-labelledby={`pending-screening-${classId ?? 'all'}`}>
      <h2 id={`pending-screening-${classId ?? 'all'}`}>{text.teacher.screeningTitle}</h2>
      <QueryState query={campaigns}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.teacher.noPendingScreening}</p>
          ) : (
            <ul className="cards">
              {page.items.map((c) => (
                <CampaignPending key={c.campaignId} campaign={c} classId={classId} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function CampaignPending({ campaign, classId }: { campaign: Schemas['CampaignAwaitingAnswers']; classId?: string }) {
  const text = useText();
  const { language } = useLanguage();
  const pending = useQuery({
    queryKey: teacherKeys.pendingStudents(campaign.campaignId, classId),
    queryFn: () =>
      ok(api.GET('/api/v1/screening-campaigns/{campaignId}/pending-students', { params: { path: { campaignId: campaign.campaignId }, query: { classId, limit: 200 } } })),
  });
  return (
    <li className="card">
      <div className="card-head">
        <span className="card-title">{campaign.name}</span>
        <span className="badge badge-high">{text.teacher.pendingCount(classId ? (pending.data?.items.length ?? campaign.pending) : campaign.pending)}</span>
      </div>
      <p className="card-meta">{text.teacher.closesAt(dateTimeText(campaign.closesAt, language))}</p>
      <QueryState query={pending}>
        {(page) => (
          <ul className="name-list" aria-label={text.teacher.pendingNamesOf(campaign.name)}>
            {page.items.map((s) => (
              <li key={s.studentId}>
                {s.name} <span className="muted">{s.studentNumber}{classId ? '' : ` · ${text.teacher.classLine(s.gradeName, s.className)}`}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </li>
  );
}
