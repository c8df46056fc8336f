import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ok, type Schemas } from '../api/client';
import { useLanguage, useText } from '../i18n/language';
import { ErrorLine, QueryState } from '../ui/QueryState';
import { localInputToIso, toLocalInput } from './progress';
import { useMe } from '../auth/me';
import { classesQuery, counselorsQuery, instrumentsQuery, SCREENING } from './queries';

const DAY = 24 * 60 * 60_000;

/** A draft campaign: its name, window, classes and instruments; opening it is a separate, deliberate step. */
export function CreateCampaignForm({ onCancel }: { onCancel(): void }) {
  const text = useText();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const classes = useQuery(classesQuery);
  const instruments = useQuery(instrumentsQuery);
  const me = useMe();
  // The team sees the answers: the creator is on it, others only when named.
  const counselors = useQuery({ ...counselorsQuery, enabled: me.permissions.includes('counselor_calendar.read') });
  const [missing, setMissing] = useState<string | null>(null);
  const [defaults] = useState(() => ({ opensAt: toLocalInput(new Date()), closesAt: toLocalInput(new Date(Date.now() + 7 * DAY)) }));
  const create = useMutation({
    mutationFn: (body: Schemas['CreateCampaignDto']) => ok(api.POST('/api/v1/screening-campaigns', { body })),
    onSuccess: async (campaign) => {
      await queryClient.invalidateQueries({ queryKey: [SCREENING, 'campaigns'] });
      // ok() answers only with data; the generated type still allows none.
      if (campaign) void navigate(`/screening/${campaign.id}`);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const classIds = form.getAll('classIds').map(String);
    const instrumentIds = form.getAll('instrumentIds').map(String);
    const counselorIds = form.getAll('counselorIds').map(String);
    if (classIds.length === 0) return setMissing(text.screening.chooseClass);
    if (instrumentIds.length === 0) return setMissing(text.screening.chooseInstrument);
    setMissing(null);
    const consentTextEn = String(form.get('consentTextEn') ?? '').trim();
    create.mutate({
      name: String(form.get('name') ?? '').trim(),
      opensAt: localInputToIso(String(form.get('opensAt'))),
      closesAt: localInputToIso(String(form.get('closesAt'))),
      classIds,
      instrumentIds,
      consentTextZh: String(form.get('consentTextZh') ?? '').trim(),
      ...(consentTextEn ? { consentTextEn } : {}),
      ...(counselorIds.length ? { counselorIds } : {}),
    });
  }

  return (
    <form onSubmit={submit} aria-labelledby="create-campaign-title">
      <label htmlFor={`${id}-name`}>{text.screening.name}</label>
      <input id={`${id}-name`} name="name" required maxLength={200} />
      <div className="campaign-window">
        <div>
          <label htmlFor={`${id}-opens`}>{text.screening.opensAt}</label>
          <input id={`${id}-opens`} name="opensAt" type="datetime-local" required defaultValue={defaults.opensAt} />
        </div>
        <div>
          <label htmlFor={`${id}-closes`}>{text.screening.closesAt}</label>
          <input id={`${id}-closes`} name="closesAt" type="datetime-local" required defaultValue={defaults.closesAt} />
        </div>
      </div>
      <fieldset>
        <legend>{text.screening.classes}</legend>
        <QueryState query={classes}>
          {(page) => (
            <>
              {page.items.map((schoolClass) => (
                <label key={schoolClass.id} className="choice">
                  <input type="checkbox" name="classIds" value={schoolClass.id} />
                  {schoolClass.gradeName} {schoolClass.name}
                </label>
              ))}
            </>
          )}
        </QueryState>
      </fieldset>
      <fieldset>
        <legend>{text.screening.instruments}</legend>
        <QueryState query={instruments}>
          {(page) => (
            <>
              {page.items.map((instrument) => (
                <label key={instrument.id} className="choice">
                  <input type="checkbox" name="instrumentIds" value={instrument.id} />
                  {language === 'zh' ? instrument.nameZh : instrument.nameEn} ({instrument.code.toUpperCase()} v{instrument.version}, {text.screening.items(instrument.itemCount)})
                </label>
              ))}
            </>
          )}
        </QueryState>
      </fieldset>
      {counselors.data && counselors.data.items.some((c) => c.id !== me.id) && (
        <fieldset>
          <legend>{text.screening.teamMembers}</legend>
          {counselors.data.items
            .filter((c) => c.id !== me.id)
            .map((counselor) => (
              <label key={counselor.id} className="choice">
                <input type="checkbox" name="counselorIds" value={counselor.id} />
                {counselor.displayName}
              </label>
            ))}
        </fieldset>
      )}
      <label htmlFor={`${id}-consent-zh`}>{text.screening.consentZh}</label>
      <textarea id={`${id}-consent-zh`} name="consentTextZh" required maxLength={4000} rows={3} defaultValue={text.screening.defaultConsent} />
      <label htmlFor={`${id}-consent-en`}>{text.screening.consentEn}</label>
      <textarea id={`${id}-consent-en`} name="consentTextEn" maxLength={4000} rows={3} />
      {missing && (
        <p className="form-error" role="alert">
          {missing}
        </p>
      )}
      {create.error && <ErrorLine error={create.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {text.screening.create}
        </button>
        <button type="button" onClick={onCancel}>
          {text.common.cancel}
        </button>
      </div>
    </form>
  );
}

