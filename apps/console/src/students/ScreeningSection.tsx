import { useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { dateTimeText } from '../ui/time';
import { byInstrument } from './score-chart';
import { ScoreChart } from './ScoreChart';
import { SectionState } from './SectionState';
import { AUDITED_READ } from './audited-read';

type Result = Schemas['ScreeningResultView'];

/** The student's screening summaries (never the answers): one chart per instrument with a total, and every result in a table. */
export function ScreeningSection({ studentId }: { studentId: string }) {
  const text = useText();
  const query = useQuery({
    queryKey: ['students', studentId, 'screening-results'],
    queryFn: () => ok(api.GET('/api/v1/students/{studentId}/screening-results', { params: { path: { studentId }, query: { limit: 200 } } })),
    ...AUDITED_READ,
  });
  return (
    <section className="panel" aria-labelledby="screening-title">
      <h2 id="screening-title">{text.students.screeningSection}</h2>
      <SectionState query={query}>
        {(page) => (page.items.length === 0 ? <p className="muted">{text.students.noResults}</p> : <ScreeningResults results={page.items} />)}
      </SectionState>
    </section>
  );
}

/** The table reads in the chart's direction: oldest first, one instrument after another at the same time. */
const oldestFirst = (a: Result, b: Result) => a.administeredAt.localeCompare(b.administeredAt) || a.instrumentCode.localeCompare(b.instrumentCode);

function ScreeningResults({ results }: { results: Result[] }) {
  const text = useText();
  const { language } = useLanguage();
  const groups = byInstrument(results);
  return (
    <>
      <div className="score-charts">
        {groups.map(([code, items]) => {
          const points = items.flatMap((r) => (r.total === null ? [] : [{ at: r.administeredAt, total: r.total }]));
          return points.length > 0 && <ScoreChart key={code} instrument={code} points={points} />;
        })}
      </div>
      <div className="table-scroll">
        <table className="screening-table">
          <caption>{text.students.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{text.students.administeredAt}</th>
              <th scope="col">{text.students.instrument}</th>
              <th scope="col">{text.students.total}</th>
              <th scope="col">{text.students.band}</th>
              <th scope="col">{text.students.critical}</th>
              <th scope="col">{text.students.campaign}</th>
            </tr>
          </thead>
          <tbody>
            {[...results].sort(oldestFirst).map((r) => (
              <tr key={r.id} data-result-id={r.id}>
                <td>{dateTimeText(r.administeredAt, language)}</td>
                <td>{r.instrumentCode}</td>
                <td className="number">{r.total ?? text.students.noTotal}</td>
                <td>{r.band ? (language === 'zh' ? r.band.labelZh : r.band.labelEn) : (r.classification ?? text.common.none)}</td>
                <td>{r.critical ? <span className="badge badge-critical">{text.students.criticalYes}</span> : text.students.criticalNo}</td>
                <td>{r.campaignName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
