import { useText } from '../i18n/language';
import './ConflictNotice.css';

/** One field someone else changed: its name and both values, already in words. */
export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

/**
 * A stale write (409 `*.version_conflict`): tells the user someone else changed the record,
 * shows what changed, and says their input is kept. The form stays below it for resubmitting.
 */
export function ConflictNotice({ changes }: { changes: FieldChange[] }) {
  const text = useText();
  return (
    <div className="notice conflict-notice" role="alert">
      <p>
        <strong>{text.common.conflictTitle}</strong>
      </p>
      {changes.length > 0 && (
        <ul>
          {changes.map((change) => (
            <li key={change.field}>
              {change.field}: <del>{change.from}</del> → <ins>{change.to}</ins>
            </li>
          ))}
        </ul>
      )}
      <p>{text.common.conflictBody}</p>
    </div>
  );
}
