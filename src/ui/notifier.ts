import * as vscode from 'vscode';
import { isApiError, type ApiError } from '../api/errors';
import type { Log } from '../log';
import { describeError } from './describeError';

export type Severity = 'error' | 'warning' | 'info';

/** A notification as the user saw it: kept so that tests and scripts can check what was shown. */
export interface ShownNotification {
  severity: Severity;
  message: string;
  actions: string[];
}

export interface ReportOptions {
  /** What was being done, e.g. "Loading profiles of Newsletter". */
  context: string;
  /** Offered as "Retry" when the failure is one a retry can fix. */
  retry?: () => unknown;
  /**
   * VS Code shows this failure itself (a failed save: "Failed to save …" with its own Retry):
   * log and record it, but do not show a second notification.
   */
  shownByVsCode?: boolean;
}

/** What the Notifier offers for a failure that signing in would fix; given by the composition root. */
export interface SignInAction {
  /** Whether the failure means the user is not signed in (besides Copernica refusing the token). */
  needsSignIn(error: unknown): boolean;
  signIn(): void;
}

/**
 * The one error path of the UI: log the detail, show one notification with Copernica's own
 * message and the actions that help (Sign In, Retry, Show Log).
 */
export class Notifier {
  private readonly shown: ShownNotification[] = [];
  private readonly emitter = new vscode.EventEmitter<ShownNotification>();
  readonly onDidShow = this.emitter.event;

  constructor(
    private readonly log: Log,
    private readonly signInAction: SignInAction,
  ) {}

  history(): readonly ShownNotification[] {
    return this.shown;
  }

  clearHistory(): void {
    this.shown.length = 0;
  }

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.show('info', message, actions);
  }

  warn(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.show('warning', message, actions);
  }

  /** Reports a failure once. Cancellation by the user is not a failure and shows nothing. */
  report(error: unknown, options: ReportOptions): void {
    if (isApiError(error) && error.kind === 'cancelled') {
      this.log.info(`${options.context}: cancelled`);
      return;
    }
    const text = `${options.context}: ${describeError(error)}`;
    this.log.error(
      isApiError(error)
        ? `${text} [${detail(error)}]`
        : `${text}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`,
    );
    const actions = this.actionsFor(error, options);
    if (options.shownByVsCode) {
      this.record({
        severity: 'error',
        message: this.log.redact(text),
        actions: [vscode.l10n.t('Retry')],
      });
      return;
    }
    void this.show(
      'error',
      text,
      actions.map((a) => a.title),
    ).then((picked) => {
      actions.find((a) => a.title === picked)?.run();
    });
  }

  private record(entry: ShownNotification): void {
    this.shown.push(entry);
    if (this.shown.length > 200) this.shown.shift();
    this.emitter.fire(entry);
  }

  private actionsFor(error: unknown, options: ReportOptions): { title: string; run: () => void }[] {
    const actions: { title: string; run: () => void }[] = [];
    const signIn = { title: vscode.l10n.t('Sign In'), run: () => this.signInAction.signIn() };
    if (this.signInAction.needsSignIn(error) || (isApiError(error) && error.kind === 'auth'))
      actions.push(signIn);
    if (options.retry && isRetryable(error)) {
      const retry = options.retry;
      actions.push({ title: vscode.l10n.t('Retry'), run: () => void retry() });
    }
    actions.push({ title: vscode.l10n.t('Show Log'), run: () => this.log.show() });
    return actions;
  }

  private show(
    severity: Severity,
    message: string,
    actions: string[],
  ): Thenable<string | undefined> {
    const clean = this.log.redact(message);
    this.record({ severity, message: clean, actions });
    if (severity === 'error') return vscode.window.showErrorMessage(clean, ...actions);
    if (severity === 'warning') return vscode.window.showWarningMessage(clean, ...actions);
    return vscode.window.showInformationMessage(clean, ...actions);
  }
}

function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return (
    ['network', 'timeout', 'server', 'rateLimited', 'auth'].includes(error.kind) ||
    error.kind === 'badRequest'
  );
}

function detail(error: ApiError): string {
  const parts = [`kind=${error.kind}`];
  if (error.method) parts.push(`${error.method} ${error.path}`);
  if (error.status !== undefined) parts.push(`status=${error.status}`);
  if (error.cause) parts.push(`cause=${error.cause}`);
  return parts.join(' ');
}
