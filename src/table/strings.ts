import * as vscode from 'vscode';

/** The webview's words, translated here (the webview has no l10n of its own). */
export function webviewStrings(): Record<string, string> {
  return {
    save: vscode.l10n.t('Save'),
    export: vscode.l10n.t('Export…'),
    open: vscode.l10n.t('Open Row'),
    loading: vscode.l10n.t('Loading…'),
    rows: vscode.l10n.t('{0} rows'),
    edited: vscode.l10n.t('{0} edited'),
    invalid: vscode.l10n.t('{0} not valid (not sent)'),
    saving: vscode.l10n.t('Saving…'),
    grid: vscode.l10n.t('Profiles'),
    help: vscode.l10n.t(
      'Arrow keys move, Enter or F2 edits, Escape cancels, Alt+Enter opens the row as a document, Ctrl+Shift+Left/Right resizes the column.',
    ),
  };
}
