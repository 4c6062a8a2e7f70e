// The scenarios done the extension's way: the real client, the real SchemaCache, the explorer's
// Pager with the explorer's query, and the document model's save sequence.
import { CopernicaClient } from '../../src/api/client';
import type { Collection, Database, Field, Page, Profile } from '../../src/api/types';
import {
  checkDocument, computeChanges, findCoercions, findConflicts, serializeProfile, toParsedDocument,
  type DocumentSchema,
} from '../../src/documents/model';
import { SchemaCache } from '../../src/schema';
import type { Session } from '../../src/session';
import { Pager, pagedQuery } from '../../src/tree/pager';
import type { SimHost } from './simHost';

export interface SchemaSummary {
  databases: number;
  collections: number;
  fields: number;
  interests: number;
}

export function summarize(databases: readonly Database[]): SchemaSummary {
  const collections = databases.flatMap((d) => d.collections.data);
  return {
    databases: databases.length,
    collections: collections.length,
    fields: databases.reduce((n, d) => n + d.fields.data.length, 0) + collections.reduce((n, c) => n + c.fields.data.length, 0),
    interests: databases.reduce((n, d) => n + d.interests.data.length, 0),
  };
}

/** Signed in: the JWT exchange and the identity call happen before any scenario is measured. */
export async function signedInClient(host: SimHost): Promise<CopernicaClient> {
  const client = new CopernicaClient({ apiUrl: host.url, authUrl: host.authUrl, apiVersion: 'v4', token: host.token });
  await client.identity();
  return client;
}

/** SchemaCache needs only these two members of the Session; the rest of it would load 'vscode'. */
export function schemaCacheFor(client: CopernicaClient): SchemaCache {
  const session: Pick<Session, 'client' | 'onDidChange'> = {
    client: () => client,
    onDidChange: () => ({ dispose: () => undefined }),
  };
  return new SchemaCache(session as Session);
}

/** a. The whole schema, then every database and collection looked up as the tree and documents do. */
export async function wholeSchema(client: CopernicaClient): Promise<SchemaSummary> {
  const cache = schemaCacheFor(client);
  const databases = await cache.databases();
  const lookups = await Promise.all([
    ...databases.map((d) => cache.database(d.ID)),
    ...databases.flatMap((d) => d.collections.data.map(async (c) => (await cache.collection(c.ID))?.collection)),
  ]);
  if (lookups.some((found) => found === undefined)) throw new Error('the schema cache lost a database or collection');
  return summarize(databases);
}

/** b. Every page of a database through the explorer's Pager; each request's duration is kept. */
export async function pageProfiles(client: CopernicaClient, databaseId: string, pageSize: number, pageTimes: number[]): Promise<Pager<Profile>> {
  const pager = new Pager<Profile>(async (after, withTotal, signal): Promise<Page<Profile>> => {
    const start = performance.now();
    const page = await client.profiles(databaseId, pagedQuery(pageSize, after, withTotal), signal);
    pageTimes.push(performance.now() - start);
    return page;
  }, pageSize);
  const signal = new AbortController().signal;
  while (!pager.done) await pager.loadNext(signal);
  return pager;
}

/** The first plain text field: an edit any user could make. */
export function editableField(fields: readonly Field[]): Field {
  const field = fields.find((f) => f.type === 'text');
  if (!field) throw new Error('the bench account has no text field to edit');
  return field;
}

export interface SaveOutcome {
  changed: string[];
  coercions: number;
}

/**
 * c. Open a profile and save one edited field, in the FileSystemProvider's order: GET at open;
 * at save the checks, a re-read for conflicts, a PUT of the changed fields, a GET to verify.
 * The schema comes from the cache the explorer filled at sign-in.
 */
export async function openAndSave(client: CopernicaClient, cache: SchemaCache, profileId: string, value: string): Promise<SaveOutcome> {
  const original = await client.profile(profileId);
  const database = await cache.database(original.database);
  if (!database) throw new Error(`no database ${original.database} in the schema`);
  const schema: DocumentSchema = { kind: 'profile', fields: database.fields.data, interests: database.interests.data };
  const field = editableField(schema.fields);
  const edited = serializeProfile({ ...original, fields: { ...original.fields, [field.name]: value } }, schema.fields);

  const check = checkDocument(edited, schema, original);
  if (!check.ok || !check.value) throw new Error(`the edited document fails its checks: ${check.problems.map((p) => p.message).join('; ')}`);
  const server = await client.profile(profileId);
  const changes = computeChanges(toParsedDocument(original), check.value);
  if (findConflicts(original, server, changes).any) throw new Error('unexpected conflict: nobody else edits the bench account');
  await client.updateProfile(profileId, { fields: changes.fields });
  const stored = await client.profile(profileId);
  return { changed: Object.keys(changes.fields), coercions: findCoercions(changes.fields, stored.fields, schema.fields).length };
}

/** d. A profile's subprofiles in every collection at once: the explorer's first page of each. */
export async function subprofilesAcross(client: CopernicaClient, profileId: string, collections: readonly Collection[], pageSize: number): Promise<number> {
  const pages = await Promise.all(collections.map((c) => client.subprofiles(profileId, c.ID, pagedQuery(pageSize, undefined, true))));
  return pages.reduce((n, page) => n + page.data.length, 0);
}

/** e. The same GET asked for by many callers at once (tree, hover, document) while one is in flight. */
export async function sharedGets(client: CopernicaClient, profileId: string, callers: number): Promise<number> {
  const answers = await Promise.all(Array.from({ length: callers }, () => client.profile(profileId)));
  return answers.filter((p) => p.ID === profileId).length;
}
