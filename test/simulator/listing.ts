// Shared listing of profiles and subprofiles: paging, `fields[]` conditions, orderby/order,
// dataonly, removed entities skipped (§4.6).
import { envelope, parsePaging, phpBoolParam, type Envelope, type Paging } from './envelope';
import {
  highestAdmittedId,
  lowestAdmittedId,
  matches,
  parseConditions,
  sortEntities,
  type Condition,
} from './filters';
import type { Query } from './httpUtil';
import type { AnyEntity, FieldOwner } from './model';
import type { ApiEnv, ApiRequest } from './replies';

export interface ListParams {
  paging: Paging;
  conditions: Condition[];
  orderby: string | undefined;
  order: string | undefined;
  dataOnly: boolean;
}

const str = (v: string | string[] | undefined): string | undefined =>
  typeof v === 'string' ? v : undefined;

/** A plain (non-array) `fields` parameter is ignored, as on the real API (§4.7). */
export function conditionExpressions(query: Query): string[] | undefined {
  const list = query['fields[]'];
  return Array.isArray(list) ? list : undefined;
}

export function listParams(req: ApiRequest, owner: FieldOwner): ListParams {
  const q = req.query;
  return {
    paging: parsePaging(q, req.version === 1 ? 100 : 1000),
    conditions: parseConditions(conditionExpressions(q) ?? [], owner),
    orderby: str(q.orderby),
    order: str(q.order),
    dataOnly: phpBoolParam(q.dataonly, false),
  };
}

/** Defaults only: for calls whose parameters the API does not honour. */
export function defaultListParams(req: ApiRequest): ListParams {
  return {
    paging: parsePaging({}, req.version === 1 ? 100 : 1000),
    conditions: [],
    orderby: undefined,
    order: undefined,
    dataOnly: false,
  };
}

/**
 * The entities a list call pages through, filtered and sorted. In ID order (the default) the
 * simulator works as a database with an index on the ID would: an `id>N` condition starts at N
 * (a binary search: lists are kept in ID order), an `id<N` condition ends it there, descending
 * ID order walks the same index backwards, and without `total` the scan stops once the page is
 * full. An offset therefore costs a scan of the rows before it, as "LIMIT … OFFSET" does.
 */
export function selectEntities<T extends AnyEntity>(
  all: readonly T[],
  owner: FieldOwner,
  params: ListParams,
  env: ApiEnv,
  within?: (e: T) => boolean,
): T[] {
  // `within` narrows the list to a view's or miniview's members (§9.4).
  const wanted = (e: T): boolean =>
    e.removed === false &&
    (within === undefined || within(e)) &&
    (params.conditions.length === 0 || matches(e, params.conditions));
  const key = (params.orderby ?? 'id').toLowerCase();
  const descending = /^desc(ending)?$/i.test(params.order ?? '');
  if (key !== 'id')
    return sortEntities(all.filter(wanted), owner, params.orderby, params.order, env.store.rng);
  const { start, limit, total } = params.paging;
  const enough = total ? Infinity : start + limit;
  const found: T[] = [];
  const first = firstCandidate(all, params.conditions);
  const end = candidatesEnd(all, params.conditions);
  if (descending) {
    for (let i = end - 1; i >= first && found.length < enough; i--) {
      const entity = all[i];
      if (entity !== undefined && wanted(entity)) found.push(entity);
    }
    return found;
  }
  for (let i = first; i < end && found.length < enough; i++) {
    const entity = all[i];
    if (entity !== undefined && wanted(entity)) found.push(entity);
  }
  return found;
}

/** Where the ID conditions let the scan end: after the last entity whose ID they admit. */
function candidatesEnd(all: readonly AnyEntity[], conditions: readonly Condition[]): number {
  const bound = highestAdmittedId(conditions);
  if (!bound) return all.length;
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const id = all[mid]?.id ?? Infinity;
    if (id > bound.id || (!bound.inclusive && id === bound.id)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Where the ID conditions let the scan begin: the first entity whose ID they admit. */
function firstCandidate(all: readonly AnyEntity[], conditions: readonly Condition[]): number {
  const bound = lowestAdmittedId(conditions);
  if (!bound) return 0;
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const id = all[mid]?.id ?? Infinity;
    if (id > bound.id || (bound.inclusive && id === bound.id)) high = mid;
    else low = mid + 1;
  }
  return low;
}

export function listEnvelope<T extends AnyEntity>(
  items: readonly T[],
  params: ListParams,
  env: ApiEnv,
  render: (e: T) => unknown,
): Envelope<unknown> {
  // nextid only makes sense in ascending ID order (§3); its exact semantics are unknown, so last ID + 1.
  const idOrder =
    (params.orderby ?? 'id').toLowerCase() === 'id' && !/^desc(ending)?$/i.test(params.order ?? '');
  const nextId = env.options.emitNextId && idOrder ? (last: T) => last.id + 1 : undefined;
  return envelope(items, params.paging, render, nextId);
}

/** Bare ID array of the `*ids` calls (§3: strings in the one known mock). */
export function idList(items: readonly AnyEntity[], env: ApiEnv): Array<string | number> {
  return items.map((e) => (env.options.idsAsStrings ? String(e.id) : e.id));
}
