/**
 * Keeps a paged listing from running away: it stops on a page that repeats the one before it, on a page with no
 * record not already read, or at the page cap. A supplier's own totals are never what keeps a listing going.
 */
export class ListingGuard {
  private readonly seen = new Set<string>();
  private previous: string | null = null;
  private previousPage = 0;

  /** `what` names the listing in messages, e.g. "Ascenda's order history". */
  constructor(
    private readonly what: string,
    private readonly maxPages: number,
  ) {}

  /**
   * Records one page's record ids; returns why the listing must stop here (a runaway), or null. The page that
   * trips the guard is not new data, so the caller keeps what it read before it.
   */
  check(page: number, ids: readonly string[]): string | null {
    if (ids.length > 0) {
      const signature = ids.join('\u0000');
      if (signature === this.previous) {
        return `${this.what} answered page ${page} with exactly the records of page ${this.previousPage}: the listing does not move on`;
      }
      if (ids.every((id) => this.seen.has(id))) {
        return `${this.what} answered page ${page} with only records already read: the listing loops`;
      }
      this.previous = signature;
      this.previousPage = page;
      for (const id of ids) this.seen.add(id);
    }
    return null;
  }

  /** Why the next page must not be read (the cap), or null. */
  beyondCap(nextPage: number): string | null {
    return nextPage > this.maxPages
      ? `${this.what} still had more after ${this.maxPages.toLocaleString('en-US')} pages (the page cap): the listing did not end`
      : null;
  }
}

/**
 * Whether a listing has ended after this page: empty, at the last page the supplier named, or (when it named
 * none) shorter than asked. A short page alone does not end a listing that has a total: a supplier may serve
 * smaller pages than asked for.
 */
export function listingEnded(
  page: {
    items: readonly unknown[];
    unreadable: readonly unknown[];
    totalPages: number | null;
    pageSize: number;
  },
  pageNumber: number,
): boolean {
  const records = page.items.length + page.unreadable.length;
  if (records === 0) return true;
  return page.totalPages === null ? records < page.pageSize : pageNumber >= page.totalPages;
}
