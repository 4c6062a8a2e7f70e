import * as vscode from 'vscode';
import type { CopernicaClient } from '../api/client';
import type { ListGuardOptions } from '../api/listGuard';
import type { Page, Profile, ProfileQuery, Subprofile, View } from '../api/types';
import type { EntityChange } from '../changes';
import type { Entity } from '../profiles';
import type { Services } from '../services';
import { describeError } from '../ui/describeError';
import * as children from './children';
import { isPaged, type Node, type PagedNode } from './nodes';
import { Pager, pagedQuery } from './pager';
import { renderNode } from './render';
import type { SelectionTree } from '../selections/treeChildren';

type AnyPager = Pager<Profile> | Pager<Subprofile>;

/**
 * What a paged list holds: the profiles of a database or of one of its selections, a profile's
 * subprofiles in one collection, or the subprofiles of a collection's miniselection.
 */
type ListKey =
  | { kind: 'profile'; database: string; view?: string }
  | { kind: 'subprofile'; profile: string; collection: string }
  | { kind: 'miniview'; collection: string; view: string };

interface PagedList {
  key: ListKey;
  pager: AnyPager;
}

function keyOf(node: PagedNode): ListKey {
  switch (node.kind) {
    case 'profiles':
      return { kind: 'profile', database: node.database.ID };
    case 'selectionProfiles':
      return { kind: 'profile', database: node.database.ID, view: node.view.ID };
    case 'subprofiles':
      return { kind: 'subprofile', profile: node.profile.ID, collection: node.collection.ID };
    case 'miniselection':
      return { kind: 'miniview', collection: node.collection.ID, view: node.view.ID };
  }
}

/** Whether a change made through the extension concerns this list. */
function concerns(key: ListKey, change: EntityChange): boolean {
  if (key.kind === 'profile') return change.kind === 'profile' && change.parentId === key.database;
  if (key.kind === 'miniview')
    return change.kind === 'subprofile' && change.parentId === key.collection;
  return (
    change.kind === 'subprofile' &&
    change.parentId === key.collection &&
    change.profileId === key.profile
  );
}

