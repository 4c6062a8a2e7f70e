import type * as vscode from 'vscode';
import type { Profile, Subprofile } from '../api/types';
import type { DocumentOwner } from './schemas';
import { type DocumentAddress, documentKey } from './uris';

/** What a save already wrote when a later request of the same save failed (so a retry skips it). */
export interface PartialWrite {
  fields: Set<string>;
  interests: boolean;
  secret: boolean;
}

/** An existing profile or subprofile as its document was opened. */
export interface LoadedEntity {
  kind: 'entity';
  address: DocumentAddress;
  owner: DocumentOwner;
  /** The server copy taken at open; replaced by the copy read back after each save. */
  original: Profile | Subprofile;
  /** What the provider serves: the server's text, or the user's text just saved. */
  text: Uint8Array;
  ctime: number;
  mtime: number;
  loadedAt: number;
  /** Set after a save that failed half-way: what it did write. */
  written?: PartialWrite;
  /** The server's text after a save, served once the editor has finished saving the user's text. */
  pending?: Uint8Array;
}

/** A new profile or subprofile that exists only in the editor until its first save. */
export interface Draft {
  kind: 'draft';
  address: DocumentAddress;
  owner: DocumentOwner;
  /** Subprofiles: the profile the new subprofile belongs to. */
  profileId?: string;
  text: Uint8Array;
  ctime: number;
  mtime: number;
  /** Set once the POST succeeded: a draft is never created twice. */
  createdId?: string;
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
