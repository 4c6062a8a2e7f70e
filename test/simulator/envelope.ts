// The paging envelope of every list call (§3): start, limit, count, data, [nextid], total.
import { phpInt } from './coerce';
import type { Query } from './httpUtil';

export interface Paging {
  start: number;
  limit: number;
  total: boolean;
}

export interface Envelope<T> {
  start: number;
  limit: number;
  count: number;
  data: T[];
  nextid?: number;
  total?: number;
}

/** Copernica's boolean parameter parser (§3): `true`/`yes` or a number with |n| >= 1. */
export function phpBoolParam(value: string | string[] | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') return false;
  if (/^(true|yes)$/i.test(value)) return true;
  if (/\s/.test(value) || value === '') return false;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) >= 1;
}

function intParam(value: string | string[] | undefined, fallback: number): number {
  if (typeof value !== 'string') return fallback;
  // Observed: `limit=true` acts as 1 (§3).
  if (/^(true|yes)$/i.test(value)) return 1;
  return phpInt(value);
}

/** Parameter names are case-sensitive; limit defaults to 100 and is capped at 1000 (v1: 100). */
export function parsePaging(query: Query, cap = 1000): Paging {
  return {
    start: intParam(query.start, 0),
    limit: Math.min(intParam(query.limit, 100), cap),
    total: phpBoolParam(query.total, true),
  };
}

/** Pages `items` (all matches, already filtered and sorted); total omitted when asked. */
export function envelope<T, U>(
  items: readonly T[],
  paging: Paging,
  render: (item: T) => U,
  nextId?: (last: T) => number,
): Envelope<U> {
  const { start, limit } = paging;
  // Negative start or limit <= 0: nothing, with the given values echoed back (§3).
  const page = start < 0 || limit <= 0 ? [] : items.slice(start, start + limit);
  const result: Envelope<U> = { start, limit, count: page.length, data: page.map(render) };
  const last = page[page.length - 1];
  if (nextId && last !== undefined) result.nextid = nextId(last);
  if (paging.total) result.total = items.length;
  return result;
}

/** An embedded list inside a database or collection object: always from 0 (§3). */
export function embedded<T, U>(
  items: readonly T[],
  limit: number,
  render: (item: T) => U,
): Envelope<U> {
  return envelope(items, { start: 0, limit, total: true }, render);
}
