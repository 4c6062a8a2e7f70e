import type * as vscode from 'vscode';
import type { Collection, Database } from './api/types';
import type { Session } from './session';

/**
 * The account's databases with their embedded fields, interests and collections: one request
 * (GET /databases embeds them all) serves the tree and the documents until a refresh.
 */
export class SchemaCache implements vscode.Disposable {
  private pending: Promise<Database[]> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: Session) {
    this.subscription = session.onDidChange(() => this.clear());
  }

  databases(signal?: AbortSignal): Promise<Database[]> {
    if (!this.pending) {
      const request = this.session.client().databases(signal);
      this.pending = request;
      // A failed load is not cached: the next call tries again.
      request.catch(() => {
        if (this.pending === request) this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** A database by ID or by name (names are case-insensitive in Copernica). */
  async database(idOrName: string, signal?: AbortSignal): Promise<Database | undefined> {
    const all = await this.databases(signal);
    const lower = idOrName.toLowerCase();
    return all.find((d) => d.ID === idOrName) ?? all.find((d) => d.name.toLowerCase() === lower);
  }

  async collection(
    id: string,
    signal?: AbortSignal,
  ): Promise<{ database: Database; collection: Collection } | undefined> {
    for (const database of await this.databases(signal)) {
      const collection = database.collections.data.find((c) => c.ID === id);
      if (collection) return { database, collection };
    }
    return undefined;
  }

  /** A collection by ID or by name within a database. */
  async collectionIn(database: Database, idOrName: string): Promise<Collection | undefined> {
    const lower = idOrName.toLowerCase();
    return (
      database.collections.data.find((c) => c.ID === idOrName) ??
      database.collections.data.find((c) => c.name.toLowerCase() === lower)
    );
  }

  /** Fetches one database again (GET /database/$id) and puts it in place of the cached copy. */
  async reloadDatabase(id: string, signal?: AbortSignal): Promise<Database> {
    const fresh = await this.session.client().database(id, signal);
    const all = await this.databases(signal);
    const index = all.findIndex((d) => d.ID === id);
    if (index >= 0) all[index] = fresh;
    else all.push(fresh);
    return fresh;
  }

  clear(): void {
    this.pending = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
