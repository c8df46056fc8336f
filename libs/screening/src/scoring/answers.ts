/** A yes/no item is answered `true`/`false`; a choice item with an option's integer value. */
export type AnswerValue = number | boolean;

/** One student's answers, keyed by item (`item1` ...). Only items that were asked are present. */
export type Answers = Readonly<Record<string, AnswerValue>>;

/** Input flags given with the answers (`asksForCounseling`); a missing flag means no. */
export type InputFlags = Readonly<Record<string, boolean>>;

/** An own property only: answers come from JSON, and `toString` is no item. */
export function answerOf(answers: Answers, item: string): AnswerValue | undefined {
  return Object.hasOwn(answers, item) ? answers[item] : undefined;
}
