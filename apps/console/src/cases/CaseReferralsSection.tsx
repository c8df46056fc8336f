import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ConflictNotice } from '../ui/ConflictNotice';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { referralConflictFields } from './caseFields';
import { allPages, type CaseDetail, type CaseReferral, refreshCase, referralsQuery } from './caseQueries';
import { changesBetween } from './changes';
import { useVersionedWrite } from './useVersionedWrite';
import { OpenableForm } from '../ui/OpenableForm';

/** Referrals to outside agencies: make one, follow its status. */
export function CaseReferralsSection({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const can = useCan();
  const query = useQuery(referralsQuery(caseDetail.id));
  const canWork = can('case.work') && caseDetail.state !== 'closed';
  return (
    <section className="panel" aria-labelledby="case-referrals-title" id="case-referrals">
      <h2 id="case-referrals-title">{text.cases.referrals.title}</h2>
      <QueryState query={query}>
        {(referrals) =>
          referrals.length === 0 ? (
            <p className="muted">{text.cases.referrals.empty}</p>
          ) : (
            <ul className="cards" aria-label={text.cases.referrals.title}>
              {referrals.map((referral) => (
                <ReferralCard key={referral.id} caseDetail={caseDetail} referral={referral} canWork={can('case.work')} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {canWork &&
        <OpenableForm label={text.cases.referrals.add}>{(close) => <AddReferralForm caseDetail={caseDetail} onDone={close} />}</OpenableForm>}
    </section>
  );
}

function ReferralCard({ caseDetail, referral, canWork }: { caseDetail: CaseDetail; referral: CaseReferral; canWork: boolean }) {
  const text = useText();
  const { language } = useLanguage();
  const ids = { status: useId(), note: useId() };
  const [status, setStatus] = useState<Schemas['ReferralStatus'] | ''>('');
  const [note, setNote] = useState('');
  const update = useVersionedWrite<CaseReferral, Schemas['UpdateCaseReferralDto'], CaseReferral | undefined>({
    caseId: caseDetail.id,
    write: (body, basedOn) =>
      ok(api.PATCH('/api/v1/cases/{caseId}/referrals/{referralId}', { params: { path: { caseId: caseDetail.id, referralId: referral.id } }, body: { ...body, version: basedOn.version } })),
    reload: () => ok(api.GET('/api/v1/cases/{caseId}/referrals/{referralId}', { params: { path: { caseId: caseDetail.id, referralId: referral.id } } })),
    changes: (before, after) => changesBetween(before, after, referralConflictFields(text.cases)),
    onSuccess: () => {
      setStatus('');
      setNote('');
    },
  });
  const chosen = status || referral.allowedStatuses[0];
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen) update.submit({ status: chosen, note: note.trim() || undefined }, referral);
  }
  return (
    <li className="card">
      <div className="card-head">
        <span className="card-title">{referral.agencyName}</span>
        <span className="muted">{text.cases.referrals.kind[referral.agencyKind]}</span>
        <span className="badge badge-neutral">{text.cases.referrals.status[referral.status]}</span>
      </div>
      <p className="card-meta">
        <time dateTime={referral.referredAt}>{text.cases.referrals.referredAt(dateTimeText(referral.referredAt, language))}</time>
      </p>
      {referral.note && <p className="preserve-lines">{referral.note}</p>}
      {update.conflict && <ConflictNotice changes={update.conflict} />}
      {canWork && chosen ? (
        <form className="inline-form" onSubmit={submit}>
          <label htmlFor={ids.status}>{text.cases.referrals.newStatusLabel}</label>
          <select id={ids.status} value={chosen} onChange={(e) => setStatus(referral.allowedStatuses.find((s) => s === e.target.value) ?? '')}>
            {referral.allowedStatuses.map((s) => (
              <option key={s} value={s}>
                {text.cases.referrals.status[s]}
              </option>
            ))}
          </select>
          <label htmlFor={ids.note}>{text.cases.referrals.updateNoteLabel}</label>
          <textarea id={ids.note} value={note} maxLength={4000} rows={2} onChange={(e) => setNote(e.target.value)} />
          {update.error && <ErrorLine error={update.error} />}
          <div className="actions">
            <button type="submit" disabled={update.isPending}>
              {text.cases.referrals.update}
            </button>
          </div>
        </form>
      ) : (
        referral.allowedStatuses.length === 0 && <p className="muted">{text.cases.referrals.final}</p>
      )}
    </li>
  );
}

function AddReferralForm({ caseDetail, onDone }: { caseDetail: CaseDetail; onDone(): void }) {
  const text = useText();
  const queryClient = useQueryClient();
  const ids = { agency: useId(), note: useId() };
  const agencies = useQuery({
    queryKey: ['referral-agencies'],
    queryFn: () => allPages((cursor) => ok(api.GET('/api/v1/referral-agencies', { params: { query: { limit: 200, cursor } } }))),
  });
  const [agencyId, setAgencyId] = useState('');
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/cases/{caseId}/referrals', { params: { path: { caseId: caseDetail.id } }, body: { agencyId, note: note.trim() || undefined } })),
    onSuccess: async () => {
      await refreshCase(queryClient, caseDetail.id);
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <QueryState query={agencies}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted">{text.cases.referrals.noAgencies}</p>
        ) : (
          <form className="inline-form" onSubmit={submit}>
            <label htmlFor={ids.agency}>{text.cases.referrals.agencyLabel}</label>
            <select id={ids.agency} value={agencyId} required onChange={(e) => setAgencyId(e.target.value)}>
              <option value="">{text.cases.choose}</option>
              {list.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {agency.name} · {text.cases.referrals.kind[agency.kind]}
                </option>
              ))}
            </select>
            <label htmlFor={ids.note}>{text.cases.referrals.noteLabel}</label>
            <textarea id={ids.note} value={note} maxLength={4000} rows={3} onChange={(e) => setNote(e.target.value)} />
            {add.error && <ErrorLine error={add.error} />}
            <div className="actions">
              <button type="submit" className="primary" disabled={add.isPending}>
                {text.cases.referrals.save}
              </button>
              <button type="button" onClick={onDone}>
                {text.common.cancel}
              </button>
            </div>
          </form>
        )
      }
    </QueryState>
  );
}
