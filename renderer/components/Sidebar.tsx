import type { KeyboardEvent } from 'react';
import { formatDateTime, formatRelative } from '../../shared/format';
import { QUEUES, QUEUE_LABELS, type QueueId } from '../../shared/queues';
import { useNow } from '../hooks';
import { SCREENS, type ScreenId } from '../screens/screen-list';
import { useQueuesStore } from '../state/queues';
import { useScheduleStore } from '../state/schedule';

interface SidebarProps {
  current: ScreenId;
  onSelect(screen: ScreenId): void;
}

/** Screen navigation: Tab reaches it, arrow keys move between screens, Enter/Space opens one. */
export function Sidebar({ current, onSelect }: SidebarProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = SCREENS[(index + step + SCREENS.length) % SCREENS.length]!;
    const button = event.currentTarget
      .closest('ul')
      ?.querySelector<HTMLButtonElement>(`[data-screen="${next.id}"]`);
    button?.focus();
  };
  return (
    <>
      <nav className="sidebar" aria-label="Screens">
        <ul>
          {SCREENS.map((screen, index) => (
            <li key={screen.id}>
              <button
                type="button"
                data-screen={screen.id}
                aria-current={screen.id === current ? 'page' : undefined}
                onClick={() => onSelect(screen.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                {screen.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <QueueCounts current={current} onSelect={onSelect} />
      <SyncStatus />
    </>
  );
}

/** Each work queue with its count, most urgent first; one press opens it. */
function QueueCounts({ current, onSelect }: SidebarProps) {
  const { summary, queue, open } = useQueuesStore();
  const go = (id: QueueId) => {
    void open(id);
    onSelect('queues');
  };
  return (
    <nav className="queue-counts" aria-label="Work queues">
      <ul>
        {QUEUES.map((id) => {
          const count = summary?.counts[id];
          return (
            <li key={id}>
              <button
                type="button"
                aria-current={current === 'queues' && queue === id ? 'true' : undefined}
                onClick={() => go(id)}
              >
                <span>{QUEUE_LABELS[id]}</span>
                <span className={count ? `queue-count queue-${id}` : 'queue-count queue-empty'}>
                  {count === undefined ? '…' : count.toLocaleString()}
                  <span className="visually-hidden">
                    {count === undefined ? ' not counted yet' : count === 1 ? ' item' : ' items'}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The background history sync: when it runs next (or that it is paused), how it last went, and its switch. */
function SyncStatus() {
  const { status, error, pause, resume } = useScheduleStore();
  const now = useNow();
  if (!status) return null;
  const last = status.lastRun;
  return (
    <section className="sync-status" aria-label="Background sync">
      <p>
        <strong>Background sync</strong>{' '}
        {status.running
          ? 'running now'
          : status.paused
            ? `paused by ${status.paused.by}`
            : status.nextRunAt
              ? `next ${formatRelative(status.nextRunAt, now)}`
              : 'waiting'}
      </p>
      {last && (
        <p className="hint" title={formatDateTime(last.finishedAt ?? last.startedAt)}>
          Last: {last.outcome === 'failed' ? 'failed' : last.outcome === 'skipped' ? 'skipped' : 'done'}{' '}
          {formatRelative(last.finishedAt ?? last.startedAt, now)}. {last.detail}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <button
        type="button"
        className="button button-small"
        onClick={() => void (status.paused ? resume() : pause())}
      >
        {status.paused ? 'Resume background sync' : 'Pause background sync'}
      </button>
    </section>
  );
}
