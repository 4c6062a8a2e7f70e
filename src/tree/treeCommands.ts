import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services } from '../services';
import type { ExplorerProvider } from './explorerProvider';
import { entityId, isPaged, type Node } from './nodes';

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'kind' in value && 'id' in value;
}

/** Refresh (all), Refresh (one node), Copy ID, Load more. */
export function treeCommands(
  s: Services,
  explorer: ExplorerProvider,
): CommandTable<
  | typeof CommandIds.refresh
  | typeof CommandIds.refreshNode
  | typeof CommandIds.copyId
  | typeof CommandIds.loadMore
> {
  return {
    [CommandIds.refresh]: {
      context: vscode.l10n.t('Refreshing'),
      run: () => explorer.refreshAll(),
    },
    [CommandIds.refreshNode]: {
      context: vscode.l10n.t('Refreshing'),
      run: (node?: unknown) => (isNode(node) ? explorer.refreshNode(node) : explorer.refreshAll()),
    },
    [CommandIds.copyId]: {
      context: vscode.l10n.t('Copying the ID'),
      run: async (node?: unknown) => {
        const id = isNode(node) ? entityId(node) : typeof node === 'string' ? node : undefined;
        if (id === undefined)
          throw new Error(
            vscode.l10n.t(
              'Select a database, field, interest, collection, profile or subprofile in the Copernica view to copy its ID.',
            ),
          );
        await vscode.env.clipboard.writeText(id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied ID {0}', id), 3000);
        return id;
      },
    },
    [CommandIds.loadMore]: {
      context: vscode.l10n.t('Loading more'),
      run: (node?: unknown) => {
        const owner =
          isNode(node) && node.kind === 'loadMore'
            ? node.owner
            : isNode(node) && isPaged(node)
              ? node
              : undefined;
        if (!owner)
          throw new Error(
            vscode.l10n.t('Load more works on a "Load more…" item of the Copernica view.'),
          );
        return explorer.loadMore(owner);
      },
    },
  };
}
