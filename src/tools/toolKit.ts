// What every tool shares: the consent setting, results as text parts, errors as results the model
// can act on (never a thrown stack), and the cancellation token as an AbortSignal.
import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import { WriteCancelledError, WriteRefusedError } from '../profiles';
import type { Services } from '../services';
import { NotSignedInError } from '../session';
import { describeError } from '../ui/describeError';
import { type ProfileDataMode, errorText, profileDataMode } from './toolInput';

export const PROFILE_DATA_SETTING = 'tools.profileData';

export interface ToolDeps {
  readonly s: Services;
  /** Read at each call, so a changed setting counts from the next call on. */
  mode(): ProfileDataMode;
}

export function toolDeps(s: Services): ToolDeps {
  return {
    s,
    mode: () =>
      profileDataMode(vscode.workspace.getConfiguration('copernica').get(PROFILE_DATA_SETTING)),
  };
}

export function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** Said in every result from which profile values were left out. */
export function withheldNote(): string {
  return vscode.l10n.t(
    'Profile values are not shared with language models (setting copernica.tools.profileData is "never"): this result holds definitions, IDs and counts only.',
  );
}

function hintFor(error: unknown): string | undefined {
  if (error instanceof NotSignedInError) {
    return vscode.l10n.t(
      'Ask the user to sign in with the command "Copernica: Sign In", then try again.',
    );
  }
  if (error instanceof WriteRefusedError) {
    return vscode.l10n.t(
      'Nothing was written. Correct the values named above (copernica_describeDatabases lists the fields, their types and choices) and try again.',
    );
  }
  if (error instanceof WriteCancelledError) {
    return vscode.l10n.t(
      'Nothing was written. Read it again with copernica_getProfile and ask the user how to go on.',
    );
  }
  if (isApiError(error) && error.kind === 'notFound')
    return vscode.l10n.t('Check the ID, e.g. with copernica_findProfiles.');
  return undefined;
}

/** The refusal's problems without the line and column of a document the model never saw. */
function messageOf(error: unknown): string {
  if (error instanceof WriteRefusedError && error.problems.length > 0)
    return error.problems.map((p) => p.message).join(' ');
  return describeError(error);
}

/** Runs a tool's work; any failure becomes an error result with what was wrong and what to try. */
export async function guarded(
  deps: ToolDeps,
  what: string,
  run: () => Promise<string>,
): Promise<vscode.LanguageModelToolResult> {
  try {
    return textResult(await run());
  } catch (error) {
    deps.s.log.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return textResult(errorText(messageOf(error), hintFor(error)));
  }
}

/** An AbortSignal that follows the tool call's cancellation token. */
export function signalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** With "ask", reading profile values asks first; with "allow" or "never" it does not. */
export function readConsent(
  deps: ToolDeps,
  message: string,
  progress: string,
): vscode.PreparedToolInvocation {
  if (deps.mode() !== 'ask') return { invocationMessage: progress };
  const setting = vscode.l10n.t(
    'The setting copernica.tools.profileData decides whether to ask each time, allow or never.',
  );
  return {
    invocationMessage: progress,
    confirmationMessages: {
      title: vscode.l10n.t('Send Copernica profile data to the language model?'),
      // A plain string, not Markdown: the message holds what the model asked for (conditions, IDs).
      message: `${message}\n\n${setting}`,
    },
  };
}
