import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import { collectionFrom, databaseFrom, profileIdFrom } from '../commands/args';
import { newProfileTemplate, newSubprofileTemplate } from './model';
import {
  type CreateTarget,
  DraftRecord,
  type EntityKind,
  PROFILE,
  SUBPROFILE,
  type SubprofileOwner,
  ownerOfCollection,
  ownerOfProfile,
  ownerOfSubprofile,
} from '../profiles';
import type { Services, Uses } from '../services';
import { askId, pickCollection, pickDatabase, withProgress } from '../ui/prompts';
import type { DocumentStore } from './documentStore';
import { encodeText, entityUri, fetchEntity, ownerSource } from './fetchEntity';
import { parseAddress } from './uris';

/**
 * New Profile / New Subprofile: a draft document with every field at its default. Saving the draft
 * creates the entity (see ProfileFileSystem.writeFile) and opens it in the draft's place.
 */
export function createCommands(
  s: Services,
  store: DocumentStore,
): CommandTable<typeof CommandIds.newProfile | typeof CommandIds.newSubprofile> {
  return {
    [CommandIds.newProfile]: {
      context: vscode.l10n.t('Creating a profile'),
      run: (arg) => newProfile(s, store, arg),
    },
    [CommandIds.newSubprofile]: {
      context: vscode.l10n.t('Creating a subprofile'),
      run: (arg) => newSubprofile(s, store, arg),
    },
  };
}

async function newProfile(
  s: Uses<'session' | 'schema'>,
  store: DocumentStore,
  arg: unknown,
): Promise<vscode.Uri | undefined> {
  const given = databaseFrom(arg);
  // A name or ID from a script goes to Copernica as given; only the palette asks.
  const ref =
    given ??
    (
      await pickDatabase(
        s,
        undefined,
        vscode.l10n.t('New Profile'),
        vscode.l10n.t('Database of the new profile'),
      )
    )?.ID;
  if (ref === undefined) return undefined;
  const owner = await withProgress(vscode.l10n.t('Reading the fields of {0}…', ref), (signal) =>
    ownerOfProfile(ownerSource(s), ref, signal),
  );
  return openDraft(
    store,
    PROFILE,
    { owner },
    newProfileTemplate(owner.schema.fields, owner.schema.interests),
  );
}

async function newSubprofile(
  s: Uses<'session' | 'schema'>,
  store: DocumentStore,
  arg: unknown,
): Promise<vscode.Uri | undefined> {
  const profileId =
    profileIdFrom(arg) ??
    (await askId(
      vscode.l10n.t('New Subprofile'),
      vscode.l10n.t('ID of the profile the new subprofile belongs to'),
    ));
  if (profileId === undefined) return undefined;
  const owner = await subprofileOwnerFor(s, profileId, collectionFrom(arg));
  if (!owner) return undefined;
  return openDraft(
    store,
    SUBPROFILE,
    { owner, profileId },
    newSubprofileTemplate(owner.schema.fields),
  );
}

/** The collection given (by ID, or by name within the profile's database), or one the user picks. */
async function subprofileOwnerFor(
  s: Uses<'session' | 'schema'>,
  profileId: string,
  collection: string | undefined,
): Promise<SubprofileOwner | undefined> {
  const source = ownerSource(s);
  if (collection !== undefined && /^\d+$/.test(collection)) {
    return withProgress(
      vscode.l10n.t('Reading the fields of collection {0}…', collection),
      (signal) => ownerOfSubprofile(source, collection, signal),
    );
  }
  const { owner } = await withProgress(vscode.l10n.t('Reading profile {0}…', profileId), (signal) =>
    fetchEntity(s, PROFILE, profileId, signal),
  );
  if (collection !== undefined) return ownerOfCollection(source, owner.database, collection);
  const picked = await pickCollection(owner.database);
  return picked ? ownerOfSubprofile(source, picked.ID) : undefined;
}

async function openDraft(
  store: DocumentStore,
  kind: EntityKind,
  target: CreateTarget,
  text: string,
): Promise<vscode.Uri> {
  const uri = entityUri(kind, target.owner, `new-${store.nextDraftNumber()}`);
  const address = parseAddress(uri);
  if (!address) throw new Error(`Not a document address: ${uri.toString()}`);
  const now = store.now();
  store.set(uri, {
    kind: 'draft',
    address,
    record: new DraftRecord(kind, target),
    text: encodeText(text),
    ctime: now,
    mtime: now,
  });
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
