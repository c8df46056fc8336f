import { useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { dateTimeText } from '../ui/time';
import { SectionState } from './SectionState';
import { AUDITED_READ } from './audited-read';

type Risk = Schemas['StudentRiskDetail'];

export function RiskSection({ studentId }: { studentId: string }) {
  const text = useText();
  const query = useQuery({
    queryKey: ['students', studentId, 'risk'],
    queryFn: () => ok(api.GET('/api/v1/students/{studentId}/risk', { params: { path: { studentId } } })),
    ...AUDITED_READ,
  });
  return (
    <section className="panel" aria-labelledby="risk-title">
      <h2 id="risk-title">{text.students.riskSection}</h2>
      <SectionState query={query}>{(risk) => <RiskDetail risk={risk} />}</SectionState>
    </section>
  );
}

function RiskDetail({ risk }: { risk: Risk }) {
  const text = useText();
  const { language } = useLanguage();
  const level = text.students.riskLevels;
  return (
    <>
      <dl className="facts">
        <dt>{text.students.currentLevel}</dt>
        <dd>
          <span className={`badge risk-${risk.level}`}>{level[risk.level]}</span>
        </dd>
        <dt>{text.students.derivedLevel}</dt>
        <dd>
          {level[risk.derivedLevel]}
          {risk.derivedFrom && <span className="muted"> ({risk.derivedFrom})</span>}
        </dd>
        {risk.assessment && (
          <>
            <dt>{text.students.assessment}</dt>
            <dd>
              {text.students.assessmentUntil(level[risk.assessment.level], dateTimeText(risk.assessment.expiresAt, language))}
              {risk.assessment.reason && <p className="risk-reason">{risk.assessment.reason}</p>}
            </dd>
          </>
        )}
        <dt>{text.students.updatedAt}</dt>
        <dd>{dateTimeText(risk.updatedAt, language)}</dd>
      </dl>
      <h3>{text.students.historyTitle}</h3>
      {risk.history.length === 0 ? (
        <p className="muted">{text.students.noHistory}</p>
      ) : (
        <div className="table-scroll">
          <table className="risk-history">
            <thead>
              <tr>
                <th scope="col">{text.students.changedAt}</th>
                <th scope="col">{text.students.change}</th>
                <th scope="col">{text.students.source}</th>
                <th scope="col">{text.students.reason}</th>
              </tr>
            </thead>
            <tbody>
              {risk.history.map((change) => (
                <tr key={change.id}>
                  <td>{dateTimeText(change.changedAt, language)}</td>
                  <td>{text.students.levelChange(change.previousLevel ? level[change.previousLevel] : text.common.none, level[change.level])}</td>
                  <td>
                    {text.students.riskSources[change.source]}
                    {change.sourceDetail && <span className="muted"> ({change.sourceDetail})</span>}
                  </td>
                  <td>{change.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
