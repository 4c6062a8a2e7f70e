import * as vscode from 'vscode';
import type { Collection, Database } from '../api/types';
import type { Uses } from '../services';

/**
 * Runs requests under a progress indicator: in the status bar for quick reads, or as a notification
 * whose Cancel aborts them.
 */
export function withProgress<T>(
  title: string,
  task: (signal: AbortSignal) => Promise<T>,
  cancellable = false,
): Thenable<T> {
  const location = cancellable
    ? vscode.ProgressLocation.Notification
    : vscode.ProgressLocation.Window;
  return vscode.window.withProgress({ location, title, cancellable }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return task(controller.signal);
  });
}

/** Asks for a (sub)profile ID in an input box; undefined when the user dismissed it. */
export async function askId(title: string, prompt: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^\s*\d+\s*$/.test(v) ? undefined : vscode.l10n.t('An ID is a number, like 18381.'),
  });
  return value?.trim();
}

/** The database named by a command's argument (ID or name), or one the user picks from the account. */
export async function pickDatabase(
  s: Uses<'schema'>,
  ref: string | undefined,
  title: string,
  placeHolder: string,
): Promise<Database | undefined> {
  if (ref !== undefined) {
    const found = await s.schema.database(ref);
    if (!found)
      throw new Error(vscode.l10n.t('There is no database "{0}" in this Copernica account.', ref));
    return found;
  }
  const databases = await s.schema.databases();
  if (databases.length === 0)
    throw new Error(vscode.l10n.t('This Copernica account has no databases.'));
  const picked = await vscode.window.showQuickPick(
    databases.map((d) => ({
      label: d.name,
      description: d.ID,
      detail: d.description,
      database: d,
    })),
    { title, placeHolder, ignoreFocusOut: true, matchOnDescription: true },
  );
  return picked?.database;
}

export async function pickCollection(database: Database): Promise<Collection | undefined> {
  const collections = database.collections.data;
  if (collections.length === 0)
    throw new Error(
      vscode.l10n.t(
        'Database "{0}" has no collections, so its profiles have no subprofiles.',
        database.name,
      ),
    );
  if (collections.length === 1) return collections[0];
  const picked = await vscode.window.showQuickPick(
    collections.map((c) => ({ label: c.name, description: c.ID, collection: c })),
    {
      title: vscode.l10n.t('New Subprofile'),
      placeHolder: vscode.l10n.t('Collection of the new subprofile in {0}', database.name),
      ignoreFocusOut: true,
    },
  );
  return picked?.collection;
}
