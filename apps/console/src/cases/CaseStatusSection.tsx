import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useText } from '../i18n/language';
import { ConflictNotice } from '../ui/ConflictNotice';
import { ErrorLine } from '../ui/QueryState';
import { type CaseDetail, timelineQuery } from './caseQueries';
import { closurePending } from './timelineEntry';
import { useCaseWrite } from './useCaseWrite';

const RISK_LEVELS: Schemas['CaseRiskLevel'][] = ['low', 'moderate', 'high', 'critical'];

/** Transitions the API allows from here, the risk level, and closure (or reopening). */
export function CaseStatusSection({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  return (
    <section className="panel" aria-labelledby="case-status-title" id="case-status">
      <h2 id="case-status-title">{text.cases.status.title}</h2>
      {caseDetail.state === 'closed' ? (
        <ReopenForm caseDetail={caseDetail} />
      ) : (
        <>
          <TransitionForm caseDetail={caseDetail} />
          <RiskForm caseDetail={caseDetail} />
          <ClosureRequest caseDetail={caseDetail} />
        </>
      )}
    </section>
  );
}

function TransitionForm({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const transition = useCaseWrite(
    caseDetail,
    (to: Schemas['CaseState'], basedOn) =>
      ok(api.POST('/api/v1/cases/{caseId}/transitions', { params: { path: { caseId: caseDetail.id } }, body: { version: basedOn.version, to, reason: reason.trim() || undefined } })),
    () => setReason(''),
  );
  // A high-risk case is closed through a closure request (below), never directly.
  const targets = caseDetail.allowedTransitions.filter((to) => !(to === 'closed' && caseDetail.closureNeedsApproval));
  return (
    <fieldset>
      <legend>{text.cases.status.transitionsLegend}</legend>
      {transition.conflict && <ConflictNotice changes={transition.conflict} />}
      <label htmlFor={reasonId}>{text.cases.status.transitionReasonLabel}</label>
      <textarea id={reasonId} value={reason} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
      {transition.error && <ErrorLine error={transition.error} />}
      <div className="actions">
        {targets.map((to) => (
          <button key={to} type="button" disabled={transition.isPending} onClick={() => transition.submit(to, caseDetail)}>
            {text.cases.status.transition(text.cases.state[to])}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

function RiskForm({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const levelId = useId();
  const reasonId = useId();
  const [level, setLevel] = useState<Schemas['CaseRiskLevel']>(caseDetail.riskLevel);
  const [reason, setReason] = useState('');
  const change = useCaseWrite(
    caseDetail,
    (vars: { riskLevel: Schemas['CaseRiskLevel']; reason: string }, basedOn) =>
      ok(api.POST('/api/v1/cases/{caseId}/risk', { params: { path: { caseId: caseDetail.id } }, body: { version: basedOn.version, ...vars } })),
    () => setReason(''),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.submit({ riskLevel: level, reason: reason.trim() }, caseDetail);
  }
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>{text.cases.status.riskLegend}</legend>
        {change.conflict && <ConflictNotice changes={change.conflict} />}
        <label htmlFor={levelId}>{text.cases.status.riskLabel}</label>
        <select id={levelId} value={level} onChange={(e) => setLevel(RISK_LEVELS.find((l) => l === e.target.value) ?? level)}>
          {RISK_LEVELS.map((l) => (
            <option key={l} value={l}>
              {text.cases.risk[l]}
            </option>
          ))}
        </select>
        <label htmlFor={reasonId}>{text.cases.status.riskReasonLabel}</label>
        <textarea id={reasonId} value={reason} required minLength={5} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
        {change.error && <ErrorLine error={change.error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={change.isPending}>
            {text.cases.status.riskSave}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function ClosureRequest({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const timeline = useQuery(timelineQuery(caseDetail.id));
  const reasonId = useId();
  const waiverId = useId();
  const [reason, setReason] = useState('');
  const [waiver, setWaiver] = useState('');
  const request = useCaseWrite(
    caseDetail,
    (_: null, basedOn) =>
      ok(
        api.POST('/api/v1/cases/{caseId}/closure-requests', {
          params: { path: { caseId: caseDetail.id } },
          body: { version: basedOn.version, reason: reason.trim(), guardianContactWaiver: waiver.trim() || undefined },
        }),
      ),
    () => {
      setReason('');
      setWaiver('');
    },
  );
  if (!caseDetail.closureNeedsApproval) return <p className="muted">{text.cases.status.closureDirect}</p>;
  if (timeline.data && closurePending(timeline.data)) {
    return (
      <p className="notice" role="status">
        {text.cases.status.closurePending}
      </p>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.submit(null, caseDetail);
  }
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>{text.cases.status.closureTitle}</legend>
        <p className="muted">{text.cases.status.closureExplain}</p>
        {request.conflict && <ConflictNotice changes={request.conflict} />}
        <label htmlFor={reasonId}>{text.cases.status.closureReasonLabel}</label>
        <textarea id={reasonId} value={reason} required minLength={10} maxLength={4000} rows={3} onChange={(e) => setReason(e.target.value)} />
        <label htmlFor={waiverId}>{text.cases.status.waiverLabel}</label>
        <textarea id={waiverId} value={waiver} minLength={10} maxLength={2000} rows={2} onChange={(e) => setWaiver(e.target.value)} />
        {request.error && <ErrorLine error={request.error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={request.isPending}>
            {text.cases.status.closureSave}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function ReopenForm({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const reopen = useCaseWrite(
    caseDetail,
    (_: null, basedOn) => ok(api.POST('/api/v1/cases/{caseId}/reopen', { params: { path: { caseId: caseDetail.id } }, body: { version: basedOn.version, reason: reason.trim() } })),
    () => setReason(''),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reopen.submit(null, caseDetail);
  }
  return (
    <form onSubmit={submit}>
      <p className="muted">{text.cases.status.noTransitions}</p>
      {reopen.conflict && <ConflictNotice changes={reopen.conflict} />}
      <label htmlFor={reasonId}>{text.cases.status.reopenReasonLabel}</label>
      <textarea id={reasonId} value={reason} required minLength={5} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
      {reopen.error && <ErrorLine error={reopen.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={reopen.isPending}>
          {text.cases.status.reopen}
        </button>
      </div>
    </form>
  );
}
