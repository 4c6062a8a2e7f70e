// Query strings of (sub)profile listings and the paging loops over them.
import { formatCondition } from './conditions';
import { ListGuard, type ListGuardOptions } from './listGuard';
import type { Condition, Page, ProfileQuery } from './types';

export const MAX_LIMIT = 1000;

/** The API caps `limit` at 1000 and answers an empty page for 0 or less; clamp instead. */
export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * An offset as digits: `String()` of NaN or of 1e21 would send `start=NaN` or `start=1e+21`, which
 * Copernica reads as 0 or 1. Clamped to what a double holds exactly.
 */
export function clampStart(start: number): number {
  if (Number.isNaN(start)) return 0;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(start)));
}

/** Booleans are sent as `true`/`false`, which Copernica's parser reads correctly
 * (test/simulator/README.md §3). */
export function profileSearchParams(query: ProfileQuery = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.start !== undefined) params.set('start', String(clampStart(query.start)));
  if (query.limit !== undefined) params.set('limit', String(clampLimit(query.limit, 100)));
  if (query.total !== undefined) params.set('total', String(query.total));
  for (const condition of query.conditions ?? [])
    params.append('fields[]', formatCondition(condition));
  if (query.orderBy !== undefined) params.set('orderby', query.orderBy);
  if (query.order !== undefined) params.set('order', query.order);
  if (query.dataOnly !== undefined) params.set('dataonly', String(query.dataOnly));
  return params;
}

export type PageFetcher<T> = (query: ProfileQuery) => Promise<Page<T>>;

/**
 * Pages by ID (`id>last`, ordered by id) when the order allows it: a deep offset is slow on
 * Copernica, an id filter costs the same on every page. Other orders fall back to offsets.
 */
export async function* pageAll<T extends { ID: string }>(
  fetchPage: PageFetcher<T>,
  query: Omit<ProfileQuery, 'start'> = {},
  guardOptions: ListGuardOptions = { what: 'a list' },
): AsyncGenerator<T, void, undefined> {
  const limit = clampLimit(query.limit, MAX_LIMIT);
  const guard = new ListGuard(guardOptions);
  if (!byIdPossible(query)) {
    yield* pageByOffset(fetchPage, { ...query, limit, total: false }, guard);
    return;
  }
  const descending = query.order === 'desc';
  let last: bigint | undefined;
  for (;;) {
    const conditions: Condition[] = [...(query.conditions ?? [])];
    if (last !== undefined)
      conditions.push({ field: 'id', operator: descending ? '<' : '>', value: last.toString() });
    const page = await fetchPage({
      ...query,
      limit,
      total: false,
      orderBy: 'id',
      order: descending ? 'desc' : 'asc',
      conditions,
    });
    const verdict = guard.accept(page.data, page.data.length >= limit);
    // Guards against a server that ignores the filter: only IDs beyond the last one count.
    const fresh = verdict.fresh.filter(
      (item) => last === undefined || isBeyond(item.ID, last, descending),
    );
    for (const item of fresh) {
      yield item;
      last = toBigInt(item.ID) ?? last;
    }
    if (fresh.length === 0 || !verdict.more) return;
  }
}

/**
 * Offsets, for orders other than by ID. The guard stands against a server that ignores `start` (it
 * would send the first page forever): an item already yielded is dropped, and a page with nothing
 * new ends the walk.
 */
async function* pageByOffset<T extends { ID: string }>(
  fetchPage: PageFetcher<T>,
  query: ProfileQuery,
  guard: ListGuard,
): AsyncGenerator<T, void, undefined> {
  const limit = query.limit ?? MAX_LIMIT;
  for (let start = 0; ; start += limit) {
    const page = await fetchPage({ ...query, start, limit });
    const verdict = guard.accept(page.data, page.data.length >= limit);
    yield* verdict.fresh;
    if (!verdict.more) return;
  }
}

/** All pages of a plain envelope listing (databases, fields, collections...), by offset. */
export async function collectAll<T extends { ID: string }>(
  fetchPage: (start: number, limit: number) => Promise<Page<T>>,
  guardOptions: ListGuardOptions = { what: 'a list' },
): Promise<T[]> {
  const guard = new ListGuard(guardOptions);
  const items: T[] = [];
  for (let start = 0; ; start += MAX_LIMIT) {
    const page = await fetchPage(start, MAX_LIMIT);
    const more =
      page.total === undefined
        ? page.data.length >= MAX_LIMIT
        : start + page.data.length < page.total;
    const verdict = guard.accept(page.data, more && page.data.length > 0);
    items.push(...verdict.fresh);
    if (!verdict.more) return items;
  }
}

function byIdPossible(query: Omit<ProfileQuery, 'start'>): boolean {
  return query.orderBy === undefined || query.orderBy.toLowerCase() === 'id';
}

function toBigInt(id: string): bigint | undefined {
  return /^\d+$/.test(id) ? BigInt(id) : undefined;
}

function isBeyond(id: string, last: bigint, descending: boolean): boolean {
  const value = toBigInt(id);
  if (value === undefined) return false;
  return descending ? value < last : value > last;
}
