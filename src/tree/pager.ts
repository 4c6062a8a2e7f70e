import { ListGuard, type ListGuardOptions } from '../api/listGuard';
import type { Condition, Page, ProfileQuery } from '../api/types';

/**
 * The query of one page: ascending ID order, `id > last` after the first page, and the total asked
 * for only when wanted. `extra` conditions (a search) are ANDed.
 */
export function pagedQuery(
  pageSize: number,
  afterId: string | undefined,
  withTotal: boolean,
  extra: readonly Condition[] = [],
): ProfileQuery {
  const after: Condition[] =
    afterId === undefined ? [] : [{ field: 'id', operator: '>', value: afterId }];
  return {
    limit: pageSize,
    total: withTotal,
    orderBy: 'id',
    order: 'asc',
    conditions: [...extra, ...after],
  };
}

export type PageFetcher<T> = (
  afterId: string | undefined,
  withTotal: boolean,
  signal: AbortSignal,
) => Promise<Page<T>>;

/**
 * One paged list (profiles of a database, subprofiles of a profile in a collection, the results
 * of Find Profiles), paged by ID (`id > last`), so the hundredth page costs what the first did.
 * Its ListGuard drops items the server repeats and ends the list when a page brings nothing new
 * (a server that ignores `id >`), so "Load more" cannot stay forever.
 */
export class Pager<T extends { ID: string }> {
  readonly items: T[] = [];
  total: number | undefined;
  done = false;
  private readonly guard: ListGuard;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    readonly pageSize: number,
    guard: ListGuardOptions = { what: 'a list' },
  ) {
    this.guard = new ListGuard(guard);
  }

  get loaded(): boolean {
    return this.items.length > 0 || this.done;
  }

  /** Loads the next page; concurrent calls share one request. */
  loadNext(signal: AbortSignal): Promise<void> {
    this.loading ??= this.fetchNext(signal).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async fetchNext(signal: AbortSignal): Promise<void> {
    if (this.done) return;
    const last = this.items[this.items.length - 1];
    // The total is asked for once: counting is expensive for Copernica.
    const page = await this.fetchPage(last?.ID, this.total === undefined, signal);
    if (page.total !== undefined) this.total = page.total;
    const verdict = this.guard.accept(page.data, page.count >= page.limit && page.data.length > 0);
    this.items.push(...verdict.fresh);
    const reachedTotal = this.total !== undefined && this.items.length >= this.total;
    this.done = !verdict.more || reachedTotal;
  }

  remove(id: string): boolean {
    const index = this.items.findIndex((i) => i.ID === id);
    if (index < 0) return false;
    this.items.splice(index, 1);
    if (this.total !== undefined) this.total -= 1;
    return true;
  }

  replace(item: T): boolean {
    const index = this.items.findIndex((i) => i.ID === item.ID);
    if (index < 0) return false;
    this.items[index] = item;
    return true;
  }
}
