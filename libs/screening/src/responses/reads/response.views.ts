import type { Uuid } from '#core';
import type { InputFlags, Answers } from '../../scoring/answers.js';
import type { ResponseSummary } from './response-read.repository.js';

/** A row of a student's screening results: no answers, nothing a teacher could not be told by a counselor. */
export interface ScreeningResultView extends Omit<ResponseSummary, 'criticalItemsHit' | 'studentId' | 'instrumentNameZh' | 'instrumentNameEn'> {
  /** Whether the answers hit a critical item; which one is for the team to see. */
  critical: boolean;
}

/** The full response, for the campaign's team (or a break-glass grant). */
export interface ResponseDetailView extends ResponseSummary {
  studentName: string;
  className: string;
  /** Who typed the paper form in or imported the file; null for the survey. */
  enteredBy: Uuid | null;
  answers: Answers;
  flags: InputFlags;
}

export function resultViewOf(summary: ResponseSummary): ScreeningResultView {
  const { criticalItemsHit, studentId: _studentId, instrumentNameZh: _zh, instrumentNameEn: _en, ...rest } = summary;
  return { ...rest, critical: criticalItemsHit.length > 0 };
}
