import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import {
  type Entity,
  type Owner,
  WriteCancelledError,
  WriteRefusedError,
  createEntity,
  isRemoved,
  kindOf,
  saveEntity,
  serializeEntity,
} from '../profiles';
import type { Services } from '../services';
import { NotSignedInError } from '../session';
import { describeError } from '../ui/describeError';
import { writeDeps } from '../writeDeps';
import type { DocumentStore, Draft, LoadedEntity, StoredDocument } from './documentStore';
import { announceRemoved, encodeText, entityUri, fetchEntity, loadedEntity } from './fetchEntity';
import {
  type DocumentAddress,
  SCHEME,
  documentKey,
  isFolderPath,
  kindAt,
  parseAddress,
  sameDocument,
} from './uris';

// The two timers below each answer a behaviour of VS Code; test/integration/documents.test.ts
// has a test for each that fails without it.

/**
 * VS Code opens a document with stat() and then readFile(), before the document counts as open:
 * a copy fetched this recently (by the open command) serves both, so an open costs one GET.
 */
const FRESH_MS = 5000;
/**
 * VS Code reloads a saved document only after it reports the save (onDidSaveTextDocument); a write
 * that is no editor's save (workspace.fs.writeFile) is never reported, so after this long the
 * server's text is served anyway.
 */
const SAVE_SETTLE_MS = 3000;

export interface FileSystemHooks {
  /** Shows Copernica's copy next to the user's document (the "Compare" answer to a conflict). */
  compare(uri: vscode.Uri, serverText: string, label: string): void;
  /** A draft was saved and created `created`: open that, close the draft. */
  created(draftUri: vscode.Uri, created: vscode.Uri): void;
}

const decoder = new TextDecoder();

function isDocumentOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => sameDocument(d.uri, uri));
}

/**
 * `copernica:` documents: reading a profile is a GET, saving it is checks + PUT (or POST for a
 * draft). Anything that must leave the editor dirty is thrown from writeFile.
 */
