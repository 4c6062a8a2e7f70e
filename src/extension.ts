import type * as vscode from 'vscode';
import { createApp, type ExtensionApi } from './app';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const app = createApp(context);
  context.subscriptions.push(app);
  return app.api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
