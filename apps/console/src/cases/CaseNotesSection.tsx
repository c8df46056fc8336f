import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { type CaseDetail, caseKey, refreshCase } from './caseQueries';
import { LoadMore } from '../ui/LoadMore';

/**
 * Case notes: clinical text. It goes only in a POST body and on this page, never in a URL,
 * the page title or a log line.
 */
export function CaseNotesSection({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const { language } = useLanguage();
  const can = useCan();
  const query = useInfiniteQuery({
    queryKey: [...caseKey(caseDetail.id), 'notes'],
    queryFn: ({ pageParam }) => ok(api.GET('/api/v1/cases/{caseId}/notes', { params: { path: { caseId: caseDetail.id }, query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <section className="panel" aria-labelledby="case-notes-title" id="case-notes">
      <h2 id="case-notes-title">{text.cases.notes.title}</h2>
      <p className="muted">{text.cases.notes.intro}</p>
      {can('case.work') && <NoteForm caseDetail={caseDetail} />}
      <QueryState query={query}>
        {({ pages }) => {
          const notes = pages.flatMap((page) => page.items);
          return notes.length === 0 ? (
            <p className="muted">{text.cases.notes.empty}</p>
          ) : (
            <>
              <ul className="cards" aria-label={text.cases.notes.title}>
                {notes.map((note) => (
                  <li key={note.id} className="card">
                    <p className="card-meta">{text.cases.notes.by(note.authorName, dateTimeText(note.createdAt, language))}</p>
                    <p className="preserve-lines">{note.body}</p>
                  </li>
                ))}
              </ul>
              <LoadMore query={query} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function NoteForm({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const queryClient = useQueryClient();
  const bodyId = useId();
  const [body, setBody] = useState('');
  const write = useMutation({
    mutationFn: (note: string) => ok(api.POST('/api/v1/cases/{caseId}/notes', { params: { path: { caseId: caseDetail.id } }, body: { body: note } })),
    onSuccess: async () => {
      setBody('');
      await refreshCase(queryClient, caseDetail.id);
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim()) write.mutate(body.trim());
  }
  return (
    <form onSubmit={submit} autoComplete="off">
      <label htmlFor={bodyId}>{text.cases.notes.bodyLabel}</label>
      <textarea id={bodyId} value={body} required maxLength={20000} rows={4} onChange={(e) => setBody(e.target.value)} />
      {write.error && <ErrorLine error={write.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={write.isPending}>
          {text.cases.notes.save}
        </button>
      </div>
    </form>
  );
}
