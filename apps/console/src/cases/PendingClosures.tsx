import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, done, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';
import { dateText } from '../ui/time';
import { RiskBadge } from './CaseBadges';

type PendingRequest = Schemas['PendingCaseClosureRequest'];

/**
 * For the head of counseling: closure requests of high-risk cases, waiting for a second person.
 * They decide here: the case itself is open only to its team.
 */
export function PendingClosures() {
  const text = useText();
  const query = useQuery({ queryKey: ['cases', 'list', 'closure-requests'], queryFn: () => ok(api.GET('/api/v1/cases/closure-requests')) });
  if (!query.data || query.data.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="pending-closures-title">
      <h2 id="pending-closures-title">{text.cases.pendingClosures}</h2>
      <ul className="cards">
        {query.data.map((request) => (
          <PendingClosureCard key={request.id} request={request} />
        ))}
      </ul>
    </section>
  );
}

function PendingClosureCard({ request }: { request: PendingRequest }) {
  const text = useText();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const noteId = useId();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => {
      const params = { path: { caseId: request.caseId, requestId: request.id } };
      const body = { note: note.trim() || undefined };
      return done(
        decision === 'approve'
          ? api.POST('/api/v1/cases/{caseId}/closure-requests/{requestId}/approve', { params, body })
          : api.POST('/api/v1/cases/{caseId}/closure-requests/{requestId}/reject', { params, body }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
  return (
    <li className="card">
      <div className="card-head">
        <span className="card-title">{request.studentName}</span>
        <RiskBadge risk={request.riskLevel} />
      </div>
      <p className="card-meta">{text.cases.requestedOn(dateText(request.createdAt, language))}</p>
      <p className="preserve-lines">{text.cases.closureReason(request.reason)}</p>
      {request.guardianContactWaiver && <p className="preserve-lines">{text.cases.closureWaiver(request.guardianContactWaiver)}</p>}
      <label htmlFor={noteId}>{text.cases.decisionNoteLabel(request.studentName)}</label>
      <textarea id={noteId} value={note} maxLength={2000} rows={2} onChange={(e) => setNote(e.target.value)} />
      {decide.error && <ErrorLine error={decide.error} />}
      <div className="actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate('approve')}>
          {text.cases.approve(request.studentName)}
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>
          {text.cases.reject(request.studentName)}
        </button>
      </div>
    </li>
  );
}