/**
 * The Copernica explorer: account → databases → fields, interests, collections, profiles →
 * subprofiles. The schema comes from one databases call; profiles and subprofiles are paged by ID.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** By the id of the node that shows the list. */
  private readonly pagers = new Map<string, PagedList>();
  private readonly failures = new Map<string, string>();
  private root: Node | undefined;
  /** Bumped by reset(): a load that began before it belongs to a tree that is gone. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private selectionTree: Promise<SelectionTree> | undefined;

  constructor(private readonly s: Services) {
    this.disposables.push(
      this.changed,
      s.session.onDidChange(() => this.reset()),
      s.changes.onDidChange((c) => this.applyChange(c)),
    );
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return renderNode(node, isPaged(node) ? this.pagers.get(node.id)?.pager.total : undefined);
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (this.s.session.state.kind !== 'signedIn') return [];
    const failure = this.failures.get(node?.id ?? '');
    if (failure !== undefined) return [this.errorNode(node, failure)];
    const generation = this.generation;
    try {
      return await this.withProgress(() => this.childrenOf(node));
    } catch (error) {
      // The session or the settings changed meanwhile: the view asks the new tree again.
      if (generation !== this.generation) return [];
      return this.fail(node, error);
    }
  }

  /** Reloads everything: identity stays, the schema and every page are fetched again. */
  refreshAll(): void {
    this.s.schema.clear();
    this.reset();
  }

  /** Reloads one subtree: a database (one request for that database), or a paged list. */
  async refreshNode(node: Node): Promise<void> {
    if (node.kind === 'error') return this.refreshNode(node.owner ?? (this.root as Node));
    if (node.kind === 'account' || node.kind === 'message') return this.refreshAll();
    this.forget(node.id);
    if ('database' in node && node.kind !== 'profiles' && node.kind !== 'profile')
      this.forgetViews(node.database.ID);
    if (node.kind === 'database') await this.s.schema.reloadDatabase(node.database.ID);
    this.changed.fire(node.kind === 'database' ? this.root : node);
  }

  /**
   * A selection or miniselection was rebuilt (or changed): its lists are read again, and the nodes
   * that show it are drawn again with what Copernica now says (its build time).
   */
  viewChanged(view: View): void {
    this.forgetViews(view.database !== '' ? view.database : undefined);
    for (const [nodeId, { key }] of this.pagers)
      if ((key.kind === 'profile' || key.kind === 'miniview') && key.view === view.ID)
        this.forget(nodeId);
    this.changed.fire(undefined);
  }

  /** Appends the next page of a paged node. */
  async loadMore(owner: PagedNode): Promise<void> {
    const pager = this.pagerFor(owner);
    try {
      await this.withProgress(() => pager.loadNext(new AbortController().signal));
    } catch (error) {
      // What was loaded stays; "Load more…" stays too, to try again.
      this.s.notifier.report(error, {
        context: contextOf(owner),
        retry: () => this.loadMore(owner),
      });
    }
    this.changed.fire(owner);
  }

  /** The items loaded so far under a paged node (for tests and scripts). */
  loadedItems(owner: PagedNode): readonly (Profile | Subprofile)[] {
    return this.pagers.get(owner.id)?.pager.items ?? [];
  }

  private async childrenOf(node: Node | undefined): Promise<Node[]> {
    if (!node) {
      const identity = await this.s.session.identity();
      this.root = { kind: 'account', id: 'account', parent: undefined, identity };
      return [this.root];
    }
    switch (node.kind) {
      case 'account':
        return children.databaseNodes(node, await this.s.schema.databases());
      case 'database':
        return children.databaseChildren(node);
      case 'fields':
        return children.fieldsChildren(node);
      case 'interests':
        return children.interestsChildren(node);
      case 'interestGroup':
        return children.interestGroupChildren(node);
      case 'collections':
        return children.collectionsChildren(node);
      case 'collection':
        return children.collectionChildren(node);
      case 'profile':
        return children.profileChildren(node);
      case 'selections':
      case 'selection':
      case 'miniselections':
        return (await this.selections()).children(node);
      case 'profiles':
      case 'subprofiles':
      case 'selectionProfiles':
      case 'miniselection':
        return this.pagedChildren(node);
      default:
        return [];
    }
  }

  private async pagedChildren(node: PagedNode): Promise<Node[]> {
    const pager = this.pagerFor(node);
    if (!pager.loaded) {
      await pager.loadNext(new AbortController().signal);
      // The node was drawn before its total was known: draw it again (its children are cached now).
      if (pager.total !== undefined) this.changed.fire(node);
    }
    const ofProfiles = node.kind === 'profiles' || node.kind === 'selectionProfiles';
    const items: Node[] = ofProfiles
      ? (pager as Pager<Profile>).items.map((profile) => ({
          kind: 'profile',
          id: `${node.id}/${profile.ID}`,
          parent: node,
          database: node.database,
          profile,
        }))
      : (pager as Pager<Subprofile>).items.map((subprofile) => ({
          kind: 'subprofile',
          id: `${node.id}/${subprofile.ID}`,
          parent: node,
          database: node.database,
          collection: node.collection,
          subprofile,
        }));
    if (items.length === 0) {
      return [
        children.message(
          node,
          ofProfiles ? vscode.l10n.t('No profiles') : vscode.l10n.t('No subprofiles'),
        ),
      ];
    }
    if (!pager.done)
      items.push({ kind: 'loadMore', id: `${node.id}/more`, parent: node, owner: node });
    return items;
  }

  private pagerFor(node: PagedNode): AnyPager {
    const existing = this.pagers.get(node.id);
    if (existing) return existing.pager;
    const pageSize = this.s.session.settings().pageSize;
    const client = this.s.session.client();
    const query = (afterId: string | undefined, withTotal: boolean) =>
      pagedQuery(pageSize, afterId, withTotal);
    const guard = (what: string) => ({ what, warn: (line: string) => this.s.log.warn(line) });
    const pager = pagerOf(node, pageSize, (after, total) => query(after, total), guard, client);
    this.pagers.set(node.id, { key: keyOf(node), pager });
    return pager;
  }

  private fail(node: Node | undefined, error: unknown): Node[] {
    const key = node?.id ?? '';
    const text = describeError(error);
    // Callers sharing one failed load (the view and a reveal) each get the error node; the user one notification.
    const reported = this.failures.has(key);
    this.failures.set(key, text);
    if (!reported)
      this.s.notifier.report(error, {
        context: contextOf(node),
        retry: () => (node ? this.refreshNode(node) : this.refreshAll()),
      });
    return [this.errorNode(node, text)];
  }

  private errorNode(node: Node | undefined, text: string): Node {
    return { kind: 'error', id: `${node?.id ?? 'root'}/error`, parent: node, text, owner: node };
  }

  private forget(prefix: string): void {
    for (const map of [this.pagers, this.failures]) {
      for (const key of [...map.keys()])
        if (key === prefix || key.startsWith(`${prefix}/`)) map.delete(key);
    }
  }

  private reset(): void {
    this.generation += 1;
    this.pagers.clear();
    this.failures.clear();
    this.forgetViews();
    this.root = undefined;
    this.changed.fire(undefined);
  }

  private applyChange(change: EntityChange): void {
    for (const [nodeId, { key, pager }] of this.pagers) {
      if (!concerns(key, change)) continue;
      if (change.change === 'deleted') pager.remove(change.id);
      else if (change.change === 'updated' && change.entity)
        (pager as Pager<Entity>).replace(change.entity);
      else this.forget(nodeId);
    }
    this.changed.fire(undefined);
  }

  /** The selection nodes' children: their module loads with the first expansion of one. */
  private selections(): Promise<SelectionTree> {
    this.selectionTree ??= import('../selections/treeChildren')
      .then((m) => new m.SelectionTree(() => this.s.session.client()))
      .catch((error: unknown) => {
        this.selectionTree = undefined;
        throw error;
      });
    return this.selectionTree;
  }

  /** Runs before any expansion that follows: both wait on the same loaded module. */
  private forgetViews(database?: string): void {
    void this.selectionTree?.then((tree) => tree.forget(database));
  }

  private withProgress<T>(task: () => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: { viewId: 'copernica.explorer' } }, task),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

