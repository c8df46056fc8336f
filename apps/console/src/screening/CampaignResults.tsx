import { useQueries, useQuery } from '@tanstack/react-query';
import type { Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { completionPercent } from './progress';
import { instrumentQuery, reportQuery } from './queries';

/** The campaign report: completion per grade and how many responses fell in each band (counts, never a child's answers). */
export function CampaignResults({ campaign }: { campaign: Schemas['CampaignDetail'] }) {
  const text = useText();
  const { language } = useLanguage();
  const query = useQuery(reportQuery(campaign.id));
  const instruments = useQueries({ queries: campaign.instruments.map((i) => instrumentQuery(i.id)) });
  const bandLabel = (instrumentCode: string, bandCode: string) => {
    if (bandCode === 'unbanded') return text.screening.unbanded;
    const band = instruments
      .map((q) => q.data)
      .find((i) => i?.code === instrumentCode)
      ?.definition.bands.find((b) => b.code === bandCode);
    return band ? (language === 'zh' ? band.labelZh : band.labelEn) : bandCode;
  };
  const instrumentName = (code: string) => {
    const instrument = campaign.instruments.find((i) => i.code === code);
    return instrument ? (language === 'zh' ? instrument.nameZh : instrument.nameEn) : code;
  };
  return (
    <section className="panel" aria-labelledby="results-title">
      <h2 id="results-title">{text.screening.resultsTitle}</h2>
      <QueryState query={query}>
        {(report) => {
          const gradeName = (gradeId: string) => report.grades.find((g) => g.gradeId === gradeId)?.gradeName ?? '';
          return (
            <>
              <h3 className="screening-subhead">{text.screening.reportGrades}</h3>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{text.screening.grade}</th>
                      <th scope="col">{text.screening.invited}</th>
                      <th scope="col">{text.screening.submitted}</th>
                      <th scope="col">{text.screening.completion}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.grades.map((row) => {
                      const percent = completionPercent(row.submitted, row.invited);
                      return (
                        <tr key={row.gradeId}>
                          <th scope="row">{row.gradeName}</th>
                          <td>{row.invited}</td>
                          <td>{row.submitted}</td>
                          <td>{percent === null ? '–' : `${percent}%`}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <h3 className="screening-subhead">{text.screening.bandsTitle}</h3>
              {report.bands.length === 0 ? (
                <p className="muted">{text.screening.noResults}</p>
              ) : (
                <div className="table-scroll">
                  <table id="campaign-bands">
                    <thead>
                      <tr>
                        <th scope="col">{text.screening.grade}</th>
                        <th scope="col">{text.screening.instrument}</th>
                        <th scope="col">{text.screening.band}</th>
                        <th scope="col">{text.screening.responses}</th>
                        <th scope="col">{text.screening.withCritical}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.bands.map((row) => (
                        <tr key={`${row.gradeId}-${row.instrumentCode}-${row.bandCode}`}>
                          <th scope="row">{gradeName(row.gradeId)}</th>
                          <td>{instrumentName(row.instrumentCode)}</td>
                          <td>{bandLabel(row.instrumentCode, row.bandCode)}</td>
                          <td>{row.responses}</td>
                          <td>{row.withCriticalItem}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
