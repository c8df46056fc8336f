import { type ReactNode, useState } from 'react';

/** A button that opens a form in its place; the form gets `close` for when it is done or cancelled. */
export function OpenableForm({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (open) return <>{children(() => setOpen(false))}</>;
  return (
    <div className="actions">
      <button type="button" onClick={() => setOpen(true)}>
        {label}
      </button>
    </div>
  );
}
