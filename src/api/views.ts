// Selections ("views") and miniselections ("miniviews"): the calls the explorer's selection nodes
// and the selection commands make, beside the client and loaded with them on first use. The two
// paged member lists are on the client itself (the explorer's pagers use them).
// https://www.copernica.com/en/documentation/restv4/rest-get-database-views
import type { CopernicaClient } from './client';
import { idSeg, seg } from './client';
import { ApiError } from './errors';
import { bool, id, object, parsePage, str } from './parse';
import type { View, ViewCondition, ViewRule } from './types';

/** A selection or a miniselection; the list items and the single GET have the same shape. */
export function parseView(value: unknown): View {
  const source = object(value, 'a selection');
  return {
    ID: id(source, 'ID', 'selection'),
    name: str(source['name']),
    description: str(source['description']),
    parentType: str(source['parent-type']),
    parentId: str(source['parent-id']),
    hasChildren: bool(source['has-children']),
    hasRules: bool(source['has-rules']),
    database: str(source['database']),
    collection: str(source['collection']),
    // Its value before the first build is undocumented: false, null or '' all read as "never".
    lastBuilt: source['last-built'] === false ? '' : str(source['last-built']),
  };
}

/**
 * A rule of a selection or miniselection. The documentation writes both `ID` and `id`, and both
 * `inversed` and `inverted` (test/simulator/README.md, rules): either is read. Its conditions come as
 * a paged envelope (the key tables say a list): both are read.
 */
export function parseViewRule(value: unknown): ViewRule {
  const source = object(value, 'a rule');
  const conditions = source['conditions'];
  const list = Array.isArray(conditions)
    ? conditions
    : conditions === undefined || conditions === null
      ? []
      : parsePage(conditions, (item) => item).data;
  return {
    ID: id(source, source['ID'] === undefined ? 'id' : 'ID', 'rule'),
    name: str(source['name']),
    inversed: bool(source['inversed'] ?? source['inverted']),
    disabled: bool(source['disabled']),
    conditions: list.map(parseViewCondition),
  };
}

/** The type-specific keys stay data: a null-prototype map of own properties (no key is special). */
export function parseViewCondition(value: unknown): ViewCondition {
  const source = object(value, 'a condition');
  const properties = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(source)) {
    if (key === 'ID' || key === 'type' || key === 'rule') continue;
    Object.defineProperty(properties, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return {
    ID: str(source['ID'] ?? source['id']),
    type: str(source['type']),
    properties,
  };
}

/**
 * The selections of a database. Copernica's page does not say whether nested ones are listed too
 * (its sample holds top-level ones only): callers place each by its `parentType`/`parentId`.
 */
export function views(client: CopernicaClient, db: string, signal?: AbortSignal): Promise<View[]> {
  return client.listAt(`database/${seg(db)}/views`, parseView, signal);
}

/** The selections directly under a selection (https://www.copernica.com/en/documentation/restv4/rest-get-view-views). */
export function childViews(
  client: CopernicaClient,
  viewId: string,
  signal?: AbortSignal,
): Promise<View[]> {
  return client.listAt(`view/${idSeg(viewId)}/views`, parseView, signal);
}

export function view(client: CopernicaClient, viewId: string, signal?: AbortSignal): Promise<View> {
  return client.getAt(`view/${idSeg(viewId)}`, parseView, signal);
}

export function viewRules(
  client: CopernicaClient,
  viewId: string,
  signal?: AbortSignal,
): Promise<ViewRule[]> {
  return client.listAt(`view/${idSeg(viewId)}/rules`, parseViewRule, signal);
}

export function miniviews(
  client: CopernicaClient,
  collectionId: string,
  signal?: AbortSignal,
): Promise<View[]> {
  return client.listAt(`collection/${idSeg(collectionId)}/miniviews`, parseView, signal);
}

export function miniview(
  client: CopernicaClient,
  miniviewId: string,
  signal?: AbortSignal,
): Promise<View> {
  return client.getAt(`miniview/${idSeg(miniviewId)}`, parseView, signal);
}

/**
 * The overview pages write `miniview/$id/minirules`, the detail pages `miniview/$id/rules`
 * (https://www.copernica.com/en/documentation/restv4/rest-get-miniview-rules): the first is
 * asked, the second when Copernica answers that the first is no method.
 */
export async function miniviewRules(
  client: CopernicaClient,
  miniviewId: string,
  signal?: AbortSignal,
): Promise<ViewRule[]> {
  const base = `miniview/${idSeg(miniviewId)}`;
  try {
    return await client.listAt(`${base}/minirules`, parseViewRule, signal);
  } catch (error) {
    if (!(error instanceof ApiError) || !/invalid method/i.test(error.apiMessage ?? ''))
      throw error;
    return client.listAt(`${base}/rules`, parseViewRule, signal);
  }
}

/**
 * Asks Copernica to rebuild a selection or miniselection. The answer is undocumented: any success
 * will do. v2 documented the call as PUT, v3 and later as POST.
 */
export async function rebuild(
  client: CopernicaClient,
  kind: 'view' | 'miniview',
  viewId: string,
  signal?: AbortSignal,
): Promise<void> {
  const method = client.apiVersion === 'v2' ? 'PUT' : 'POST';
  await client.callAt(method, `${kind}/${idSeg(viewId)}/rebuild`, signal);
}
