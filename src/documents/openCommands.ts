import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { CommandSpec } from '../commands/registry';
import type { Services } from '../services';
import { profileIdFrom, subprofileIdFrom } from '../commands/args';
import { entityUri, fetchProfile, fetchSubprofile } from './loadEntity';
import type { ProfileFileSystem } from './profileFileSystem';
import { askId, withProgress } from '../ui/prompts';

/**
 * Open Profile / Subprofile (a tree node, `{ id }` or an ID string) and the palette's Open by ID.
 * Each fetches the entity once; the file system then serves that copy to the editor.
 */
export function openCommands(s: Services, fs: ProfileFileSystem): Partial<Record<string, CommandSpec>> {
  const profile = async (arg: unknown, ask: boolean): Promise<vscode.Uri | undefined> => {
    const id = profileIdFrom(arg) ?? (ask ? await askId(vscode.l10n.t('Open Profile'), vscode.l10n.t('ID of the profile to open')) : undefined);
    if (id === undefined) return ask ? undefined : missing(vscode.l10n.t('profile'));
    return openProfile(s, fs, id);
  };
  const subprofile = async (arg: unknown, ask: boolean): Promise<vscode.Uri | undefined> => {
    const id = subprofileIdFrom(arg) ?? (ask ? await askId(vscode.l10n.t('Open Subprofile'), vscode.l10n.t('ID of the subprofile to open')) : undefined);
    if (id === undefined) return ask ? undefined : missing(vscode.l10n.t('subprofile'));
    return openSubprofile(s, fs, id);
  };
  return {
    [CommandIds.openProfile]: { context: vscode.l10n.t('Opening a profile'), run: (arg) => profile(arg, false) },
    [CommandIds.openProfileById]: { context: vscode.l10n.t('Opening a profile'), run: (arg) => profile(arg, true) },
    [CommandIds.openSubprofile]: { context: vscode.l10n.t('Opening a subprofile'), run: (arg) => subprofile(arg, false) },
    [CommandIds.openSubprofileById]: { context: vscode.l10n.t('Opening a subprofile'), run: (arg) => subprofile(arg, true) },
  };
}

function missing(what: string): never {
  throw new Error(vscode.l10n.t('No {0} was given to open.', what));
}

/** Each open takes a ticket; only the latest may show its editor, so a quick second click wins. */
let latestOpen = 0;

export async function openProfile(s: Services, fs: ProfileFileSystem, id: string): Promise<vscode.Uri> {
  const ticket = ++latestOpen;
  const { entity, owner } = await withProgress(vscode.l10n.t('Opening profile {0}…', id), (signal) => fetchProfile(s, id, signal));
  const uri = entityUri(entity.ID, owner);
  fs.seed(uri, entity, owner);
  return showLatest(uri, ticket);
}

export async function openSubprofile(s: Services, fs: ProfileFileSystem, id: string): Promise<vscode.Uri> {
  const ticket = ++latestOpen;
  const { entity, owner } = await withProgress(vscode.l10n.t('Opening subprofile {0}…', id), (signal) => fetchSubprofile(s, id, signal));
  const uri = entityUri(entity.ID, owner);
  fs.seed(uri, entity, owner);
  return showLatest(uri, ticket);
}

/** Shows the document unless a newer open overtook this one; the URI is returned either way. */
async function showLatest(uri: vscode.Uri, ticket: number): Promise<vscode.Uri> {
  if (ticket !== latestOpen) return uri;
  try {
    await vscode.window.showTextDocument(uri);
  } catch (error) {
    // VS Code cancels an editor that a newer open replaced in the preview tab: that is not a failure.
    if (ticket === latestOpen) throw error;
  }
  return uri;
}
