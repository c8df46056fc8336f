import type { FieldBinding } from '#crypto';
import type { Answers, InputFlags } from '../scoring/answers.js';

/** Where a response's encrypted answers live: they decrypt only in their own row. */
export const answersBinding = (responseId: string): FieldBinding => ({ table: 'screening_responses', column: 'answers', rowId: responseId });

/** What the encrypted `answers` column holds. */
export interface StoredAnswers {
  answers: Answers;
  flags: InputFlags;
}
