import { ConflictProblem, NotFoundProblem } from '#core';
import type { CaseState } from './entities/case.entity.js';

export const caseNotFound = () => new NotFoundProblem('case.not_found', 'No such case');
export const caseVersionConflict = () => new ConflictProblem('case.version_conflict', 'The case changed since you read it; reload and try again');
export const illegalTransition = (from: CaseState, to: string, allowed: readonly string[]) =>
  new ConflictProblem('case.illegal_transition', `A case in state ${from} cannot move to ${to}`, { allowed });
