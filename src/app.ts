import * as vscode from 'vscode';
import { TokenStore } from './auth/tokenStore';
import { ChangeEvents } from './changes';
import { accountCommands } from './commands/accountCommands';
import { CommandIds, type CommandId } from './commands/ids';
import { registerCommands, type CommandSpec } from './commands/registry';
import { createDocuments } from './documents';
import { Log } from './log';
import { SchemaCache } from './schema';
import type { Services } from './services';
import { NotSignedInError, Session } from './session';
import { Notifier } from './ui/notifier';
import { createStatusBar } from './ui/statusBar';
import { createExplorer } from './tree';
import type { ExplorerProvider } from './tree/explorerProvider';
import { lastSearch, type SearchState } from './tree/searchState';
import { SwitchablePrompter, type Prompter } from './ui/prompter';
import { registerTools } from './tools';
import { createSelections } from './selections';
import { createTable } from './table';
import { createImports } from './importCommands';

/** What activate() returns: a small surface for scripts and for the integration tests. */
export interface ExtensionApi {
  readonly log: Log;
  readonly session: Session;
  readonly notifier: Notifier;
  readonly schema: SchemaCache;
  readonly tokens: TokenStore;
  readonly explorer: ExplorerProvider;
  /** The status-bar item's text once its latest update is done. */
  statusBarText(): Promise<string>;
  /** What the last Find Profiles showed. */
  lastSearch(): SearchState | undefined;
  /** Answers the extension's questions (confirmations, conflicts) instead of modal dialogs. */
  usePrompter(prompter: Prompter | undefined): void;
  /** A registered language-model tool object, to call its prepareInvocation and invoke directly. */
  tool(name: string): vscode.LanguageModelTool<unknown> | undefined;
}

export interface App extends vscode.Disposable {
  readonly api: ExtensionApi;
}

/** The composition root: creates every service once, registers everything, owns disposal. */
export function createApp(context: vscode.ExtensionContext): App {
  const disposables: vscode.Disposable[] = [];
  const own = <T extends vscode.Disposable>(d: T): T => {
    disposables.push(d);
    return d;
  };
  const version = String(context.extension.packageJSON.version);
  const log = own(new Log());
  const tokens = own(new TokenStore(context.secrets));
  const prompter = new SwitchablePrompter();
  const session = own(new Session(tokens, log, version, prompter));
  const schema = own(new SchemaCache(session));
  const notifier = new Notifier(log, {
    needsSignIn: (error) => error instanceof NotSignedInError,
    signIn: () => void vscode.commands.executeCommand(CommandIds.signIn),
  });
  const changes = own(new ChangeEvents());
  const services: Services = { context, log, tokens, session, schema, notifier, prompter, changes };

  const documents = createDocuments(services);
  const tree = createExplorer(services);
  const statusBar = createStatusBar(services);
  const tools = registerTools(services);
  const selections = createSelections(services, tree.explorer);
  const tables = createTable(services);
  const imports = createImports(services);
  disposables.push(
    ...selections.disposables,
    ...documents.disposables,
    ...tree.disposables,
    ...statusBar.disposables,
    ...tools.disposables,
    ...imports.disposables,
  );
  // Every id has exactly one handler: a missing or extra one does not compile.
  const table: Record<CommandId, CommandSpec> = {
    ...accountCommands(services),
    ...tree.commands,
    ...documents.commands,
    ...selections.commands,
    ...statusBar.commands,
    ...tables.commands,
    ...imports.commands,
  };
  disposables.push(...registerCommands(table, notifier));
  void session.restore();
  log.info(`Copernica ${version} activated in VS Code ${vscode.version} (${vscode.env.appHost})`);

  return {
    api: {
      log,
      session,
      notifier,
      schema,
      tokens,
      explorer: tree.explorer,
      lastSearch: () => lastSearch.state,
      statusBarText: async () => {
        await statusBar.updated();
        return statusBar.item.text;
      },
      usePrompter: (p) => prompter.use(p),
      tool: (name) => tools.tool(name),
    },
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
