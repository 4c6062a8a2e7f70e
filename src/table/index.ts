// The profiles table and export. Activation registers stand-ins for the commands only; the first
// call loads the feature (row model, webview panel, export, the write engine) from its own chunk.
import * as vscode from 'vscode';
import { TableCommandIds, type TableCommandId } from '../commands/ids';
import type { CommandSpec, CommandTable } from '../commands/registry';
import type { Services } from '../services';

export function createTable(s: Services): { commands: CommandTable<TableCommandId> } {
  let loading: Promise<CommandTable<TableCommandId>> | undefined;
  const load = (): Promise<CommandTable<TableCommandId>> => {
    loading ??= import('./feature')
      .then((m) => m.tableCommands(s))
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
    return loading;
  };
  const standIn = (id: TableCommandId): CommandSpec => ({
    context: vscode.l10n.t('Profiles table'),
    run: async (...args: unknown[]) => (await load())[id].run(...args),
  });
  const ids = Object.values(TableCommandIds);
  return {
    commands: Object.fromEntries(ids.map((id) => [id, standIn(id)])) as Record<
      TableCommandId,
      CommandSpec
    >,
  };
}
