import * as vscode from 'vscode';
import { decodeBinding, encodeBinding, type TokenBinding } from './tokenBinding';

const PREFIX = 'copernica.apiToken:';
/** Where the token of an API URL may be sent (tokenBinding.ts); a key of its own, read with it. */
const BINDING_PREFIX = 'copernica.apiTokenBinding:';

/**
 * The only code that touches SecretStorage. Tokens are keyed by API URL, so a token for one
 * Copernica endpoint is never sent to another; each is bound to the authentication URL and API
 * version it was signed in with, so a change of those can be put to the user first.
 */
export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the API URL whose token changed, here or in another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  get(apiUrl: string): Thenable<string | undefined> {
    return this.secrets.get(PREFIX + apiUrl);
  }

  /** Undefined for a token stored before tokens were bound. */
  async binding(apiUrl: string): Promise<TokenBinding | undefined> {
    return decodeBinding(await this.secrets.get(BINDING_PREFIX + apiUrl));
  }

  /** The binding first: the token's change event makes the session read both. */
  async store(apiUrl: string, token: string, binding: TokenBinding): Promise<void> {
    await this.bind(apiUrl, binding);
    await this.secrets.store(PREFIX + apiUrl, token);
  }

  bind(apiUrl: string, binding: TokenBinding): Thenable<void> {
    return this.secrets.store(BINDING_PREFIX + apiUrl, encodeBinding(binding));
  }

  async delete(apiUrl: string): Promise<void> {
    await this.secrets.delete(PREFIX + apiUrl);
    await this.secrets.delete(BINDING_PREFIX + apiUrl);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
