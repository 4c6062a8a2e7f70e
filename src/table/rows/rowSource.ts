// Where a table's rows come from. Every listing the table shows (a database's profiles, a
// collection's subprofiles, a search) pages the same way: the Copernica envelope, `fields[]`
// conditions, ordering by ID. A source is therefore one fetch function plus what the columns are;
// a selection (GET view/$id/profiles) or a miniselection (GET miniview/$id/subprofiles) is one
// more case in `rowSource` below, nothing else changes.
import type { CopernicaClient } from '../../api/client';
import type { Condition, Field, Page, ProfileQuery } from '../../api/types';
import type { Entity, EntityKindName } from '../../profiles';

/** What a table or an export shows: named by IDs, so a command argument or a saved state can carry it. */
export type TableTarget =
  | { type: 'database'; database: string }
  | { type: 'collection'; collection: string }
  | { type: 'search'; database: string; conditions: Condition[] }
  | { type: 'selection'; database: string; view: string; conditions?: Condition[] }
  | { type: 'miniselection'; collection: string; miniview: string };

export type RowFetch = (query: ProfileQuery, signal?: AbortSignal) => Promise<Page<Entity>>;

export interface Column {
  /** The field name, or `ID`, `interests`, `modified` for the columns every row has. */
  name: string;
  /** The field type (`text`, `integer`…), or `id`, `interests`, `datetime` for the fixed columns. */
  type: string;
  /** Only fields are edited; ID, interests and modified are shown. */
  editable: boolean;
}

export interface RowSource {
  readonly target: TableTarget;
  readonly kind: EntityKindName;
  readonly columns: readonly Column[];
  /** One page of the listing; the conditions of a search are added to the query's own. */
  fetch: RowFetch;
}

export type SourceClient = Pick<
  CopernicaClient,
  'profiles' | 'collectionSubprofiles' | 'viewProfiles' | 'miniviewSubprofiles'
>;

/** The columns of a table: ID, each field in the database's order, interests (profiles), modified. */
export function columnsOf(kind: EntityKindName, fields: readonly Field[]): Column[] {
  return [
    { name: 'ID', type: 'id', editable: false },
    ...fields.map((f) => ({ name: f.name, type: f.type, editable: true })),
    ...(kind === 'profile' ? [{ name: 'interests', type: 'interests', editable: false }] : []),
    { name: 'modified', type: 'datetime', editable: false },
  ];
}

/** The source of a target, given the database's ID (a collection's: the collection's) and its fields. */
export function rowSource(
  client: SourceClient,
  target: TableTarget,
  fields: readonly Field[],
): RowSource {
  const withConditions =
    (extra: readonly Condition[], fetch: RowFetch): RowFetch =>
    (query, signal) =>
      fetch({ ...query, conditions: [...extra, ...(query.conditions ?? [])] }, signal);
  switch (target.type) {
    case 'database':
      return {
        target,
        kind: 'profile',
        columns: columnsOf('profile', fields),
        fetch: (q, signal) => client.profiles(target.database, q, signal),
      };
    case 'search':
      return {
        target,
        kind: 'profile',
        columns: columnsOf('profile', fields),
        fetch: withConditions(target.conditions, (q, signal) =>
          client.profiles(target.database, q, signal),
        ),
      };
    case 'collection':
      return {
        target,
        kind: 'subprofile',
        columns: columnsOf('subprofile', fields),
        fetch: (q, signal) => client.collectionSubprofiles(target.collection, q, signal),
      };
    // A selection's listing takes `fields[]` as a database's does (a search in it adds its conditions).
    case 'selection':
      return {
        target,
        kind: 'profile',
        columns: columnsOf('profile', fields),
        fetch: withConditions(target.conditions ?? [], (q, signal) =>
          client.viewProfiles(target.view, q, signal),
        ),
      };
    case 'miniselection':
      return {
        target,
        kind: 'subprofile',
        columns: columnsOf('subprofile', fields),
        fetch: (q, signal) => client.miniviewSubprofiles(target.miniview, q, signal),
      };
  }
}

/** A row's cells in column order: the values as Copernica sends them (strings). */
export function cellsOf(entity: Entity, columns: readonly Column[]): string[] {
  return columns.map((c) => cellOf(entity, c));
}

/** One cell of a row. */
export function cellOf(entity: Entity, c: Column): string {
  if (c.name === 'ID' && c.type === 'id') return entity.ID;
  if (c.type === 'interests') return 'interests' in entity ? entity.interests.join(', ') : '';
  if (c.name === 'modified' && !c.editable) return entity.modified;
  return entity.fields[c.name] ?? '';
}
