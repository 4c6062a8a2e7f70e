import * as vscode from 'vscode';
import type { DocumentStore } from './documentStore';
import { type Problem, checkDocument } from './model';
import { SCHEME } from './uris';

const TYPING_DELAY_MS = 300;

/** The checks a save runs, shown while typing: unknown fields and bad values before they are sent. */
export class DocumentDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('copernica');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: DocumentStore) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, TYPING_DELAY_MS)),
      // A save replaces the copy read-only keys are compared with.
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (document.uri.scheme !== SCHEME) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.update(document);
      }, delayMs),
    );
  }

  update(document: vscode.TextDocument): void {
    const item = this.store.get(document.uri);
    if (!item) return;
    const original = item.kind === 'entity' ? item.record.original : undefined;
    const result = checkDocument(document.getText(), item.record.owner.schema, original);
    this.collection.set(
      document.uri,
      result.problems.map((p) => toDiagnostic(document, p)),
    );
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.subscriptions) d.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const start = document.positionAt(problem.offset);
  const end = document.positionAt(problem.offset + Math.max(problem.length, 0));
  const severity =
    problem.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), problem.message, severity);
  diagnostic.source = 'Copernica';
  diagnostic.code = problem.code;
  return diagnostic;
}
