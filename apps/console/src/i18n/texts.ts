/** The English side of a section has the Chinese side's shape: every key, the same arguments. */
export type Texts<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends (...args: infer A) => string ? (...args: A) => string : Texts<T[K]>;
};

/** One section of the dictionary: Simplified Chinese first, English beside it. */
export function bilingual<T>(zh: T & Texts<T>, en: Texts<T>): { zh: Texts<T>; en: Texts<T> } {
  return { zh, en };
}
