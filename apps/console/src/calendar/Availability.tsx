import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, done, ok, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { localInputToIso } from '../screening/progress';
import { CALENDAR, exceptionsQuery, rulesQuery } from './queries';

type Mode = Schemas['SessionMode'];
const MODES: Mode[] = ['room', 'phone', 'video'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const isMode = (value: string): value is Mode => (MODES as string[]).includes(value);

/** The counselor's own weekly hours and their leave and extra hours: what requests can be booked into. */
export function Availability() {
  const text = useText();
  return (
    <section className="panel" aria-labelledby="availability-title">
      <h2 id="availability-title">{text.calendar.availabilityTitle}</h2>
      <Rules />
      <Exceptions />
    </section>
  );
}

function useRefreshCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [CALENDAR] });
}

function Rules() {
  const text = useText();
  const me = useMe();
  const query = useQuery(rulesQuery(me.id));
  const refresh = useRefreshCalendar();
  const remove = useMutation({
    mutationFn: (ruleId: string) => done(api.DELETE('/api/v1/counselors/{counselorId}/availability-rules/{ruleId}', { params: { path: { counselorId: me.id, ruleId } } })),
    onSuccess: refresh,
  });
  const describe = (rule: Schemas['AvailabilityRuleView']) =>
    `${text.calendar.weekdays[weekdayOf(rule.weekday)]} ${rule.startTime}–${rule.endTime} ${text.calendar.modes[rule.mode]}${rule.place ? ` ${rule.place}` : ''}`;
  return (
    <>
      <h3 className="calendar-subhead">{text.calendar.rulesTitle}</h3>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.calendar.noRules}</p>
          ) : (
            <ul className="availability-list" id="availability-rules">
              {[...page.items]
                .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime))
                .map((rule) => (
                  <li key={rule.id}>
                    <span>{describe(rule)}</span>
                    <button type="button" className="link-button" disabled={remove.isPending} onClick={() => remove.mutate(rule.id)} aria-label={text.calendar.removeRule(describe(rule))}>
                      {text.calendar.remove}
                    </button>
                  </li>
                ))}
            </ul>
          )
        }
      </QueryState>
      {remove.error && <ErrorLine error={remove.error} />}
      <AddRuleForm />
    </>
  );
}

/** The weekday of a rule as the dictionary knows it (the API gives 1-7). */
function weekdayOf(value: number): (typeof WEEKDAYS)[number] {
  return WEEKDAYS.find((d) => d === value) ?? 1;
}

