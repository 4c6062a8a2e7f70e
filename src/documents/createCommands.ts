import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { CommandSpec } from '../commands/registry';
import type { Services } from '../services';
import { collectionFrom, databaseFrom, profileIdFrom } from '../commands/args';
import type { DocumentStore } from './documentStore';
import { encodeText, fetchProfile } from './loadEntity';
import { newProfileTemplate, newSubprofileTemplate } from './model';
import { askId, pickCollection, pickDatabase, withProgress } from '../ui/prompts';
import { type DocumentOwner, type SubprofileOwner, collectionOwner, profileOwner, subprofileOwner } from './schemas';
import { parseAddress, profileUri, subprofileUri } from './uris';

/**
 * New Profile / New Subprofile: a draft document with every field at its default. Saving the draft
 * creates the entity (see ProfileFileSystem.writeFile) and opens it in the draft's place.
 */
export function createCommands(s: Services, store: DocumentStore): Partial<Record<string, CommandSpec>> {
  return {
    [CommandIds.newProfile]: { context: vscode.l10n.t('Creating a profile'), run: (arg) => newProfile(s, store, arg) },
    [CommandIds.newSubprofile]: { context: vscode.l10n.t('Creating a subprofile'), run: (arg) => newSubprofile(s, store, arg) },
  };
}

async function newProfile(s: Services, store: DocumentStore, arg: unknown): Promise<vscode.Uri | undefined> {
  const given = databaseFrom(arg);
  // A name or ID from a script goes to Copernica as given; only the palette asks.
  const ref = given ?? (await pickDatabase(s, undefined, vscode.l10n.t('New Profile'), vscode.l10n.t('Database of the new profile')))?.ID;
  if (ref === undefined) return undefined;
  const owner = await withProgress(vscode.l10n.t('Reading the fields of {0}…', ref), (signal) => profileOwner(s, ref, signal));
  const uri = profileUri(owner.database.name, `new-${store.nextDraftNumber()}`);
  return openDraft(store, uri, owner, newProfileTemplate(owner.schema.fields, owner.schema.interests));
}

async function newSubprofile(s: Services, store: DocumentStore, arg: unknown): Promise<vscode.Uri | undefined> {
  const profileId = profileIdFrom(arg) ?? (await askId(vscode.l10n.t('New Subprofile'), vscode.l10n.t('ID of the profile the new subprofile belongs to')));
  if (profileId === undefined) return undefined;
  const owner = await subprofileOwnerFor(s, profileId, collectionFrom(arg));
  if (!owner) return undefined;
  const uri = subprofileUri(owner.database.name, owner.collection.name, `new-${store.nextDraftNumber()}`);
  return openDraft(store, uri, owner, newSubprofileTemplate(owner.schema.fields), profileId);
}

/** The collection given (by ID, or by name within the profile's database), or one the user picks. */
async function subprofileOwnerFor(s: Services, profileId: string, collection: string | undefined): Promise<SubprofileOwner | undefined> {
  if (collection !== undefined && /^\d+$/.test(collection)) {
    return withProgress(vscode.l10n.t('Reading the fields of collection {0}…', collection), (signal) => subprofileOwner(s, collection, signal));
  }
  const { owner } = await withProgress(vscode.l10n.t('Reading profile {0}…', profileId), (signal) => fetchProfile(s, profileId, signal));
  if (collection !== undefined) return collectionOwner(s, owner.database, collection);
  const picked = await pickCollection(owner.database);
  return picked ? subprofileOwner(s, picked.ID) : undefined;
}

async function openDraft(store: DocumentStore, uri: vscode.Uri, owner: DocumentOwner, text: string, profileId?: string): Promise<vscode.Uri> {
  const address = parseAddress(uri);
  if (!address) throw new Error(`Not a document address: ${uri.toString()}`);
  const now = store.now();
  store.set(uri, {
    kind: 'draft', address, owner, text: encodeText(text), ctime: now, mtime: now,
    ...(profileId !== undefined ? { profileId } : {}),
  });
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
