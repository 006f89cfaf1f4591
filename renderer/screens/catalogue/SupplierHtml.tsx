import DOMPurify from 'dompurify';
import { useMemo } from 'react';

/**
 * Supplier-written HTML (descriptions, terms), shown as delivered but never executed: DOMPurify keeps the
 * markup and drops scripts, event handlers, forms and frames. The CSP forbids inline script as a second wall.
 */
export function SupplierHtml({ html, label }: { html: string; label: string }) {
  const clean = useMemo(
    () => DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['form', 'style'] }),
    [html],
  );
  if (!clean.trim()) return <p className="hint">No {label.toLowerCase()} from the supplier.</p>;
  return (
    <div
      className="supplier-html"
      aria-label={label}
      role="region"
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}
