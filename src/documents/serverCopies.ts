import * as vscode from 'vscode';
import { SERVER_SCHEME } from './uris';

/**
 * Read-only copies of what Copernica holds, for the left side of a comparison. A separate scheme
 * (a content provider) makes them read-only without any check in the file system's writeFile.
 */
export class ServerCopies implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly copies = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.copies.get(uri.toString()) ?? '';
  }

  /** Keeps `text` under a new URI beside the document's, so an older comparison stays as it was. */
  add(documentUri: vscode.Uri, text: string): vscode.Uri {
    const uri = documentUri.with({ scheme: SERVER_SCHEME, query: `copy=${++this.counter}` });
    this.copies.set(uri.toString(), text);
    // Only the latest few are worth keeping: each is one profile's JSON.
    if (this.copies.size > 20) {
      const oldest = this.copies.keys().next().value;
      if (oldest !== undefined) this.copies.delete(oldest);
    }
    return uri;
  }

  /** Opens Copernica's copy (left, read-only) against the user's document (right, still dirty). */
  async compare(documentUri: vscode.Uri, serverText: string, label: string): Promise<void> {
    const left = this.add(documentUri, serverText);
    const title = vscode.l10n.t('{0}: Copernica ↔ yours', label);
    await vscode.commands.executeCommand('vscode.diff', left, documentUri, title, {
      preview: false,
    });
  }

  dispose(): void {
    this.changed.dispose();
    this.copies.clear();
  }
}
