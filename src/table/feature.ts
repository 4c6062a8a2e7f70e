// The profiles table and export, loaded from their own chunk on the first table command.
import * as vscode from 'vscode';
import { TableCommandIds, type TableCommandId } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services } from '../services';
import { type ExportOptions, exportTarget } from './exportCommand';
import { RowModel } from './rows/rowModel';
import { rowSource } from './rows/rowSource';
import { showTablePanel } from './tablePanel';
import { TableSession } from './tableSession';
import { type Resolved, type TargetKind, kindOfArg, resolveTarget } from './targets';

export function tableCommands(s: Services): CommandTable<TableCommandId> {
  const open = (kind: TargetKind) => async (arg?: unknown) => {
    const resolved = await resolveTarget(s, kindOfArg(arg, kind), arg);
    return resolved ? openTable(s, resolved) : undefined;
  };
  return {
    [TableCommandIds.openTable]: {
      context: vscode.l10n.t('Opening the profiles table'),
      run: open('database'),
    },
    [TableCommandIds.openCollectionTable]: {
      context: vscode.l10n.t('Opening the subprofiles table'),
      run: open('collection'),
    },
    [TableCommandIds.openSearchTable]: {
      context: vscode.l10n.t('Opening the search result as a table'),
      run: open('search'),
    },
    [TableCommandIds.exportProfiles]: {
      context: vscode.l10n.t('Exporting profiles'),
      run: async (arg?: unknown, options?: unknown) => {
        const resolved = await resolveTarget(s, kindOfArg(arg, 'database'), arg);
        return resolved ? exportTarget(s, resolved, exportOptions(options)) : undefined;
      },
    },
  };
}

/** Opens a table: the first page and the total (one request), then the panel. */
async function openTable(
  s: Services,
  resolved: Resolved,
): Promise<{ title: string; total: number }> {
  const client = await s.session.readyClient();
  const source = rowSource(client, resolved.target, resolved.owner.schema.fields);
  const model = new RowModel(source.fetch, { pageSize: s.session.settings().pageSize });
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Window,
      title: vscode.l10n.t('Loading {0}', resolved.title),
    },
    () => model.open(),
  );
  const table = new TableSession(source, resolved.owner, model);
  showTablePanel(s, table, resolved.title, {
    export: () => exportTarget(s, resolved),
  });
  return { title: resolved.title, total: model.total };
}

/** `{ format: "csv" | "jsonl", path }` from a script; anything else is asked for. */
function exportOptions(value: unknown): ExportOptions {
  const b = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const format = b.format === 'csv' || b.format === 'jsonl' ? b.format : undefined;
  const path = typeof b.path === 'string' || b.path instanceof vscode.Uri ? b.path : undefined;
  return { format, path };
}
