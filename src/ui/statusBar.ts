import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { StatusBarCommandId } from '../commands/ids';
import type { CommandTable } from '../commands/registry';
import type { Services, Uses } from '../services';

/** A status-bar item with the signed-in account; clicking it offers Sign In / Sign Out / Show Log. */
export function createStatusBar(s: Services): {
  item: vscode.StatusBarItem;
  updated: () => Promise<void>;
  disposables: vscode.Disposable[];
  commands: CommandTable<StatusBarCommandId>;
} {
  const item = vscode.window.createStatusBarItem(
    'copernica.account',
    vscode.StatusBarAlignment.Left,
    10,
  );
  item.name = vscode.l10n.t('Copernica Account');
  item.command = CommandIds.accountMenu;

  const update = async (): Promise<void> => {
    const state = s.session.state;
    if (state.kind === 'signedOut') {
      item.text = vscode.l10n.t('$(sign-in) Copernica');
      item.tooltip =
        state.problem ?? vscode.l10n.t('Not signed in to Copernica. Click to sign in.');
      return;
    }
    item.text = vscode.l10n.t('$(account) Copernica');
    item.tooltip = vscode.l10n.t('Signed in to {0}', state.settings.apiUrl);
    try {
      const identity = await s.session.identity();
      if (s.session.state === state) {
        item.text = `$(account) ${identity.name}`;
        item.tooltip = vscode.l10n.t(
          'Copernica account {0} ({1}) at {2}',
          identity.name,
          identity.id,
          state.settings.apiUrl,
        );
      }
    } catch {
      // The tree reports failures; the status bar just keeps the generic text.
    }
  };
  item.show();
  let latest = update();

  return {
    item,
    updated: () => latest,
    disposables: [item, s.session.onDidChange(() => (latest = update()))],
    commands: {
      [CommandIds.accountMenu]: {
        context: vscode.l10n.t('Copernica account'),
        run: () => accountMenu(s),
      },
    },
  };
}

async function accountMenu(s: Uses<'session'>): Promise<void> {
  const signedIn = s.session.state.kind === 'signedIn';
  const entries = [
    ...(signedIn
      ? []
      : [{ label: vscode.l10n.t('$(sign-in) Sign In'), command: CommandIds.signIn }]),
    ...(signedIn
      ? [{ label: vscode.l10n.t('$(sign-out) Sign Out'), command: CommandIds.signOut }]
      : []),
    { label: vscode.l10n.t('$(output) Show Log'), command: CommandIds.showLog },
  ];
  const picked = await vscode.window.showQuickPick(entries, { title: vscode.l10n.t('Copernica') });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
