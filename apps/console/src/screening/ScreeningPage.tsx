import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { CreateCampaignForm } from './CreateCampaignForm';
import { campaignsQuery } from './queries';
import './screening.css';

/** The school's screening campaigns, newest first, and a new one for those who run them. */
export function ScreeningPage() {
  const text = useText();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <h1>{text.screening.title}</h1>
      {can('screening_campaign.manage') && (
        <section className="panel" aria-labelledby="create-campaign-title">
          <h2 id="create-campaign-title">{text.screening.createTitle}</h2>
          {creating ? (
            <CreateCampaignForm onCancel={() => setCreating(false)} />
          ) : (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {text.screening.createOpen}
            </button>
          )}
        </section>
      )}
      <CampaignList />
    </>
  );
}

function CampaignList() {
  const text = useText();
  const { language } = useLanguage();
  const query = useQuery(campaignsQuery);
  return (
    <section className="panel" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">{text.screening.campaignsTitle}</h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.screening.noCampaigns}</p>
          ) : (
            <ul className="cards">
              {[...page.items]
                .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                .map((campaign) => (
                  <li key={campaign.id} className="card">
                    <div className="card-head">
                      <span className={`badge campaign-${campaign.status}`}>{text.screening.status[campaign.status]}</span>
                      <Link to={`/screening/${campaign.id}`} className="card-title">
                        {campaign.name}
                      </Link>
                    </div>
                    <p className="card-meta">
                      <span>{text.screening.window(dateTimeText(campaign.opensAt, language), dateTimeText(campaign.closesAt, language))}</span>
                      <span>{campaign.instrumentCodes.join(' · ').toUpperCase()}</span>
                    </p>
                  </li>
                ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
