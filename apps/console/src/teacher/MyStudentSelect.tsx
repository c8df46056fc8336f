import { useQueries } from '@tanstack/react-query';
import type { Schemas } from '../api/client';
import { useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';
import { studentsOfClassQuery } from './queries';

/** The students of the teacher's classes, grouped by class: the only students a teacher may pick. */
export function MyStudentSelect({ id, classes, defaultValue }: { id: string; classes: Schemas['TaughtClass'][]; defaultValue: string }) {
  const text = useText();
  const results = useQueries({ queries: classes.map((c) => studentsOfClassQuery(c.id)) });
  const failed = results.find((r) => r.error);
  const loading = results.some((r) => r.data === undefined && !r.error);
  return (
    <>
      <label htmlFor={id}>{text.teacher.student}</label>
      {loading ? (
        <p className="muted" role="status">
          {text.common.loading}
        </p>
      ) : (
        <select id={id} name="studentId" required defaultValue={defaultValue}>
          <option value="">{text.teacher.chooseStudent}</option>
          {classes.map((c, index) => (
            <optgroup key={c.id} label={text.teacher.classLine(c.gradeName, c.name)}>
              {(results[index]?.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.studentNumber})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
      {failed && <ErrorLine error={failed.error} onRetry={() => void failed.refetch()} />}
    </>
  );
}
