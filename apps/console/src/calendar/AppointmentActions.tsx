import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type FormEvent, useContext, useId, useState } from 'react';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { localInputToIso, toLocalInput } from '../screening/progress';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText, timeText } from '../ui/time';
import { CALENDAR, counselorCalendarQuery } from './queries';
import { searchSpan, sessionAtStartOf, windowsWithin } from './week';

type Appointment = Schemas['CounselorAppointmentView'];
type Action = Appointment['allowedActions'][number];
const LENGTHS = [30, 45, 50, 60, 90];

/**
 * A write on the appointment, based on the version shown. A stale version reloads the appointment
 * and says so; the forms keep what the counselor typed, to submit again.
 */
function useAppointmentWrite<T>(appointment: Appointment, write: (version: number, input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  const setConflict = useContext(ConflictContext);
  const mutation = useMutation({
    mutationFn: (input: T) => write(appointment.version, input),
    onSuccess: async () => {
      setConflict(null);
      await queryClient.invalidateQueries({ queryKey: [CALENDAR] });
      await queryClient.invalidateQueries({ queryKey: ['alerts'] });
    },
    onError: async (error) => {
      if (changedMeanwhile(error)) {
        setConflict(appointment.status);
        await queryClient.invalidateQueries({ queryKey: [CALENDAR, 'appointment', appointment.id] });
      }
    },
  });
  return { mutation };
}

/**
 * The appointment changed since the page read it: a stale version, or an action its new state no
 * longer allows (the page only offers the allowed ones, so someone else moved it on).
 */
function changedMeanwhile(error: unknown): boolean {
  return error instanceof ApiError && (error.isVersionConflict || error.code === 'appointment.illegal_transition');
}

/** Reports a stale write to the page, with the status the counselor acted on, so the notice outlives a form the new state no longer offers. */
const ConflictContext = createContext<(seenStatus: Appointment['status'] | null) => void>(() => undefined);

/** The last time the counselor submitted, so a form the new state offers instead (reschedule for confirm) starts from it. */
type TimeDraft = { startsAt: string; endsAt: string };
const TimeDraftContext = createContext<{ draft: TimeDraft | null; setDraft(draft: TimeDraft): void }>({ draft: null, setDraft: () => undefined });

function WriteState({ mutation }: { mutation: { error: unknown } }) {
  if (changedMeanwhile(mutation.error)) return null;
  return mutation.error ? <ErrorLine error={mutation.error} /> : null;
}

function ConflictNotice({ seenStatus, appointment }: { seenStatus: Appointment['status']; appointment: Appointment }) {
  const text = useText();
  return (
    <div className="notice" role="alert">
      <strong>{text.common.conflictTitle}</strong> <span>{text.common.conflictBody}</span>
      {seenStatus !== appointment.status && <p>{text.calendar.statusChanged(text.calendar.status[seenStatus], text.calendar.status[appointment.status])}</p>}
    </div>
  );
}

export function AppointmentActions({ appointment }: { appointment: Appointment }) {
  const text = useText();
  const [seenStatus, setSeenStatus] = useState<Appointment['status'] | null>(null);
  const [draft, setDraft] = useState<TimeDraft | null>(null);
  const can = (action: Action) => appointment.allowedActions.includes(action);
  return (
    <section className="panel" aria-labelledby="appointment-actions-title">
      <h2 id="appointment-actions-title">{text.calendar.actionsTitle}</h2>
      {seenStatus && <ConflictNotice seenStatus={seenStatus} appointment={appointment} />}
      <ConflictContext.Provider value={setSeenStatus}>
        <TimeDraftContext.Provider value={{ draft: seenStatus ? draft : null, setDraft }}>
          {can('confirm') && (appointment.status === 'offered' ? <ConfirmHeld appointment={appointment} /> : <TimeForm appointment={appointment} action="confirm" />)}
          <OutcomeButtons appointment={appointment} />
          {can('reschedule') && <TimeForm appointment={appointment} action="reschedule" />}
          {can('decline') && <ReasonForm appointment={appointment} action="decline" />}
          {can('cancel') && <ReasonForm appointment={appointment} action="cancel" />}
        </TimeDraftContext.Provider>
      </ConflictContext.Provider>
    </section>
  );
}

/**
 * Confirming a slot held for the request keeps its time. The held time, mode and place are sent
 * as shown: a hold that ran out meanwhile is a waiting request again, which the API would refuse
 * as "time required" without them, hiding that it changed; with them it is a version conflict.
 */
function ConfirmHeld({ appointment }: { appointment: Appointment }) {
  const text = useText();
  const path = { appointmentId: appointment.id };
  const { startsAt, endsAt, mode, place } = appointment;
  const held = startsAt && endsAt ? { startsAt, endsAt, ...(mode ? { mode } : {}), ...(place ? { place } : {}) } : {};
  const write = useAppointmentWrite(appointment, (version) =>
    ok(api.POST('/api/v1/appointments/{appointmentId}/confirm', { params: { path }, body: { version, ...held } })),
  );
  return (
    <div className="action-block">
      <WriteState {...write} />
      <button type="button" className="primary" disabled={write.mutation.isPending} onClick={() => write.mutation.mutate(undefined)}>
        {text.calendar.confirmHeld}
      </button>
    </div>
  );
}

/** No-show, completion and releasing a held slot: one click each, once the API allows it. */
function OutcomeButtons({ appointment }: { appointment: Appointment }) {
  const text = useText();
  const path = { appointmentId: appointment.id };
  const write = useAppointmentWrite(appointment, (version, action: 'complete' | 'mark_no_show' | 'release_offer') => {
    if (action === 'complete') return ok(api.POST('/api/v1/appointments/{appointmentId}/complete', { params: { path }, body: { version } }));
    if (action === 'mark_no_show') return ok(api.POST('/api/v1/appointments/{appointmentId}/no-show', { params: { path }, body: { version } }));
    return ok(api.POST('/api/v1/appointments/{appointmentId}/release-offer', { params: { path }, body: { version } }));
  });
  const actions = (['complete', 'mark_no_show', 'release_offer'] as const).filter((a) => appointment.allowedActions.includes(a));
  if (actions.length === 0) return null;
  const label = { complete: text.calendar.complete, mark_no_show: text.calendar.noShow, release_offer: text.calendar.releaseOffer };
  return (
    <div className="action-block">
      <WriteState {...write} />
      <div className="actions">
        {actions.map((action) => (
          <button key={action} type="button" className={action === 'complete' ? 'primary' : undefined} disabled={write.mutation.isPending} onClick={() => write.mutation.mutate(action)}>
            {label[action]}
          </button>
        ))}
      </div>
    </div>
  );
}

/** A time for the session: picked from the counselor's free windows, or typed in. Confirms a waiting request, or moves a session. */
function TimeForm({ appointment, action }: { appointment: Appointment; action: 'confirm' | 'reschedule' }) {
  const text = useText();
  const { language } = useLanguage();
  const me = useMe();
  const id = useId();
  const [minutes, setMinutes] = useState(50);
  const { draft, setDraft } = useContext(TimeDraftContext);
  const [startsAt, setStartsAt] = useState(() => draft?.startsAt ?? (appointment.startsAt ? toLocalInput(new Date(appointment.startsAt)) : ''));
  const [endsAt, setEndsAt] = useState(() => draft?.endsAt ?? (appointment.endsAt ? toLocalInput(new Date(appointment.endsAt)) : ''));
  const preferredFrom = action === 'confirm' ? (appointment.request?.preferredFrom ?? null) : null;
  const preferredTo = action === 'confirm' ? (appointment.request?.preferredTo ?? null) : null;
  const [span] = useState(() => searchSpan(new Date(), preferredFrom, preferredTo));
  const calendar = useQuery(counselorCalendarQuery(me.id, span.from, span.to));
  const path = { appointmentId: appointment.id };
  const write = useAppointmentWrite(appointment, (version, time: { startsAt: string; endsAt: string }) =>
    action === 'confirm'
      ? ok(api.POST('/api/v1/appointments/{appointmentId}/confirm', { params: { path }, body: { version, ...time } }))
      : ok(api.POST('/api/v1/appointments/{appointmentId}/reschedule', { params: { path }, body: { version, ...time } })),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDraft({ startsAt, endsAt });
    write.mutation.mutate({ startsAt: localInputToIso(startsAt), endsAt: localInputToIso(endsAt) });
  }
  function use(window: { startsAt: string; endsAt: string }) {
    const session = sessionAtStartOf(window, minutes);
    setStartsAt(toLocalInput(session.startsAt));
    setEndsAt(toLocalInput(session.endsAt));
  }
  const title = action === 'confirm' ? text.calendar.confirm : text.calendar.reschedule;
  return (
    <form className="action-block" onSubmit={submit} aria-label={title}>
      <h3 className="calendar-subhead">{title}</h3>
      <label htmlFor={`${id}-length`}>{text.calendar.duration}</label>
      <select id={`${id}-length`} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
        {LENGTHS.map((n) => (
          <option key={n} value={n}>
            {text.calendar.minutes(n)}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{text.calendar.chooseSlot}</legend>
        <QueryState query={calendar}>
          {(free) => {
            const windows = windowsWithin(free.free, preferredFrom, preferredTo);
            return windows.length === 0 ? (
              <p className="muted">{text.calendar.noFreeSlots}</p>
            ) : (
              <ul className="free-windows">
                {windows.slice(0, 12).map((w) => {
                  const label = `${dateTimeText(w.startsAt, language)}–${timeText(w.endsAt, language)} ${text.calendar.modes[w.mode]}`;
                  return (
                    <li key={w.startsAt}>
                      <button type="button" onClick={() => use(w)}>
                        {text.calendar.useSlot(label)}
                      </button>
                    </li>
                  );
                })}
              </ul>
            );
          }}
        </QueryState>
      </fieldset>
      <div className="form-grid">
        <div>
          <label htmlFor={`${id}-starts`}>{text.calendar.sessionStart}</label>
          <input id={`${id}-starts`} type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-ends`}>{text.calendar.sessionEnd}</label>
          <input id={`${id}-ends`} type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </div>
      </div>
      <WriteState {...write} />
      <div className="actions">
        <button type="submit" className="primary" disabled={write.mutation.isPending}>
          {action === 'confirm' ? text.calendar.confirm : text.calendar.rescheduleSubmit}
        </button>
      </div>
    </form>
  );
}

/** Declining a request or cancelling a session needs a reason; the teacher who asked never sees it. */
function ReasonForm({ appointment, action }: { appointment: Appointment; action: 'decline' | 'cancel' }) {
  const text = useText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const path = { appointmentId: appointment.id };
  const write = useAppointmentWrite(appointment, (version, reason: string) =>
    action === 'decline'
      ? ok(api.POST('/api/v1/appointments/{appointmentId}/decline', { params: { path }, body: { version, reason } }))
      : ok(api.POST('/api/v1/appointments/{appointmentId}/cancel', { params: { path }, body: { version, reason } })),
  );
  const title = action === 'decline' ? text.calendar.decline : text.calendar.cancel;
  if (!open) {
    return (
      <div className="action-block">
        <button type="button" onClick={() => setOpen(true)}>
          {title}
        </button>
      </div>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    write.mutation.mutate(String(new FormData(event.currentTarget).get('reason') ?? '').trim());
  }
  return (
    <form className="action-block" onSubmit={submit} aria-label={title}>
      <label htmlFor={`${id}-reason`}>{action === 'decline' ? text.calendar.declineReason : text.calendar.cancelReason}</label>
      <textarea id={`${id}-reason`} name="reason" required minLength={2} maxLength={2000} rows={2} />
      <WriteState {...write} />
      <div className="actions">
        <button type="submit" className="danger" disabled={write.mutation.isPending}>
          {action === 'decline' ? text.calendar.decline : text.calendar.cancelSubmit}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}
