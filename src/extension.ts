import * as vscode from 'vscode';
import { createApp, type ExtensionApi } from './app';

export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const app = createApp(context);
  context.subscriptions.push(app);
  // The API reaches the signed-in client: other extensions must not get it, only our own tests.
  return context.extensionMode === vscode.ExtensionMode.Test ? app.api : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
