import { useMutation } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';
import { useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';
import { saveFile } from './download';
import { csvFileName } from './progress';

/** The invitations CSV needs the access token, so it is fetched by the client and handed over as a file. */
export function InvitationsDownload({ campaign }: { campaign: Schemas['CampaignDetail'] }) {
  const text = useText();
  const download = useMutation({
    mutationFn: () =>
      ok(api.GET('/api/v1/screening-campaigns/{campaignId}/invitations.csv', { params: { path: { campaignId: campaign.id } }, parseAs: 'blob' })),
    onSuccess: (blob) => {
      if (blob) saveFile(blob, csvFileName(campaign.name));
    },
  });
  return (
    <section className="panel" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{text.screening.downloadsTitle}</h2>
      <p className="notice">{text.screening.csvWarning}</p>
      {download.error && <ErrorLine error={download.error} />}
      <button type="button" disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? text.screening.downloading : text.screening.downloadCsv}
      </button>
    </section>
  );
}
