import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { CommandSpec, CommandTable } from '../commands/registry';
import { profileIdFrom, subprofileIdFrom } from '../commands/args';
import { type EntityKind, PROFILE, SUBPROFILE } from '../profiles';
import type { Services, Uses } from '../services';
import { askId, withProgress } from '../ui/prompts';
import { entityUri, fetchEntity } from './fetchEntity';
import type { ProfileFileSystem } from './profileFileSystem';

/**
 * Open Profile / Subprofile (a tree node, `{ id }` or an ID string) and the palette's Open by ID.
 * Each fetches the entity once; the file system then serves that copy to the editor.
 */
export function openCommands(
  s: Services,
  fs: ProfileFileSystem,
): CommandTable<
  | typeof CommandIds.openProfile
  | typeof CommandIds.openProfileById
  | typeof CommandIds.openSubprofile
  | typeof CommandIds.openSubprofileById
> {
  const open = (
    kind: EntityKind,
    idFrom: (arg: unknown) => string | undefined,
    ask: boolean,
    title: string,
    prompt: string,
  ): CommandSpec => ({
    context:
      kind === PROFILE ? vscode.l10n.t('Opening a profile') : vscode.l10n.t('Opening a subprofile'),
    run: async (arg) => {
      const id = idFrom(arg) ?? (ask ? await askId(title, prompt) : undefined);
      if (id !== undefined) return openEntity(s, fs, kind, id);
      if (ask) return undefined;
      throw new Error(
        vscode.l10n.t(
          'No {0} was given to open.',
          kind === PROFILE ? vscode.l10n.t('profile') : vscode.l10n.t('subprofile'),
        ),
      );
    },
  });
  const profileTitle = vscode.l10n.t('Open Profile');
  const profilePrompt = vscode.l10n.t('ID of the profile to open');
  const subprofileTitle = vscode.l10n.t('Open Subprofile');
  const subprofilePrompt = vscode.l10n.t('ID of the subprofile to open');
  return {
    [CommandIds.openProfile]: open(PROFILE, profileIdFrom, false, profileTitle, profilePrompt),
    [CommandIds.openProfileById]: open(PROFILE, profileIdFrom, true, profileTitle, profilePrompt),
    [CommandIds.openSubprofile]: open(
      SUBPROFILE,
      subprofileIdFrom,
      false,
      subprofileTitle,
      subprofilePrompt,
    ),
    [CommandIds.openSubprofileById]: open(
      SUBPROFILE,
      subprofileIdFrom,
      true,
      subprofileTitle,
      subprofilePrompt,
    ),
  };
}

/** Each open takes a ticket; only the latest may show its editor, so a quick second click wins. */
let latestOpen = 0;

async function openEntity(
  s: Uses<'session' | 'schema'>,
  fs: ProfileFileSystem,
  kind: EntityKind,
  id: string,
): Promise<vscode.Uri> {
  const ticket = ++latestOpen;
  const title =
    kind === PROFILE
      ? vscode.l10n.t('Opening profile {0}…', id)
      : vscode.l10n.t('Opening subprofile {0}…', id);
  const { entity, owner } = await withProgress(title, (signal) => fetchEntity(s, kind, id, signal));
  const uri = entityUri(kind, owner, entity.ID);
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
