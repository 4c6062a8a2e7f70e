import * as vscode from 'vscode';
import type { TreeCommandId } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services } from '../services';
import { definitionsCommand } from './definitions';
import { ExplorerProvider } from './explorerProvider';
import { CommandIds } from '../commands/ids';
import { treeCommands } from './treeCommands';

/** The Copernica explorer view and its commands. */
export function createExplorer(s: Services): {
  explorer: ExplorerProvider;
  disposables: vscode.Disposable[];
  commands: CommandTable<TreeCommandId>;
} {
  const explorer = new ExplorerProvider(s);
  const view = vscode.window.createTreeView('copernica.explorer', {
    treeDataProvider: explorer,
    showCollapseAll: true,
  });
  const definitions = definitionsCommand(s);
  return {
    explorer,
    disposables: [explorer, view, ...definitions.disposables],
    commands: {
      ...treeCommands(s, explorer),
      // Find Profiles (its condition parser, its result list) loads on first use.
      [CommandIds.findProfiles]: {
        context: vscode.l10n.t('Finding profiles'),
        run: async (arg?: unknown) => (await import('./findProfiles')).findProfiles(s, arg),
      },
      ...definitions.commands,
    },
  };
}
