import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { notesQuery } from './queries';

/** Notes are written for sessions that took place (or are under way): the API refuses the others. */
const NOTE_STATUSES: Schemas['CounselorAppointmentView']['status'][] = ['scheduled', 'completed', 'no_show'];

/** The session's clinical notes: read (an audited read) and written. The text goes in the body only, never a URL or a log. */
export function SessionNotes({ appointment }: { appointment: Schemas['CounselorAppointmentView'] }) {
  const text = useText();
  const { language } = useLanguage();
  const can = useCan();
  const query = useQuery(notesQuery(appointment.id));
  return (
    <section className="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">{text.calendar.notesTitle}</h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.calendar.noNotes}</p>
          ) : (
            <ul className="cards" id="session-notes">
              {page.items.map((note) => (
                <li key={note.id} className="card">
                  <p className="card-meta">{text.calendar.noteBy(note.authorName, dateTimeText(note.createdAt, language))}</p>
                  <p className="note-body">{note.body}</p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {can('session_note.write') && NOTE_STATUSES.includes(appointment.status) && <NoteForm appointmentId={appointment.id} />}
    </section>
  );
}

function NoteForm({ appointmentId }: { appointmentId: string }) {
  const text = useText();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const write = useMutation({
    mutationFn: (body: string) => ok(api.POST('/api/v1/appointments/{appointmentId}/notes', { params: { path: { appointmentId } }, body: { body } })),
    onSuccess: async () => {
      form.current?.reset();
      await queryClient.invalidateQueries({ queryKey: notesQuery(appointmentId).queryKey });
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    write.mutate(String(new FormData(event.currentTarget).get('body') ?? '').trim());
  }
  return (
    <form ref={form} onSubmit={submit} aria-label={text.calendar.writeNote}>
      <label htmlFor={`${id}-body`}>{text.calendar.noteBody}</label>
      <textarea id={`${id}-body`} name="body" required maxLength={20000} rows={6} />
      {write.error && <ErrorLine error={write.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={write.isPending}>
          {text.calendar.writeNote}
        </button>
      </div>
    </form>
  );
}
