import { useEffect } from 'react';
import type { AuditFilter } from '../../../shared/audit';
import {
  DayFilter,
  FilterBar,
  InputFilter,
  ListToolbar,
  SelectFilter,
  useStoredFilter,
} from '../../components/FilterBar';
import { localDayStart } from '../../days';
import { formatWhen } from '../../format';
import { useAuditStore } from '../../state/audit';
import { DataTable, rowFocus } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

/** Who did what, when: the audit log with filters by agent, action, reference and date, and its export. */
export function AuditScreen() {
  const { filter, entries, page, exported, error, load, more, exportCsv } = useAuditStore();
  const { change, text, setText } = useStoredFilter<AuditFilter>(filter, load, 'subject');
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Screen name="audit" title="Audit log">
      <p className="hint">
        Every manual action with the agent’s name, newest first. The log cannot be edited.
      </p>
      <ErrorBanner error={error} />
      <FilterBar label="Filter the audit log" search>
        <InputFilter label="Reference or subject" search value={text} spellCheck={false} onChange={setText} />
        <SelectFilter
          label="Agent"
          value={filter.agent}
          options={page?.agents ?? []}
          any="Anyone"
          onChange={(agent) => change({ agent })}
        />
        <SelectFilter
          label="Action"
          value={filter.action}
          options={page?.actions ?? []}
          any="Any action"
          onChange={(action) => change({ action })}
        />
        <DayFilter label="From" onChange={(day) => change({ from: localDayStart(day) })} />
        <DayFilter label="To" onChange={(day) => change({ to: localDayStart(day, true) })} />
      </FilterBar>
      <ListToolbar
        countLabel="Audit count"
        count={page ? `${page.total.toLocaleString()} ${page.total === 1 ? 'entry' : 'entries'}` : 'Loading…'}
        canExport={Boolean(page?.total)}
        onExport={() => void exportCsv()}
        exported={exported}
      />
      {entries.length > 0 && (
        <DataTable label="Audit entries" columns={['When', 'Agent', 'Action', 'Subject', 'Details']} rowKeys>
          {entries.map((entry, i) => (
            <tr key={entry.id} {...rowFocus(i)}>
              <td>{formatWhen(entry.at)}</td>
              <td>{entry.agent}</td>
              <td>{entry.action}</td>
              <td>
                <code className="id">{entry.subject ?? '—'}</code>
              </td>
              <td className="audit-details">{entry.details === null ? '' : JSON.stringify(entry.details)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {page && entries.length < page.total && (
        <button type="button" className="button" onClick={() => void more()}>
          Show more ({(page.total - entries.length).toLocaleString()} older)
        </button>
      )}
    </Screen>
  );
}
