import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, done, ok } from '../api/client';
import { useCan } from '../auth/me';
import { useText } from '../i18n/language';
import { ConflictNotice } from '../ui/ConflictNotice';
import { ErrorLine } from '../ui/QueryState';
import { type CaseDetail, refreshCase, useCounselors } from './caseQueries';
import { useCaseWrite } from './useCaseWrite';

/** Who works on the case: add or remove a counselor, hand the case to another owner. */
export function CaseTeamSection({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const can = useCan();
  const counselors = useCounselors();
  const queryClient = useQueryClient();
  const canWork = can('case.work') && caseDetail.state !== 'closed';
  const remove = useMutation({
    mutationFn: (userId: string) => done(api.DELETE('/api/v1/cases/{caseId}/team/{userId}', { params: { path: { caseId: caseDetail.id, userId } } })),
    onSuccess: () => refreshCase(queryClient, caseDetail.id),
  });
  return (
    <section className="panel" aria-labelledby="case-team-title" id="case-team">
      <h2 id="case-team-title">{text.cases.team.title}</h2>
      <ul className="cards">
        {caseDetail.team.map((member) => (
          <li key={member.userId} className="card team-member">
            <span className="card-title">{member.displayName}</span>
            {member.userId === caseDetail.ownerId ? (
              <span className="badge badge-neutral">{text.cases.team.ownerBadge}</span>
            ) : (
              canWork && (
                <button type="button" className="link-button" disabled={remove.isPending} onClick={() => remove.mutate(member.userId)}>
                  {text.cases.team.remove(member.displayName)}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
      {remove.error && <ErrorLine error={remove.error} />}
      {canWork && counselors.data && (
        <>
          <AddMemberForm caseDetail={caseDetail} candidates={counselors.data.filter((c) => !caseDetail.team.some((m) => m.userId === c.id))} />
          <ReassignForm caseDetail={caseDetail} candidates={counselors.data.filter((c) => c.id !== caseDetail.ownerId)} />
        </>
      )}
    </section>
  );
}

type Candidate = { id: string; displayName: string };

function AddMemberForm({ caseDetail, candidates }: { caseDetail: CaseDetail; candidates: Candidate[] }) {
  const text = useText();
  const queryClient = useQueryClient();
  const selectId = useId();
  const [userId, setUserId] = useState('');
  const add = useMutation({
    mutationFn: (id: string) => ok(api.POST('/api/v1/cases/{caseId}/team', { params: { path: { caseId: caseDetail.id } }, body: { userId: id } })),
    onSuccess: async () => {
      setUserId('');
      await refreshCase(queryClient, caseDetail.id);
    },
  });
  if (candidates.length === 0) return <p className="muted">{text.cases.team.noOneToAdd}</p>;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (userId) add.mutate(userId);
  }
  return (
    <form onSubmit={submit}>
      <label htmlFor={selectId}>{text.cases.team.addLabel}</label>
      <select id={selectId} value={userId} required onChange={(e) => setUserId(e.target.value)}>
        <option value="">{text.cases.choose}</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.displayName}
          </option>
        ))}
      </select>
      {add.error && <ErrorLine error={add.error} />}
      <div className="actions">
        <button type="submit" disabled={add.isPending}>
          {text.cases.team.add}
        </button>
      </div>
    </form>
  );
}

function ReassignForm({ caseDetail, candidates }: { caseDetail: CaseDetail; candidates: Candidate[] }) {
  const text = useText();
  const ownerId = useId();
  const reasonId = useId();
  const [newOwner, setNewOwner] = useState('');
  const [reason, setReason] = useState('');
  const reassign = useCaseWrite(
    caseDetail,
    (_: null, basedOn) =>
      ok(api.POST('/api/v1/cases/{caseId}/reassign', { params: { path: { caseId: caseDetail.id } }, body: { version: basedOn.version, ownerId: newOwner, reason: reason.trim() } })),
    () => {
      setNewOwner('');
      setReason('');
    },
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reassign.submit(null, caseDetail);
  }
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>{text.cases.team.reassign}</legend>
        {reassign.conflict && <ConflictNotice changes={reassign.conflict} />}
        <label htmlFor={ownerId}>{text.cases.team.newOwnerLabel}</label>
        <select id={ownerId} value={newOwner} required onChange={(e) => setNewOwner(e.target.value)}>
          <option value="">{text.cases.choose}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
            </option>
          ))}
        </select>
        <label htmlFor={reasonId}>{text.cases.team.reasonLabel}</label>
        <textarea id={reasonId} value={reason} required minLength={5} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
        {reassign.error && <ErrorLine error={reassign.error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={reassign.isPending}>
            {text.cases.team.reassignSave}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
