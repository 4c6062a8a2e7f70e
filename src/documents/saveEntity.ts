import * as vscode from 'vscode';
import type { Profile, Subprofile } from '../api/types';
import type { Services } from '../services';
import { conflictDetail, serverChanges, stillToWrite } from './conflicts';
import type { LoadedEntity } from './documentStore';
import { fetchProfile, fetchSubprofile, isRemoved, serializeEntity } from './loadEntity';
import { type DocumentChanges, type ParsedDocument, checkDocument, computeChanges, findCoercions, toParsedDocument } from './model';
import { SaveCancelledError, capitalize, refuseInvalid } from './refusal';
import { describeAddress } from './uris';

type Entity = Profile | Subprofile;

export interface SaveHooks {
  /** Shows Copernica's copy next to the user's document (the "Compare" answer). */
  compare(uri: vscode.Uri, serverText: string, label: string): void;
}

/** What a successful save leaves behind: the server's copy as read back, if it could be read. */
export interface SaveResult {
  fresh?: Entity;
  /** Nothing differed from the opened copy, so nothing was sent. */
  unchanged: boolean;
}

async function fetchEntity(s: Services, entity: LoadedEntity, signal?: AbortSignal): Promise<{ entity: Entity; owner: LoadedEntity['owner'] }> {
  return entity.address.kind === 'profile' ? fetchProfile(s, entity.address.id, signal) : fetchSubprofile(s, entity.address.id, signal);
}

/**
 * Saves an existing (sub)profile: checks, conflict question, only the changes, read back. Throws
 * whenever the document must stay dirty; a failed request is reported once with Retry.
 */
export async function saveEntity(s: Services, hooks: SaveHooks, uri: vscode.Uri, entity: LoadedEntity, text: string): Promise<SaveResult> {
  const label = describeAddress(entity.address);
  // Checked before any request: a document that cannot be sent costs nothing.
  const check = checkDocument(text, entity.owner.schema, entity.original);
  const value = refuseInvalid(s, label, check);
  const changes = computeChanges(toParsedDocument(entity.original), value);
  if (changes.empty) return { unchanged: true };
  const current = await fetchEntity(s, entity);
  entity.owner = current.owner;
  await askOnConflict(s, hooks, uri, entity, current.entity, value, changes, label);
  const toWrite = stillToWrite(changes, current.entity);
  if (toWrite.empty) return { fresh: current.entity, unchanged: false };
  await write(s, entity, toWrite);
  return { fresh: await readBack(s, entity, toWrite, label), unchanged: false };
}

async function askOnConflict(
  s: Services, hooks: SaveHooks, uri: vscode.Uri, entity: LoadedEntity, server: Entity, edited: ParsedDocument,
  changes: DocumentChanges, label: string,
): Promise<void> {
  const changed = serverChanges(entity.original, server, edited, entity.written);
  if (changed.length === 0) return;
  const message = vscode.l10n.t('{0} was changed in Copernica since you opened it.', capitalize(label));
  const choice = await s.prompter.conflict(message, conflictDetail(entity.original, server, changes, changed));
  if (choice === 'overwrite') {
    s.log.info(`Saving ${label} over changes made in Copernica (${changed.join(', ')})`);
    return;
  }
  if (choice === 'compare') {
    hooks.compare(uri, serializeEntity(server, entity.owner), label);
    throw new SaveCancelledError(vscode.l10n.t('{0} was not saved: it changed in Copernica. Compare Copernica\'s copy (left) with yours (right), then save again.', capitalize(label)));
  }
  throw new SaveCancelledError(vscode.l10n.t('{0} was not saved: it changed in Copernica and you cancelled.', capitalize(label)));
}

/** Sends the changed fields and secret (one PUT), then the interests (one PUT), each at most once. */
async function write(s: Services, entity: LoadedEntity, changes: DocumentChanges): Promise<void> {
  const client = s.session.client();
  const { id } = entity.address;
  const fields = Object.keys(changes.fields).length > 0 ? { fields: changes.fields } : {};
  const secret = changes.secret !== undefined ? { secret: changes.secret } : {};
  if (fields.fields || secret.secret !== undefined) {
    if (entity.address.kind === 'profile') await client.updateProfile(id, { ...fields, ...secret });
    else await client.updateSubprofile(id, { ...fields, ...secret });
    // A retry after a later failure must neither send these again nor take them for someone else's edit.
    entity.original = { ...entity.original, fields: { ...entity.original.fields, ...changes.fields }, secret: changes.secret ?? entity.original.secret };
    entity.written = { fields: new Set([...(entity.written?.fields ?? []), ...Object.keys(changes.fields)]), interests: entity.written?.interests ?? false, secret: changes.secret !== undefined || (entity.written?.secret ?? false) };
  }
  if (changes.interestsChanged && entity.address.kind === 'profile' && 'interests' in entity.original) {
    const interests = changes.interests ?? [];
    await client.updateProfileInterests(id, interests);
    entity.original = { ...entity.original, interests: [...interests] };
    entity.written = { fields: entity.written?.fields ?? new Set(), interests: true, secret: entity.written?.secret ?? false };
  }
}

/** Reads the entity back and says which values Copernica stored differently from what was sent. */
async function readBack(s: Services, entity: LoadedEntity, changes: DocumentChanges, label: string): Promise<Entity | undefined> {
  let fresh: Entity;
  try {
    fresh = (await fetchEntity(s, entity)).entity;
  } catch (error) {
    // The save itself succeeded: failing it now would invite a second write.
    s.notifier.report(error, { context: vscode.l10n.t('Reading {0} back after saving', label) });
    return undefined;
  }
  if (isRemoved(fresh)) {
    // Copernica accepts updates of a removed entity and keeps its fields empty: say so, once.
    void s.notifier.warn(vscode.l10n.t('{0} was removed in Copernica on {1}; the saved changes have no effect.', capitalize(label), fresh.removed));
    return fresh;
  }
  warnAboutCoercions(s, label, changes.fields, changes.secret, fresh, entity);
  return fresh;
}

export function warnAboutCoercions(
  s: Services, label: string, sent: Record<string, string>, secret: string | undefined, fresh: Entity, entity: Pick<LoadedEntity, 'owner'>,
): void {
  const messages = findCoercions(sent, fresh.fields, entity.owner.schema.fields).map((c) => c.message);
  if (secret !== undefined && fresh.secret !== secret) {
    messages.push(vscode.l10n.t('Copernica changed the secret: {0} was sent, but {1} was stored.', JSON.stringify(secret), JSON.stringify(fresh.secret)));
  }
  if (messages.length === 0) return;
  s.log.warn(`${label}: ${messages.join(' ')}`);
  void s.notifier.warn(vscode.l10n.t('Copernica stored {0} differently from what was saved. {1}', label, messages.join(' ')));
}
