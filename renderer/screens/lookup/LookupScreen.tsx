import { useEffect, useRef, useState } from 'react';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import type { LookupReply } from '../../../shared/lookup';
import { useLookupStore } from '../../state/lookup';
import { usePlacementStore } from '../../state/placement';
import { useShellStore } from '../../state/shell';
import { LookupDetail } from './LookupDetail';
import { freshness } from './lookup-format';
import { SearchForm } from '../../components/SearchForm';
import { Checkbox } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';
import { ListEntry } from '../../components/ListEntry';

const LIVE_WORDS: Record<LookupReply['live']['ascenda']['outcome'], string> = {
  found: 'found',
  not_found: 'not found',
  offline: 'could not be searched',
  not_searched: 'searching…',
  email: 'not searched by email',
};

/** "My gift card never arrived": find the order by whatever the member or client system has, and say what to do. */
export function LookupScreen() {
  const { query, reply, searchingLive, selectedKey, error, arrived, search, select } = useLookupStore();
  const selected = reply?.results.find((r) => r.key === selectedKey) ?? null;
  const results = useRef<HTMLDivElement>(null);
  // A look-up answered (typed here or from the palette): the work continues on its results.
  useEffect(() => {
    if (arrived === 0) return;
    const target =
      results.current?.querySelector<HTMLElement>('[aria-pressed="true"]') ??
      results.current?.querySelector<HTMLElement>('[data-focus-target]');
    target?.focus();
  }, [arrived]);

  return (
    <Screen name="lookup" title="Lookup">
      {/* Keyed by the query: a search started from the palette shows its text here. */}
      <LookupForm key={query} initial={query} onSearch={(text) => void search(text)} />
      <ErrorBanner error={error} />
      {reply && (
        <div ref={results}>
          <p
            className="lookup-status"
            role="status"
            aria-label="Where the desk looked"
            data-focus-target
            tabIndex={-1}
          >
            {reply.results.length} {reply.results.length === 1 ? 'result' : 'results'} for “{reply.query}” ·
            cache and journal searched
            {SUPPLIERS.map((s) => (
              <span key={s}>
                {' '}
                · {SUPPLIER_NAMES[s]}:{' '}
                {searchingLive && reply.live[s].outcome === 'not_searched'
                  ? 'searching…'
                  : LIVE_WORDS[reply.live[s].outcome]}
                {reply.live[s].outcome === 'offline' ? ` (${reply.live[s].detail})` : ''}
              </span>
            ))}
          </p>
          {reply.results.length === 0 && !searchingLive && <NotFound reply={reply} />}
          {reply.results.length > 0 && (
            <div className="lookup-layout">
              <ul className="lookup-results" aria-label="Results">
                {reply.results.map((r) => (
                  <ListEntry
                    key={r.key}
                    reference={r.reference}
                    tone={r.recommendation.tone}
                    status={r.recommendation.title}
                    selected={r.key === selectedKey}
                    onSelect={() => select(r.key)}
                  >
                    {SUPPLIER_NAMES[r.supplier]} · {r.match === 'exact' ? 'exact match' : 'starts with'} ·{' '}
                    {r.archived ? `archived profile ${r.archived.profileName} · ` : ''}
                    {freshness(r)}
                  </ListEntry>
                ))}
              </ul>
              {selected && <LookupDetail result={selected} />}
            </div>
          )}
        </div>
      )}
    </Screen>
  );
}

/**
 * "Not found anywhere" only when main says so: a plausible reference (1–64 printable characters, no spaces,
 * not an email) that both suppliers answered "not found" to. Near matches come first, and the agent ticks
 * that the reference was copied from the client system before the desk offers to place it.
 */
