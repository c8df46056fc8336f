import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { slipsFromHtml } from './slips-document';
import { progressQuery, SCREENING } from './queries';
import './screening.css';

/**
 * A class's printable survey slips inside the console. The API's page needs the access token and
 * its inline style is not allowed by the console's CSP, so its slips are fetched as text, made
 * inert (slips-document.ts) and printed from here with the console's own print stylesheet.
 */
export function SlipsPage() {
  const { campaignId = '', classId = '' } = useParams();
  const { language } = useLanguage();
  const query = useQuery({
    queryKey: [SCREENING, 'campaign', campaignId, 'slips', classId, language],
    queryFn: () =>
      ok(api.GET('/api/v1/screening-campaigns/{campaignId}/classes/{classId}/slips', { params: { path: { campaignId, classId }, query: { lang: language } }, parseAs: 'text' })),
    // The page holds survey tokens: never kept once it is left.
    gcTime: 0,
    staleTime: Infinity,
  });
  const progress = useQuery(progressQuery(campaignId));
  const row = progress.data?.classes.find((c) => c.classId === classId);
  const className = row ? `${row.gradeName} ${row.className}` : '';
  return (
    <QueryState query={query} whole>
      {(html) => <Slips html={html} campaignId={campaignId} className={className} />}
    </QueryState>
  );
}

function Slips({ html, campaignId, className }: { html: string; campaignId: string; className: string }) {
  const text = useText();
  const { summary, slips, campaignName } = useMemo(() => slipsFromHtml(html), [html]);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    container.current?.replaceChildren(...(slips ? [document.importNode(slips, true)] : []));
  }, [slips]);
  return (
    <div className="slips-view">
      <div className="slips-toolbar">
        <h1>{text.screening.slipsTitle(className)}</h1>
        <p className="muted">
          {campaignName} · {summary}
        </p>
        <p className="muted">{text.screening.slipsHint}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => window.print()}>
            {text.screening.print}
          </button>
          <Link to={`/screening/${campaignId}`}>{text.screening.backToCampaign}</Link>
        </div>
      </div>
      {slips ? <div ref={container} className="slips-sheet" /> : <p className="muted">{text.screening.slipsEmpty}</p>}
    </div>
  );
}
