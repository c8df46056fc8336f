import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useCan, useMe } from '../auth/me';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { dateTimeText } from '../ui/time';
import { useNow } from '../ui/useNow';
import { ConfirmDeliveryForm } from './ConfirmDeliveryForm';
import { EducationCoverage } from './EducationCoverage';
import { fromLocalInputValue, toLocalInputValue } from './local-time';
import { activitiesOfClassQuery, catchUpsQuery, teacherKeys } from './queries';
import './teacher.css';

type Kind = Schemas['ActivityKind'];
const KINDS: Kind[] = ['class_lesson', 'talk', 'group_activity', 'parent_meeting', 'briefing'];
const HOUR = 3600_000;

/** Safety education of the teacher's classes: plan an activity, confirm each delivery, see who needs a catch-up. */
export function EducationPage() {
  const text = useText();
  const me = useMe();
  const can = useCan();
  return (
    <>
      <h1>{text.teacher.educationTitle}</h1>
      {me.classes.length === 0 && <p className="muted">{text.teacher.noClasses}</p>}
      {me.classes.map((c) => (
        <ClassActivities key={c.id} klass={c} />
      ))}
      <CatchUps />
      {can('education_activity.plan') && me.classes.length > 0 && <PlanActivityForm />}
      {me.classes.length > 0 && <EducationCoverage />}
    </>
  );
}

