import { RiskLevelChange } from './risk-level-change.entity.js';
import { StudentRisk } from './student-risk.entity.js';

export { RiskLevelChange, StudentRisk };

export const riskEntities = [StudentRisk, RiskLevelChange];
