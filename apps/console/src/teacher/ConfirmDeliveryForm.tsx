import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { studentsOfClassQuery } from './queries';

/**
 * Confirms (or corrects) that an activity reached a class: who was there, who missed it. The
 * inputs are not controlled by the answer, so a stale version (409) keeps what the teacher
 * entered while the delivery reloads; they submit again on the new version.
 */
export function ConfirmDeliveryForm({
  delivery,
  classId,
  onConflict,
  onSaved,
  onCancel,
}: {
  delivery: Schemas['DeliverySummaryView'];
  classId: string;
  /** Someone else confirmed meanwhile: the form must stay open even though the delivery is no longer planned. */
  onConflict(): void;
  onSaved(): void;
  /** Only a correction can be put away; a delivery waiting for confirmation keeps its form. */
  onCancel?(): void;
}) {
  const text = useText();
  const id = useId();
  const queryClient = useQueryClient();
  const students = useQuery(studentsOfClassQuery(classId));
  const confirm = useMutation({
    mutationFn: (body: Schemas['ConfirmDeliveryDto']) =>
      ok(api.POST('/api/v1/education/deliveries/{deliveryId}/confirmations', { params: { path: { deliveryId: delivery.id } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['education-activities'] });
      await queryClient.invalidateQueries({ queryKey: ['education-catch-ups'] });
      onSaved();
    },
    onError: async (error) => {
      if (!(error instanceof ApiError && error.isVersionConflict)) return;
      onConflict();
      await queryClient.invalidateQueries({ queryKey: ['education-activities'] });
    },
  });
  const conflict = confirm.error instanceof ApiError && confirm.error.isVersionConflict;
  if (!students.data) return <QueryState query={students}>{() => null}</QueryState>;
  const enrolled = students.data.items.filter((s) => s.status === 'enrolled');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get('note') ?? '').trim();
    confirm.mutate({
      version: delivery.version,
      presentCount: Number(form.get('presentCount')),
      missedStudentIds: form.getAll('missed').map(String),
      ...(note ? { note } : {}),
    });
  }

  const title = text.teacher.confirmFor(delivery.className);
  return (
    <form className="inline-form teacher-form" onSubmit={submit} aria-label={title}>
      <h3 className="form-title">{title}</h3>
      {conflict && (
        <div className="notice" role="alert">
          <strong>{text.common.conflictTitle}</strong>
          <p>{text.common.conflictBody}</p>
        </div>
      )}
      <label htmlFor={`${id}-present`}>{text.teacher.presentCount}</label>
      <input id={`${id}-present`} name="presentCount" type="number" inputMode="numeric" min={0} max={10000} required defaultValue={delivery.confirmation?.presentCount ?? enrolled.length} />
      <fieldset>
        <legend>{text.teacher.missedStudents}</legend>
        {enrolled.map((s) => (
          <label key={s.id} className="choice">
            <input type="checkbox" name="missed" value={s.id} />
            {s.name} <span className="muted">{s.studentNumber}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-note`}>{text.teacher.confirmNote}</label>
      <input id={`${id}-note`} name="note" maxLength={500} />
      {confirm.error && !conflict && <ErrorLine error={confirm.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={confirm.isPending}>
          {delivery.confirmation ? text.teacher.correctSubmit : text.teacher.confirmSubmit}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {text.common.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
