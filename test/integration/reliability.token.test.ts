// The token goes nowhere but Copernica: a workspace cannot redirect it, plain http to another
// machine is refused, a URL the user points elsewhere never gets the stored token, and after a
// whole session neither the token nor any JWT is in a log line, a notification, an error, a
// setting or any file VS Code wrote; sign-out removes the secret.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/app';
import type { Simulator } from '../simulator';
import {
  jwtsSeen,
  record,
  rememberAuthorization,
  requestsOf,
  resetSimulator,
} from './support/reliability';
import { discard, openProfile, replaceText, setField } from './support/reliabilityDocs';
import {
  type Attacker,
  filesWithSecrets,
  runFolder,
  secretPlaces,
  startAttacker,
  textsWithSecrets,
} from './support/reliabilitySecrets';
import { extensionApi, signIn, simulator, waitFor } from './support/setup';
import { childrenOf, label, path as treePath } from './support/tree';

const G = vscode.ConfigurationTarget.Global;
const W = vscode.ConfigurationTarget.Workspace;
const KEYS = ['apiUrl', 'authUrl', 'apiVersion', 'pageSize', 'requestTimeoutSeconds'];

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('copernica');
}

async function useSimulator(api: ExtensionApi, sim: Simulator): Promise<void> {
  await config().update('apiUrl', sim.url, G);
  await config().update('authUrl', sim.authUrl, G);
  await waitFor(
    'the settings to point at the simulator again',
    () =>
      api.session.settings().apiUrl === sim.url && api.session.settings().authUrl === sim.authUrl,
  );
}

/** Browses to the Newsletter profiles and loads them anew. */
async function browse(api: ExtensionApi): Promise<void> {
  await vscode.commands.executeCommand('copernica.refresh');
  const profiles = await treePath(api, 'Demo Account', 'Newsletter', 'Profiles');
  await childrenOf(api, profiles);
}

