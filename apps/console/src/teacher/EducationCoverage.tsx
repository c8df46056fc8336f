import { useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';
import { dateText } from '../ui/time';
import { educationPeriod, localDay } from './local-time';
import { holidaysQuery } from './queries';

/** Which topics each of the teacher's classes had (or will have) before the coming holiday, and what is still missing. */
export function EducationCoverage() {
  const text = useText();
  const holidays = useQuery(holidaysQuery);
  const period = holidays.data ? educationPeriod(holidays.data.items, localDay(new Date())) : null;
  const coverage = useQuery({
    queryKey: ['education-activities', 'coverage', period],
    queryFn: () => ok(api.GET('/api/v1/education/coverage', { params: { query: { from: period?.from ?? '', to: period?.to ?? '' } } })),
    enabled: period !== null,
  });
  return (
    <section className="panel" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{text.teacher.coverageTitle}</h2>
      <QueryState query={holidays}>{() => <QueryState query={coverage}>{(matrix) => <CoverageTable matrix={matrix} />}</QueryState>}</QueryState>
    </section>
  );
}

function CoverageTable({ matrix }: { matrix: Schemas['CoverageMatrix'] }) {
  const text = useText();
  const { language } = useLanguage();
  const topicName = (t: { nameZh: string; nameEn: string }) => (language === 'zh' ? t.nameZh : t.nameEn);
  return (
    <>
      <p className="muted">{text.teacher.coveragePeriod(dateText(matrix.from, language), dateText(matrix.to, language))}</p>
      {matrix.classes.map((c) => (
        <p key={c.id} className={c.missingTopics.length > 0 ? 'form-error' : 'success'}>
          {c.missingTopics.length > 0
            ? text.teacher.missingTopics(
                text.teacher.classLine(c.gradeName, c.name),
                c.missingTopics.map((code) => matrix.topics.find((t) => t.code === code)).map((t) => (t ? topicName(t) : '')).join('、'),
              )
            : text.teacher.noMissingTopics(text.teacher.classLine(c.gradeName, c.name))}
        </p>
      ))}
      <div className="table-scroll">
        <table>
          <caption className="muted">{text.teacher.coverageTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{text.teacher.topicColumn}</th>
              {matrix.classes.map((c) => (
                <th key={c.id} scope="col">
                  {text.teacher.classLine(c.gradeName, c.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.topics.map((topic) => (
              <tr key={topic.id}>
                <th scope="row">
                  {topicName(topic)}
                  {topic.requiredBeforeHoliday && <span className="muted"> · {text.teacher.requiredBeforeHoliday}</span>}
                </th>
                {matrix.classes.map((c) => {
                  const cell = c.cells.find((x) => x.topicId === topic.id);
                  return <td key={c.id}>{cell ? <span className={`badge coverage-${cell.status}`}>{text.teacher.coverageStatus[cell.status]}</span> : null}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
