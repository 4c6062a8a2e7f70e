// The owner of an entity: the database (and for a subprofile the collection) it belongs to, with
// the definitions its document is checked against. Built from the schema cache, which one
// GET /databases fills for the tree and the documents alike.
import * as l10n from '@vscode/l10n';
import type { CopernicaClient } from '../api/client';
import type { Collection, Database, Field, Page } from '../api/types';
import type { DocumentSchema } from '../documents/model';

export interface ProfileOwner {
  kind: 'profile';
  database: Database;
  schema: DocumentSchema;
}

export interface SubprofileOwner {
  kind: 'subprofile';
  database: Database;
  collection: Collection;
  schema: DocumentSchema;
}

export type Owner = ProfileOwner | SubprofileOwner;

/** What owners are looked up in: the schema cache (src/schema.ts) and the client for long field lists. */
export interface OwnerSource {
  schema: {
    database(idOrName: string, signal?: AbortSignal): Promise<Database | undefined>;
    collection(
      id: string,
      signal?: AbortSignal,
    ): Promise<{ database: Database; collection: Collection } | undefined>;
    collectionIn(database: Database, idOrName: string): Promise<Collection | undefined>;
    clear(): void;
  };
  client(): Pick<CopernicaClient, 'databaseFields' | 'collectionFields'>;
}

/** The embedded lists are capped (a collection's fields at 100): fetch the rest when there is more. */
async function allOf(page: Page<Field>, fetchAll: () => Promise<Field[]>): Promise<Field[]> {
  return page.total !== undefined && page.total > page.data.length ? fetchAll() : page.data;
}

/** The cached schema may predate a database made since: look again once, fresh, before giving up. */
export async function findDatabase(
  source: OwnerSource,
  idOrName: string,
  signal?: AbortSignal,
): Promise<Database> {
  const cached = await source.schema.database(idOrName, signal);
  if (cached) return cached;
  source.schema.clear();
  const fresh = await source.schema.database(idOrName, signal);
  if (fresh) return fresh;
  throw new Error(l10n.t('Copernica has no database "{0}" in this account.', idOrName));
}

export async function ownerOfProfile(
  source: OwnerSource,
  databaseIdOrName: string,
  signal?: AbortSignal,
): Promise<ProfileOwner> {
  const database = await findDatabase(source, databaseIdOrName, signal);
  const fields = await allOf(database.fields, () =>
    source.client().databaseFields(database.ID, signal),
  );
  return {
    kind: 'profile',
    database,
    schema: { kind: 'profile', fields, interests: database.interests.data },
  };
}

export async function ownerOfSubprofile(
  source: OwnerSource,
  collectionId: string,
  signal?: AbortSignal,
): Promise<SubprofileOwner> {
  let found = await source.schema.collection(collectionId, signal);
  if (!found) {
    source.schema.clear();
    found = await source.schema.collection(collectionId, signal);
  }
  if (!found)
    throw new Error(l10n.t('Copernica has no collection {0} in this account.', collectionId));
  const { database, collection } = found;
  const fields = await allOf(collection.fields, () =>
    source.client().collectionFields(collection.ID, signal),
  );
  return { kind: 'subprofile', database, collection, schema: { kind: 'subprofile', fields } };
}

/** A collection of a database by ID or name. */
export async function ownerOfCollection(
  source: OwnerSource,
  database: Database,
  idOrName: string,
  signal?: AbortSignal,
): Promise<SubprofileOwner> {
  const collection = await source.schema.collectionIn(database, idOrName);
  if (!collection)
    throw new Error(l10n.t('Database "{0}" has no collection "{1}".', database.name, idOrName));
  return ownerOfSubprofile(source, collection.ID, signal);
}
