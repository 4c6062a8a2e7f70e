// The contents of views and miniviews (README §9.4): live by default, or frozen at the last
// rebuild. Removed (sub)profiles are never members, whatever a snapshot says.
import { nowString } from './dates';
import type { Collection, Database, Profile, Subprofile } from './model';
import { rulesPredicate, type MatchOptions, type Predicate, type Scope } from './membership';
import type { ResolvedOptions } from './options';
import type { Store } from './store';
import type { MiniView, View } from './views';

type ContentOptions = MatchOptions & Pick<ResolvedOptions, 'viewContents'>;

export function profileScope(db: Database): Scope<Profile> {
  return { owner: db, interests: db.interests, interestIds: (p) => p.interests };
}

/** Interest conditions in a minirule look at the interests of the subprofile's profile. */
export function subprofileScope(store: Store, collection: Collection): Scope<Subprofile> {
  const db = store.databases.get(collection.databaseId);
  return {
    owner: collection,
    interests: db?.interests ?? [],
    interestIds: (s) => store.profiles.get(s.profileId)?.interests ?? [],
  };
}

/** Live membership: the parent's (for a nested view) and this view's rules. */
function liveView(store: Store, view: View, options: MatchOptions): Predicate<Profile> {
  const db = store.databases.get(view.databaseId);
  if (!db) return () => false;
  const own = rulesPredicate(view.rules, profileScope(db), options);
  const parent = view.parentId === undefined ? undefined : store.views.views.get(view.parentId);
  if (!parent) return own;
  const inParent = liveView(store, parent, options);
  return (p) => inParent(p) && own(p);
}

export function viewPredicate(
  store: Store,
  view: View,
  options: ContentOptions,
): Predicate<Profile> {
  const snapshot = options.viewContents === 'rebuild' ? view.snapshot : undefined;
  if (snapshot) return (p) => p.removed === false && snapshot.has(p.id);
  const live = liveView(store, view, options);
  return (p) => p.removed === false && live(p);
}

export function miniviewPredicate(
  store: Store,
  miniview: MiniView,
  options: ContentOptions,
): Predicate<Subprofile> {
  const snapshot = options.viewContents === 'rebuild' ? miniview.snapshot : undefined;
  if (snapshot) return (s) => s.removed === false && snapshot.has(s.id);
  const collection = store.collections.get(miniview.collectionId);
  if (!collection) return () => false;
  const live = rulesPredicate(miniview.rules, subprofileScope(store, collection), options);
  return (s) => s.removed === false && live(s);
}

/** `last-built` moves to now; with `viewContents: 'rebuild'` the contents are frozen as they are now. */
export function rebuildView(store: Store, view: View, options: ContentOptions): void {
  view.lastBuilt = nowString();
  if (options.viewContents !== 'rebuild') return;
  const db = store.databases.get(view.databaseId);
  const live = liveView(store, view, options);
  view.snapshot = new Set((db?.profiles ?? []).filter(live).map((p) => p.id));
}

export function rebuildMiniView(store: Store, miniview: MiniView, options: ContentOptions): void {
  miniview.lastBuilt = nowString();
  if (options.viewContents !== 'rebuild') return;
  miniview.snapshot = undefined;
  const live = miniviewPredicate(store, miniview, { ...options, viewContents: 'live' });
  const collection = store.collections.get(miniview.collectionId);
  miniview.snapshot = new Set((collection?.subprofiles ?? []).filter(live).map((s) => s.id));
}

/** Freezes every view once, as built at start, keeping the seeded `last-built` times. */
export function materialiseAll(store: Store, options: ContentOptions): void {
  if (options.viewContents !== 'rebuild') return;
  for (const view of store.views.views.values()) {
    const lastBuilt = view.lastBuilt;
    rebuildView(store, view, options);
    view.lastBuilt = lastBuilt;
  }
  for (const miniview of store.views.miniviews.values()) {
    const lastBuilt = miniview.lastBuilt;
    rebuildMiniView(store, miniview, options);
    miniview.lastBuilt = lastBuilt;
  }
}
