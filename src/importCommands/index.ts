// Import… loads on first use from its own chunk (the parser, the dry run, the write engine):
// activation registers only this stand-in.
import * as vscode from 'vscode';
import { ImportCommandIds, type ImportCommandId } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services } from '../services';
import type * as ImportCommand from './importCommand';

type Feature = typeof ImportCommand;

export function createImports(s: Services): {
  disposables: vscode.Disposable[];
  commands: CommandTable<ImportCommandId>;
} {
  let loaded: Promise<Feature> | undefined;
  const load = (): Promise<Feature> =>
    (loaded ??= import('./importCommand').catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
  return {
    disposables: [new vscode.Disposable(() => void loaded?.then((m) => m.disposeImports()))],
    commands: {
      [ImportCommandIds.importProfiles]: {
        context: vscode.l10n.t('Importing profiles'),
        run: async (arg) => (await load()).importProfiles(s, arg),
      },
    },
  };
}