function PlanActivityForm() {
  const text = useText();
  const me = useMe();
  const { language } = useLanguage();
  const id = useId();
  const queryClient = useQueryClient();
  const [now] = useState(() => new Date());
  const [byGuest, setByGuest] = useState(false);
  const [planned, setPlanned] = useState(false);
  const topics = useQuery({ queryKey: ['education-topics'], queryFn: () => ok(api.GET('/api/v1/education/topics', { params: { query: { limit: 200 } } })) });
  const plan = useMutation({
    mutationFn: (body: Schemas['PlanActivityDto']) => ok(api.POST('/api/v1/education/activities', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['education-activities'] });
      setPlanned(true);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const kind = KINDS.find((k) => k === form.get('kind'));
    const startsAt = fromLocalInputValue(String(form.get('startsAt') ?? ''));
    const endsAt = fromLocalInputValue(String(form.get('endsAt') ?? ''));
    if (!kind || !startsAt || !endsAt) return;
    const guest = String(form.get('guest') ?? '').trim();
    setPlanned(false);
    plan.mutate(
      {
        title: String(form.get('title') ?? '').trim(),
        kind,
        topicIds: form.getAll('topicIds').map(String),
        classIds: [String(form.get('classId') ?? '')],
        startsAt,
        endsAt,
        place: String(form.get('place') ?? '').trim() || null,
        ...(byGuest ? { deliveredByName: guest } : { deliveredByUserId: me.id }),
      },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <section className="panel" aria-labelledby="plan-title">
      <h2 id="plan-title">{text.teacher.planTitle}</h2>
      <form className="teacher-form" onSubmit={submit}>
        <label htmlFor={`${id}-class`}>{text.teacher.forClass}</label>
        <select id={`${id}-class`} name="classId" required>
          {me.classes.map((c) => (
            <option key={c.id} value={c.id}>
              {text.teacher.classLine(c.gradeName, c.name)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-title`}>{text.teacher.activityTitle}</label>
        <input id={`${id}-title`} name="title" required maxLength={200} />
        <label htmlFor={`${id}-kind`}>{text.teacher.activityKind}</label>
        <select id={`${id}-kind`} name="kind" defaultValue="class_lesson">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {text.teacher.kinds[k]}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>{text.teacher.topics}</legend>
          <QueryState query={topics}>
            {(page) => (
              <>
                {page.items
                  .filter((t) => t.active)
                  .map((t) => (
                    <label key={t.id} className="choice">
                      <input type="checkbox" name="topicIds" value={t.id} />
                      <span>
                        {language === 'zh' ? t.nameZh : t.nameEn}
                        {t.requiredBeforeHoliday && <span className="muted"> · {text.teacher.requiredBeforeHoliday}</span>}
                      </span>
                    </label>
                  ))}
              </>
            )}
          </QueryState>
        </fieldset>
        <div className="field-pair">
          <div>
            <label htmlFor={`${id}-starts`}>{text.teacher.startsAt}</label>
            <input id={`${id}-starts`} name="startsAt" type="datetime-local" required defaultValue={toLocalInputValue(new Date(now.getTime() + 24 * HOUR))} />
          </div>
          <div>
            <label htmlFor={`${id}-ends`}>{text.teacher.endsAt}</label>
            <input id={`${id}-ends`} name="endsAt" type="datetime-local" required defaultValue={toLocalInputValue(new Date(now.getTime() + 25 * HOUR))} />
          </div>
        </div>
        <label htmlFor={`${id}-place`}>{text.teacher.place}</label>
        <input id={`${id}-place`} name="place" required maxLength={200} />
        <fieldset>
          <legend>{text.teacher.deliveredBy}</legend>
          <label className="choice">
            <input type="radio" name="by" checked={!byGuest} onChange={() => setByGuest(false)} />
            {text.teacher.deliveredByMe}
          </label>
          <label className="choice">
            <input type="radio" name="by" checked={byGuest} onChange={() => setByGuest(true)} />
            {text.teacher.deliveredByGuest}
          </label>
          {byGuest && (
            <>
              <label htmlFor={`${id}-guest`}>{text.teacher.guestName}</label>
              <input id={`${id}-guest`} name="guest" required maxLength={100} />
            </>
          )}
        </fieldset>
        {plan.error && <ErrorLine error={plan.error} />}
        {planned && (
          <p className="success" role="status">
            {text.teacher.planned}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={plan.isPending}>
            {text.teacher.planSubmit}
          </button>
        </div>
      </form>
    </section>
  );
}

function ClassActivities({ klass }: { klass: Schemas['TaughtClass'] }) {
  const text = useText();
  const activities = useQuery(activitiesOfClassQuery(klass.id));
  const className = text.teacher.classLine(klass.gradeName, klass.name);
  return (
    <section className="panel" aria-labelledby={`activities-${klass.id}`}>
      <h2 id={`activities-${klass.id}`}>
        {text.teacher.activitiesTitle} · {className}
      </h2>
      <QueryState query={activities}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.teacher.noActivities}</p>
          ) : (
            <ul className="cards">
              {page.items.map((a) => (
                <ActivityCard key={a.id} activity={a} classId={klass.id} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function ActivityCard({ activity, classId }: { activity: Schemas['ActivityView']; classId: string }) {
  const text = useText();
  const { language } = useLanguage();
  const can = useCan();
  const now = useNow(60_000);
  const [correcting, setCorrecting] = useState(false);
  const delivery = activity.deliveries.find((d) => d.classId === classId);
  const started = new Date(activity.startsAt).getTime() <= now.getTime();
  const confirmable = delivery !== undefined && delivery.status !== 'cancelled' && activity.status === 'planned' && can('education_delivery.confirm');
  // One form at one place in the tree: it survives the delivery turning "delivered" under it (a 409).
  const formOpen = delivery !== undefined && ((delivery.status === 'planned' && started) || correcting);
  return (
    <li className="card">
      <div className="card-head">
        <span className="card-title">{activity.title}</span>
        {delivery && <span className={`badge delivery-${delivery.status}`}>{text.teacher.deliveryStatus[delivery.status]}</span>}
        {activity.status === 'cancelled' && <span className="badge badge-neutral">{text.teacher.activityCancelled}</span>}
      </div>
      <p className="card-meta">
        <span>{text.teacher.kinds[activity.kind]}</span>
        <span>{dateTimeText(activity.startsAt, language)}</span>
        {activity.place && <span>{activity.place}</span>}
        <span>{activity.deliveredBy.name}</span>
      </p>
      <p className="card-meta">{activity.topics.map((t) => (language === 'zh' ? t.nameZh : t.nameEn)).join('、')}</p>
      {delivery?.confirmation && (
        <p>{text.teacher.confirmed(delivery.confirmation.presentCount, delivery.confirmation.classSize, delivery.confirmation.missedCount)}</p>
      )}
      {delivery && confirmable && delivery.status === 'planned' && !started && <p className="muted">{text.teacher.notStartedYet}</p>}
      {delivery && confirmable && (formOpen ? (
        <ConfirmDeliveryForm
          key={delivery.id}
          delivery={delivery}
          classId={classId}
          onConflict={() => setCorrecting(true)}
          onSaved={() => setCorrecting(false)}
          onCancel={delivery.status === 'delivered' ? () => setCorrecting(false) : undefined}
        />
      ) : (
        delivery.status === 'delivered' && (
          <button type="button" onClick={() => setCorrecting(true)}>
            {text.teacher.correct}
          </button>
        )
      ))}
    </li>
  );
}

function CatchUps() {
  const text = useText();
  const catchUps = useQuery(catchUpsQuery);
  return (
    <section className="panel" aria-labelledby="catch-ups-title">
      <h2 id="catch-ups-title">{text.teacher.catchUpsTitle}</h2>
      <QueryState query={catchUps}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{text.teacher.noCatchUps}</p>
          ) : (
            <ul className="cards">
              {page.items.map((c) => (
                <CatchUpCard key={c.id} catchUp={c} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function CatchUpCard({ catchUp }: { catchUp: Schemas['CatchUpView'] }) {
  const text = useText();
  const can = useCan();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/education/catch-ups/{catchUpId}/complete', { params: { path: { catchUpId: catchUp.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teacherKeys.catchUps }),
  });
  return (
    <li className="card">
      <div className="card-head">
        <span className="card-title">{catchUp.student.name}</span>
        <span className="muted">
          {catchUp.student.studentNumber} · {catchUp.student.className}
        </span>
      </div>
      <p className="card-meta">{text.teacher.catchUpOf(catchUp.activity.title)}</p>
      {complete.error && <ErrorLine error={complete.error} />}
      {can('education_delivery.confirm') && (
        <button type="button" onClick={() => complete.mutate()} disabled={complete.isPending}>
          {text.teacher.completeCatchUp(catchUp.student.name)}
        </button>
      )}
    </li>
  );
}
