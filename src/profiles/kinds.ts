// A profile and a subprofile differ in a few operations only: how they are fetched, updated,
// created, removed and named, and which database or collection they belong to. One object per
// kind holds those differences, so the code that uses them has no profile-or-subprofile branches.
import * as l10n from '@vscode/l10n';
import type { CopernicaClient } from '../api/client';
import type { Collection, Profile, Subprofile } from '../api/types';
import type { ParsedDocument } from '../documents/model';
import { type Owner, type OwnerSource, ownerOfProfile, ownerOfSubprofile } from './owners';

/** A profile or a subprofile: what a document, a table row or an agent tool reads and writes. */
export type Entity = Profile | Subprofile;
export type EntityKindName = 'profile' | 'subprofile';

/** The calls of the Copernica client the kinds use. */
export type EntityClient = Pick<
  CopernicaClient,
  | 'profile'
  | 'subprofile'
  | 'updateProfile'
  | 'updateSubprofile'
  | 'updateProfileInterests'
  | 'createProfile'
  | 'createSubprofile'
  | 'deleteProfile'
  | 'deleteSubprofile'
  | 'profiles'
  | 'subprofiles'
>;

/** Where a new entity is created: its owner, and for a subprofile the profile it belongs to. */
export interface CreateTarget {
  owner: Owner;
  profileId?: string;
}

export interface EntityKind {
  readonly name: EntityKindName;
  /** Profiles have interests; subprofiles do not. */
  readonly hasInterests: boolean;
  fetch(client: EntityClient, id: string, signal?: AbortSignal): Promise<Entity>;
  /** The database (and collection) an entity belongs to, with the definitions it is checked against. */
  ownerOf(source: OwnerSource, entity: Entity, signal?: AbortSignal): Promise<Owner>;
  /** One PUT of fields and/or the secret. */
  update(
    client: EntityClient,
    id: string,
    change: { fields?: Record<string, string>; secret?: string },
    signal?: AbortSignal,
  ): Promise<void>;
  /** Replaces the whole interest set (profiles only). */
  updateInterests(
    client: EntityClient,
    id: string,
    interests: string[],
    signal?: AbortSignal,
  ): Promise<void>;
  /** One POST; resolves with the new ID. Never retried. */
  create(
    client: EntityClient,
    target: CreateTarget,
    value: ParsedDocument,
    signal?: AbortSignal,
  ): Promise<string>;
  remove(client: EntityClient, id: string, signal?: AbortSignal): Promise<void>;
  /** The newest entities where `target` creates one, newest first (to find out whether a create landed). */
  newest(
    client: EntityClient,
    target: CreateTarget,
    limit: number,
    signal?: AbortSignal,
  ): Promise<Entity[]>;
  interestsOf(entity: Entity): string[] | undefined;
  /** A subprofile's profile; undefined for a profile. */
  profileOf(entity: Entity): string | undefined;
  /** The ID of what the entity hangs under in the tree: its database, or its collection. */
  parentId(owner: Owner): string;
  /** "profile 12" / "subprofile 12". */
  label(id: string): string;
  /** "the new profile in Newsletter". */
  draftLabel(owner: Owner): string;
  /** The path of its document: `/<database>/profiles/<id>.json` or `/<database>/<collection>/subprofiles/<id>.json`. */
  documentPath(owner: Owner, id: string): string;
}

