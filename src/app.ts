import * as vscode from 'vscode';
import { CommandIds } from './commands/ids';
import { Log } from './log';

/** What activate() returns: a small surface for scripts and for the integration tests. */
export interface ExtensionApi {
  readonly log: Log;
}

export interface App extends vscode.Disposable {
  readonly api: ExtensionApi;
}

/** The composition root: creates every service once, registers everything, owns disposal. */
export function createApp(context: vscode.ExtensionContext): App {
  const disposables: vscode.Disposable[] = [];
  const log = new Log();
  disposables.push(log);
  log.info(`Copernica ${String(context.extension.packageJSON.version)} activated`);

  disposables.push(vscode.commands.registerCommand(CommandIds.showLog, () => log.show()));

  return {
    api: { log },
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
