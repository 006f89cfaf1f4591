import type { StatementCache } from './statement-cache';

/**
 * Full-text search over the cached orders, the parts that decide how the index is asked: the query text, a
 * lookup's phrase checked without the index's prefix expansion, a search's matches counted once, and a broad
 * search's date page walked against them. Each answers exactly what the plain query would (test/unit proves it).
 */

/** The words of a search as the index is asked for them: split on spaces, quotes dropped, letters or digits in each. */
function searchWords(search: string | undefined): string[] {
  return (search ?? '')
    .split(/\s+/)
    .map((word) => word.replace(/"/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** Every word must match the start of a word somewhere in the order (FTS5 prefix queries, quoted safely). */
export function ftsQuery(search: string | undefined): string | null {
  const terms = searchWords(search);
  return terms.length === 0 ? null : terms.map((word) => `"${word}"*`).join(' ');
}

/**
 * The index's tokens of a text, when they can be worked out here exactly: the unicode61 tokenizer splits ASCII
 * on everything but letters and digits and folds only case there. Beyond ASCII only the middle dot between a
 * recipient's name and address is known (a separator); any other character answers null.
 */
function asciiTokens(text: string): string[] | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f && code !== 0xb7) return null;
  }
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Whether `tokens` holds the phrase: `whole` in a row, then a token starting with `last`. */
function holdsPhrase(tokens: string[], whole: string[], last: string): boolean {
  for (let i = 0; i + whole.length < tokens.length; i++) {
    if (whole.every((token, k) => tokens[i + k] === token) && tokens[i + whole.length]!.startsWith(last))
      return true;
  }
  return false;
}

/** Candidates a lookup checks itself before it leaves the phrase to the index. */
const PHRASE_CANDIDATES = 64;

/**
 * A search alone is counted exactly up to this many matches past the page asked for; above it the page says
 * "at least" (`HistoryPage.capped`). Counting every match of a common word costs more than the page itself.
 */
export const SEARCH_COUNT_CAP = 10_000;

/** Rows of the date index a broad search walks before it leaves the page to SQLite. */
const DATE_WALK_LIMIT = 1 << 15;

/**
 * The orders a one-word lookup matches in the search index, found without the index's prefix expansion (over a
 * million orders it costs more than the rest of the lookup): the few orders holding the word's longest whole
 * token are read, and the phrase is checked on their text. Null when that cannot be decided exactly here
 * (several words, a single token, characters beyond ASCII, too many candidates): the index answers then.
 */
export function phraseMatches(sql: StatementCache, text: string): number[] | null {
  const words = searchWords(text);
  const tokens = words.length === 1 ? asciiTokens(words[0]!) : null;
  if (!tokens || tokens.length < 2) return null;
  const whole = tokens.slice(0, -1);
  const last = tokens.at(-1)!;
  // The longest token is usually the rarest (a reference's own part, not its "ref").
  const rarest = whole.reduce((a, b) => (b.length >= a.length ? b : a));
  const rows = sql
    .get(
      `SELECT id, reference, supplier_order_id, recipient, products FROM orders
       WHERE id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH @token LIMIT @take)`,
    )
    .all({ token: `"${rarest}"`, take: PHRASE_CANDIDATES + 1 }) as Array<{
    id: number;
    reference: string;
    supplier_order_id: string;
    recipient: string | null;
    products: string;
  }>;
  if (rows.length > PHRASE_CANDIDATES) return null;
  const ids: number[] = [];
  for (const row of rows) {
    let holds = false;
    for (const column of [row.reference, row.supplier_order_id, row.recipient, row.products]) {
      const columnTokens = column === null ? [] : asciiTokens(column);
      if (columnTokens === null) return null;
      holds ||= holdsPhrase(columnTokens, whole, last);
    }
    if (holds) ids.push(row.id);
  }
  return ids;
}

/**
 * A search with no other filter is counted inside the search index alone (20x cheaper than through the join),
 * and only up to `bound` matches: past that the count is "at least `bound`". The matched ids come back too,
 * highest first for a newest-first page, so the page needs no second pass over the index.
 */
export function searchMatches(
  sql: StatementCache,
  match: string,
  direction: 'ASC' | 'DESC',
  bound: number,
): { ids: number[]; capped: boolean } {
  const ids = sql
    .get(`SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match ORDER BY rowid ${direction} LIMIT @take`)
    .pluck()
    .all({ match, take: bound + 1 }) as number[];
  const capped = ids.length > bound;
  if (capped) ids.pop();
  return { ids, capped };
}

/**
 * The ids of one page of a broad search in date order: the date index is walked from the newest (or oldest) row and each
 * id is kept if the search matched it, until the page is full. `ids` holds every match when not `capped`, else
 * every match beyond its last id (ids follow sync order, so the newest rows are among them); reaching a row
 * outside that range, or walking further than `DATE_WALK_LIMIT` rows, gives up (null): the caller asks SQLite.
 */
export function datePage(
  sql: StatementCache,
  ids: number[],
  capped: boolean,
  direction: 'ASC' | 'DESC',
  offset: number,
  limit: number,
): number[] | null {
  const last = ids.at(-1);
  if (last === undefined) return [];
  // `ids` is sorted (highest first for DESC), so a lookup is a binary search: no set of 10,000 to build.
  const after = direction === 'DESC' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  const matched = (id: number) => {
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] === id) return true;
      if (after(ids[mid]!, id)) hi = mid - 1;
      else lo = mid + 1;
    }
    return false;
  };
  const walk = sql
    .get(
      `SELECT id FROM orders INDEXED BY orders_by_created ORDER BY created_at ${direction}, id ${direction}
       LIMIT @take OFFSET @skip`,
    )
    .pluck();
  // The first window is sized from how densely the ids in hand match, so one usually holds the page.
  const density = ids.length / (Math.abs(ids[0]! - last) + 1);
  const found: number[] = [];
  let walked = 0;
  for (let take = Math.ceil((1.5 * (offset + limit)) / density) + 256; walked < DATE_WALK_LIMIT; take *= 4) {
    const chunk = walk.all({ take: Math.min(take, DATE_WALK_LIMIT - walked), skip: walked }) as number[];
    for (const id of chunk) {
      if (capped && after(id, last)) return null;
      if (matched(id) && found.push(id) === offset + limit) return found.slice(offset);
    }
    if (chunk.length < Math.min(take, DATE_WALK_LIMIT - walked)) return found.slice(offset);
    walked += chunk.length;
  }
  return null;
}

/** One page of these orders in the given order (`order`: an ORDER BY clause of fixed fragments). */
export function sortedIds(
  sql: StatementCache,
  ids: number[],
  order: string,
  offset: number,
  limit: number,
): number[] {
  return sql
    .get(
      `SELECT id FROM orders WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all({ ids: JSON.stringify(ids), limit, offset }) as number[];
}
