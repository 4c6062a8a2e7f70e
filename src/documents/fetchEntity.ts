import * as vscode from 'vscode';
import {
  type Entity,
  type EntityKind,
  type Owner,
  type OwnerSource,
  EntityRecord,
  capitalize,
  isRemoved,
  kindOf,
  serializeEntity,
} from '../profiles';
import type { Uses } from '../services';
import type { DocumentStore, LoadedEntity } from './documentStore';
import { type DocumentAddress, SCHEME } from './uris';

const encoder = new TextEncoder();

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Where owners are looked up: the schema cache the tree fills, and the client for long field lists. */
export function ownerSource(s: Uses<'schema' | 'session'>): OwnerSource {
  return { schema: s.schema, client: () => s.session.client() };
}

/** Fetches an entity with the definitions of its database or collection. */
export async function fetchEntity(
  s: Uses<'session' | 'schema'>,
  kind: EntityKind,
  id: string,
  signal?: AbortSignal,
): Promise<{ entity: Entity; owner: Owner }> {
  const entity = await kind.fetch(await s.session.readyClient(), id, signal);
  return { entity, owner: await kind.ownerOf(ownerSource(s), entity, signal) };
}

/** Where an entity's document opens: its readable URI, built from its owner's names. */
export function entityUri(kind: EntityKind, owner: Owner, id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: kind.documentPath(owner, id) });
}

/** A store entry for an entity just read from Copernica. */
export function loadedEntity(
  store: DocumentStore,
  address: DocumentAddress,
  entity: Entity,
  owner: Owner,
): LoadedEntity {
  const now = store.now();
  return {
    kind: 'entity',
    address,
    record: new EntityRecord(kindOf(entity), entity, owner),
    text: encodeText(serializeEntity(entity, owner)),
    ctime: now,
    mtime: now,
    loadedAt: Date.now(),
  };
}

/** Said once per opening of a removed (sub)profile, which is shown read-only. */
export function announceRemoved(s: Uses<'notifier'>, entity: Entity): void {
  if (!isRemoved(entity)) return;
  void s.notifier.info(
    vscode.l10n.t(
      '{0} was removed on {1}. It is shown read-only.',
      capitalize(kindOf(entity).label(entity.ID)),
      entity.removed,
    ),
  );
}
