import { formatDateTime } from '../../shared/format';

export interface TimelineEntry {
  at: string;
  message: string;
  httpStatus: number | null;
  supplierCode: string | null;
  requestId: string | null;
  /** The send attempt the step belongs to, where there is one. */
  attempt?: number;
}

/** What happened to an order, oldest first, with the facts support asks for under each step. */
export function Timeline({ label, entries }: { label: string; entries: TimelineEntry[] }) {
  return (
    <ol className="timeline" aria-label={label}>
      {entries.map((event, i) => (
        <li key={i}>
          {/* Seconds matter: a placement's steps are often seconds apart. */}
          <time dateTime={event.at}>{formatDateTime(event.at, undefined, undefined, { seconds: true })}</time>
          <span className="timeline-message">{event.message}</span>
          <span className="hint">
            {[
              event.attempt !== undefined && event.attempt > 0 && `attempt ${event.attempt}`,
              event.httpStatus !== null && `HTTP ${event.httpStatus}`,
              event.supplierCode && `code ${event.supplierCode}`,
              event.requestId && `request ${event.requestId}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ol>
  );
}