// A name may hold a slash or a percent sign; neither may split or garble a path segment.
function encodeName(name: string): string {
  return name.replace(/%/g, '%25').replace(/\//g, '%2F');
}

function collectionOf(owner: Owner): Collection {
  if (owner.kind !== 'subprofile') throw new Error('A subprofile belongs to a collection.');
  return owner.collection;
}

const NEWEST_FIRST = { orderBy: 'id', order: 'desc', total: false } as const;

/**
 * The owner of an entity, with definitions that know every field the entity has: a field added in
 * Copernica since the schema was cached reloads the schema once (and a field Copernica sends that
 * no definition names does not make the unchanged document fail its own check).
 */
async function ownerKnowing(
  source: OwnerSource,
  entity: Entity,
  lookup: () => Promise<Owner>,
): Promise<Owner> {
  const owner = await lookup();
  const known = new Set(owner.schema.fields.map((f) => f.name));
  if (Object.keys(entity.fields).every((name) => known.has(name))) return owner;
  source.schema.clear();
  return lookup();
}

export const PROFILE: EntityKind = {
  name: 'profile',
  hasInterests: true,
  fetch: (client, id, signal) => client.profile(id, signal),
  ownerOf: (source, entity, signal) =>
    ownerKnowing(source, entity, () =>
      ownerOfProfile(source, 'database' in entity ? entity.database : '', signal),
    ),
  update: (client, id, change, signal) => client.updateProfile(id, change, signal),
  updateInterests: (client, id, interests, signal) =>
    client.updateProfileInterests(id, interests, signal),
  create: (client, target, value, signal) =>
    client.createProfile(
      target.owner.database.ID,
      {
        fields: value.fields,
        ...(value.interests !== undefined ? { interests: value.interests } : {}),
      },
      signal,
    ),
  remove: (client, id, signal) => client.deleteProfile(id, signal),
  newest: async (client, target, limit, signal) =>
    (await client.profiles(target.owner.database.ID, { ...NEWEST_FIRST, limit }, signal)).data,
  interestsOf: (entity) => ('interests' in entity ? entity.interests : undefined),
  profileOf: () => undefined,
  parentId: (owner) => owner.database.ID,
  label: (id) => l10n.t('profile {0}', id),
  draftLabel: (owner) => l10n.t('the new profile in {0}', owner.database.name),
  documentPath: (owner, id) => `/${encodeName(owner.database.name)}/profiles/${id}.json`,
};

export const SUBPROFILE: EntityKind = {
  name: 'subprofile',
  hasInterests: false,
  fetch: (client, id, signal) => client.subprofile(id, signal),
  ownerOf: (source, entity, signal) =>
    ownerKnowing(source, entity, () =>
      ownerOfSubprofile(source, 'collection' in entity ? entity.collection : '', signal),
    ),
  update: (client, id, change, signal) => client.updateSubprofile(id, change, signal),
  updateInterests: () => Promise.reject(new Error('Subprofiles have no interests.')),
  create: (client, target, value, signal) => {
    if (target.profileId === undefined)
      return Promise.reject(new Error(l10n.t('This new subprofile has no profile to belong to.')));
    return client.createSubprofile(
      target.profileId,
      collectionOf(target.owner).ID,
      value.fields,
      signal,
    );
  },
  remove: (client, id, signal) => client.deleteSubprofile(id, signal),
  newest: async (client, target, limit, signal) => {
    if (target.profileId === undefined) return [];
    return (
      await client.subprofiles(
        target.profileId,
        collectionOf(target.owner).ID,
        { ...NEWEST_FIRST, limit },
        signal,
      )
    ).data;
  },
  interestsOf: () => undefined,
  profileOf: (entity) => ('profile' in entity ? entity.profile : undefined),
  parentId: (owner) => collectionOf(owner).ID,
  label: (id) => l10n.t('subprofile {0}', id),
  draftLabel: (owner) => l10n.t('the new subprofile in {0}', collectionOf(owner).name),
  documentPath: (owner, id) =>
    `/${encodeName(owner.database.name)}/${encodeName(collectionOf(owner).name)}/subprofiles/${id}.json`,
};

export const KINDS: Readonly<Record<EntityKindName, EntityKind>> = {
  profile: PROFILE,
  subprofile: SUBPROFILE,
};

/** The kind of an entity as Copernica sent it: only a subprofile names its collection. */
export function kindOf(entity: Entity): EntityKind {
  return 'collection' in entity ? SUBPROFILE : PROFILE;
}

export function isRemoved(entity: Entity): entity is Entity & { removed: string } {
  return typeof entity.removed === 'string' && entity.removed !== '';
}