function NotFound({ reply }: { reply: LookupReply }) {
  const setScreen = useShellStore((s) => s.setScreen);
  const prefill = usePlacementStore((s) => s.prefill);
  const [copied, setCopied] = useState(false);
  const [notNear, setNotNear] = useState(false);
  if (reply.referenceProblem) {
    return (
      <div className="recommendation tone-busy" role="status" aria-label="Recommended action">
        <p className="recommendation-title">Not in the cache or the desk’s journal</p>
        <p>
          “{reply.query}” cannot be a reference: {reply.referenceProblem} Check what the member or the client
          system gave you.
        </p>
        <NearMatches reply={reply} />
      </div>
    );
  }
  const unsure = SUPPLIERS.filter((s) => reply.live[s].outcome !== 'not_found');
  if (!reply.notFoundAnywhere || unsure.length > 0) {
    return (
      <div className="recommendation tone-busy" role="status" aria-label="Recommended action">
        <p className="recommendation-title">Not in the cache or the desk’s journal</p>
        <p>
          {unsure.map((s) => SUPPLIER_NAMES[s]).join(' and ')} {unsure.length === 1 ? 'was' : 'were'} not
          searched live (
          {unsure.map((s) => reply.live[s].detail ?? LIVE_WORDS[reply.live[s].outcome]).join('; ')}), so it is
          not yet safe to place this again. Try again when the suppliers can be reached.
        </p>
        <NearMatches reply={reply} />
      </div>
    );
  }
  // A reference one or two characters from a known one is most likely a typo: never green, never "safe".
  const near = reply.nearMatches.length > 0;
  const ready = copied && (!near || notNear);
  return (
    <div
      className={`recommendation ${near ? 'tone-busy' : 'tone-ok'}`}
      role="status"
      aria-label="Recommended action"
    >
      <p className="recommendation-title">
        {near
          ? `Not found, but ${reply.nearMatches.length === 1 ? 'a known reference is' : `${reply.nearMatches.length} known references are`} one or two characters away: check for a typo`
          : 'Not found anywhere: neither the desk nor either supplier has it'}
      </p>
      <p>
        Neither the desk nor either supplier has an order with reference “{reply.query}”.{' '}
        {near
          ? 'It is most likely a typo of one below: look that one up first. Place it only if it really is the client system’s own, different reference.'
          : 'Placing it with this same reference cannot make a duplicate, as long as the reference is the client system’s own.'}
      </p>
      <NearMatches reply={reply} />
      <Checkbox
        className="checkbox-row"
        label={`I copied “${reply.query}” from the client system (not typed from memory or from the member)`}
        checked={copied}
        onChange={setCopied}
      />
      {near && (
        <Checkbox
          className="checkbox-row"
          label="It is none of the references above: I compared them character by character"
          checked={notNear}
          onChange={setNotNear}
        />
      )}
      {ready && (
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            prefill(reply.query);
            setScreen('place-order');
          }}
        >
          Place an order with reference {reply.query}
        </button>
      )}
    </div>
  );
}

/** References one or two characters away: the likely target of a typo, each one look-up away. */
function NearMatches({ reply }: { reply: LookupReply }) {
  const search = useLookupStore((s) => s.search);
  if (reply.nearMatches.length === 0) return null;
  return (
    <div className="near-matches">
      <p>
        <strong>Did you mean one of these?</strong> The desk has references close to “{reply.query}”:
      </p>
      <ul aria-label="Near matches">
        {reply.nearMatches.map((m) => (
          <li key={`${m.source}:${m.supplier}:${m.reference}`}>
            <button type="button" className="button button-small" onClick={() => void search(m.reference)}>
              Look up {m.reference}
            </button>{' '}
            <span className="hint">
              {SUPPLIER_NAMES[m.supplier]} ·{' '}
              {m.source === 'journal' ? `desk placement #${m.placementId}` : 'history'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LookupForm({ initial, onSearch }: { initial: string; onSearch(text: string): void }) {
  const [text, setText] = useState(initial);
  return (
    <SearchForm
      name="Look up an order"
      label="Reference, PONumber, supplier order id or recipient email"
      value={text}
      onChange={setText}
      onSubmit={() => text.trim().length >= 2 && onSearch(text.trim())}
      submitLabel="Look up"
      primary
      // The screen exists to type into this box (until a search answers: then its results take focus).
      autoFocus={!initial}
    >
      <p className="hint">Tip: Ctrl+K (⌘K on a Mac) looks up from any screen.</p>
    </SearchForm>
  );
}
