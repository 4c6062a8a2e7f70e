import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { CopernicaClient } from './api/client';
import type { Identity } from './api/types';
import { bindingChanges, type BindingKey, type TokenBinding } from './auth/tokenBinding';
import type { TokenStore } from './auth/tokenStore';
import { affectsConnection, CONFIG_SECTION, readSettings, type Settings } from './config';
import type { Log } from './log';
import type { Prompter } from './ui/prompter';

export type SessionState =
  | { kind: 'signedOut'; problem?: string }
  | {
      kind: 'signedIn';
      client: CopernicaClient;
      settings: Settings;
      identity?: Identity;
      fingerprint: string;
    };

/** Thrown when a command needs a client and nobody is signed in. */
export class NotSignedInError extends Error {
  constructor(message = vscode.l10n.t('You are not signed in to Copernica.')) {
    super(message);
    this.name = 'NotSignedInError';
  }
}

/**
 * Who is signed in, with which client. The token is read from the TokenStore and handed to the
 * client; it is never kept anywhere else. Follows token changes made in another window and
 * changes of the connection settings.
 */
export class Session implements vscode.Disposable {
  private current: SessionState = { kind: 'signedOut' };
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private version: string;
  /** Bumped on every state change, so a slower restore() cannot undo a newer sign-in. */
  private epoch = 0;
  private restoring: Promise<void> | undefined;
  /** The open question per new destination, so several setting events ask once. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(
    private readonly tokens: TokenStore,
    private readonly log: Log,
    extensionVersion: string,
    private readonly prompter: Prompter,
  ) {
    this.version = extensionVersion;
    this.disposables.push(
      this.changed,
      tokens.onDidChange((apiUrl) => {
        if (apiUrl === readSettings().settings.apiUrl) void this.restore();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsConnection(e)) void this.restore();
      }),
    );
  }

  get state(): SessionState {
    return this.current;
  }

  /** The signed-in client, or NotSignedInError. */
  client(): CopernicaClient {
    if (this.current.kind !== 'signedIn') throw new NotSignedInError(this.current.problem);
    return this.current.client;
  }

  /**
   * The settings in use. Where requests go stays as it was at sign-in (a change of those signs in
   * again); the page size is read as it is now, so a change shows at the next list loaded.
   */
  settings(): Settings {
    const now = readSettings().settings;
    return this.current.kind === 'signedIn'
      ? { ...this.current.settings, pageSize: now.pageSize }
      : now;
  }

  /** Picks up a stored token (at activation, after a settings change, or another window's sign-in). */
  restore(): Promise<void> {
    const run = this.readStoredToken().finally(() => {
      if (this.restoring === run) this.restoring = undefined;
    });
    this.restoring = run;
    return run;
  }

  /**
   * The signed-in client once no restore is under way, so the state is what storage says. At
   * startup VS Code reopens `copernica:` editors before the stored token has been read: they wait
   * for it here instead of failing as signed out.
   */
  async readyClient(): Promise<CopernicaClient> {
    while (this.restoring) await this.restoring.catch(() => undefined);
    return this.client();
  }

  private async readStoredToken(): Promise<void> {
    const { settings, endpointProblem } = readSettings();
    if (endpointProblem) {
      this.log.warn(endpointProblem);
      this.set({ kind: 'signedOut', problem: endpointProblem });
      return;
    }
    const epoch = this.epoch;
    const token = await this.tokens.get(settings.apiUrl);
    const bound = token ? await this.tokens.binding(settings.apiUrl) : undefined;
    // A sign-in or sign-out that finished while we waited is newer than what we read.
    if (epoch !== this.epoch) return;
    if (!token) {
      if (this.current.kind === 'signedIn' || this.current.problem !== undefined)
        this.set({ kind: 'signedOut' });
      return;
    }
    if (!(await this.mayUse(settings, bound))) return;
    const fingerprint = fingerprintOf(settings, token);
    // Our own sign-in also fires the secret's change event: keep that session and its cached identity.
    if (this.current.kind === 'signedIn' && this.current.fingerprint === fingerprint) return;
    this.set({
      kind: 'signedIn',
      client: this.createClient(settings, token),
      settings,
      fingerprint,
    });
  }

