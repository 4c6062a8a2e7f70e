import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { CommandSpec, CommandTable } from '../commands/registry';
import { profileIdFrom, subprofileIdFrom } from '../commands/args';
import {
  type EntityKind,
  PROFILE,
  SUBPROFILE,
  confirmDelete,
  deleteEntity,
  describeEntity,
} from '../profiles';
import type { Services, Uses } from '../services';
import { askId, withProgress } from '../ui/prompts';
import { writeDeps } from '../writeDeps';
import type { DocumentStore } from './documentStore';
import { closeEditors } from './editors';
import { fetchEntity } from './fetchEntity';
import type { ProfileFileSystem } from './profileFileSystem';
import { SCHEME, parseAddress } from './uris';

/** Delete Profile / Delete Subprofile: confirm (naming it), DELETE, close its editors, tell the tree. */
export function deleteCommands(
  s: Services,
  fs: ProfileFileSystem,
  store: DocumentStore,
): CommandTable<typeof CommandIds.deleteProfile | typeof CommandIds.deleteSubprofile> {
  const command = (
    kind: EntityKind,
    idFrom: (arg: unknown) => string | undefined,
    title: string,
    prompt: string,
  ): CommandSpec => ({
    context:
      kind === PROFILE
        ? vscode.l10n.t('Deleting a profile')
        : vscode.l10n.t('Deleting a subprofile'),
    run: async (arg) => {
      const id = idFrom(arg) ?? (await askId(title, prompt));
      return id === undefined ? false : deleteWithEditors(s, fs, store, kind, id);
    },
  });
  return {
    [CommandIds.deleteProfile]: command(
      PROFILE,
      profileIdFrom,
      vscode.l10n.t('Delete Profile'),
      vscode.l10n.t('ID of the profile to delete'),
    ),
    [CommandIds.deleteSubprofile]: command(
      SUBPROFILE,
      subprofileIdFrom,
      vscode.l10n.t('Delete Subprofile'),
      vscode.l10n.t('ID of the subprofile to delete'),
    ),
  };
}

async function deleteWithEditors(
  s: Uses<'session' | 'schema' | 'prompter' | 'notifier' | 'log' | 'changes'>,
  fs: ProfileFileSystem,
  store: DocumentStore,
  kind: EntityKind,
  id: string,
): Promise<boolean> {
  const { entity, owner } = await withProgress(
    vscode.l10n.t('Reading {0}…', kind.label(id)),
    (signal) => fetchEntity(s, kind, id, signal),
  );
  const name = describeEntity(kind, entity, owner);
  const deps = await writeDeps(s);
  const outcome = await confirmDelete(deps, kind, entity, owner);
  if (outcome === 'already-removed')
    void s.notifier.info(
      vscode.l10n.t('{0} was already removed on {1}.', name, String(entity.removed)),
    );
  if (outcome !== 'confirmed') return false;
  await withProgress(
    vscode.l10n.t('Deleting {0}…', name),
    (signal) => deleteEntity(deps, kind, id, signal),
    true,
  );
  await closeDocumentsOf(fs, store, kind, id);
  s.changes.fire({
    kind: kind.name,
    change: 'deleted',
    id,
    parentId: kind.parentId(owner),
    profileId: kind.profileOf(entity),
  });
  vscode.window.setStatusBarMessage(vscode.l10n.t('Deleted {0}.', name), 5000);
  return true;
}

/** The entity's own documents and, for a profile, those of its subprofiles (removed with it). */
async function closeDocumentsOf(
  fs: ProfileFileSystem,
  store: DocumentStore,
  kind: EntityKind,
  id: string,
): Promise<void> {
  const subprofilesOfProfile = new Set(
    store.entries().flatMap(([, item]) => {
      const original = item.kind === 'entity' ? item.record.original : undefined;
      return original && item.kind === 'entity' && item.record.kind.profileOf(original) === id
        ? [original.ID]
        : [];
    }),
  );
  const matches = (uri: vscode.Uri): boolean => {
    const address = parseAddress(uri);
    if (!address || address.draft) return false;
    if (address.kind === kind.name && address.id === id) return true;
    return address.kind === 'subprofile' && subprofilesOfProfile.has(address.id);
  };
  const uris = vscode.workspace.textDocuments
    .map((d) => d.uri)
    .filter((uri) => uri.scheme === SCHEME && matches(uri));
  await closeEditors(matches, true);
  for (const uri of uris) fs.forget(uri);
}
