import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { useCan, useMe } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { CampaignAlerts } from './CampaignAlerts';
import { CampaignResults } from './CampaignResults';
import { InvitationsDownload } from './InvitationsDownload';
import { completionPercent } from './progress';
import { campaignQuery, progressQuery, SCREENING } from './queries';
import './screening.css';

type Campaign = Schemas['CampaignDetail'];

/** One campaign: what it is, opening and closing it, progress per class, the invitations, its results and alerts. */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const query = useQuery(campaignQuery(campaignId));
  return (
    <QueryState query={query} whole>
      {(campaign) => <CampaignView campaign={campaign} />}
    </QueryState>
  );
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const text = useText();
  const { language } = useLanguage();
  const can = useCan();
  const me = useMe();
  // The team is who may manage it and see answers: the API answers anyone else 404 for those.
  const onTeam = campaign.counselorIds.includes(me.id);
  const manages = onTeam && can('screening_campaign.manage');
  return (
    <>
      <h1>{text.screening.campaignTitle(campaign.name)}</h1>
      <section className="panel" aria-labelledby="campaign-facts-title">
        <h2 id="campaign-facts-title">{text.screening.facts}</h2>
        <dl className="facts">
          <dt>{text.screening.statusLabel}</dt>
          <dd>
            <span className={`badge campaign-${campaign.status}`}>{text.screening.status[campaign.status]}</span>
          </dd>
          <dt>{text.screening.opensAt}</dt>
          <dd>{dateTimeText(campaign.opensAt, language)}</dd>
          <dt>{text.screening.closesAt}</dt>
          <dd>{dateTimeText(campaign.closesAt, language)}</dd>
          <dt>{text.screening.instruments}</dt>
          <dd>{campaign.instruments.map((i) => (language === 'zh' ? i.nameZh : i.nameEn)).join('、')}</dd>
          <dt>{text.screening.invitations}</dt>
          <dd>{campaign.invitationCount}</dd>
          {campaign.openedAt && (
            <>
              <dt>{text.screening.openedAt}</dt>
              <dd>{dateTimeText(campaign.openedAt, language)}</dd>
            </>
          )}
          {campaign.closedAt && (
            <>
              <dt>{text.screening.closedAt}</dt>
              <dd>{dateTimeText(campaign.closedAt, language)}</dd>
            </>
          )}
        </dl>
        <p className="muted">{onTeam ? text.screening.team : text.screening.notTeam}</p>
        {manages && <Transitions campaign={campaign} />}
      </section>
      {campaign.status !== 'draft' && <Progress campaignId={campaign.id} />}
      {manages && campaign.status !== 'draft' && <InvitationsDownload campaign={campaign} />}
      {can('report.read') && campaign.status !== 'draft' && <CampaignResults campaign={campaign} />}
      {can('alert.read') && campaign.status !== 'draft' && <CampaignAlerts campaignId={campaign.id} />}
    </>
  );
}

function Transitions({ campaign }: { campaign: Campaign }) {
  const text = useText();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const transition = useMutation({
    mutationFn: (to: Campaign['status']) =>
      ok(api.POST('/api/v1/screening-campaigns/{campaignId}/transitions', { params: { path: { campaignId: campaign.id } }, body: { to, version: campaign.version } })),
    onSuccess: async () => {
      setConflict(false);
      await queryClient.invalidateQueries({ queryKey: [SCREENING] });
    },
    onError: async (error) => {
      // Someone else changed it: show them the campaign as it is now, and let them decide again.
      if (error instanceof ApiError && error.isVersionConflict) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: [SCREENING, 'campaign', campaign.id] });
      }
    },
  });
  if (campaign.allowedTransitions.length === 0) return null;
  return (
    <>
      {campaign.allowedTransitions.includes('open') && <p className="notice">{text.screening.confirmOpen}</p>}
      {conflict && (
        <div className="notice" role="status">
          <strong>{text.common.conflictTitle}</strong> <span>{text.common.conflictBody}</span>
        </div>
      )}
      {transition.error && !conflict && <ErrorLine error={transition.error} />}
      <div className="actions">
        {campaign.allowedTransitions.map((to) => (
          <button key={to} type="button" className={to === 'open' ? 'primary' : undefined} disabled={transition.isPending} onClick={() => transition.mutate(to)}>
            {text.screening.transitionTo[to]}
          </button>
        ))}
      </div>
    </>
  );
}

function Progress({ campaignId }: { campaignId: string }) {
  const text = useText();
  const can = useCan();
  const query = useQuery(progressQuery(campaignId));
  return (
    <section className="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{text.screening.progressTitle}</h2>
      <QueryState query={query}>
        {(progress) => (
          <>
            <p>{text.screening.progressTotal(progress.submitted, progress.invited)}</p>
            {progress.classes.length === 0 ? (
              <p className="muted">{text.screening.noProgress}</p>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{text.screening.className}</th>
                      <th scope="col">{text.screening.invited}</th>
                      <th scope="col">{text.screening.submitted}</th>
                      <th scope="col">{text.screening.completion}</th>
                      {can('screening_slips.print') && <th scope="col">{text.screening.slips}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {progress.classes.map((row) => {
                      const percent = completionPercent(row.submitted, row.invited);
                      const name = `${row.gradeName} ${row.className}`;
                      return (
                        <tr key={row.classId}>
                          <th scope="row">{name}</th>
                          <td>{row.invited}</td>
                          <td>{row.submitted}</td>
                          <td>
                            {percent === null ? '–' : `${percent}%`}
                            {percent !== null && <meter className="completion" min={0} max={100} value={percent} aria-label={`${name} ${text.screening.completion}`} />}
                          </td>
                          {can('screening_slips.print') && (
                            <td>
                              <Link to={`/screening/${campaignId}/classes/${row.classId}/slips`} aria-label={text.screening.openSlips(name)}>
                                {text.screening.slips}
                              </Link>
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