async function editAndSave(api: ExtensionApi, id: string, firstname: string): Promise<boolean> {
  const doc = await openProfile(api, id);
  try {
    await replaceText(doc, setField(doc.getText(), 'firstname', firstname));
    return await doc.save();
  } finally {
    await discard(doc);
  }
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

describe('reliability: the token goes nowhere but Copernica', function () {
  this.timeout(60_000);
  let attacker: Attacker;

  before(async () => {
    attacker = await startAttacker();
  });

  after(async () => {
    await attacker.close();
    await useSimulator(await extensionApi(), await simulator());
    await signIn();
  });

  it('apiUrl and authUrl in the workspace settings are ignored: the server they name receives nothing', async () => {
    const { sim, api } = await signIn();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has no folder');
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const previous = readIfExists(file);
    attacker.received.length = 0;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // What a cloned repository could carry. The timeout may be set per workspace: once it applies, VS Code has read the file.
      fs.writeFileSync(
        file,
        JSON.stringify(
          {
            'copernica.apiUrl': attacker.url,
            'copernica.authUrl': `${attacker.url}/authenticate`,
            'copernica.apiVersion': 'v2',
            'copernica.requestTimeoutSeconds': 29,
          },
          null,
          2,
        ),
      );
      await waitFor(
        'VS Code to apply the workspace settings',
        () =>
          api.session.state.kind === 'signedIn' &&
          api.session.state.settings.requestTimeoutSeconds === 29,
        20_000,
      );
      // The same through the API, as another extension or a task could do it (VS Code may refuse: fine).
      for (const key of ['apiUrl', 'authUrl'])
        await config()
          .update(key, attacker.url, W)
          .then(undefined, () => undefined);
      await browse(api);
      const saved = await editAndSave(api, '696', 'Workspace cannot redirect');
      await vscode.commands.executeCommand('copernica.signOut');
      await vscode.commands.executeCommand('copernica.signIn', sim.token);
      const settings = api.session.settings();
      record({
        kind: 'token',
        check: 'workspace settings pointing apiUrl/authUrl at another server',
        leaks: attacker.received.length,
        where: attacker.received.map((r) => `${r.method} ${r.url.split('?')[0] ?? ''}`),
      });
      assert.deepStrictEqual(
        attacker.received.map((r) => `${r.method} ${r.url}`),
        [],
        'requests reached the server named in the workspace settings',
      );
      assert.deepStrictEqual(
        [settings.apiUrl, settings.authUrl, settings.apiVersion],
        [sim.url, sim.authUrl, 'v4'],
      );
      assert.strictEqual(api.session.state.kind, 'signedIn');
      assert.ok(saved, 'the save went nowhere');
    } finally {
      if (previous === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, previous);
      for (const key of ['apiUrl', 'authUrl'])
        await config()
          .update(key, undefined, W)
          .then(undefined, () => undefined);
      await waitFor(
        'the workspace timeout to be gone',
        () => config().get('requestTimeoutSeconds') === 30,
        20_000,
      );
    }
  });

  it('a plain-http URL that is not this machine is refused, and nothing is sent', async () => {
    const { sim, api } = await signIn();
    const port = new URL(attacker.url).port;
    const refused = [
      'http://api.example.com',
      'http://127.0.0.1.nip.io',
      `http://127.0.0.1:${port}@example.com`,
      'ftp://api.copernica.com',
    ];
    const accepted: string[] = [];
    attacker.received.length = 0;
    try {
      for (const url of refused) {
        for (const key of ['apiUrl', 'authUrl'] as const) {
          await useSimulator(api, sim);
          await config().update(key, key === 'authUrl' ? `${url}/authenticate` : url, G);
          await waitFor(
            `the session to refuse ${key} ${url}`,
            () =>
              api.session.state.kind === 'signedOut' &&
              /cannot be used/.test(api.session.state.problem ?? ''),
          );
          sim.controls.clearRequests();
          api.notifier.clearHistory();
          await vscode.commands.executeCommand('copernica.signIn', sim.token);
          const error = api.notifier.history().find((n) => n.severity === 'error')?.message ?? '';
          const sent = requestsOf(sim).length;
          if (
            api.session.state.kind !== 'signedOut' ||
            !new RegExp(`copernica\\.${key} cannot be used`).test(error) ||
            sent > 0
          ) {
            accepted.push(
              `${key}=${url}: ${api.session.state.kind}, ${sent} request(s), "${error}"`,
            );
          }
        }
      }
    } finally {
      await useSimulator(api, sim);
    }
    record({
      kind: 'token',
      check: 'plain-http or odd URLs to another machine refused',
      leaks: accepted.length + attacker.received.length,
      where: accepted,
    });
    assert.deepStrictEqual(accepted, []);
    assert.strictEqual(attacker.received.length, 0);
  });

  it('an apiUrl the user points elsewhere does not get the stored token; signing in there never sends it the token', async () => {
    const { sim, api } = await signIn();
    attacker.received.length = 0;
    try {
      await config().update('apiUrl', attacker.url, G);
      // The token is kept per API URL: a new URL has none, so nothing is sent until the user signs in there.
      await waitFor(
        'the session to sign out for the new URL',
        () => api.session.state.kind === 'signedOut',
      );
      assert.deepStrictEqual(await childrenOf(api), []);
      await vscode.commands.executeCommand('copernica.refresh');
      await vscode.commands.executeCommand('copernica.openProfile', '697');
      const beforeSignIn = attacker.received.length;
      // The user chooses to sign in there; the token still goes only to the authentication URL (Copernica's).
      await vscode.commands.executeCommand('copernica.signIn', sim.token);
      for (const r of attacker.received) rememberAuthorization(r.headers.authorization);
      const places = attacker.received.flatMap((r) =>
        secretPlaces(r, [sim.token]).map(
          (where) => `${r.method} ${r.url.split('?')[0] ?? ''}: ${where}`,
        ),
      );
      record({
        kind: 'token',
        check: 'stored token sent to a URL it was not given for',
        leaks: beforeSignIn,
        where: [],
      });
      record({
        kind: 'token',
        check: 'API token reaching a user-chosen API server (v4)',
        leaks: places.length,
        where: places,
      });
      assert.strictEqual(
        beforeSignIn,
        0,
        'the stored token (or anything) went to a URL it was not stored for',
      );
      assert.ok(
        attacker.received.length > 0,
        'the deliberate sign-in never reached the chosen server',
      );
      assert.deepStrictEqual(places, []);
      assert.strictEqual(
        await api.tokens.get(attacker.url),
        undefined,
        'a token was stored for a server that refused it',
      );
    } finally {
      await useSimulator(api, sim);
    }
  });

  it('after a whole session (sign in, browse, edit, save, errors, sign out) no log, notification, error, setting or file holds the token or a JWT', async () => {
    const { sim, api } = await signIn();
    await browse(api);
    assert.ok(await editAndSave(api, '695', 'A whole session'));
    requestsOf(sim);
    const jwt = jwtsSeen().pop() ?? '';
    assert.ok(jwt, "no JWT seen in the simulator's request log");
    // Copernica echoing the credentials back in its error message.
    const echo = JSON.stringify({
      error: { message: `Invalid access token ${sim.token} (JWT ${jwt})` },
    });
    const errorTexts: { where: string; text: string }[] = [];
    const profiles = await treePath(api, 'Demo Account', 'Newsletter', 'Profiles');
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
    // Twice: an auth-looking refusal is retried once with a fresh JWT.
    sim.controls.failNext({ status: 400, body: echo, method: 'GET', path: '/profiles$', count: 2 });
    for (const node of await childrenOf(api, profiles))
      errorTexts.push({
        where: 'tree error node',
        text:
          JSON.stringify(api.explorer.getTreeItem(node)) + label(api.explorer.getTreeItem(node)),
      });
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
    sim.controls.failNext({
      status: 400,
      body: echo,
      method: 'PUT',
      path: '^/v4/profile/695$',
      count: 2,
    });
    assert.strictEqual(await editAndSave(api, '695', 'Refused with an echo'), false);
    sim.controls.revokeToken();
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
    await childrenOf(api, profiles);
    const failure: unknown = await api.session
      .client()
      .profile('695')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    errorTexts.push({
      where: 'error thrown by the client',
      text: `${String(failure)} ${failure instanceof Error ? failure.message + (failure.stack ?? '') : ''} ${JSON.stringify(failure)}`,
    });
    resetSimulator(sim);
    await vscode.commands.executeCommand('copernica.signOut');

    const secrets = [sim.token, ...jwtsSeen()];
    const userSettings = path.join(runFolder() ?? '', 'user-data', 'User', 'settings.json');
    const folder = vscode.workspace.workspaceFolders?.[0];
    const texts = [
      ...api.log.lines().map((text, i) => ({ where: `log line ${i}`, text })),
      ...api.notifier.history().map((n, i) => ({
        where: `notification ${i}`,
        text: `${n.message} ${n.actions.join(' ')}`,
      })),
      ...errorTexts,
      ...KEYS.map((key) => ({
        where: `setting copernica.${key}`,
        text: JSON.stringify(config().inspect(key)),
      })),
      { where: 'user settings.json', text: readIfExists(userSettings) ?? '' },
      {
        where: 'workspace settings.json',
        text: folder
          ? (readIfExists(path.join(folder.uri.fsPath, '.vscode', 'settings.json')) ?? '')
          : '',
      },
    ];
    const storedAfterSignOut = await api.tokens.get(sim.url);
    const found = {
      log: textsWithSecrets(
        texts.filter((t) => t.where.startsWith('log')),
        secrets,
      ),
      notifications: textsWithSecrets(
        texts.filter((t) => t.where.startsWith('notification')),
        secrets,
      ),
      errors: textsWithSecrets(errorTexts, secrets),
      settings: textsWithSecrets(
        texts.filter((t) => /setting/.test(t.where)),
        secrets,
      ),
    };
    const folderToScan = runFolder();
    const files = folderToScan
      ? filesWithSecrets(folderToScan, secrets)
      : { scanned: 0, found: ['(the run folder was not found)'] };
    record(
      {
        kind: 'token',
        check: `log lines (${api.log.lines().length})`,
        leaks: found.log.length,
        where: found.log,
      },
      {
        kind: 'token',
        check: `notifications (${api.notifier.history().length})`,
        leaks: found.notifications.length,
        where: found.notifications,
      },
      {
        kind: 'token',
        check: 'error texts and tree error nodes',
        leaks: found.errors.length,
        where: found.errors,
      },
      {
        kind: 'token',
        check: 'copernica.* settings and the settings files',
        leaks: found.settings.length,
        where: found.settings,
      },
      {
        kind: 'token',
        check: `files of this VS Code run: settings, state (global/workspace), logs (${files.scanned} files)`,
        leaks: files.found.length,
        where: files.found,
      },
      {
        kind: 'token',
        check: 'secret storage after sign-out',
        leaks: storedAfterSignOut === undefined ? 0 : 1,
      },
    );

    assert.ok(secrets.length > 2, `only ${secrets.length} secrets collected`);
    assert.ok(
      errorTexts.some((t) => t.where === 'tree error node' && /Invalid access token/.test(t.text)),
      'the echoed error did not reach the tree',
    );
    assert.deepStrictEqual(found, { log: [], notifications: [], errors: [], settings: [] });
    assert.ok(
      files.scanned > 20,
      `only ${files.scanned} files scanned under ${folderToScan ?? '(none)'}`,
    );
    assert.deepStrictEqual(files.found, []);
    assert.strictEqual(storedAfterSignOut, undefined, 'sign-out left the token in secret storage');
  });
});
