import * as vscode from 'vscode';
import type { Collection, Database, Field, Page } from '../api/types';
import type { Services } from '../services';
import type { DocumentSchema } from './model';

/** Where a profile document belongs and what it is checked against. */
export interface ProfileOwner {
  kind: 'profile';
  database: Database;
  schema: DocumentSchema;
}

/** Where a subprofile document belongs and what it is checked against. */
export interface SubprofileOwner {
  kind: 'subprofile';
  database: Database;
  collection: Collection;
  schema: DocumentSchema;
}

export type DocumentOwner = ProfileOwner | SubprofileOwner;

/** The embedded lists are capped (a collection's fields at 100): fetch the rest when there is more. */
async function allOf(page: Page<Field>, fetchAll: () => Promise<Field[]>): Promise<Field[]> {
  return page.total !== undefined && page.total > page.data.length ? fetchAll() : page.data;
}

/** The cached schema may predate a database made since: look again once, fresh, before giving up. */
async function findDatabase(s: Services, idOrName: string, signal?: AbortSignal): Promise<Database> {
  const cached = await s.schema.database(idOrName, signal);
  if (cached) return cached;
  s.schema.clear();
  const fresh = await s.schema.database(idOrName, signal);
  if (fresh) return fresh;
  throw new Error(vscode.l10n.t('Copernica has no database "{0}" in this account.', idOrName));
}

export async function profileOwner(s: Services, databaseIdOrName: string, signal?: AbortSignal): Promise<ProfileOwner> {
  const database = await findDatabase(s, databaseIdOrName, signal);
  const fields = await allOf(database.fields, () => s.session.client().databaseFields(database.ID, signal));
  return { kind: 'profile', database, schema: { kind: 'profile', fields, interests: database.interests.data } };
}

export async function subprofileOwner(s: Services, collectionId: string, signal?: AbortSignal): Promise<SubprofileOwner> {
  let found = await s.schema.collection(collectionId, signal);
  if (!found) {
    s.schema.clear();
    found = await s.schema.collection(collectionId, signal);
  }
  if (!found) throw new Error(vscode.l10n.t('Copernica has no collection {0} in this account.', collectionId));
  const { database, collection } = found;
  const fields = await allOf(collection.fields, () => s.session.client().collectionFields(collection.ID, signal));
  return { kind: 'subprofile', database, collection, schema: { kind: 'subprofile', fields } };
}

/** A collection of a database by ID or name. */
export async function collectionOwner(s: Services, database: Database, idOrName: string, signal?: AbortSignal): Promise<SubprofileOwner> {
  const collection = await s.schema.collectionIn(database, idOrName);
  if (!collection) throw new Error(vscode.l10n.t('Database "{0}" has no collection "{1}".', database.name, idOrName));
  return subprofileOwner(s, collection.ID, signal);
}

export { findDatabase };
