// Every list walker's brakes against a server that pages wrongly: one that ignores `start` or the
// `id>` condition sends the same page again, and a walker that trusted `total` or a full page
// would ask forever, collecting duplicates. A walker hands each page to a ListGuard: it keeps the
// items with IDs not seen before, says when to stop, and logs what the server did wrong.

/** No real list needs this many pages: 100 000 pages of 1000 are 10^8 items. */
export const MAX_LIST_PAGES = 100_000;

export interface ListGuardOptions {
  /** What is listed, for the log: `GET /v4/database/1/fields`. */
  what: string;
  /** Default MAX_LIST_PAGES. */
  maxPages?: number;
  /** Receives one line per misbehaviour. */
  warn?: (line: string) => void;
}

export interface PageVerdict<T> {
  /** The page's items whose IDs were not seen before, in the server's order. */
  fresh: T[];
  /** False when walking on cannot bring anything new (or the ceiling is reached). */
  more: boolean;
}

export class ListGuard {
  private readonly seen = new Set<string>();
  private pages = 0;
  private readonly maxPages: number;

  constructor(private readonly options: ListGuardOptions) {
    this.maxPages = options.maxPages ?? MAX_LIST_PAGES;
  }

  /** Items already handed out (e.g. by an earlier walk of the same list) count as seen. */
  remember(ids: Iterable<string>): void {
    for (const id of ids) this.seen.add(id);
  }

  get pageCount(): number {
    return this.pages;
  }

  /**
   * Judges one page. `more` is what the walker would conclude itself (a full page, a total not
   * yet reached); the guard can only turn it off.
   */
  accept<T extends { ID: string }>(items: readonly T[], more: boolean): PageVerdict<T> {
    this.pages += 1;
    const fresh: T[] = [];
    for (const item of items) {
      if (this.seen.has(item.ID)) continue;
      this.seen.add(item.ID);
      fresh.push(item);
    }
    const repeated = items.length - fresh.length;
    if (repeated > 0) {
      this.warn(
        `${repeated} of ${items.length} items on page ${this.pages} were sent before; the repeats were dropped`,
      );
    }
    if (more && items.length > 0 && fresh.length === 0) {
      this.warn(
        `page ${this.pages} brought no new items (the server seems to ignore start or the id condition); stopped listing`,
      );
      return { fresh, more: false };
    }
    if (more && this.pages >= this.maxPages) {
      this.warn(`stopped after ${this.pages} pages, the most a list may have`);
      return { fresh, more: false };
    }
    return { fresh, more };
  }

  private warn(problem: string): void {
    this.options.warn?.(`Copernica paged ${this.options.what} wrongly: ${problem}`);
  }
}
