// Profile documents as a user handles them: open through the extension's command, type, save,
// and throw away what is left (revert + close) so no test leaves a dirty editor behind.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/app';
import type { ConflictChoice, Prompter } from '../../../src/ui/prompter';
import type { RecordedRequest } from '../../simulator';
import { isWrite } from './reliability';

/** Opens a profile with "Copernica: Open Profile" and returns its document. */
export async function openProfile(api: ExtensionApi, id: string): Promise<vscode.TextDocument> {
  const result: unknown = await vscode.commands.executeCommand('copernica.openProfile', id);
  const failure = api.notifier
    .history()
    .filter((n) => n.severity === 'error')
    .map((n) => n.message)
    .join(' | ');
  assert.ok(result, `profile ${id} did not open: ${failure}`);
  const uri = result instanceof vscode.Uri ? result : vscode.Uri.from(result as vscode.Uri);
  return vscode.workspace.openTextDocument(uri);
}

/** Opens a `copernica:` URI as a document of its own (for two documents of one profile). */
export async function openUri(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Replaces the whole text, as a paste over Select All would. */
export async function replaceText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    doc.uri,
    new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)),
    text,
  );
  assert.ok(
    await vscode.workspace.applyEdit(edit),
    `the edit of ${doc.uri.toString()} was not applied`,
  );
}

/** The document text with one field's string value replaced. */
export function setField(text: string, name: string, value: string): string {
  const pattern = new RegExp(`^(\\s*${JSON.stringify(name)}: )"(?:[^"\\\\]|\\\\.)*"`, 'm');
  assert.ok(pattern.test(text), `no field "${name}" in:\n${text}`);
  return text.replace(pattern, (_all, head: string) => head + JSON.stringify(value));
}

/** Reverts the documents that are dirty, then closes every tab that shows one of them. */
export async function discard(...docs: vscode.TextDocument[]): Promise<void> {
  for (const doc of docs) {
    if (doc.isClosed || !doc.isDirty) continue;
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  const uris = new Set(docs.map((d) => d.uri.toString()));
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && uris.has(t.input.uri.toString()));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

/** Write requests (PUT/POST/DELETE) that concern one profile. */
export function writesTo(
  requests: readonly RecordedRequest[],
  profileId: string,
): RecordedRequest[] {
  const own = `/v4/profile/${profileId}`;
  return requests.filter((r) => isWrite(r) && (r.path === own || r.path.startsWith(`${own}/`)));
}

export function errorMessages(api: ExtensionApi): string[] {
  return api.notifier
    .history()
    .filter((n) => n.severity === 'error')
    .map((n) => n.message);
}

/** Answers every question the extension asks, and remembers them. */
export class RecordingPrompter implements Prompter {
  readonly conflicts: { message: string; detail: string }[] = [];
  readonly confirms: string[] = [];

  constructor(public answer: ConflictChoice = 'cancel') {}

  confirm(message: string): Promise<boolean> {
    this.confirms.push(message);
    return Promise.resolve(false);
  }

  conflict(message: string, detail: string): Promise<ConflictChoice> {
    this.conflicts.push({ message, detail });
    return Promise.resolve(this.answer);
  }
}
