import type * as vscode from 'vscode';
import type { CommandSpec } from '../commands/registry';
import type { Services } from '../services';

/** Profile and subprofile documents: the `copernica:` file system, editor features and their commands. */
export function createDocuments(_s: Services): { disposables: vscode.Disposable[]; commands: Partial<Record<string, CommandSpec>> } {
  return { disposables: [], commands: {} };
}
