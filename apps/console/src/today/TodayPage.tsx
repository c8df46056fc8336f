import { useCan } from '../auth/me';
import { NewFlagsPanel } from '../flags/NewFlagsPanel';
import { useText } from '../i18n/language';
import { RemindersSummary } from '../reminders/RemindersSummary';
import { AlertsPanel } from './AlertsPanel';
import { CasesNeedingMePanel } from './CasesNeedingMePanel';
import { TodaySessionsPanel } from './TodaySessionsPanel';
import './today.css';

/**
 * A counselor's day on one page, most urgent first: alerts (always first, on a phone too), new
 * concern flags to triage, the cases waiting on me, then today's sessions and my reminders. Each panel only with its permission.
 */
export function TodayPage() {
  const text = useText();
  const can = useCan();
  return (
    <>
      <h1>{text.today.title}</h1>
      <div className="today-grid">
        <div className="today-column">
          {can('alert.read') && <AlertsPanel />}
          {can('concern_flag.triage') && <NewFlagsPanel />}
          {can('case.read') && <CasesNeedingMePanel />}
        </div>
        <div className="today-column">
          {can('appointment.read') && <TodaySessionsPanel />}
          {can('reminder.work') && <RemindersSummary headingId="today-reminders-title" />}
        </div>
      </div>
    </>
  );
}
