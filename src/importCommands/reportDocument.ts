// The import report: a read-only virtual document (scheme `copernica-import`), Markdown by its name.
// It holds profile values, so it lives in memory only: never saved, gone when the window closes.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'copernica-import';

class ReportProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A new report's address: readable, and unique per import of this session. */
  newUri(database: string, fileName: string): vscode.Uri {
    this.count++;
    const name = `${database} ← ${fileName}`.replace(/[/\\]/g, '_');
    return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${this.count} ${name}.md` });
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  get(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

let provider: { reports: ReportProvider; registration: vscode.Disposable } | undefined;

/** The report documents, registered with the first import. */
export function reports(): ReportProvider {
  if (!provider) {
    const reports = new ReportProvider();
    const registration = vscode.workspace.registerTextDocumentContentProvider(
      REPORT_SCHEME,
      reports,
    );
    provider = { reports, registration };
  }
  return provider.reports;
}

export function disposeReports(): void {
  provider?.registration.dispose();
  provider?.reports.dispose();
  provider = undefined;
}

/** Shows a report and waits until the editor holds its latest text. */
export async function showReport(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  reports().set(uri, text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
