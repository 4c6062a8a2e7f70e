import * as vscode from 'vscode';
import type { DocumentCommandId } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services } from '../services';
import { createCommands } from './createCommands';
import { deleteCommands } from './deleteCommands';
import { DocumentDiagnostics } from './documentDiagnostics';
import { DocumentStore } from './documentStore';
import { closeEditors } from './editors';
import { registerFieldAssist } from './fieldAssist';
import { registerProfileLanguage } from './language';
import { openCommands } from './openCommands';
import { type FileSystemHooks, ProfileFileSystem } from './profileFileSystem';
import { ServerCopies } from './serverCopies';
import { SCHEME, SERVER_SCHEME, sameDocument } from './uris';

export interface DocumentsFeature {
  /** The `copernica:` file system; index.ts registers a stand-in that forwards to it. */
  readonly fs: ProfileFileSystem;
  readonly disposables: vscode.Disposable[];
  readonly commands: CommandTable<DocumentCommandId>;
}

/**
 * Profile and subprofile documents: the file system, editor features and their commands. Loaded
 * on first use (see index.ts), so everything registered here starts when the first document opens.
 */
export function startDocuments(s: Services): DocumentsFeature {
  const store = new DocumentStore();
  const copies = new ServerCopies();
  const hooks: FileSystemHooks = {
    compare: (uri, serverText, label) => {
      copies.compare(uri, serverText, label).then(undefined, (error: unknown) => {
        s.notifier.report(error, {
          context: vscode.l10n.t("Comparing {0} with Copernica's copy", label),
        });
      });
    },
    created: (draftUri, created) => {
      void replaceDraft(draftUri, created).then(undefined, (error: unknown) => {
        s.notifier.report(error, { context: vscode.l10n.t('Opening the new entity') });
      });
    },
  };
  const fs = new ProfileFileSystem(s, store, hooks);
  const disposables: vscode.Disposable[] = [
    fs,
    copies,
    vscode.workspace.registerTextDocumentContentProvider(SERVER_SCHEME, copies),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === SCHEME) fs.documentClosed(d.uri);
    }),
    new DocumentDiagnostics(store),
    ...registerFieldAssist(store),
    ...registerProfileLanguage((message) => s.log.warn(message)),
  ];
  const commands = {
    ...openCommands(s, fs),
    ...createCommands(s, store),
    ...deleteCommands(s, fs, store),
  };
  return { fs, disposables, commands };
}

/** After a draft became a real entity: open the entity where the draft was, then close the draft. */
async function replaceDraft(draftUri: vscode.Uri, created: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(created, { preview: false });
  await closeEditors((uri) => sameDocument(uri, draftUri), false);
}
