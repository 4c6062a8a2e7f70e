import * as vscode from 'vscode';
import { hasUnusualTokenCharacters } from '../api/auth';
import type { Services, Uses } from '../services';
import { withProgress } from '../ui/prompts';
import { type AccountCommandId, CommandIds } from './ids';
import type { CommandTable } from './registry';

/** Sign In (token from a password box, or as the first argument for scripts), Sign Out, Show Log. */
export function accountCommands(s: Services): CommandTable<AccountCommandId> {
  return {
    [CommandIds.signIn]: {
      context: vscode.l10n.t('Signing in to Copernica'),
      run: (token?: unknown) => signIn(s, token),
    },
    [CommandIds.signOut]: {
      context: vscode.l10n.t('Signing out of Copernica'),
      run: () => signOut(s),
    },
    [CommandIds.showLog]: { context: vscode.l10n.t('Showing the log'), run: () => s.log.show() },
  };
}

async function signIn(s: Uses<'session' | 'notifier'>, given: unknown): Promise<boolean> {
  const token = typeof given === 'string' ? given : await askToken(s);
  if (!token) return false;
  if (hasUnusualTokenCharacters(token.trim())) {
    // Said, not refused: the identity call decides. The characters themselves are never shown.
    void s.notifier.warn(unusualTokenWarning());
  }
  const identity = await withProgress(
    vscode.l10n.t('Checking the API token with Copernica…'),
    (signal) => s.session.signIn(token.trim(), signal),
    true,
  );
  void s.notifier.info(vscode.l10n.t('Signed in to Copernica as {0}.', identity.name));
  return true;
}

function askToken(s: Uses<'session' | 'notifier'>): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Sign In to Copernica'),
    prompt: vscode.l10n.t(
      "Paste an API token of your Copernica account (Marketing Suite › Admin › Access tokens). It is kept in VS Code's secret storage for {0}.",
      s.session.settings().apiUrl,
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (v.trim().length === 0) return vscode.l10n.t('The API token cannot be empty.');
      if (/\s/.test(v.trim())) return vscode.l10n.t('An API token has no spaces.');
      if (hasUnusualTokenCharacters(v.trim()))
        return {
          message: unusualTokenWarning(),
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      return undefined;
    },
  });
}

function unusualTokenWarning(): string {
  return vscode.l10n.t(
    'This API token has characters other than letters and digits, which a Copernica token never has. Check that it was copied whole and nothing else with it.',
  );
}

async function signOut(s: Uses<'session' | 'notifier'>): Promise<void> {
  await s.session.signOut();
  void s.notifier.info(
    vscode.l10n.t('Signed out of Copernica. The API token was removed from this machine.'),
  );
}
