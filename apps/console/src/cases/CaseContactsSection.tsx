import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { type CaseDetail, caseKey, refreshCase } from './caseQueries';
import { fromLocalInput, toLocalInput } from './caseTime';
import { LoadMore } from '../ui/LoadMore';
import { OpenableForm } from '../ui/OpenableForm';

type Counterpart = Schemas['ContactCounterpart'];
type Channel = Schemas['ContactChannel'];
type Outcome = Schemas['ContactOutcome'];
const COUNTERPARTS: Counterpart[] = ['guardian', 'student', 'class_teacher', 'other'];
const CHANNELS: Channel[] = ['phone', 'message', 'in_person', 'home_visit'];
const OUTCOMES: Outcome[] = ['reached', 'not_reached'];

/** Who was contacted, how, and whether they were reached: the log and a form to add to it. */
export function CaseContactsSection({ caseDetail }: { caseDetail: CaseDetail }) {
  const text = useText();
  const { language } = useLanguage();
  const can = useCan();
  const query = useInfiniteQuery({
    queryKey: [...caseKey(caseDetail.id), 'contacts'],
    queryFn: ({ pageParam }) => ok(api.GET('/api/v1/cases/{caseId}/contacts', { params: { path: { caseId: caseDetail.id }, query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <section className="panel" aria-labelledby="case-contacts-title" id="case-contacts">
      <h2 id="case-contacts-title">{text.cases.contacts.title}</h2>
      <QueryState query={query}>
        {({ pages }) => {
          const contacts = pages.flatMap((page) => page.items);
          const summary = pages[0]?.summary ?? { unreachable: 0, lastReachedAt: null };
          return (
            <>
              <p className="card-meta">
                {summary.unreachable > 0 && <span className="unreachable">{text.cases.contacts.unreachable(summary.unreachable)}</span>}
                <span>{summary.lastReachedAt ? text.cases.contacts.lastReached(dateTimeText(summary.lastReachedAt, language)) : text.cases.contacts.neverReached}</span>
              </p>
              {contacts.length === 0 ? (
                <p className="muted">{text.cases.contacts.empty}</p>
              ) : (
                <ul className="cards" aria-label={text.cases.contacts.title}>
                  {contacts.map((contact) => (
                    <li key={contact.id} className="card">
                      <div className="card-head">
                        <span className="card-title">{text.cases.contacts.whom(text.cases.contacts.counterpart[contact.counterpart], contact.guardianName ?? contact.counterpartName)}</span>
                        <span className={`badge ${contact.outcome === 'reached' ? 'badge-neutral' : 'badge-high'}`}>{text.cases.contacts.outcome[contact.outcome]}</span>
                      </div>
                      <p className="card-meta">
                        <span>{text.cases.contacts.channel[contact.channel]}</span>
                        <time dateTime={contact.contactedAt}>{dateTimeText(contact.contactedAt, language)}</time>
                        {contact.isGuardianNotification && <span>{text.cases.contacts.notification}</span>}
                      </p>
                      {contact.agreed && <p className="preserve-lines">{contact.agreed}</p>}
                    </li>
                  ))}
                </ul>
              )}
              <LoadMore query={query} />
            </>
          );
        }}
      </QueryState>
      {can('case.work') &&
        <OpenableForm label={text.cases.contacts.log}>{(close) => <LogContactForm caseDetail={caseDetail} onDone={close} />}</OpenableForm>}
    </section>
  );
}

function LogContactForm({ caseDetail, onDone }: { caseDetail: CaseDetail; onDone(): void }) {
  const text = useText();
  const can = useCan();
  const queryClient = useQueryClient();
  const ids = { counterpart: useId(), guardian: useId(), other: useId(), channel: useId(), when: useId(), agreed: useId(), notification: useId() };
  const guardians = useQuery({
    queryKey: ['students', caseDetail.studentId, 'guardians'],
    queryFn: () => ok(api.GET('/api/v1/students/{studentId}/guardians', { params: { path: { studentId: caseDetail.studentId }, query: { limit: 50 } } })),
    enabled: can('guardian.read'),
  });
  const [counterpart, setCounterpart] = useState<Counterpart>('guardian');
  const [guardianId, setGuardianId] = useState('');
  const [otherName, setOtherName] = useState('');
  const [channel, setChannel] = useState<Channel>('phone');
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [when, setWhen] = useState(() => toLocalInput(new Date()));
  const [agreed, setAgreed] = useState('');
  const [notification, setNotification] = useState(false);
  const guardianList = guardians.data?.items ?? [];
  const chosenGuardian = guardianId || (guardianList.find((g) => g.isPrimary) ?? guardianList[0])?.id || '';
  const log = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/cases/{caseId}/contacts', {
          params: { path: { caseId: caseDetail.id } },
          body: {
            counterpart,
            guardianId: counterpart === 'guardian' ? chosenGuardian : undefined,
            counterpartName: counterpart === 'other' ? otherName.trim() : undefined,
            channel,
            outcome,
            contactedAt: fromLocalInput(when),
            isGuardianNotification: counterpart === 'guardian' ? notification : undefined,
            agreed: agreed.trim() || undefined,
          },
        }),
      ),
    onSuccess: async () => {
      await refreshCase(queryClient, caseDetail.id);
      onDone();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    log.mutate();
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={ids.counterpart}>{text.cases.contacts.counterpartLabel}</label>
      <select id={ids.counterpart} value={counterpart} onChange={(e) => setCounterpart(COUNTERPARTS.find((c) => c === e.target.value) ?? counterpart)}>
        {COUNTERPARTS.map((c) => (
          <option key={c} value={c}>
            {text.cases.contacts.counterpart[c]}
          </option>
        ))}
      </select>
      {counterpart === 'guardian' &&
        (guardianList.length === 0 ? (
          <p className="muted">{guardians.data ? text.cases.contacts.noGuardians : text.common.loading}</p>
        ) : (
          <>
            <label htmlFor={ids.guardian}>{text.cases.contacts.guardianLabel}</label>
            <select id={ids.guardian} value={chosenGuardian} required onChange={(e) => setGuardianId(e.target.value)}>
              {guardianList.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} · {g.phone}
                </option>
              ))}
            </select>
          </>
        ))}
      {counterpart === 'other' && (
        <>
          <label htmlFor={ids.other}>{text.cases.contacts.otherNameLabel}</label>
          <input id={ids.other} value={otherName} required maxLength={100} onChange={(e) => setOtherName(e.target.value)} />
        </>
      )}
      <label htmlFor={ids.channel}>{text.cases.contacts.channelLabel}</label>
      <select id={ids.channel} value={channel} onChange={(e) => setChannel(CHANNELS.find((c) => c === e.target.value) ?? channel)}>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {text.cases.contacts.channel[c]}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{text.cases.contacts.outcomeLabel}</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {text.cases.contacts.outcome[o]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.when}>{text.cases.contacts.whenLabel}</label>
      <input id={ids.when} type="datetime-local" value={when} required max={toLocalInput(new Date())} onChange={(e) => setWhen(e.target.value)} />
      <label htmlFor={ids.agreed}>{text.cases.contacts.agreedLabel}</label>
      <textarea id={ids.agreed} value={agreed} maxLength={4000} rows={3} onChange={(e) => setAgreed(e.target.value)} />
      {counterpart === 'guardian' && (
        <label className="choice" htmlFor={ids.notification}>
          <input id={ids.notification} type="checkbox" checked={notification} onChange={(e) => setNotification(e.target.checked)} />
          {text.cases.contacts.notificationLabel}
        </label>
      )}
      {log.error && <ErrorLine error={log.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={log.isPending}>
          {text.cases.contacts.save}
        </button>
        <button type="button" onClick={onDone}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}
