import type { CopernicaClient } from '../api/client';
import { childViews, views } from '../api/views';
import type { View } from '../api/types';

/**
 * Where the explorer finds selections. Copernica's page for GET database/$db/views does not say
 * whether nested selections are listed with the top-level ones
 * (https://www.copernica.com/en/documentation/restv4/rest-get-database-views; its sample holds
 * top-level ones only), so both readings are served: each selection is placed by its
 * `parent-type`/`parent-id`; when the database's list holds nested ones, a selection's children
 * come from it without a request, otherwise from GET view/$id/views, and only for a selection
 * that says it has children. Either way, one request per expanded level at most.
 */
export class ViewLists {
  /** The database's list, by database ID: the nested selections may be in it. */
  private readonly lists = new Map<string, Promise<View[]>>();
  /** The children of a selection read with GET view/$id/views, by its ID. */
  private readonly children = new Map<string, Promise<View[]>>();

  constructor(private readonly client: () => CopernicaClient) {}

  async topLevel(database: string, signal?: AbortSignal): Promise<View[]> {
    const all = await this.listOf(database, signal);
    return all.filter((view) => view.parentType !== 'view');
  }

  async nested(view: View, signal?: AbortSignal): Promise<View[]> {
    const all = this.lists.get(view.database);
    const listed = all === undefined ? [] : await all;
    if (listed.some((v) => v.parentType === 'view'))
      return listed.filter((v) => v.parentType === 'view' && v.parentId === view.ID);
    if (!view.hasChildren) return [];
    const children = await cached(this.children, view.ID, () =>
      childViews(this.client(), view.ID, signal),
    );
    // A server that lists a selection among its own children would make the tree endless.
    return children.filter((child) => child.ID !== view.ID);
  }

  /** Drops the cached lists of one database (its selections' children with them), or of all. */
  forget(database?: string): void {
    if (database === undefined) this.lists.clear();
    else this.lists.delete(database);
    this.children.clear();
  }

  private listOf(database: string, signal?: AbortSignal): Promise<View[]> {
    return cached(this.lists, database, () => views(this.client(), database, signal));
  }
}

/** One load per key, shared by whoever asks meanwhile; a failed load is not kept. */
function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (value === undefined) {
    value = load();
    map.set(key, value);
    value.catch(() => map.delete(key));
  }
  return value;
}

/** The most selections a palette list walks: an account with more is searched in the tree. */
export const MAX_LISTED_VIEWS = 500;

/**
 * Every selection of a database with the names on its way down, for the palette's pickers:
 * breadth first, each seen ID once (a server that nests a selection in itself cannot loop it), at
 * most MAX_LISTED_VIEWS.
 */
export async function allViews(
  client: CopernicaClient,
  database: string,
  signal?: AbortSignal,
): Promise<{ view: View; path: string[] }[]> {
  const lists = new ViewLists(() => client);
  const seen = new Set<string>();
  const result: { view: View; path: string[] }[] = [];
  let level = (await lists.topLevel(database, signal)).map((view) => ({ view, path: [view.name] }));
  while (level.length > 0 && result.length < MAX_LISTED_VIEWS) {
    const next: typeof level = [];
    for (const entry of level) {
      if (seen.has(entry.view.ID) || result.length >= MAX_LISTED_VIEWS) continue;
      seen.add(entry.view.ID);
      result.push(entry);
      for (const child of await lists.nested(entry.view, signal))
        next.push({ view: child, path: [...entry.path, child.name] });
    }
    level = next;
  }
  // Parents first, each followed by what is nested in it.
  const key = (path: string[]): string => path.join('\u0000');
  return result.sort((a, b) =>
    key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0,
  );
}
