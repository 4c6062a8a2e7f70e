import type * as vscode from 'vscode';
import type { DraftRecord, EntityRecord } from '../profiles';
import { type DocumentAddress, documentKey } from './uris';

/** The text a `copernica:` document is served from, and its times (VS Code notices changes by mtime). */
interface ServedText {
  address: DocumentAddress;
  /** What the provider serves: the server's text, or the user's text just saved. */
  text: Uint8Array;
  ctime: number;
  mtime: number;
}

/** An existing profile or subprofile as its document was opened; its write state is `record`'s. */
export interface LoadedEntity extends ServedText {
  kind: 'entity';
  record: EntityRecord;
  /** Date.now() when it was fetched (see FRESH_MS in profileFileSystem.ts). */
  loadedAt: number;
  /** The server's text after a save, served once the editor has finished saving the user's text. */
  pending?: Uint8Array;
}

/** A new profile or subprofile that exists only in the editor until its first save. */
export interface Draft extends ServedText {
  kind: 'draft';
  record: DraftRecord;
}

export type StoredDocument = LoadedEntity | Draft;

/** The documents the `copernica:` file system serves, by URI (without query). */
export class DocumentStore {
  private readonly items = new Map<string, StoredDocument>();
  private lastTime = 0;
  private drafts = 0;

  get(uri: vscode.Uri): StoredDocument | undefined {
    return this.items.get(documentKey(uri));
  }

  set(uri: vscode.Uri, item: StoredDocument): void {
    this.items.set(documentKey(uri), item);
  }

  delete(uri: vscode.Uri): void {
    this.items.delete(documentKey(uri));
  }

  /** Every stored document with its key, e.g. to find all editors of a deleted profile. */
  entries(): [string, StoredDocument][] {
    return [...this.items.entries()];
  }

  /** Strictly increasing: VS Code notices a change by mtime, and two in one millisecond would look alike. */
  now(): number {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return this.lastTime;
  }

  nextDraftNumber(): number {
    return ++this.drafts;
  }
}
