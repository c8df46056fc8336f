import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';
import { MyStudentSelect } from './MyStudentSelect';
import { fromLocalInputValue, toLocalInputValue } from './local-time';
import { teacherKeys } from './queries';
import { useIdempotencyKey } from './useIdempotencyKey';
import './teacher.css';

type Category = Schemas['FlagCategory'];
type Severity = Schemas['FlagSeverity'];
type RaisedFlag = Schemas['TeacherFlagView'] | Schemas['CounselorFlagDetail'];

const CATEGORIES: Category[] = [
  'low_mood_or_withdrawal',
  'self_harm_or_suicide_talk',
  'academic_decline',
  'bullying_victim',
  'bullying_perpetrator',
  'family_crisis',
  'sleep_or_health',
  'other',
];
const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'urgent'];

/** A concern in under a minute on a phone: who, what kind, how urgent, what was seen, when. */
export function RaiseFlagPage() {
  const text = useText();
  const [params] = useSearchParams();
  const [raised, setRaised] = useState<RaisedFlag | null>(null);
  // A new key remounts the form empty for "raise another".
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <h1>{text.teacher.raiseTitle}</h1>
      {raised ? (
        <FlagRaised
          flag={raised}
          onAnother={() => {
            setRaised(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <RaiseFlagForm key={formKey} presetStudentId={params.get('studentId') ?? ''} onRaised={setRaised} />
      )}
    </>
  );
}

function RaiseFlagForm({ presetStudentId, onRaised }: { presetStudentId: string; onRaised(flag: RaisedFlag): void }) {
  const text = useText();
  const me = useMe();
  const queryClient = useQueryClient();
  const id = useId();
  const [severity, setSeverity] = useState<Severity>('medium');
  const [now] = useState(() => new Date());
  const idempotency = useIdempotencyKey();
  const raise = useMutation({
    mutationFn: (body: Schemas['RaiseFlagDto']) => ok(api.POST('/api/v1/concern-flags', { params: { header: { 'Idempotency-Key': idempotency.key } }, body })),
    onError: (error: Error) => idempotency.renewAfter(error),
    onSuccess: async (flag) => {
      await queryClient.invalidateQueries({ queryKey: teacherKeys.allFlags });
      if (flag) onRaised(flag);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const category = CATEGORIES.find((c) => c === form.get('category'));
    const observedAt = fromLocalInputValue(String(form.get('observedAt') ?? ''));
    if (!category || !observedAt) return;
    raise.mutate({
      studentId: String(form.get('studentId') ?? ''),
      category,
      severity,
      observedAt,
      observation: String(form.get('observation') ?? '').trim(),
    });
  }

  return (
    <form className="panel teacher-form" onSubmit={submit}>
      <p className="muted">{text.teacher.raiseIntro}</p>
      <MyStudentSelect id={`${id}-student`} classes={me.classes} defaultValue={presetStudentId} />

      <label htmlFor={`${id}-category`}>{text.teacher.category}</label>
      <select id={`${id}-category`} name="category" required defaultValue="">
        <option value="" disabled>
          {text.teacher.choose}
        </option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {text.teacher.categories[c]}
          </option>
        ))}
      </select>

      <fieldset>
        <legend>{text.teacher.severity}</legend>
        {SEVERITIES.map((s) => (
          <label key={s} className="choice severity-choice">
            <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} aria-describedby={`${id}-help-${s}`} />
            <span>
              <strong>{text.teacher.severities[s]}</strong>
              <span id={`${id}-help-${s}`} className="choice-help">
                {text.teacher.severityHelp[s]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {severity === 'urgent' && (
        <p className="notice urgent-notice" role="note">
          {text.teacher.urgentNotice}
        </p>
      )}

      <label htmlFor={`${id}-observation`}>{text.teacher.observation}</label>
      <textarea id={`${id}-observation`} name="observation" required minLength={5} maxLength={4000} rows={4} aria-describedby={`${id}-observation-hint`} />
      <p id={`${id}-observation-hint`} className="muted field-hint">
        {text.teacher.observationHint}
      </p>

      <label htmlFor={`${id}-observed`}>{text.teacher.observedAt}</label>
      <input id={`${id}-observed`} name="observedAt" type="datetime-local" required defaultValue={toLocalInputValue(now)} max={toLocalInputValue(new Date(now.getTime() + 60_000))} />

      {raise.error && <ErrorLine error={raise.error} />}
      <div className="actions">
        <button type="submit" className={severity === 'urgent' ? 'danger' : 'primary'} disabled={raise.isPending}>
          {text.teacher.submitFlag}
        </button>
      </div>
    </form>
  );
}

/** What the API answered the teacher, and nothing else: the teacher's own view of the flag. */
function FlagRaised({ flag, onAnother }: { flag: RaisedFlag; onAnother(): void }) {
  const text = useText();
  const status = 'teacherStatus' in flag ? flag.teacherStatus : flag.status;
  return (
    <section className="panel" aria-labelledby="flag-raised-title">
      <h2 id="flag-raised-title" className="success" role="status">
        {text.teacher.flagSent}
      </h2>
      <p>
        {flag.studentName} · {text.teacher.categories[flag.category]} · {text.teacher.severities[flag.severity]}
      </p>
      <p>{text.teacher.flagSentStatus(text.teacher.flagStatus[status])}</p>
      <div className="actions">
        <Link to={`/flags/${flag.id}`}>{text.teacher.viewFlag}</Link>
        <button type="button" onClick={onAnother}>
          {text.teacher.raiseAnother}
        </button>
      </div>
    </section>
  );
}
