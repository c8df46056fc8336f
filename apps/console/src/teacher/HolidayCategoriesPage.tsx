import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { useCan, useMe } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateText } from '../ui/time';
import { localDay, nextHoliday } from './local-time';
import { type HolidayRow, holidayRows } from './holiday-rows';
import { categoriesQuery, holidaysQuery, unregisteredQuery } from './queries';
import './teacher.css';

type Whereabouts = Schemas['Whereabouts'];
type Holiday = Schemas['HolidayView'];
const WHEREABOUTS: Whereabouts[] = ['at_home', 'on_campus', 'internship', 'international_staying', 'other'];

/** Where each student of the teacher's classes will be over a holiday, and who is still unregistered. */
export function HolidayCategoriesPage() {
  const text = useText();
  const me = useMe();
  const holidays = useQuery(holidaysQuery);
  const [chosenId, setChosenId] = useState('');
  const id = useId();
  return (
    <>
      <h1>{text.teacher.holidayTitle}</h1>
      <QueryState query={holidays}>
        {(page) => {
          const today = localDay(new Date());
          const coming = page.items.filter((h) => h.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
          const holiday = coming.find((h) => h.id === chosenId) ?? nextHoliday(page.items, today);
          if (!holiday) return <p className="muted">{text.teacher.noHoliday}</p>;
          return (
            <>
              <HolidayChoice id={id} holidays={coming} value={holiday.id} onChange={setChosenId} />
              {me.classes.length === 0 && <p className="muted">{text.teacher.noClasses}</p>}
              {me.classes.map((c) => (
                <ClassCategories key={`${holiday.id}-${c.id}`} holiday={holiday} klass={c} />
              ))}
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function HolidayChoice({ id, holidays, value, onChange }: { id: string; holidays: Holiday[]; value: string; onChange(id: string): void }) {
  const text = useText();
  const { language } = useLanguage();
  return (
    <div className="panel">
      <label htmlFor={`${id}-holiday`}>{text.teacher.holiday}</label>
      <select id={`${id}-holiday`} value={value} onChange={(event) => onChange(event.target.value)}>
        {holidays.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name} ({text.teacher.holidayRange(dateText(h.startsOn, language), dateText(h.endsOn, language))})
          </option>
        ))}
      </select>
    </div>
  );
}

function ClassCategories({ holiday, klass }: { holiday: Holiday; klass: Schemas['TaughtClass'] }) {
  const text = useText();
  const unregistered = useQuery(unregisteredQuery(holiday.id, klass.id));
  const registered = useQuery(categoriesQuery(holiday.id, klass.id));
  const className = text.teacher.classLine(klass.gradeName, klass.name);
  const both = unregistered.data && registered.data ? { unregistered: unregistered.data.items, registered: registered.data.items } : undefined;
  const failed = unregistered.error ? unregistered : registered;
  return (
    <section className="panel" aria-labelledby={`holiday-${klass.id}`}>
      <QueryState query={{ data: both, error: failed.error, refetch: failed.refetch }}>
        {(lists) => (
          <>
            <h2 id={`holiday-${klass.id}`}>
              {lists.unregistered.length === 0 ? text.teacher.allRegistered(className) : text.teacher.unregisteredTitle(className, lists.unregistered.length)}
            </h2>
            <ul className="cards">
              {holidayRows(lists.unregistered, lists.registered).map((row) => (
                <StudentCategory key={row.studentId} holidayId={holiday.id} row={row} />
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </section>
  );
}

type Row = HolidayRow<Schemas['HolidayCategoryView']>;

function StudentCategory({ holidayId, row }: { holidayId: string; row: Row }) {
  const text = useText();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const current = row.registration;
  return (
    <li className="card">
      <div className="card-head">
        <span className="card-title">{row.studentName}</span>
        <span className="muted">{row.studentNumber}</span>
        {!current && <span className="badge badge-high">{text.teacher.notRegistered}</span>}
      </div>
      {current && (
        <p className="card-meta">
          <span>{text.teacher.registeredAs(text.teacher.whereaboutsValues[current.whereabouts], current.contactPhone)}</span>
          <span>{current.guardianConfirmed ? text.teacher.guardianYes : text.teacher.guardianNo}</span>
          {current.disasterAffected && <span>{text.teacher.disasterYes}</span>}
          {current.employer && <span>{current.employer}</span>}
          {current.place && <span>{current.place}</span>}
          {current.description && <span>{current.description}</span>}
        </p>
      )}
      {can('holiday_category.register') &&
        (editing ? (
          <CategoryForm holidayId={holidayId} row={row} onDone={() => setEditing(false)} />
        ) : (
          <button type="button" onClick={() => setEditing(true)}>
            {current ? text.teacher.change(row.studentName) : text.teacher.register(row.studentName)}
          </button>
        ))}
    </li>
  );
}

/** Registers a student, or replaces their registration on the version shown; a 409 keeps the form and reloads. */
function CategoryForm({ holidayId, row, onDone }: { holidayId: string; row: Row; onDone(): void }) {
  const { studentId, studentName, registration: current } = row;
  const text = useText();
  const id = useId();
  const queryClient = useQueryClient();
  const [whereabouts, setWhereabouts] = useState<Whereabouts>(current?.whereabouts ?? 'at_home');
  const save = useMutation({
    mutationFn: (body: Schemas['PutHolidayCategoryDto']) =>
      ok(api.PUT('/api/v1/calendar/holidays/{holidayId}/categories/{studentId}', { params: { path: { holidayId, studentId } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['holiday-categories', holidayId] });
      onDone();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: ['holiday-categories', holidayId] });
    },
  });
  const conflict = save.error instanceof ApiError && save.error.isVersionConflict;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate({
      ...(current ? { version: current.version } : {}),
      whereabouts,
      ...(whereabouts === 'internship' ? { employer: value('employer'), place: value('place') } : {}),
      ...(whereabouts === 'other' ? { description: value('description') } : {}),
      contactPhone: value('contactPhone'),
      guardianConfirmed: form.get('guardianConfirmed') === 'on',
      disasterAffected: form.get('disasterAffected') === 'on',
    });
  }

  return (
    <form className="inline-form teacher-form" onSubmit={submit} aria-label={text.teacher.registerTitle(studentName)}>
      {conflict && (
        <div className="notice" role="alert">
          <strong>{text.common.conflictTitle}</strong>
          <p>{text.common.conflictBody}</p>
        </div>
      )}
      <label htmlFor={`${id}-where`}>{text.teacher.whereabouts}</label>
      <select id={`${id}-where`} value={whereabouts} onChange={(event) => setWhereabouts(WHEREABOUTS.find((w) => w === event.target.value) ?? 'at_home')}>
        {WHEREABOUTS.map((w) => (
          <option key={w} value={w}>
            {text.teacher.whereaboutsValues[w]}
          </option>
        ))}
      </select>
      {whereabouts === 'internship' && (
        <>
          <label htmlFor={`${id}-employer`}>{text.teacher.employer}</label>
          <input id={`${id}-employer`} name="employer" required maxLength={200} defaultValue={current?.employer ?? ''} />
          <label htmlFor={`${id}-place`}>{text.teacher.internshipPlace}</label>
          <input id={`${id}-place`} name="place" required maxLength={200} defaultValue={current?.place ?? ''} />
        </>
      )}
      {whereabouts === 'other' && (
        <>
          <label htmlFor={`${id}-description`}>{text.teacher.otherDescription}</label>
          <input id={`${id}-description`} name="description" required maxLength={200} defaultValue={current?.description ?? ''} />
        </>
      )}
      <label htmlFor={`${id}-phone`}>{text.teacher.contactPhone}</label>
      <input id={`${id}-phone`} name="contactPhone" type="tel" autoComplete="off" required maxLength={30} defaultValue={current?.contactPhone ?? ''} />
      <label className="choice">
        <input type="checkbox" name="guardianConfirmed" defaultChecked={current?.guardianConfirmed ?? false} />
        {text.teacher.guardianConfirmed}
      </label>
      <label className="choice">
        <input type="checkbox" name="disasterAffected" defaultChecked={current?.disasterAffected ?? false} />
        {text.teacher.disasterAffected}
      </label>
      {save.error && !conflict && <ErrorLine error={save.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {text.teacher.saveCategory}
        </button>
        <button type="button" onClick={onDone}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}
