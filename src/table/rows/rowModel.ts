// The rows of a table by index, fetched a page at a time as they come into view, with random
// access without walking: rows are in ID order, so a page next to a known one is `id>last` (or
// `id<first`, descending) and the last page is the listing in descending order, cut to size.
// Only a jump into the middle, with no known neighbour, uses an offset (`start`), one request.
// Pages far from what is shown are evicted; what is kept per evicted page is its first and last
// ID (two strings), so a neighbour can still be fetched by ID later. Never imports 'vscode'.
import type { Condition, ProfileQuery } from '../../api/types';
import type { Entity } from '../../profiles';
import type { RowFetch } from './rowSource';

export interface RowPage {
  index: number;
  rows: Entity[];
}

export interface RowModelOptions {
  pageSize: number;
  /** Pages kept in memory; the ones farthest from the last page asked for go first. Default 8. */
  maxPages?: number;
}

/** How a page was asked for: the bench and the tests read it. */
export type PageWay = 'first' | 'after' | 'before' | 'last' | 'offset';

interface Bounds {
  first: string;
  last: string;
}

export class RowModel {
  private readonly pages = new Map<number, Entity[]>();
  private readonly loading = new Map<number, Promise<Entity[]>>();
  private readonly bounds = new Map<number, Bounds>();
  private count: number | undefined;
  readonly pageSize: number;
  private readonly maxPages: number;
  /** One entry per request, for the bench and the tests. */
  readonly ways: PageWay[] = [];

  constructor(
    private readonly fetch: RowFetch,
    options: RowModelOptions,
  ) {
    this.pageSize = Math.max(1, Math.min(1000, Math.floor(options.pageSize)));
    this.maxPages = Math.max(2, options.maxPages ?? 8);
  }

  /** Rows in the listing, known after open(). */
  get total(): number {
    return this.count ?? 0;
  }

  get pageCount(): number {
    return Math.ceil(this.total / this.pageSize);
  }

  /** Pages held in memory now. */
  get held(): number {
    return this.pages.size;
  }

  /** The first page and the total: one request. */
  async open(signal?: AbortSignal): Promise<RowPage> {
    const page = await this.fetch(
      { limit: this.pageSize, orderBy: 'id', order: 'asc', total: true },
      signal,
    );
    this.ways.push('first');
    this.count = page.total ?? page.data.length;
    this.store(0, page.data);
    return { index: 0, rows: page.data };
  }

  /** A page by index: from memory, or one request (shared by callers asking at the same time). */
  async page(index: number, signal?: AbortSignal): Promise<RowPage> {
    if (index < 0 || index >= this.pageCount) return { index, rows: [] };
    const held = this.pages.get(index);
    if (held) {
      this.touch(index, held);
      return { index, rows: held };
    }
    let pending = this.loading.get(index);
    if (!pending) {
      pending = this.load(index, signal).finally(() => this.loading.delete(index));
      this.loading.set(index, pending);
    }
    const rows = await pending;
    this.store(index, rows);
    this.evictFar(index);
    return { index, rows };
  }

  /**
   * The order to fetch several pages in so that as many as possible go by ID: first any page next
   * to one whose bounds are known (or the last page, which needs none), then its neighbours in
   * turn; only a page with no such chain to it is fetched by offset (the lowest, then onwards).
   */
  loadOrder(pages: readonly number[]): number[] {
    const left = new Set(pages);
    const known = new Set(this.bounds.keys());
    const order: number[] = [];
    while (left.size > 0) {
      const next =
        [...left].find((p) => known.has(p - 1) || known.has(p + 1) || p === this.pageCount - 1) ??
        Math.min(...left);
      order.push(next);
      known.add(next);
      left.delete(next);
    }
    return order;
  }

  /** A row held in memory, by ID (for an edit of a shown row). */
  find(id: string): Entity | undefined {
    for (const rows of this.pages.values()) {
      const row = rows.find((r) => r.ID === id);
      if (row) return row;
    }
    return undefined;
  }

  /** Puts a fresh copy (read back after a save) in place of the held one. */
  replace(entity: Entity): void {
    for (const rows of this.pages.values()) {
      const i = rows.findIndex((r) => r.ID === entity.ID);
      if (i >= 0) rows[i] = entity;
    }
  }

  private async load(index: number, signal?: AbortSignal): Promise<Entity[]> {
    const limit = this.pageSize;
    const before = this.bounds.get(index - 1);
    const after = this.bounds.get(index + 1);
    const isLast = index === this.pageCount - 1;
    if (before)
      return this.request('after', { limit, order: 'asc' }, idIs('>', before.last), signal);
    if (isLast) {
      const size = this.total - index * limit;
      return (await this.request('last', { limit: size, order: 'desc' }, [], signal)).reverse();
    }
    if (after)
      return (
        await this.request('before', { limit, order: 'desc' }, idIs('<', after.first), signal)
      ).reverse();
    return this.request('offset', { limit, order: 'asc', start: index * limit }, [], signal);
  }

  private async request(
    way: PageWay,
    query: ProfileQuery,
    conditions: Condition[],
    signal?: AbortSignal,
  ): Promise<Entity[]> {
    this.ways.push(way);
    const page = await this.fetch({ ...query, orderBy: 'id', total: false, conditions }, signal);
    return page.data.slice(0, this.pageSize);
  }

  private store(index: number, rows: Entity[]): void {
    this.pages.set(index, rows);
    const first = rows[0];
    const last = rows[rows.length - 1];
    // Only a full page's bounds are exact neighbours of the next page's rows.
    if (first && last && (rows.length === this.pageSize || index === this.pageCount - 1))
      this.bounds.set(index, { first: first.ID, last: last.ID });
  }

  private touch(index: number, rows: Entity[]): void {
    this.pages.delete(index);
    this.pages.set(index, rows);
  }

  /** Drops the pages farthest from `center` until at most maxPages are held. */
  private evictFar(center: number): void {
    while (this.pages.size > this.maxPages) {
      let far = center;
      for (const index of this.pages.keys())
        if (Math.abs(index - center) > Math.abs(far - center)) far = index;
      if (far === center) return;
      this.pages.delete(far);
    }
  }
}

function idIs(operator: '<' | '>', id: string): Condition[] {
  return [{ field: 'id', operator, value: id }];
}