type Query = (after: string | undefined, total: boolean) => ProfileQuery;
type Guard = (what: string) => ListGuardOptions;

/** The pager of a paged node: every list is paged the same way, by ID (pager.ts). */
function pagerOf(
  node: PagedNode,
  pageSize: number,
  query: Query,
  guard: Guard,
  client: CopernicaClient,
): AnyPager {
  switch (node.kind) {
    case 'profiles':
      return new Pager<Profile>(
        (after, total, signal): Promise<Page<Profile>> =>
          client.profiles(node.database.ID, query(after, total), signal),
        pageSize,
        guard(`the profiles of database ${node.database.ID}`),
      );
    case 'selectionProfiles':
      return new Pager<Profile>(
        (after, total, signal) => client.viewProfiles(node.view.ID, query(after, total), signal),
        pageSize,
        guard(`the profiles of selection ${node.view.ID}`),
      );
    case 'subprofiles':
      return new Pager<Subprofile>(
        (after, total, signal) =>
          client.subprofiles(node.profile.ID, node.collection.ID, query(after, total), signal),
        pageSize,
        guard(`the subprofiles of profile ${node.profile.ID} in collection ${node.collection.ID}`),
      );
    case 'miniselection':
      return new Pager<Subprofile>(
        (after, total, signal) =>
          client.miniviewSubprofiles(node.view.ID, query(after, total), signal),
        pageSize,
        guard(`the subprofiles of miniselection ${node.view.ID}`),
      );
  }
}

function contextOf(node: Node | undefined): string {
  switch (node?.kind) {
    case 'profiles':
      return vscode.l10n.t('Loading the profiles of {0}', node.database.name);
    case 'selections':
      return vscode.l10n.t('Loading the selections of {0}', node.database.name);
    case 'selection':
    case 'selectionProfiles':
      return vscode.l10n.t('Loading selection {0}', node.view.name);
    case 'miniselections':
      return vscode.l10n.t('Loading the miniselections of {0}', node.collection.name);
    case 'miniselection':
      return vscode.l10n.t('Loading miniselection {0}', node.view.name);
    case 'subprofiles':
      return vscode.l10n.t(
        'Loading the subprofiles of profile {0} in {1}',
        node.profile.ID,
        node.collection.name,
      );
    case 'account':
      return vscode.l10n.t('Loading the databases');
    default:
      return vscode.l10n.t('Loading the Copernica account');
  }
}
