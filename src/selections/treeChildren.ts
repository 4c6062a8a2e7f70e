import * as vscode from 'vscode';
import { miniviews } from '../api/views';
import type { CopernicaClient } from '../api/client';
import type { View } from '../api/types';
import { message } from '../tree/children';
import type { Node, NodeOf } from '../tree/nodes';
import { ViewLists } from '../tree/viewLists';

export type SelectionParentNode = NodeOf<'selections' | 'selection' | 'miniselections'>;

/**
 * The children of the explorer's selection nodes, loaded with the first expansion of one (the
 * explorer asks for this module then), so activation does not carry it.
 */
export class SelectionTree {
  private readonly views: ViewLists;
  /** Miniselections by collection ID, until the next refresh. */
  private readonly minis = new Map<string, Promise<View[]>>();

  constructor(private readonly client: () => CopernicaClient) {
    this.views = new ViewLists(client);
  }

  async children(node: SelectionParentNode): Promise<Node[]> {
    switch (node.kind) {
      case 'selections': {
        const views = await this.views.topLevel(node.database.ID);
        if (views.length === 0)
          return [message(node, vscode.l10n.t('No selections in this database'))];
        return selectionNodes(node, views);
      }
      case 'selection':
        return selectionChildren(node, await this.views.nested(node.view));
      case 'miniselections':
        return miniselectionNodes(node, await this.miniviewsOf(node.collection.ID));
    }
  }

  forget(database?: string): void {
    this.views.forget(database);
    this.minis.clear();
  }

  private miniviewsOf(collection: string): Promise<View[]> {
    let list = this.minis.get(collection);
    if (list === undefined) {
      list = miniviews(this.client(), collection);
      this.minis.set(collection, list);
      list.catch(() => this.minis.delete(collection));
    }
    return list;
  }
}

/** Selection nodes under a database's Selections node or under their parent selection. */
export function selectionNodes(
  parent: NodeOf<'selections'> | NodeOf<'selection'>,
  views: readonly View[],
): Node[] {
  return views.map((view) => ({
    kind: 'selection',
    id: `${parent.id}/v:${view.ID}`,
    parent,
    database: parent.database,
    view,
  }));
}

/** A selection expands to its nested selections, then its profiles. */
export function selectionChildren(node: NodeOf<'selection'>, nested: readonly View[]): Node[] {
  return [
    ...selectionNodes(node, nested),
    {
      kind: 'selectionProfiles',
      id: `${node.id}/profiles`,
      parent: node,
      database: node.database,
      view: node.view,
    },
  ];
}

export function miniselectionNodes(node: NodeOf<'miniselections'>, views: readonly View[]): Node[] {
  if (views.length === 0) return [message(node, vscode.l10n.t('No miniselections'))];
  return views.map((view) => ({
    kind: 'miniselection',
    id: `${node.id}/mv:${view.ID}`,
    parent: node,
    database: node.database,
    collection: node.collection,
    view,
  }));
}