  /**
   * Whether the stored token may go where the settings now point. A token is bound to the API URL,
   * authentication URL and API version it was signed in with; after a change of any of them the
   * user is asked first, and until then (or when refused) nothing is sent: signed out. A yes
   * rebinds the token and restores the session anew.
   */
  private async mayUse(settings: Settings, bound: TokenBinding | undefined): Promise<boolean> {
    const now = bindingOf(settings);
    if (bound === undefined) {
      // Stored before tokens were bound: bound now to the settings it has been used with.
      await this.tokens.bind(settings.apiUrl, now);
      return true;
    }
    const changed = bindingChanges(bound, now);
    if (changed.length === 0) return true;
    const names = changed.map((key) => `${CONFIG_SECTION}.${key}`).join(', ');
    const refused = vscode.l10n.t(
      'The stored API token was not used: {0} changed since you signed in. Sign in again to use the new settings.',
      names,
    );
    this.set({ kind: 'signedOut', problem: refused });
    const epoch = this.epoch;
    const key = JSON.stringify(now);
    let question = this.asking.get(key);
    if (question === undefined) {
      question = this.askToSend(changed, now).finally(() => this.asking.delete(key));
      this.asking.set(key, question);
    }
    if (!(await question)) {
      this.log.warn(
        `${names} changed since signing in; the stored token was not sent to ${now.apiVersion === 'v4' ? now.authUrl : now.apiUrl}`,
      );
      return false;
    }
    // A sign-in, sign-out or another settings change while the question was open is newer.
    if (epoch !== this.epoch || JSON.stringify(bindingOf(readSettings().settings)) !== key)
      return false;
    await this.tokens.bind(settings.apiUrl, now);
    this.log.info(
      `The stored token may now be sent to ${now.apiUrl} and ${now.authUrl} (${now.apiVersion}): confirmed by the user`,
    );
    void this.restore();
    return false;
  }

  private async askToSend(changed: BindingKey[], now: TokenBinding): Promise<boolean> {
    const lines = changed.map((key) => `${CONFIG_SECTION}.${key}: ${now[key]}`).join('\n');
    const message = vscode.l10n.t(
      'The Copernica connection settings changed since you signed in. Send your stored API token to the new destination?',
    );
    const detail = vscode.l10n.t(
      'Now:\n{0}\n\nIf you did not make this change, choose Cancel and sign in again.',
      lines,
    );
    return this.prompter.confirm(message, detail, vscode.l10n.t('Send Token')).then(
      (yes) => yes,
      () => false,
    );
  }

  /** Checks the token with the identity call before storing it: a bad token is never stored. */
  async signIn(token: string, signal?: AbortSignal): Promise<Identity> {
    const { settings, endpointProblem } = readSettings();
    if (endpointProblem) throw new Error(endpointProblem);
    const client = this.createClient(settings, token);
    const identity = await client.identity(signal);
    // Set before storing: the store's change event then finds this session already in place.
    this.set({
      kind: 'signedIn',
      client,
      settings,
      identity,
      fingerprint: fingerprintOf(settings, token),
    });
    await this.tokens.store(settings.apiUrl, token, bindingOf(settings));
    this.log.info(
      `Signed in to ${settings.apiUrl} (${settings.apiVersion}) as account "${identity.name}" (${identity.id})`,
    );
    return identity;
  }

  async signOut(): Promise<void> {
    const { settings } = readSettings();
    if (this.current.kind === 'signedIn') this.current.client.clearCredentials();
    await this.tokens.delete(settings.apiUrl);
    this.log.clearSecrets();
    this.set({ kind: 'signedOut' });
    this.log.info(`Signed out of ${settings.apiUrl}`);
  }

  /** The account of the signed-in token, fetched once per sign-in. */
  async identity(signal?: AbortSignal): Promise<Identity> {
    const state = this.current;
    if (state.kind !== 'signedIn')
      throw new NotSignedInError(
        this.current.kind === 'signedOut' ? this.current.problem : undefined,
      );
    if (state.identity) return state.identity;
    const identity = await state.client.identity(signal);
    if (this.current === state) state.identity = identity;
    return identity;
  }

  private createClient(settings: Settings, token: string): CopernicaClient {
    this.log.addSecret(token);
    return new CopernicaClient({
      apiUrl: settings.apiUrl,
      authUrl: settings.authUrl,
      apiVersion: settings.apiVersion,
      token,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      userAgent: `copernica-vscode/${this.version}`,
      log: (line) => this.log.debug(line),
    });
  }

  private set(state: SessionState): void {
    const previous = this.current;
    if (
      previous.kind === 'signedIn' &&
      state.kind === 'signedIn' &&
      previous.client !== state.client
    )
      previous.client.clearCredentials();
    this.current = state;
    this.epoch += 1;
    void vscode.commands.executeCommand(
      'setContext',
      'copernica.signedIn',
      state.kind === 'signedIn',
    );
    this.changed.fire(state);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function bindingOf(settings: Settings): TokenBinding {
  return { apiUrl: settings.apiUrl, authUrl: settings.authUrl, apiVersion: settings.apiVersion };
}

/** Identifies a token + connection without keeping the token itself around. */
function fingerprintOf(settings: Settings, token: string): string {
  return createHash('sha256')
    .update(
      `${settings.apiUrl}\n${settings.authUrl}\n${settings.apiVersion}\n${settings.requestTimeoutSeconds}\n${token}`,
    )
    .digest('hex');
}
