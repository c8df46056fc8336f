import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';
import { fromLocalInputValue, toLocalInputValue } from './local-time';
import { useIdempotencyKey } from './useIdempotencyKey';

type Reason = Schemas['RequestReason'];
type RequestAnswer = Schemas['TeacherAppointmentView'] | Schemas['CounselorAppointmentView'];

const REASONS: Reason[] = [
  'emotional_wellbeing',
  'peer_relationships',
  'academic_pressure',
  'family_matters',
  'adjustment_to_school',
  'behaviour_in_class',
  'follow_up_of_concern',
  'other',
];
const DAY = 24 * 3600_000;

/** Asks the counselors for a session with a student: a reason category and a time that would suit, as the API asks. */
export function RequestSessionForm({ student, onClose }: { student: Schemas['StudentSummary']; onClose(): void }) {
  const text = useText();
  const can = useCan();
  const id = useId();
  const queryClient = useQueryClient();
  const [now] = useState(() => new Date());
  const [sent, setSent] = useState<RequestAnswer | null>(null);
  const counselors = useQuery({
    queryKey: ['counselors'],
    queryFn: () => ok(api.GET('/api/v1/counselors', { params: { query: { limit: 200 } } })),
    enabled: can('counselor_calendar.read'),
  });
  const idempotency = useIdempotencyKey();
  const request = useMutation({
    mutationFn: (body: Schemas['RequestAppointmentDto']) =>
      ok(api.POST('/api/v1/appointment-requests', { params: { header: { 'Idempotency-Key': idempotency.key } }, body })),
    onError: (error: Error) => idempotency.renewAfter(error),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ['appointments'] });
      if (answer) setSent(answer);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reasonCategory = REASONS.find((r) => r === form.get('reason'));
    const preferredFrom = fromLocalInputValue(String(form.get('from') ?? ''));
    const preferredTo = fromLocalInputValue(String(form.get('to') ?? ''));
    const counselorId = String(form.get('counselor') ?? '');
    if (!reasonCategory || !preferredFrom || !preferredTo) return;
    request.mutate({ studentId: student.id, reasonCategory, preferredFrom, preferredTo, ...(counselorId ? { counselorId } : {}) });
  }

  if (sent) {
    return (
      <div className="inline-form">
        <p className="success" role="status">
          {text.teacher.requestSent(sent.studentName, text.teacher.requestOutcome[sent.status])}
        </p>
        <button type="button" onClick={onClose}>
          {text.common.close}
        </button>
      </div>
    );
  }

  return (
    <form className="inline-form teacher-form" onSubmit={submit} aria-label={text.teacher.requestTitle(student.name)}>
      <h3 className="form-title">{text.teacher.requestTitle(student.name)}</h3>
      <label htmlFor={`${id}-reason`}>{text.teacher.requestReason}</label>
      <select id={`${id}-reason`} name="reason" required defaultValue="">
        <option value="" disabled>
          {text.teacher.choose}
        </option>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {text.teacher.reasons[r]}
          </option>
        ))}
      </select>
      <div className="field-pair">
        <div>
          <label htmlFor={`${id}-from`}>{text.teacher.preferredFrom}</label>
          <input id={`${id}-from`} name="from" type="datetime-local" required defaultValue={toLocalInputValue(new Date(now.getTime() + DAY))} />
        </div>
        <div>
          <label htmlFor={`${id}-to`}>{text.teacher.preferredTo}</label>
          <input id={`${id}-to`} name="to" type="datetime-local" required defaultValue={toLocalInputValue(new Date(now.getTime() + 7 * DAY))} />
        </div>
      </div>
      {counselors.data && counselors.data.items.length > 0 && (
        <>
          <label htmlFor={`${id}-counselor`}>{text.teacher.counselor}</label>
          <select id={`${id}-counselor`} name="counselor" defaultValue="">
            <option value="">{text.teacher.anyCounselor}</option>
            {counselors.data.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
        </>
      )}
      {request.error && <ErrorLine error={request.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={request.isPending}>
          {text.teacher.sendRequest}
        </button>
        <button type="button" onClick={onClose}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}
