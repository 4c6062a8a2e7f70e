// The scenarios done the extension's way: the real client, the real SchemaCache, the explorer's
// Pager with the explorer's query, and the write engine every save goes through.
import { CopernicaClient } from '../../src/api/client';
import type { Collection, Database, Field, Page, Profile } from '../../src/api/types';
import {
  EntityRecord,
  PROFILE,
  saveEntity,
  serializeEntity,
  type WriteDeps,
} from '../../src/profiles';
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
    fields:
      databases.reduce((n, d) => n + d.fields.data.length, 0) +
      collections.reduce((n, c) => n + c.fields.data.length, 0),
    interests: databases.reduce((n, d) => n + d.interests.data.length, 0),
  };
}

/** Signed in: the JWT exchange and the identity call happen before any scenario is measured. */
export async function signedInClient(host: SimHost): Promise<CopernicaClient> {
  const client = new CopernicaClient({
    apiUrl: host.url,
    authUrl: host.authUrl,
    apiVersion: 'v4',
    token: host.token,
  });
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
    ...databases.flatMap((d) =>
      d.collections.data.map(async (c) => (await cache.collection(c.ID))?.collection),
    ),
  ]);
  if (lookups.some((found) => found === undefined))
    throw new Error('the schema cache lost a database or collection');
  return summarize(databases);
}

/** b. Every page of a database through the explorer's Pager; each request's duration is kept. */
export async function pageProfiles(
  client: CopernicaClient,
  databaseId: string,
  pageSize: number,
  pageTimes: number[],
): Promise<Pager<Profile>> {
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
 * c. Open a profile and save one edited field through the write engine, as the editor does: GET at
 * open; at save the checks, a re-read for conflicts, a PUT of the changed fields, a GET to verify.
 * The schema comes from the cache the explorer filled at sign-in.
 */
export async function openAndSave(
  client: CopernicaClient,
  cache: SchemaCache,
  profileId: string,
  value: string,
): Promise<SaveOutcome> {
  const deps: WriteDeps = {
    client,
    owners: { schema: cache, client: () => client },
    questions: {
      conflict: () =>
        Promise.reject(new Error('unexpected conflict: nobody else edits the bench account')),
      confirm: () => Promise.resolve(false),
    },
    reports: {
      warn: () => undefined,
      log: () => undefined,
      afterWriteFailed: (error) => {
        throw error;
      },
    },
  };
  const original = await client.profile(profileId);
  const record = new EntityRecord(PROFILE, original, await PROFILE.ownerOf(deps.owners, original));
  const field = editableField(record.owner.schema.fields);
  const text = serializeEntity(
    { ...original, fields: { ...original.fields, [field.name]: value } },
    record.owner,
  );
  const result = await saveEntity(deps, record, { text });
  return { changed: Object.keys(result.sent?.fields ?? {}), coercions: result.coercions.length };
}

/** d. A profile's subprofiles in every collection at once: the explorer's first page of each. */
export async function subprofilesAcross(
  client: CopernicaClient,
  profileId: string,
  collections: readonly Collection[],
  pageSize: number,
): Promise<number> {
  const pages = await Promise.all(
    collections.map((c) =>
      client.subprofiles(profileId, c.ID, pagedQuery(pageSize, undefined, true)),
    ),
  );
  return pages.reduce((n, page) => n + page.data.length, 0);
}

/** e. The same GET asked for by many callers at once (tree, hover, document) while one is in flight. */
export async function sharedGets(
  client: CopernicaClient,
  profileId: string,
  callers: number,
): Promise<number> {
  const answers = await Promise.all(
    Array.from({ length: callers }, () => client.profile(profileId)),
  );
  return answers.filter((p) => p.ID === profileId).length;
}
