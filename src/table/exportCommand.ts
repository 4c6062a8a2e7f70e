// Export…: a whole database, a collection's subprofiles or a search to CSV or JSON Lines, with a
// progress notification (count, Cancel). The file goes where the user chose (or a script named).
import * as vscode from 'vscode';
import type { Uses } from '../services';
import { exportRows } from './export/exportRows';
import { type ExportFormat, lineWriter } from './export/lines';
import { rowSource } from './rows/rowSource';
import type { Resolved } from './targets';

export interface ExportOptions {
  format?: ExportFormat;
  /** A file path or file URI; without it a save dialog asks. */
  path?: string | vscode.Uri;
}

/** `copernica.export.concurrency`: streams at the same time, 1–16. */
export function exportConcurrency(): number {
  const value = vscode.workspace.getConfiguration('copernica').get<number>('export.concurrency', 4);
  return Number.isFinite(value) ? Math.min(16, Math.max(1, Math.floor(value))) : 4;
}

export async function exportTarget(
  s: Uses<'session' | 'log' | 'notifier'>,
  resolved: Resolved,
  options: ExportOptions = {},
): Promise<{ count: number; path: string } | undefined> {
  const format = options.format ?? (await pickFormat());
  if (!format) return undefined;
  const uri = await destination(resolved.title, format, options.path);
  if (!uri) return undefined;
  const client = await s.session.readyClient();
  const source = rowSource(client, resolved.target, resolved.owner.schema.fields);
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Exporting {0}', resolved.title),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      let shown = 0;
      try {
        const writer = lineWriter(format, source.columns, resolved.owner);
        return await exportRows({
          fetch: source.fetch,
          writer,
          dataOnly: writer.dataOnly,
          path: uri.fsPath,
          concurrency: exportConcurrency(),
          signal: controller.signal,
          warn: (line) => s.log.warn(line),
          onProgress: (written, total) => {
            const increment = total > 0 ? ((written - shown) * 100) / total : 0;
            shown = written;
            progress.report({ message: vscode.l10n.t('{0} of {1}', written, total), increment });
          },
        });
      } finally {
        cancelled.dispose();
      }
    },
  );
  s.log.info(
    `Exported ${result.count} rows of ${resolved.title} to ${uri.fsPath} (${result.requests} requests, ${result.ranges} ranges)`,
  );
  void s.notifier.info(vscode.l10n.t('Exported {0} rows to {1}.', result.count, uri.fsPath));
  return { count: result.count, path: uri.fsPath };
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: 'CSV',
        description: vscode.l10n.t('RFC 4180, UTF-8, a header row of field names'),
        format: 'csv' as const,
      },
      {
        label: 'JSON Lines',
        description: vscode.l10n.t('one profile per line, as in its document'),
        format: 'jsonl' as const,
      },
    ],
    { title: vscode.l10n.t('Export'), placeHolder: vscode.l10n.t('Format') },
  );
  return picked?.format;
}

async function destination(
  title: string,
  format: ExportFormat,
  given: string | vscode.Uri | undefined,
): Promise<vscode.Uri | undefined> {
  if (given !== undefined) return typeof given === 'string' ? vscode.Uri.file(given) : given;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${title.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60)}.${format}`;
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0}', title),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
  });
}
