import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { alertReasonText } from './alert-reason';
import { campaignAlertsQuery } from './queries';

/** The alerts this campaign's responses raised, open ones first: each still needs a person until acknowledged. */
export function CampaignAlerts({ campaignId }: { campaignId: string }) {
  const text = useText();
  const { language } = useLanguage();
  const query = useQuery(campaignAlertsQuery(campaignId));
  return (
    <section className="panel" aria-labelledby="campaign-alerts-title">
      <h2 id="campaign-alerts-title">{text.screening.alertsTitle}</h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.screening.noAlerts}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{text.screening.student}</th>
                    <th scope="col">{text.screening.className}</th>
                    <th scope="col">{text.screening.severityLabel}</th>
                    <th scope="col">{text.screening.reason}</th>
                    <th scope="col">{text.screening.raisedAt}</th>
                    <th scope="col">{text.screening.statusLabel}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...page.items]
                    .sort((a, b) => (a.status === b.status ? b.raisedAt.localeCompare(a.raisedAt) : a.status === 'open' ? -1 : 1))
                    .map((alert) => (
                      <tr key={alert.id}>
                        <th scope="row">
                          <Link to={`/students/${alert.studentId}`}>{alert.studentName}</Link>
                        </th>
                        <td>{alert.className}</td>
                        <td>
                          <span className={`badge badge-${alert.severity}`}>{text.screening.severity[alert.severity]}</span>
                        </td>
                        <td>
                          {alertReasonText(alert.reasonCode, text.screening, (_, band) => band)}
                        </td>
                        <td>{dateTimeText(alert.raisedAt, language)}</td>
                        <td>{text.screening.alertStatus[alert.status]}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
