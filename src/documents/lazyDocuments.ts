import * as vscode from 'vscode';
import { type DocumentCommandId, DocumentCommandIds } from '../commands/ids';
import type { CommandSpec, CommandTable } from '../commands/registry';
import type { Services } from '../services';
import type { DocumentsFeature } from './feature';
import type { ProfileFileSystem } from './profileFileSystem';
import { SCHEME } from './uris';

/** The commands whose handlers live in the documents feature: derived from the ids' grouping. */
const DOCUMENT_COMMANDS = Object.values(DocumentCommandIds);

/**
 * Profile and subprofile documents, loaded on first use. Activation registers only stand-ins: the
 * `copernica:` file system and the document commands. The first call to either loads the feature
 * (the document model, the JSON parser, diagnostics, completions: most of the bundle) from its own
 * chunk and hands the call on; from then on the stand-ins only forward.
 */
export function createDocuments(s: Services): {
  disposables: vscode.Disposable[];
  commands: CommandTable<DocumentCommandId>;
} {
  const fs = new LazyFileSystem(() => feature.load().then((f) => f.fs));
  const feature = new LazyFeature(s, (started) => fs.forwardChangesOf(started.fs));
  const commands = Object.fromEntries(
    DOCUMENT_COMMANDS.map((id) => [id, feature.command(id)]),
  ) as Record<DocumentCommandId, CommandSpec>;
  return {
    disposables: [
      feature,
      fs,
      vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isCaseSensitive: true }),
    ],
    commands,
  };
}

class LazyFeature implements vscode.Disposable {
  private loading: Promise<DocumentsFeature> | undefined;
  private loaded: DocumentsFeature | undefined;
  private disposed = false;

  constructor(
    private readonly s: Services,
    private readonly onStarted: (feature: DocumentsFeature) => void,
  ) {}

  load(): Promise<DocumentsFeature> {
    this.loading ??= this.start().catch((error: unknown) => {
      // A failed load may be retried (by the next command or document); it is reported by whoever asked.
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** A stand-in for the feature's command: the real one's failure context once it is loaded. */
  command(id: DocumentCommandId): CommandSpec {
    const feature = (): LazyFeature => this;
    return {
      get context(): string {
        return (
          feature().loaded?.commands[id].context ?? vscode.l10n.t('Loading the profile editor')
        );
      },
      run: async (...args: unknown[]) => (await this.load()).commands[id].run(...args),
    };
  }

  private async start(): Promise<DocumentsFeature> {
    const { startDocuments } = await import('./feature');
    if (this.disposed)
      throw new Error('The extension was deactivated while the profile editor was loading.');
    const started = startDocuments(this.s);
    this.loaded = started;
    this.onStarted(started);
    return started;
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.loaded?.disposables.reverse() ?? []) d.dispose();
  }
}

/** Registered at activation for `copernica:`; forwards every call to the feature's file system. */
class LazyFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly fs: () => Promise<ProfileFileSystem>) {}

  /** Announces the real file system's changes as this one's, which is what VS Code listens to. */
  forwardChangesOf(real: ProfileFileSystem): void {
    this.forwarding = real.onDidChangeFile((events) => this.changed.fire(events));
  }

  watch(): vscode.Disposable {
    // The real file system announces its changes itself (forwarded, see forwardChangesOf); nothing to poll.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return (await this.fs()).stat(uri);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.fs()).readFile(uri);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    return (await this.fs()).writeFile(uri, content);
  }

  async readDirectory(): Promise<[string, vscode.FileType][]> {
    return (await this.fs()).readDirectory();
  }

  async createDirectory(): Promise<void> {
    return (await this.fs()).createDirectory();
  }

  async delete(): Promise<void> {
    return (await this.fs()).delete();
  }

  async rename(): Promise<void> {
    return (await this.fs()).rename();
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
