// Selections and miniselections: Show Selection Rules and Rebuild Selection. Activation registers
// stand-ins and the read-only scheme of the rules documents; the first use loads the rest from its
// own chunk (as the documents and the tools do). The tree nodes themselves are in src/tree.
import * as vscode from 'vscode';
import { type SelectionCommandId, SelectionCommandIds } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services } from '../services';
import type { ExplorerProvider } from '../tree/explorerProvider';
import type { SelectionsFeature } from './feature';
import { RULES_SCHEME } from './scheme';

export function createSelections(
  s: Services,
  explorer: ExplorerProvider,
): { disposables: vscode.Disposable[]; commands: CommandTable<SelectionCommandId> } {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let loading: Promise<SelectionsFeature> | undefined;
  const load = (): Promise<SelectionsFeature> => {
    loading ??= import('./feature')
      .then((m) => m.createSelectionsFeature(s, explorer, (uri) => changed.fire(uri)))
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
    return loading;
  };
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: async (uri, token) => (await load()).rulesText(uri, token),
  };
  const commands: CommandTable<SelectionCommandId> = {
    [SelectionCommandIds.showSelectionRules]: {
      context: vscode.l10n.t('Showing the rules of a selection'),
      run: async (arg?: unknown) => (await load()).showRules(arg),
    },
    [SelectionCommandIds.rebuildSelection]: {
      context: vscode.l10n.t('Rebuilding a selection'),
      run: async (arg?: unknown) => (await load()).rebuild(arg),
    },
  };
  return {
    disposables: [
      changed,
      vscode.workspace.registerTextDocumentContentProvider(RULES_SCHEME, provider),
    ],
    commands,
  };
}
