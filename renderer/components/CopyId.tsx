import { useState } from 'react';

/**
 * An id (reference, order id, member id) that never wraps mid-token, with a button that copies it. The button
 * says what it copies, and a polite live region confirms it.
 */
export function CopyId({ value, label }: { value: string | null | undefined; label: string }) {
  const [copied, setCopied] = useState(false);
  if (!value) return <span className="hint">—</span>;
  const copy = async () => {
    // The clipboard may be refused (browser policy); the id stays on screen to select by hand.
    const ok = await navigator.clipboard?.writeText(value).then(
      () => true,
      () => false,
    );
    setCopied(Boolean(ok));
    if (ok) setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <span className="copy-id">
      <code className="id" title={value} data-reference="">
        {value}
      </code>
      <button
        type="button"
        className="copy-button"
        aria-label={`Copy ${label} ${value}`}
        onClick={(event) => {
          // A copy inside a clickable row copies; it does not also open the row.
          event.stopPropagation();
          void copy();
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {copied ? `${label} copied` : ''}
      </span>
    </span>
  );
}
