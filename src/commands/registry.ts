import * as vscode from 'vscode';
import type { Notifier } from '../ui/notifier';
import type { CommandId } from './ids';

export type CommandHandler = (...args: unknown[]) => unknown;

/** A feature's commands: a handler for each of its ids, no more and no fewer (checked when compiled). */
export type CommandTable<Id extends CommandId> = { readonly [K in Id]: CommandSpec };

export interface CommandSpec {
  /** What the command does, for the notification when it fails ("Signing in"). */
  context: string;
  run: CommandHandler;
}

/**
 * Registers every command from one table, each wrapped once: a failure is reported through the
 * Notifier (logged, one notification with Retry where it helps). It resolves to undefined then,
 * rather than rejecting, so VS Code does not show a second notification of its own.
 */
export function registerCommands(
  table: Record<CommandId, CommandSpec>,
  notifier: Notifier,
): vscode.Disposable[] {
  return Object.entries(table).map(([id, spec]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await spec.run(...args);
      } catch (error) {
        notifier.report(error, {
          context: spec.context,
          retry: () => vscode.commands.executeCommand(id, ...args),
        });
        return undefined;
      }
    }),
  );
}
