import * as vscode from 'vscode';
import { sameDocument } from './uris';

function urisOf(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

/** Every tab showing a document that `matches` (also as a side of a comparison). */
function tabsShowing(matches: (uri: vscode.Uri) => boolean): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((tab) => urisOf(tab).some(matches));
}

/**
 * Closes the editors of documents that `matches`. With `discard`, unsaved changes are reverted
 * first (the entity is gone, there is nowhere to save them); without it, dirty editors stay open.
 */
export async function closeEditors(
  matches: (uri: vscode.Uri) => boolean,
  discard: boolean,
): Promise<void> {
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && matches(d.uri));
  if (discard) {
    for (const document of dirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  const keep = discard ? [] : dirty.map((d) => d.uri);
  const tabs = tabsShowing((uri) => matches(uri) && !keep.some((k) => sameDocument(k, uri)));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
