// One profiles table: a webview panel that shows the rows of a TableSession. The webview asks
// for pages as they come into view and reports edits; everything that reaches Copernica goes
// through the session (checked, then the write engine). A hidden panel's webview is discarded
// (no retainContextWhenHidden): shown again, it says `ready` and gets its rows and edits anew.
import * as vscode from 'vscode';
import { entityUri } from '../documents/fetchEntity';
import { KINDS } from '../profiles';
import type { Uses } from '../services';
import { NotSignedInError } from '../session';
import { describeError } from '../ui/describeError';
import { writeDeps } from '../writeDeps';
import type { HostMessage, ViewMessage } from './messages';
import type { TableSession } from './tableSession';
import { webviewStrings } from './strings';

type PanelServices = Uses<'context' | 'session' | 'schema' | 'prompter' | 'notifier' | 'log'>;

export interface TablePanelHooks {
  export(): Thenable<unknown>;
}

export function showTablePanel(
  s: PanelServices,
  table: TableSession,
  title: string,
  hooks: TablePanelHooks,
): vscode.WebviewPanel {
  const scripts = vscode.Uri.joinPath(s.context.extensionUri, 'dist', 'webview');
  const panel = vscode.window.createWebviewPanel(
    'copernica.table',
    title,
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [scripts],
    },
  );
  panel.webview.html = html(panel.webview, vscode.Uri.joinPath(scripts, 'table.js'), title);
  const post = (message: HostMessage): void => void panel.webview.postMessage(message);
  const controller = new AbortController();
  const subscription = panel.webview.onDidReceiveMessage((message: ViewMessage) => {
    void handle(s, table, title, message, post, hooks, controller.signal).catch(
      (error: unknown) => {
        // The webview's status line says what went wrong in Copernica's words (or that sign-in is needed).
        post({
          type: 'failed',
          message: error instanceof NotSignedInError ? error.message : describeError(error),
        });
        s.notifier.report(error, { context: vscode.l10n.t('Profiles table {0}', title) });
      },
    );
  });
  panel.onDidDispose(() => {
    controller.abort();
    subscription.dispose();
  });
  return panel;
}

async function handle(
  s: PanelServices,
  table: TableSession,
  title: string,
  message: ViewMessage,
  post: (m: HostMessage) => void,
  hooks: TablePanelHooks,
  signal: AbortSignal,
): Promise<void> {
  switch (message.type) {
    case 'ready':
      post({
        type: 'init',
        title,
        columns: [...table.source.columns],
        total: table.model.total,
        pageSize: table.model.pageSize,
        strings: webviewStrings(),
        edits: table.allEdits(),
        outcomes: table.allOutcomes(),
      });
      return;
    case 'need':
      for (const index of table.model.loadOrder(message.pages)) {
        const page = await table.model.page(index, signal);
        post({ type: 'page', index, rows: table.rowsOf(page.rows) });
      }
      return;
    case 'edit': {
      const edit = table.edit(message.id, message.column, message.value);
      post({ type: 'edit', edit, pending: table.isPending(edit.id, edit.column) });
      return;
    }
    case 'revert':
      table.revert(message.id, message.column);
      post({
        type: 'edit',
        edit: { id: message.id, column: message.column, value: '' },
        pending: false,
      });
      return;
    case 'save':
      return save(s, table, post, signal);
    case 'open':
      await vscode.window.showTextDocument(
        entityUri(KINDS[table.source.kind], table.owner, message.id),
        { preview: false },
      );
      return;
    case 'export':
      await hooks.export();
      return;
  }
}

/** Saves the valid edits; more than one profile is listed and confirmed first. */
async function save(
  s: PanelServices,
  table: TableSession,
  post: (m: HostMessage) => void,
  signal: AbortSignal,
): Promise<void> {
  const plans = table.planned();
  if (plans.length === 0) return;
  if (plans.length > 1) {
    const label = KINDS[table.source.kind].label;
    const detail = plans
      .map((p) =>
        [
          `${label(p.id)}:`,
          ...Object.entries(p.fields).map(
            ([f, v]) => `  ${f}: ${JSON.stringify(p.before[f] ?? '')} → ${JSON.stringify(v)}`,
          ),
        ].join('\n'),
      )
      .join('\n');
    const go = await s.prompter.confirm(
      vscode.l10n.t('Save changes to {0} rows in Copernica?', plans.length),
      detail,
      vscode.l10n.t('Save'),
    );
    if (!go) return;
  }
  post({ type: 'busy', busy: true });
  try {
    const outcomes = await table.save(await writeDeps(s), plans, signal, describeError);
    post({ type: 'saved', outcomes, edits: table.allEdits() });
  } finally {
    post({ type: 'busy', busy: false });
  }
}

function html(webview: vscode.Webview, script: vscode.Uri, title: string): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const lang = vscode.env.language.replace(/[^A-Za-z-]/g, '');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(script).toString()}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// VS Code's theme variables only: the table follows the colour theme, high contrast included.
const STYLE = `
body{padding:0;margin:0;color:var(--vscode-foreground);background:var(--vscode-editor-background);font-family:var(--vscode-font-family);font-size:var(--vscode-font-size)}
#app{display:flex;flex-direction:column;height:100vh}
.bar{display:flex;gap:8px;align-items:center;padding:6px 8px;border-bottom:1px solid var(--vscode-panel-border)}
.bar button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:none;padding:4px 10px;cursor:pointer}
.bar button:disabled{opacity:.5;cursor:default}
.bar button.secondary{background:var(--vscode-button-secondaryBackground);color:var(--vscode-button-secondaryForeground)}
.status{margin-left:auto;color:var(--vscode-descriptionForeground)}
.scroller{flex:1;overflow:auto;position:relative;outline:none}
.grid{position:relative}
.row{display:flex;position:absolute;left:0;height:24px}
.head{position:sticky;top:0;z-index:2;background:var(--vscode-editorWidget-background);height:38px}
.cell{box-sizing:border-box;padding:0 6px;line-height:24px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;border-right:1px solid var(--vscode-editorGroup-border);border-bottom:1px solid var(--vscode-editorGroup-border);flex:none;position:relative}
.head .cell{line-height:18px;padding-top:1px;font-weight:600}
.head .type{display:block;font-weight:normal;color:var(--vscode-descriptionForeground);font-size:.9em}
.grip{position:absolute;right:0;top:0;bottom:0;width:5px;cursor:col-resize}
.cell:focus{outline:1px solid var(--vscode-focusBorder);outline-offset:-1px}
.edited{background:var(--vscode-diffEditor-insertedTextBackground)}
.invalid{background:var(--vscode-inputValidation-errorBackground);outline:1px solid var(--vscode-inputValidation-errorBorder);outline-offset:-1px}
.loading{color:var(--vscode-descriptionForeground);font-style:italic}
.cell input{width:100%;box-sizing:border-box;background:var(--vscode-input-background);color:var(--vscode-input-foreground);border:1px solid var(--vscode-focusBorder);font:inherit}
.rowstatus{width:28px;text-align:center}
.rowstatus.ok{color:var(--vscode-testing-iconPassed)}
.rowstatus.bad{color:var(--vscode-errorForeground)}
`;
