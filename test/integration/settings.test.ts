import * as assert from 'node:assert';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { extensionApi, signIn, simulator, waitFor } from './support/setup';

const G = vscode.ConfigurationTarget.Global;

describe('settings and sign-in state', () => {
  afterEach(async () => {
    const sim = await simulator();
    const config = vscode.workspace.getConfiguration('copernica');
    await config.update('apiUrl', sim.url, G);
    await config.update('authUrl', sim.authUrl, G);
  });

  it('follows a token stored or deleted in another window', async () => {
    const { sim, api } = await signIn();
    await vscode.commands.executeCommand('copernica.signOut');
    assert.strictEqual(api.session.state.kind, 'signedOut');
    // Another window writes the same SecretStorage: the change event is all this window sees.
    await api.tokens.store(sim.url, sim.token, {
      apiUrl: sim.url,
      authUrl: sim.authUrl,
      apiVersion: 'v4',
    });
    await waitFor(
      'the session to follow the stored token',
      () => api.session.state.kind === 'signedIn',
    );
    await api.tokens.delete(sim.url);
    await waitFor(
      'the session to follow the deleted token',
      () => api.session.state.kind === 'signedOut',
    );
  });

  it('a profile editor opened while the stored token is being read waits for it, as restored editors do at startup', async () => {
    const { sim, api } = await signIn();
    const id =
      (await api.session.client().profiles('Newsletter', { start: 900, limit: 1 })).data[0]?.ID ??
      '';
    const config = vscode.workspace.getConfiguration('copernica');
    // No token is stored for this URL: signed out.
    await config.update('apiUrl', `http://127.0.0.1:${await closedPort()}`, G);
    await waitFor('signed out', () => api.session.state.kind === 'signedOut');
    // A secret store slow to answer, as it can be at startup (a keychain to unlock, a busy disk).
    const tokens = api.tokens as { get: (apiUrl: string) => Thenable<string | undefined> };
    const get = tokens.get.bind(api.tokens);
    tokens.get = async (apiUrl) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return get(apiUrl);
    };
    try {
      // Back to the simulator's URL: the session starts reading the token stored for it.
      await config.update('apiUrl', sim.url, G);
      assert.strictEqual(
        api.session.state.kind,
        'signedOut',
        'the token was read faster than the test assumes',
      );
      const document = await vscode.workspace.openTextDocument(
        vscode.Uri.parse(`copernica:/Newsletter/profiles/${id}.json`),
      );
      assert.strictEqual((JSON.parse(document.getText()) as { ID: string }).ID, id);
      assert.strictEqual(api.session.state.kind, 'signedIn');
    } finally {
      tokens.get = get;
    }
  });

  it('refuses a plain-http API URL that is not loopback, and sends nothing', async () => {
    const api = await extensionApi();
    const sim = await simulator();
    await vscode.commands.executeCommand('copernica.signOut');
    await vscode.workspace
      .getConfiguration('copernica')
      .update('apiUrl', 'http://api.example.com', G);
    sim.controls.clearRequests();
    api.notifier.clearHistory();
    await vscode.commands.executeCommand('copernica.signIn', sim.token);
    assert.strictEqual(api.session.state.kind, 'signedOut');
    const error = api.notifier.history().find((n) => n.severity === 'error');
    assert.match(error?.message ?? '', /copernica\.apiUrl cannot be used: Use https/);
    assert.strictEqual(sim.controls.requests().length, 0);
  });

  it('ignores an API URL set in the workspace settings', async () => {
    const { sim, api } = await signIn();
    const config = vscode.workspace.getConfiguration('copernica');
    // VS Code itself may refuse to write an application setting to the workspace; either way it must not apply.
    await config
      .update('apiUrl', 'https://attacker.example.com', vscode.ConfigurationTarget.Workspace)
      .then(undefined, () => undefined);
    assert.strictEqual(api.session.settings().apiUrl, sim.url);
    const inspected = vscode.workspace.getConfiguration('copernica').inspect('apiUrl');
    assert.strictEqual(inspected?.globalValue, sim.url);
    await config
      .update('apiUrl', undefined, vscode.ConfigurationTarget.Workspace)
      .then(undefined, () => undefined);
  });

  it('translates a refused connection into advice', async () => {
    const api = await extensionApi();
    const sim = await simulator();
    await vscode.commands.executeCommand('copernica.signOut');
    const port = await closedPort();
    await vscode.workspace
      .getConfiguration('copernica')
      .update('apiUrl', `http://127.0.0.1:${port}`, G);
    await vscode.workspace
      .getConfiguration('copernica')
      .update('authUrl', `http://127.0.0.1:${port}/authenticate`, G);
    api.notifier.clearHistory();
    await vscode.commands.executeCommand('copernica.signIn', sim.token);
    const error = api.notifier.history().find((n) => n.severity === 'error');
    assert.match(error?.message ?? '', /refused/);
    assert.ok(error?.actions.includes('Retry'), JSON.stringify(error));
    assert.ok(!(error?.message ?? '').includes(sim.token));
  });
});

/** A loopback port where nothing listens (taken from the OS, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('status bar', () => {
  it('shows the signed-in account, and a sign-in prompt when signed out', async () => {
    const { api } = await signIn();
    assert.strictEqual(await api.statusBarText(), '$(account) Demo Account');
    await vscode.commands.executeCommand('copernica.signOut');
    assert.strictEqual(await api.statusBarText(), '$(sign-in) Copernica');
  });
});