function AddRuleForm() {
  const text = useText();
  const me = useMe();
  const id = useId();
  const refresh = useRefreshCalendar();
  const add = useMutation({
    mutationFn: (body: Schemas['CreateAvailabilityRuleDto']) => ok(api.POST('/api/v1/counselors/{counselorId}/availability-rules', { params: { path: { counselorId: me.id } }, body })),
    onSuccess: refresh,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const mode = String(form.get('mode'));
    const place = String(form.get('place') ?? '').trim();
    if (!isMode(mode)) return;
    add.mutate({ weekday: Number(form.get('weekday')), startTime: String(form.get('startTime')), endTime: String(form.get('endTime')), mode, ...(place ? { place } : {}) });
  }
  return (
    <form className="availability-form" onSubmit={submit} aria-label={text.calendar.addRule}>
      <div className="form-grid">
        <div>
          <label htmlFor={`${id}-weekday`}>{text.calendar.weekday}</label>
          <select id={`${id}-weekday`} name="weekday" defaultValue="1">
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {text.calendar.weekdays[d]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-start`}>{text.calendar.startTime}</label>
          <input id={`${id}-start`} name="startTime" type="time" required defaultValue="09:00" />
        </div>
        <div>
          <label htmlFor={`${id}-end`}>{text.calendar.endTime}</label>
          <input id={`${id}-end`} name="endTime" type="time" required defaultValue="12:00" />
        </div>
        <div>
          <label htmlFor={`${id}-mode`}>{text.calendar.mode}</label>
          <select id={`${id}-mode`} name="mode" defaultValue="room">
            {MODES.map((m) => (
              <option key={m} value={m}>
                {text.calendar.modes[m]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor={`${id}-place`}>{text.calendar.place}</label>
      <input id={`${id}-place`} name="place" maxLength={200} />
      {add.error && <ErrorLine error={add.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {text.calendar.addRule}
        </button>
      </div>
    </form>
  );
}

function Exceptions() {
  const text = useText();
  const { language } = useLanguage();
  const me = useMe();
  // Leave and extra hours from today on: past ones no longer change anything.
  const [from] = useState(() => {
    const today = new Date();
    return new Date(today.getFullYear(), today.getMonth(), today.getDate()).toISOString();
  });
  const query = useQuery(exceptionsQuery(me.id, from));
  const refresh = useRefreshCalendar();
  const remove = useMutation({
    mutationFn: (exceptionId: string) =>
      done(api.DELETE('/api/v1/counselors/{counselorId}/availability-exceptions/{exceptionId}', { params: { path: { counselorId: me.id, exceptionId } } })),
    onSuccess: refresh,
  });
  const describe = (e: Schemas['AvailabilityExceptionView']) =>
    `${text.calendar.kinds[e.kind]} ${dateTimeText(e.startsAt, language)}–${dateTimeText(e.endsAt, language)}${e.mode ? ` ${text.calendar.modes[e.mode]}` : ''}${e.place ? ` ${e.place}` : ''}`;
  return (
    <>
      <h3 className="calendar-subhead">{text.calendar.exceptionsTitle}</h3>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.calendar.noExceptions}</p>
          ) : (
            <ul className="availability-list" id="availability-exceptions">
              {page.items.map((exception) => (
                <li key={exception.id}>
                  <span>{describe(exception)}</span>
                  <button type="button" className="link-button" disabled={remove.isPending} onClick={() => remove.mutate(exception.id)} aria-label={text.calendar.removeException(describe(exception))}>
                    {text.calendar.remove}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {remove.error && <ErrorLine error={remove.error} />}
      <AddExceptionForm />
    </>
  );
}

function AddExceptionForm() {
  const text = useText();
  const me = useMe();
  const id = useId();
  const refresh = useRefreshCalendar();
  const add = useMutation({
    mutationFn: (body: Schemas['CreateAvailabilityExceptionDto']) =>
      ok(api.POST('/api/v1/counselors/{counselorId}/availability-exceptions', { params: { path: { counselorId: me.id } }, body })),
    onSuccess: refresh,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const kind = String(form.get('kind')) === 'extra' ? 'extra' : 'leave';
    const mode = String(form.get('mode') ?? '');
    const place = String(form.get('place') ?? '').trim();
    add.mutate({
      kind,
      startsAt: localInputToIso(String(form.get('startsAt'))),
      endsAt: localInputToIso(String(form.get('endsAt'))),
      ...(kind === 'extra' && isMode(mode) ? { mode } : {}),
      ...(kind === 'extra' && place ? { place } : {}),
    });
  }
  return (
    <form className="availability-form" onSubmit={submit} aria-label={text.calendar.addException}>
      <div className="form-grid">
        <div>
          <label htmlFor={`${id}-kind`}>{text.calendar.kind}</label>
          <select id={`${id}-kind`} name="kind" defaultValue="leave">
            <option value="leave">{text.calendar.kinds.leave}</option>
            <option value="extra">{text.calendar.kinds.extra}</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-starts`}>{text.calendar.startsAt}</label>
          <input id={`${id}-starts`} name="startsAt" type="datetime-local" required />
        </div>
        <div>
          <label htmlFor={`${id}-ends`}>{text.calendar.endsAt}</label>
          <input id={`${id}-ends`} name="endsAt" type="datetime-local" required />
        </div>
        <div>
          <label htmlFor={`${id}-mode`}>{text.calendar.modeForExtra}</label>
          <select id={`${id}-mode`} name="mode" defaultValue="">
            <option value="">–</option>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {text.calendar.modes[m]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor={`${id}-place`}>{text.calendar.place}</label>
      <input id={`${id}-place`} name="place" maxLength={200} />
      {add.error && <ErrorLine error={add.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {text.calendar.addException}
        </button>
      </div>
    </form>
  );
}
