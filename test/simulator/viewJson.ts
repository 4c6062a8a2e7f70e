// Views, miniviews and rules as the API prints them (README §9; key order of the documentation's
// examples): string IDs, hyphenated keys, real booleans.
import { embedded } from './envelope';
import type { FieldOwner } from './model';
import type { ResolvedOptions } from './options';
import type { Store } from './store';
import { conditionJson } from './viewConditions';
import type { MiniView, Rule, View } from './views';

export function viewJson(store: Store, v: View): unknown {
  const views = store.views;
  return {
    ID: String(v.id),
    name: v.name,
    description: v.description,
    'parent-type': v.parentId === undefined ? 'database' : 'view',
    'parent-id': String(v.parentId ?? v.databaseId),
    'has-children': views.children(v.databaseId, v.id).length > 0,
    'has-referred': views.referrers('ReferView', v.id).length > 0,
    'has-rules': v.rules.length > 0,
    database: String(v.databaseId),
    'last-built': v.lastBuilt,
    intentions: { ...v.intentions },
  };
}

/** A miniview is a view without the has-* keys and `database`, plus `collection` (§9.5). */
export function miniviewJson(m: MiniView): unknown {
  return {
    ID: String(m.id),
    name: m.name,
    description: m.description,
    'parent-type': 'collection',
    'parent-id': String(m.collectionId),
    collection: String(m.collectionId),
    'last-built': m.lastBuilt,
    intentions: { ...m.intentions },
  };
}

/** The conditions are an embedded envelope with limit 100 (§9.2). */
export function ruleJson(owner: FieldOwner, r: Rule, options: ResolvedOptions): unknown {
  return {
    ID: String(r.id),
    name: r.name,
    view: String(r.ownerId),
    conditions: embedded(r.conditions, 100, (c) => conditionJson(owner, c)),
    inversed: r.inversed,
    ...(options.emitInverted ? { inverted: r.inversed } : {}),
    disabled: r.disabled,
  };
}

/** Minirules: `id` or `ID` (option), with `description` (§9.5). */
export function miniruleJson(owner: FieldOwner, r: Rule, options: ResolvedOptions): unknown {
  return {
    [options.miniruleIdKey]: String(r.id),
    name: r.name,
    description: r.description,
    view: String(r.ownerId),
    conditions: embedded(r.conditions, 100, (c) => conditionJson(owner, c)),
    inversed: r.inversed,
    ...(options.emitInverted ? { inverted: r.inversed } : {}),
    disabled: r.disabled,
  };
}
