import * as vscode from 'vscode';

const PREFIX = 'copernica.apiToken:';

/**
 * The only code that touches SecretStorage. Tokens are keyed by API URL, so a token for one
 * Copernica endpoint is never sent to another.
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

  store(apiUrl: string, token: string): Thenable<void> {
    return this.secrets.store(PREFIX + apiUrl, token);
  }

  delete(apiUrl: string): Thenable<void> {
    return this.secrets.delete(PREFIX + apiUrl);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