export class ProfileFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly loading = new Map<string, Promise<LoadedEntity>>();

  constructor(
    private readonly s: Services,
    private readonly store: DocumentStore,
    private readonly hooks: FileSystemHooks,
  ) {}

  watch(): vscode.Disposable {
    // Changes are announced as they are made through this provider; nothing to poll.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (uri.scheme === SCHEME && isFolderPath(uri)) {
      return {
        type: vscode.FileType.Directory,
        ctime: 0,
        mtime: 0,
        size: 0,
        permissions: vscode.FilePermission.Readonly,
      };
    }
    const item = await this.resolve(uri);
    const readonly = item.kind === 'entity' && isRemoved(item.record.original);
    return {
      type: vscode.FileType.File,
      ctime: item.ctime,
      mtime: item.mtime,
      size: item.text.byteLength,
      ...(readonly ? { permissions: vscode.FilePermission.Readonly } : {}),
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.resolve(uri)).text;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const address = uri.scheme === SCHEME ? parseAddress(uri) : undefined;
    if (!address)
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('Only Copernica profiles and subprofiles can be saved here.'),
      );
    const item = await this.resolve(uri);
    const text = decoder.decode(content);
    if (item.kind === 'draft') await this.writeDraft(uri, item, content, text);
    else await this.writeEntity(uri, item, content, text);
  }

  /** An entity fetched by a command: served without another GET when its editor opens. */
  seed(uri: vscode.Uri, entity: Entity, owner: Owner): void {
    const address = parseAddress(uri);
    if (!address) return;
    const open = vscode.workspace.textDocuments.find((d) => sameDocument(d.uri, uri));
    // The user's unsaved edits are based on the copy they opened: that copy must stay.
    if (open?.isDirty) return;
    this.store.set(uri, loadedEntity(this.store, address, entity, owner));
    announceRemoved(this.s, entity);
    if (open) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Tells VS Code that a document is gone (after a delete), so its editor shows it. */
  forget(uri: vscode.Uri): void {
    this.store.delete(uri);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  readDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(
      vscode.l10n.t('Browse profiles in the Copernica view.'),
    );
  }

  createDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(
      vscode.l10n.t('Folders cannot be created in Copernica.'),
    );
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions(
      vscode.l10n.t('Use "Copernica: Delete Profile" to delete a profile.'),
    );
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions(
      vscode.l10n.t('Profiles cannot be renamed or moved.'),
    );
  }

  private async resolve(uri: vscode.Uri): Promise<StoredDocument> {
    const address = uri.scheme === SCHEME ? parseAddress(uri) : undefined;
    if (!address) throw vscode.FileSystemError.FileNotFound(uri);
    const item = this.store.get(uri);
    if (address.draft) {
      if (item) return item;
      throw vscode.FileSystemError.FileNotFound(
        vscode.l10n.t('This new, unsaved document no longer exists.'),
      );
    }
    // An open editor keeps the copy it was opened from until it saves; otherwise fetch anew.
    if (item?.kind === 'entity' && (isDocumentOpen(uri) || Date.now() - item.loadedAt < FRESH_MS))
      return item;
    return this.load(uri, address);
  }

  private load(uri: vscode.Uri, address: DocumentAddress): Promise<LoadedEntity> {
    const key = documentKey(uri);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.fetch(uri, address).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async fetch(uri: vscode.Uri, address: DocumentAddress): Promise<LoadedEntity> {
    try {
      const { entity, owner } = await fetchEntity(this.s, kindAt(address), address.id);
      const item = loadedEntity(this.store, address, entity, owner);
      this.store.set(uri, item);
      announceRemoved(this.s, entity);
      return item;
    } catch (error) {
      this.s.log.warn(`Opening ${uri.toString()}: ${describeError(error)}`);
      if (isApiError(error) && error.kind === 'notFound')
        throw vscode.FileSystemError.FileNotFound(describeError(error));
      if (error instanceof NotSignedInError)
        throw vscode.FileSystemError.Unavailable(error.message);
      throw new Error(describeError(error), { cause: error });
    }
  }

  private async writeEntity(
    uri: vscode.Uri,
    item: LoadedEntity,
    content: Uint8Array,
    text: string,
  ): Promise<void> {
    const { record } = item;
    let result;
    try {
      result = await saveEntity(await writeDeps(this.s), record, { text });
    } catch (error) {
      if (error instanceof WriteCancelledError && error.serverCopy) {
        this.hooks.compare(
          uri,
          serializeEntity(error.serverCopy, record.owner),
          record.kind.label(record.id),
        );
      }
      throw this.failure(uri, record.kind.label(record.id), error);
    }
    item.text = content;
    item.mtime = this.store.now();
    if (result.unchanged) return;
    this.announce(record.original, record.owner);
    if (!result.fresh) return;
    item.loadedAt = Date.now();
    const serverText = encodeText(serializeEntity(result.fresh, record.owner));
    if (decoder.decode(serverText) === text) return;
    item.pending = serverText;
    this.afterSave(uri, () => this.showServerText(uri));
  }

  private async writeDraft(
    uri: vscode.Uri,
    draft: Draft,
    content: Uint8Array,
    text: string,
  ): Promise<void> {
    const { record } = draft;
    const alreadyCreated = record.createdId !== undefined;
    let result;
    try {
      result = await createEntity(await writeDeps(this.s), record, { text });
    } catch (error) {
      throw this.failure(uri, record.kind.draftLabel(record.owner), error);
    }
    draft.text = content;
    draft.mtime = this.store.now();
    if (!alreadyCreated) {
      this.s.changes.fire({
        kind: record.kind.name,
        change: 'created',
        id: result.id,
        parentId: record.kind.parentId(record.owner),
        ...(record.target.profileId !== undefined ? { profileId: record.target.profileId } : {}),
      });
    }
    const created = entityUri(record.kind, record.owner, result.id);
    if (result.fresh) this.seed(created, result.fresh, record.owner);
    this.afterSave(uri, () => this.hooks.created(uri, created));
  }

  /** After a save: the server's text replaces the user's, and the editor (no longer dirty) reloads it. */
  private showServerText(uri: vscode.Uri): void {
    const item = this.store.get(uri);
    if (item?.kind !== 'entity' || !item.pending) return;
    item.text = item.pending;
    delete item.pending;
    item.mtime = this.store.now();
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Runs `action` once the editor has finished saving (it reloads only a document that is not dirty). */
  private afterSave(uri: vscode.Uri, action: () => void): void {
    let done = false;
    const run = (): void => {
      if (done) return;
      done = true;
      subscription.dispose();
      clearTimeout(timer);
      action();
    };
    const subscription = vscode.workspace.onDidSaveTextDocument((d) => {
      if (sameDocument(d.uri, uri)) run();
    });
    const timer = setTimeout(run, SAVE_SETTLE_MS);
  }

  private announce(entity: Entity, owner: Owner): void {
    const kind = kindOf(entity);
    this.s.changes.fire({
      kind: kind.name,
      change: 'updated',
      id: entity.ID,
      parentId: kind.parentId(owner),
      entity,
      profileId: kind.profileOf(entity),
    });
  }

  /**
   * What writeFile throws. VS Code itself shows a failed save as one notification ("Failed to save",
   * with Retry = save again) carrying this message, so the failure is logged and recorded, not shown twice.
   */
  private failure(uri: vscode.Uri, label: string, error: unknown): Error {
    if (error instanceof WriteRefusedError) {
      this.s.log.warn(error.message);
      return error;
    }
    if (error instanceof WriteCancelledError) return error;
    const context = vscode.l10n.t('Saving {0}', label);
    this.s.notifier.report(error, { context, shownByVsCode: true });
    const failed = new Error(
      `${describeError(error)} ${vscode.l10n.t('Details: Copernica: Show Log.')}`,
      { cause: error },
    );
    failed.name = 'Copernica';
    return failed;
  }

  /**
   * Forgets the copy of a document whose editor is gone. A change of language mode reports the
   * document closed and opened again while it stays in workspace.textDocuments: its copy (the base
   * of the conflict check) stays.
   */
  documentClosed(uri: vscode.Uri): void {
    if (!isDocumentOpen(uri)) this.store.delete(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
