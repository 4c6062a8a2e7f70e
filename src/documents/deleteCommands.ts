import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { CommandSpec } from '../commands/registry';
import type { Profile, Subprofile } from '../api/types';
import type { Services } from '../services';
import { profileIdFrom, subprofileIdFrom } from '../commands/args';
import type { DocumentStore } from './documentStore';
import { closeEditors } from './editors';
import { fetchProfile, fetchSubprofile, isRemoved } from './loadEntity';
import type { ProfileFileSystem } from './profileFileSystem';
import { askId, withProgress } from '../ui/prompts';
import type { DocumentOwner } from './schemas';
import { SCHEME, parseAddress } from './uris';

/** Delete Profile / Delete Subprofile: confirm (naming it), DELETE, close its editors, tell the tree. */
export function deleteCommands(s: Services, fs: ProfileFileSystem, store: DocumentStore): Partial<Record<string, CommandSpec>> {
  return {
    [CommandIds.deleteProfile]: {
      context: vscode.l10n.t('Deleting a profile'),
      run: async (arg) => {
        const id = profileIdFrom(arg) ?? (await askId(vscode.l10n.t('Delete Profile'), vscode.l10n.t('ID of the profile to delete')));
        return id === undefined ? false : deleteEntity(s, fs, store, 'profile', id);
      },
    },
    [CommandIds.deleteSubprofile]: {
      context: vscode.l10n.t('Deleting a subprofile'),
      run: async (arg) => {
        const id = subprofileIdFrom(arg) ?? (await askId(vscode.l10n.t('Delete Subprofile'), vscode.l10n.t('ID of the subprofile to delete')));
        return id === undefined ? false : deleteEntity(s, fs, store, 'subprofile', id);
      },
    },
  };
}

/** "profile 100001 (ada@example.com)": the ID and the first value that says who it is. */
function describe(kind: 'profile' | 'subprofile', entity: Profile | Subprofile, owner: DocumentOwner): string {
  const fields = owner.schema.fields;
  const telling = fields.find((f) => f.type === 'email' && entity.fields[f.name]) ??
    fields.find((f) => f.type === 'text' && entity.fields[f.name]);
  const value = telling ? entity.fields[telling.name] : undefined;
  const what = kind === 'profile' ? vscode.l10n.t('profile {0}', entity.ID) : vscode.l10n.t('subprofile {0}', entity.ID);
  return value ? `${what} (${value})` : what;
}

async function deleteEntity(s: Services, fs: ProfileFileSystem, store: DocumentStore, kind: 'profile' | 'subprofile', id: string): Promise<boolean> {
  const reading = kind === 'profile' ? vscode.l10n.t('Reading profile {0}…', id) : vscode.l10n.t('Reading subprofile {0}…', id);
  const fetched = await withProgress(reading, (signal): Promise<{ entity: Profile | Subprofile; owner: DocumentOwner }> =>
    kind === 'profile' ? fetchProfile(s, id, signal) : fetchSubprofile(s, id, signal));
  const { entity, owner } = fetched;
  const name = describe(kind, entity, owner);
  if (isRemoved(entity)) {
    void s.notifier.info(vscode.l10n.t('{0} was already removed on {1}.', name, entity.removed));
    return false;
  }
  const where = owner.kind === 'profile' ? owner.database.name : `${owner.database.name} › ${owner.collection.name}`;
  const detail = kind === 'profile'
    ? vscode.l10n.t('It is removed from {0} together with its subprofiles. Open editors of it are closed, discarding unsaved changes.', where)
    : vscode.l10n.t('It is removed from {0}. Open editors of it are closed, discarding unsaved changes.', where);
  const confirmed = await s.prompter.confirm(vscode.l10n.t('Delete {0}?', name), detail, vscode.l10n.t('Delete'));
  if (!confirmed) return false;
  await withProgress(vscode.l10n.t('Deleting {0}…', name), (signal) =>
    kind === 'profile' ? s.session.client().deleteProfile(id, signal) : s.session.client().deleteSubprofile(id, signal), true);
  s.log.info(`Deleted ${name}`);
  await closeDocumentsOf(fs, store, kind, id);
  if (owner.kind === 'profile') s.changes.fire({ kind: 'profile', change: 'deleted', id, parentId: owner.database.ID });
  else s.changes.fire({ kind: 'subprofile', change: 'deleted', id, parentId: owner.collection.ID, profileId: (entity as Subprofile).profile });
  vscode.window.setStatusBarMessage(vscode.l10n.t('Deleted {0}.', name), 5000);
  return true;
}

/** The entity's own documents and, for a profile, those of its subprofiles (removed with it). */
async function closeDocumentsOf(fs: ProfileFileSystem, store: DocumentStore, kind: 'profile' | 'subprofile', id: string): Promise<void> {
  const subprofilesOfProfile = new Set(
    kind === 'profile'
      ? store.entries().flatMap(([, item]) => (item.kind === 'entity' && 'collection' in item.original && item.original.profile === id ? [item.address.id] : []))
      : [],
  );
  const matches = (uri: vscode.Uri): boolean => {
    const address = parseAddress(uri);
    if (!address || address.draft) return false;
    if (address.kind === kind && address.id === id) return true;
    return address.kind === 'subprofile' && subprofilesOfProfile.has(address.id);
  };
  const uris = vscode.workspace.textDocuments.map((d) => d.uri).filter((uri) => uri.scheme === SCHEME && matches(uri));
  await closeEditors(matches, true);
  for (const uri of uris) fs.forget(uri);
}
