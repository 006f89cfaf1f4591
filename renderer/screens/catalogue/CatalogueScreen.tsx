import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import { FilterBar, InputFilter, SelectFilter, SupplierFilter } from '../../components/FilterBar';
import { useCatalogueStore } from '../../state/catalogue';
import { usePlacementStore } from '../../state/placement';
import { useShellStore } from '../../state/shell';
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
import { Checkbox } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FreshnessNote } from './FreshnessNote';
import { Screen } from '../Screen';

const optionalNumber = (text: string) =>
  text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text);

const NO_RATES = {};

/** The filters chosen from the cards' own values: the criterion, where its choices come from, its words. */
const FACETS = [
  { key: 'category', choices: 'categories', label: 'Category', any: 'Any category' },
  { key: 'country', choices: 'countries', label: 'Country', any: 'Any country' },
  { key: 'currency', choices: 'currencies', label: 'Currency', any: 'Any currency' },
  { key: 'deliveryType', choices: 'deliveryTypes', label: 'Delivery type', any: 'Any delivery' },
] as const satisfies ReadonlyArray<{
  key: keyof CatalogueCriteria;
  choices: keyof ReturnType<typeof facets>;
  label: string;
  any: string;
}>;

/** The gift cards of both suppliers and, beside them, the loyalty programmes points can be transferred to. */
export function CatalogueScreen() {
  return (
    <Screen name="catalogue" title="Catalogue">
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
    </Screen>
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
  return (
    <>
      <ul className="freshness" aria-label="Catalogue freshness">
        {SUPPLIERS.map((supplier) => {
          return (
            <li key={supplier}>
              <FreshnessNote
                name={SUPPLIER_NAMES[supplier]}
                freshness={snapshot?.freshness[supplier]}
                refreshLabel={`Refresh ${SUPPLIER_NAMES[supplier]} catalogue`}
                onRefresh={() => void refresh(supplier)}
              />
            </li>
          );
        })}
      </ul>
      <ErrorBanner error={error} />
      <FilterBar label="Filters">
        <InputFilter
          label="Search cards"
          search
          value={criteria.text}
          placeholder="Name, brand or id"
          onChange={(text) => set({ text })}
        />
        <SupplierFilter
          value={criteria.supplier}
          any="Both suppliers"
          onChange={(supplier) => set({ supplier })}
        />
        {FACETS.map(({ key, choices: from, label, any }) => (
          <SelectFilter
            key={key}
            label={label}
            value={criteria[key]}
            options={choices[from]}
            any={any}
            onChange={(value) => set({ [key]: value })}
          />
        ))}
        <InputFilter
          label="Value from"
          narrow
          inputMode="decimal"
          value={range.min}
          onChange={(min) => setRange((r) => ({ ...r, min }))}
        />
        <InputFilter
          label="Value to"
          narrow
          inputMode="decimal"
          value={range.max}
          onChange={(max) => setRange((r) => ({ ...r, max }))}
        />
        <Checkbox
          label="Show withdrawn"
          checked={criteria.showUnavailable}
          onChange={(showUnavailable) => set({ showUnavailable })}
        />
      </FilterBar>
      <p role="status" aria-label="Catalogue count" className="list-count">
        {snapshot ? `${shown.length.toLocaleString()} of ${rows.length.toLocaleString()} cards` : 'Loading…'}
      </p>
      <div className={open ? 'list-layout with-detail' : 'list-layout'}>
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
