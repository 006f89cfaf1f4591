import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { SUPPLIERS, SUPPLIER_NAMES, type Supplier } from '../../../shared/domain';
import { useCatalogueStore } from '../../state/catalogue';
import { usePlacementStore } from '../../state/placement';
import { useShellStore } from '../../state/shell';
import { ago } from '../lookup/lookup-format';
import {
  facets,
  filterRows,
  toRows,
  type CatalogueCriteria,
  type CatalogueRow,
  type CatalogueSort,
} from './catalogue-filter';
import { CatalogueDetail } from './CatalogueDetail';
import { CatalogueTable } from './CatalogueTable';
import { ProgramsPanel } from './ProgramsPanel';

const optionalNumber = (text: string) =>
  text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text);

const NO_RATES = {};

/** The gift cards of both suppliers and, beside them, the loyalty programmes points can be transferred to. */
export function CatalogueScreen() {
  return (
    <section className="screen catalogue" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        Catalogue
      </h1>
      <Tabs className="tabs">
        <TabList aria-label="What to browse" className="tab-list">
          <Tab id="cards" className="tab">
            Gift cards
          </Tab>
          <Tab id="programs" className="tab">
            Loyalty programmes
          </Tab>
        </TabList>
        <TabPanel id="cards">
          <GiftCards />
        </TabPanel>
        <TabPanel id="programs">
          <ProgramsPanel />
        </TabPanel>
      </Tabs>
    </section>
  );
}

/** Both catalogues from the cache: filter as you type, open a card as delivered, order it. */
function GiftCards() {
  const { snapshot, error, load, refresh } = useCatalogueStore();
  const rates = useShellStore((s) => s.info?.activeProfile.pointRates ?? NO_RATES);
  const setScreen = useShellStore((s) => s.setScreen);
  const preselect = usePlacementStore((s) => s.preselect);
  const [criteria, setCriteria] = useState<CatalogueCriteria>({ text: '', showUnavailable: false });
  const [range, setRange] = useState({ min: '', max: '' });
  const [sort, setSort] = useState<CatalogueSort>({ column: 'name', direction: 'asc' });
  const [open, setOpen] = useState<CatalogueRow | null>(null);
  const ids = {
    text: useId(),
    supplier: useId(),
    category: useId(),
    country: useId(),
    currency: useId(),
    delivery: useId(),
    min: useId(),
    max: useId(),
  };
  useEffect(() => {
    void load();
  }, [load]);

  const rows = useMemo(() => toRows(snapshot?.entries ?? []), [snapshot]);
  const choices = useMemo(() => facets(rows), [rows]);
  // Typing stays responsive: the filter runs on the deferred value, React keeps the input first.
  const deferred = useDeferredValue(criteria);
  const bounds = useMemo(
    () => ({ minValue: optionalNumber(range.min), maxValue: optionalNumber(range.max) }),
    [range],
  );
  const shown = useMemo(
    () => filterRows(rows, { ...deferred, ...bounds }, sort),
    [rows, deferred, bounds, sort],
  );
  const set = (next: Partial<CatalogueCriteria>) => setCriteria((c) => ({ ...c, ...next }));
  const select = (
    id: string,
    label: string,
    value: string | undefined,
    options: Array<string | [value: string, label: string]>,
    onChange: (v?: string) => void,
    all: string,
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{all}</option>
        {options.map((o) => {
          const [optionValue, optionLabel] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={optionValue} value={optionValue}>
              {optionLabel}
            </option>
          );
        })}
      </select>
    </div>
  );

  return (
    <>
      <ul className="freshness" aria-label="Catalogue freshness">
        {SUPPLIERS.map((supplier) => {
          const f = snapshot?.freshness[supplier];
          return (
            <li key={supplier}>
              <strong>{SUPPLIER_NAMES[supplier]}</strong>:{' '}
              {!f ? 'loading…' : f.fetchedAt ? `fetched ${ago(f.fetchedAt)}` : 'never fetched'}
              {f?.stale && f.fetchedAt && ' (stale: refetching)'}
              {f?.refreshing && ' · refreshing…'}
              {f?.error && <span className="form-error"> · last refresh failed: {f.error}</span>}{' '}
              <button
                type="button"
                className="button"
                disabled={f?.refreshing}
                onClick={() => void refresh(supplier)}
                aria-label={`Refresh ${SUPPLIER_NAMES[supplier]} catalogue`}
              >
                Refresh
              </button>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="history-filters" role="group" aria-label="Filters">
        <div className="field field-search">
          <label htmlFor={ids.text}>Search cards</label>
          <input
            id={ids.text}
            type="search"
            data-search
            value={criteria.text}
            placeholder="Name, brand or id"
            onChange={(e) => set({ text: e.target.value })}
          />
        </div>
        {select(
          ids.supplier,
          'Supplier',
          criteria.supplier,
          SUPPLIERS.map((s): [string, string] => [s, SUPPLIER_NAMES[s]]),
          (v) => set({ supplier: v as Supplier | undefined }),
          'Both suppliers',
        )}
        {select(
          ids.category,
          'Category',
          criteria.category,
          choices.categories,
          (v) => set({ category: v }),
          'Any category',
        )}
        {select(
          ids.country,
          'Country',
          criteria.country,
          choices.countries,
          (v) => set({ country: v }),
          'Any country',
        )}
        {select(
          ids.currency,
          'Currency',
          criteria.currency,
          choices.currencies,
          (v) => set({ currency: v }),
          'Any currency',
        )}
        {select(
          ids.delivery,
          'Delivery type',
          criteria.deliveryType,
          choices.deliveryTypes,
          (v) => set({ deliveryType: v }),
          'Any delivery',
        )}
        <div className="field field-narrow">
          <label htmlFor={ids.min}>Value from</label>
          <input
            id={ids.min}
            inputMode="decimal"
            value={range.min}
            onChange={(e) => setRange((r) => ({ ...r, min: e.target.value }))}
          />
        </div>
        <div className="field field-narrow">
          <label htmlFor={ids.max}>Value to</label>
          <input
            id={ids.max}
            inputMode="decimal"
            value={range.max}
            onChange={(e) => setRange((r) => ({ ...r, max: e.target.value }))}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={criteria.showUnavailable}
            onChange={(e) => set({ showUnavailable: e.target.checked })}
          />
          Show withdrawn
        </label>
      </div>
      <p role="status" aria-label="Catalogue count" className="history-count">
        {snapshot ? `${shown.length.toLocaleString()} of ${rows.length.toLocaleString()} cards` : 'Loading…'}
      </p>
      <div className={open ? 'history-layout with-detail' : 'history-layout'}>
        <CatalogueTable
          rows={shown}
          rates={rates}
          sort={sort}
          selectedKey={open?.key ?? null}
          onSort={setSort}
          onOpen={setOpen}
        />
        {open && (
          <CatalogueDetail
            entry={open.entry}
            rates={rates}
            onClose={() => setOpen(null)}
            onPlace={() => {
              preselect(open.entry.item);
              setScreen('place-order');
            }}
          />
        )}
      </div>
    </>
  );
}
