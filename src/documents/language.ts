import * as vscode from 'vscode';
import { type OutlineEntry, formatEdits, outline } from './model';
import { SCHEME } from './uris';

/**
 * The language of profile and subprofile documents (package.json): JSON to look at, but a
 * language of its own so that it can have defaults of its own. The one that matters is
 * `files.autoSave: off`: a save sends the profile to Copernica, which should happen when the
 * user saves, not at every pause in typing (VS Code for the Web saves after a delay by default).
 */
const PROFILE_LANGUAGE = 'copernica-profile';

const selector: vscode.DocumentSelector = { language: PROFILE_LANGUAGE, scheme: SCHEME };

export function registerProfileLanguage(warn: (message: string) => void): vscode.Disposable[] {
  // VS Code fires close then open, at once, when a document's language changes: an open that
  // follows a close of the same document is someone choosing a language, which is left alone.
  const justClosed = new Set<vscode.TextDocument>();
  const adopt = (document: vscode.TextDocument): void => {
    if (
      document.uri.scheme !== SCHEME ||
      document.languageId === PROFILE_LANGUAGE ||
      justClosed.has(document)
    )
      return;
    vscode.languages
      .setTextDocumentLanguage(document, PROFILE_LANGUAGE)
      .then(undefined, (error: unknown) => {
        warn(
          `could not give ${document.uri.toString()} the ${PROFILE_LANGUAGE} language: ${String(error)}`,
        );
      });
  };
  for (const document of vscode.workspace.textDocuments) adopt(document);
  return [
    vscode.workspace.onDidCloseTextDocument((document) => {
      justClosed.add(document);
      setTimeout(() => justClosed.delete(document), 0);
    }),
    vscode.workspace.onDidOpenTextDocument(adopt),
    vscode.languages.registerDocumentFormattingEditProvider(selector, {
      provideDocumentFormattingEdits: (document, options) =>
        formatEdits(document.getText(), options).map((e) =>
          vscode.TextEdit.replace(
            new vscode.Range(
              document.positionAt(e.offset),
              document.positionAt(e.offset + e.length),
            ),
            e.content,
          ),
        ),
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols: (document) =>
        outline(document.getText()).map((entry) => toSymbol(document, entry)),
    }),
  ];
}

const KINDS: Record<OutlineEntry['kind'], vscode.SymbolKind> = {
  object: vscode.SymbolKind.Module,
  array: vscode.SymbolKind.Array,
  string: vscode.SymbolKind.String,
  number: vscode.SymbolKind.Number,
  boolean: vscode.SymbolKind.Boolean,
  null: vscode.SymbolKind.Null,
};

function toSymbol(document: vscode.TextDocument, entry: OutlineEntry): vscode.DocumentSymbol {
  const range = (offset: number, length: number): vscode.Range =>
    new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
  const symbol = new vscode.DocumentSymbol(
    entry.name || '""',
    entry.detail,
    KINDS[entry.kind],
    range(entry.offset, entry.length),
    range(entry.nameOffset, entry.nameLength),
  );
  symbol.children = entry.children.map((child) => toSymbol(document, child));
  return symbol;
}
