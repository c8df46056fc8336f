import type { Schemas } from '../api/client';
import { useText } from '../i18n/language';

const RISK_BADGE: Record<Schemas['CaseRiskLevel'], string> = { critical: 'badge-critical', high: 'badge-high', moderate: 'badge-moderate', low: 'badge-neutral' };

export function RiskBadge({ risk }: { risk: Schemas['CaseRiskLevel'] }) {
  const text = useText();
  return <span className={`badge ${RISK_BADGE[risk]}`}>{text.cases.risk[risk]}</span>;
}

export function StateBadge({ state }: { state: Schemas['CaseState'] }) {
  const text = useText();
  return <span className="badge badge-neutral">{text.cases.state[state]}</span>;
}
