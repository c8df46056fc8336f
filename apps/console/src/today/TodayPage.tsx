import { useCan } from '../auth/me';
import { useText } from '../i18n/language';
import { AlertsPanel } from './AlertsPanel';

/** A counselor's day on one page: what needs them first at the top. */
export function TodayPage() {
  const text = useText();
  const can = useCan();
  return (
    <>
      <h1>{text.today.title}</h1>
      {can('alert.read') && <AlertsPanel />}
    </>
  );
}
