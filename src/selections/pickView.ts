import * as vscode from 'vscode';
import { miniviews } from '../api/views';
import type { ViewTarget } from './target';
import type { Uses } from '../services';
import { allViews } from '../tree/viewLists';
import { pickDatabase } from '../ui/prompts';

type Item = vscode.QuickPickItem & { target: ViewTarget };

/**
 * The palette's way to a selection: a database, then one of its selections (nested ones under
 * their parents' names) or of its collections' miniselections.
 */
export async function pickView(
  s: Uses<'session' | 'schema'>,
  title: string,
): Promise<ViewTarget | undefined> {
  const database = await pickDatabase(
    s,
    undefined,
    title,
    vscode.l10n.t('Database of the selection'),
  );
  if (!database) return undefined;
  const client = s.session.client();
  const items: Item[] = (await allViews(client, database.ID)).map(({ view, path }) => ({
    label: path.join(' › '),
    description: view.ID,
    detail: view.description,
    target: { kind: 'view', id: view.ID },
  }));
  for (const collection of database.collections.data) {
    for (const view of await miniviews(client, collection.ID)) {
      items.push({
        label: `${collection.name} › ${view.name}`,
        description: vscode.l10n.t('miniselection {0}', view.ID),
        detail: view.description,
        target: { kind: 'miniview', id: view.ID },
      });
    }
  }
  if (items.length === 0)
    throw new Error(
      vscode.l10n.t('Database "{0}" has no selections or miniselections.', database.name),
    );
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('Selection in {0}', database.name),
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  return picked?.target;
}
