import type { FieldChange } from '../ui/ConflictNotice';

/**
 * What differs between the record the user's write was based on and the one now stored, for
 * the conflict notice: each watched field whose shown value changed, in the given order.
 */
export function changesBetween<T>(before: T, after: T, fields: readonly { label: string; show(record: T): string }[]): FieldChange[] {
  return fields.flatMap(({ label, show }) => {
    const from = show(before);
    const to = show(after);
    return from === to ? [] : [{ field: label, from, to }];
  });
}
