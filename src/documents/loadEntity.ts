import * as vscode from 'vscode';
import type { Profile, Subprofile } from '../api/types';
import type { Services } from '../services';
import type { DocumentStore, LoadedEntity } from './documentStore';
import { serializeProfile, serializeSubprofile } from './model';
import { type DocumentOwner, profileOwner, subprofileOwner } from './schemas';
import { type DocumentAddress, profileUri, subprofileUri } from './uris';

const encoder = new TextEncoder();

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The document text of an entity, fields in the owner's field order. */
export function serializeEntity(entity: Profile | Subprofile, owner: DocumentOwner): string {
  return 'collection' in entity ? serializeSubprofile(entity, owner.schema.fields) : serializeProfile(entity, owner.schema.fields);
}

/** Fetches a profile with the definitions of its database. */
export async function fetchProfile(s: Services, id: string, signal?: AbortSignal): Promise<{ entity: Profile; owner: DocumentOwner }> {
  const entity = await (await s.session.readyClient()).profile(id, signal);
  return { entity, owner: await profileOwner(s, entity.database, signal) };
}

/** Fetches a subprofile with the definitions of its collection. */
export async function fetchSubprofile(s: Services, id: string, signal?: AbortSignal): Promise<{ entity: Subprofile; owner: DocumentOwner }> {
  const entity = await (await s.session.readyClient()).subprofile(id, signal);
  return { entity, owner: await subprofileOwner(s, entity.collection, signal) };
}

/** Where an entity opens: its readable URI, built from its owner's names. */
export function entityUri(id: string, owner: DocumentOwner): vscode.Uri {
  return owner.kind === 'subprofile'
    ? subprofileUri(owner.database.name, owner.collection.name, id)
    : profileUri(owner.database.name, id);
}

/** A store entry for an entity just read from Copernica. */
export function loadedEntity(store: DocumentStore, address: DocumentAddress, entity: Profile | Subprofile, owner: DocumentOwner): LoadedEntity {
  const now = store.now();
  return {
    kind: 'entity', address, owner, original: entity, text: encodeText(serializeEntity(entity, owner)),
    ctime: now, mtime: now, loadedAt: Date.now(),
  };
}

export function isRemoved(entity: Profile | Subprofile): entity is (Profile | Subprofile) & { removed: string } {
  return typeof entity.removed === 'string' && entity.removed !== '';
}

/** Said once per opening of a removed (sub)profile, which is shown read-only. */
export function announceRemoved(s: Services, entity: Profile | Subprofile): void {
  if (!isRemoved(entity)) return;
  const message = 'collection' in entity
    ? vscode.l10n.t('Subprofile {0} was removed on {1}. It is shown read-only.', entity.ID, entity.removed)
    : vscode.l10n.t('Profile {0} was removed on {1}. It is shown read-only.', entity.ID, entity.removed);
  void s.notifier.info(message);
}
