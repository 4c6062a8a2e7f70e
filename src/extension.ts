// Must stay the first import: modules evaluate in import order, so this marks the start of loading.
import { loadStart } from './loadStart';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { createApp, type ExtensionApi } from './app';

export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const activateStart = performance.now();
  // The pure modules (api, document model) translate with @vscode/l10n: give it the bundle VS Code loaded.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const app = createApp(context);
  context.subscriptions.push(app);
  const done = performance.now();
  app.api.log.info(
    `activated in ${(done - loadStart).toFixed(1)} ms (modules ${(activateStart - loadStart).toFixed(1)} ms, activate ${(done - activateStart).toFixed(1)} ms)`,
  );
  // The API reaches the signed-in client: other extensions must not get it, only our own tests.
  return context.extensionMode === vscode.ExtensionMode.Test ? app.api : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
