import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';

type FlagDetail = Schemas['CounselorFlagDetail'];
type Decision = Schemas['TriageDecision'];
type RiskLevel = Schemas['CaseRiskLevel'];

const RISK_LEVELS: RiskLevel[] = ['low', 'moderate', 'high', 'critical'];
const OPEN_CASE_STATES: Schemas['CaseState'][] = ['open', 'assessing', 'active', 'monitoring', 'referred'];
const isRiskLevel = (value: string): value is RiskLevel => RISK_LEVELS.some((level) => level === value);

interface Triage {
  decision: Decision;
  riskLevel?: RiskLevel;
  reason?: string;
}

/**
 * The decisions the API allows from the flag's status, nothing more. A stale version keeps the
 * choice in the form, reloads the flag and says what changed; opening a case goes to the case.
 */
export function TriageForm({ flag }: { flag: FlagDetail }) {
  const text = useText();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const riskId = useId();
  const reasonId = useId();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [riskLevel, setRiskLevel] = useState<RiskLevel | ''>('');
  const [reason, setReason] = useState('');
  /** Someone else's triage overtook this one: the flag was reloaded, the choice kept. */
  const [overtaken, setOvertaken] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  const triage = useMutation({
    mutationFn: (body: Triage) =>
      ok(api.POST('/api/v1/concern-flags/{flagId}/triage', { params: { path: { flagId: flag.id } }, body: { ...body, version: flag.version } })),
    onSuccess: async (updated, body) => {
      setOvertaken(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['concern-flags'] }),
        queryClient.invalidateQueries({ queryKey: ['students', flag.studentId] }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
      ]);
      if (body.decision === 'open_case') {
        // The answer names no case: the student's open case is the one, when the caller is on its team.
        const cases = await ok(api.GET('/api/v1/cases', { params: { query: { studentId: flag.studentId, state: OPEN_CASE_STATES, limit: 1 } } }));
        const opened = cases.items[0];
        if (opened) {
          await navigate(`/cases/${opened.id}`);
          return;
        }
        setOutcome(text.flags.caseNotVisible);
      } else {
        setOutcome(updated && 'allowedDecisions' in updated ? text.flags.done(text.flags.statuses[updated.status]) : null);
      }
      setDecision(null);
      setRiskLevel('');
      setReason('');
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isVersionConflict) {
        setOvertaken(true);
        await queryClient.invalidateQueries({ queryKey: ['concern-flags', 'detail', flag.id] });
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!decision) return;
    setOutcome(null);
    const trimmed = reason.trim();
    triage.mutate({
      decision,
      ...(decision === 'open_case' && riskLevel ? { riskLevel } : {}),
      ...(trimmed ? { reason: trimmed } : {}),
    });
  }

  const allowed = flag.allowedDecisions;
  const chosen = decision && allowed.includes(decision) ? decision : null;
  const conflict = triage.error instanceof ApiError && triage.error.isVersionConflict;
  return (
    <>
      {outcome && (
        <p className="notice" role="status">
          {outcome}
        </p>
      )}
      {overtaken && (
        <div className="notice" role="alert">
          <p>
            <strong>{text.flags.changedTitle}</strong>
          </p>
          <p>{text.flags.changedBody(text.flags.statuses[flag.status])}</p>
        </div>
      )}
      {allowed.length === 0 ? (
        <p className="muted">{text.flags.noDecision}</p>
      ) : (
        <form className="triage-form" onSubmit={submit}>
          <fieldset>
            <legend>{text.flags.decision}</legend>
            {allowed.map((d) => (
              <label key={d} className="choice">
                <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} required />
                <span>
                  {text.flags.decisions[d]}
                  <span className="decision-hint">{text.flags.decisionHints[d]}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {chosen === 'open_case' && (
            <>
              <label htmlFor={riskId}>{text.flags.riskLevel}</label>
              <select id={riskId} value={riskLevel} required onChange={(event) => setRiskLevel(isRiskLevel(event.target.value) ? event.target.value : '')}>
                <option value="">{text.flags.chooseRisk}</option>
                {RISK_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {text.flags.riskLevels[level]}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor={reasonId}>{text.flags.reason(chosen === 'dismiss')}</label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required={chosen === 'dismiss'}
            minLength={5}
            maxLength={2000}
            rows={3}
          />
          {triage.error && !conflict && <ErrorLine error={triage.error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={triage.isPending || !chosen}>
              {triage.isPending ? text.flags.submitting : text.flags.submit}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
