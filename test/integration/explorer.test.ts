import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { Node } from '../../src/tree/nodes';
import { extensionApi, signIn, simulator } from './support/setup';
import { child, childrenOf, label, labelsOf, path } from './support/tree';

describe('explorer', () => {
  before(async () => {
    await simulator();
  });

  afterEach(async () => {
    const sim = await simulator();
    sim.controls.reset();
    await vscode.workspace
      .getConfiguration('copernica')
      .update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  it('refuses a bad token with a clear error and does not store it', async () => {
    const sim = await simulator();
    const api = await extensionApi();
    if (api.session.state.kind === 'signedIn')
      await vscode.commands.executeCommand('copernica.signOut');
    api.notifier.clearHistory();
    await vscode.commands.executeCommand('copernica.signIn', 'not-a-valid-token');
    assert.strictEqual(api.session.state.kind, 'signedOut');
    assert.strictEqual(await api.tokens.get(sim.url), undefined, 'a bad token was stored');
    const errors = api.notifier.history().filter((n) => n.severity === 'error');
    assert.strictEqual(errors.length, 1, JSON.stringify(api.notifier.history()));
    assert.match(errors[0]?.message ?? '', /did not accept the API token/);
    assert.ok(errors[0]?.actions.includes('Sign In'));
  });

  it('signs in with a good token, stores it in SecretStorage and shows the account name', async () => {
    const sim = await simulator();
    const api = await extensionApi();
    api.notifier.clearHistory();
    await vscode.commands.executeCommand('copernica.signIn', sim.token);
    assert.strictEqual(api.session.state.kind, 'signedIn');
    assert.strictEqual(await api.tokens.get(sim.url), sim.token);
    assert.ok(
      api.notifier
        .history()
        .some((n) => n.severity === 'info' && n.message.includes('Demo Account')),
    );
    assert.deepStrictEqual(await labelsOf(api), ['Demo Account']);
  });

  it('shows the demo account: databases, then Fields, Interests, Collections and Profiles', async () => {
    const { api } = await signIn();
    assert.deepStrictEqual(await labelsOf(api, await path(api, 'Demo Account')), [
      'Newsletter',
      'Customers',
      'Events',
    ]);
    const newsletter = await path(api, 'Demo Account', 'Newsletter');
    assert.deepStrictEqual(await labelsOf(api, newsletter), [
      'Fields',
      'Interests',
      'Collections',
      'Selections',
      'Profiles',
    ]);
    const tip = api.explorer.getTreeItem(newsletter).tooltip as vscode.MarkdownString;
    assert.match(tip.value, /Created/);
    const fields = await child(api, newsletter, 'Fields');
    const age = await child(api, fields, 'age');
    const ageItem = api.explorer.getTreeItem(age);
    assert.strictEqual(ageItem.description, 'integer · -1');
    assert.strictEqual((ageItem.iconPath as vscode.ThemeIcon).id, 'symbol-number');
    assert.match((ageItem.tooltip as vscode.MarkdownString).value, /Indexed/);
    const customers = await path(api, 'Demo Account', 'Customers', 'Collections');
    assert.deepStrictEqual(await labelsOf(api, customers), ['Orders', 'Tickets']);
    const orders = await child(api, customers, 'Orders');
    assert.ok((await labelsOf(api, orders)).length > 0);
  });

  it('groups interests by their group', async () => {
    const { api } = await signIn();
    const interests = await path(api, 'Demo Account', 'Newsletter', 'Interests');
    const kids = await childrenOf(api, interests);
    const groups = kids.filter((k) => k.kind === 'interestGroup');
    assert.ok(groups.length >= 1, 'no interest groups');
    for (const group of groups) {
      const members = await childrenOf(api, group);
      assert.ok(members.length > 0 && members.every((m) => m.kind === 'interest'));
    }
  });

  // Selections are no part of the schema: each list is asked for when its node is expanded.
  it('expands the whole schema with exactly one databases request', async () => {
    const { sim, api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    sim.controls.clearRequests();
    const walk = async (node?: Node): Promise<number> => {
      let count = 1;
      for (const kid of await childrenOf(api, node)) {
        if (kid.kind === 'profiles' || kid.kind === 'selections' || kid.kind === 'miniselections')
          continue;
        count += await walk(kid);
      }
      return count;
    };
    const nodes = await walk();
    const requests = sim.controls.requests();
    assert.deepStrictEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      ['GET /v4/databases'],
    );
    assert.ok(nodes > 40, `walked only ${nodes} nodes`);
  });

  it('pages through 300 profiles with Load more, each profile once, paged by ID', async () => {
    const { sim, api } = await signIn();
    await vscode.workspace
      .getConfiguration('copernica')
      .update('pageSize', 100, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('copernica.refresh');
    const profiles = await path(api, 'Demo Account', 'Newsletter', 'Profiles');
    sim.controls.clearRequests();
    const redrawn: (Node | undefined)[] = [];
    const listener = api.explorer.onDidChangeTreeData((n) =>
      redrawn.push(n instanceof Array ? n[0] : n),
    );
    let kids = await childrenOf(api, profiles);
    listener.dispose();
    assert.strictEqual(kids.length, 101);
    // The node was drawn before the total was known; it is drawn again to show it.
    assert.ok(
      redrawn.some((n) => n?.id === profiles.id),
      'the Profiles node was not redrawn with its total',
    );
    assert.match(
      String(api.explorer.getTreeItem(profiles).description),
      /^\d{4,}$/,
      'the Profiles node shows the total',
    );
    for (let page = 0; page < 2; page += 1) {
      const more: Node | undefined = kids[kids.length - 1];
      assert.strictEqual(more?.kind, 'loadMore');
      await vscode.commands.executeCommand('copernica.loadMore', more);
      kids = await childrenOf(api, profiles);
    }
    const ids = kids
      .filter((k) => k.kind === 'profile')
      .map((k) => (k.kind === 'profile' ? k.profile.ID : ''));
    assert.strictEqual(ids.length, 300);
    assert.strictEqual(new Set(ids).size, 300, 'a profile appeared twice');
    const lists = sim.controls
      .requests()
      .filter(
        (r) =>
          r.path ===
          '/v4/database/' +
            (profiles.kind === 'profiles' ? profiles.database.ID : '') +
            '/profiles',
      );
    assert.strictEqual(lists.length, 3);
    assert.deepStrictEqual(
      lists.map((r) => r.query.start ?? '0'),
      ['0', '0', '0'],
      'paged by ID, not by offset',
    );
    assert.ok(
      String(lists[2]?.query['fields[]']).startsWith('id>'),
      JSON.stringify(lists[2]?.query),
    );
    // Labels: the email field, description the ID.
    const first = api.explorer.getTreeItem(kids[0] as Node);
    assert.match(label(first), /@/);
    assert.strictEqual(first.description, ids[0]);
  });

  it('refreshes a node: a change on the server shows after Refresh', async () => {
    const { sim, api } = await signIn();
    const profiles = await path(api, 'Demo Account', 'Events', 'Profiles');
    const before = await childrenOf(api, profiles);
    const target = before.find((k) => k.kind === 'profile');
    assert.ok(target && target.kind === 'profile');
    const email = `renamed.${Date.now()}@example.com`;
    const emailField = target.database.fields.data.find((f) => f.type === 'email');
    assert.ok(emailField);
    sim.controls.changeProfile(target.profile.ID, { [emailField.name]: email });
    assert.ok(!(await labelsOf(api, profiles)).includes(email), 'changed before the refresh');
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
    assert.ok((await labelsOf(api, profiles)).includes(email));
  });

  it('shows a failed load as an error node, one notification and a log line', async () => {
    const { sim, api } = await signIn();
    const profiles = await path(api, 'Demo Account', 'Customers', 'Profiles');
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
    api.notifier.clearHistory();
    sim.controls.failNext({
      count: 1,
      status: 400,
      body: JSON.stringify({ error: { message: 'Simulated refusal' } }),
      path: '/profiles$',
    });
    const kids = await childrenOf(api, profiles);
    assert.strictEqual(kids.length, 1);
    assert.strictEqual(kids[0]?.kind, 'error');
    assert.match(label(api.explorer.getTreeItem(kids[0] as Node)), /Simulated refusal/);
    const errors = api.notifier.history().filter((n) => n.severity === 'error');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /Simulated refusal/);
    assert.ok(errors[0]?.actions.includes('Show Log'));
    assert.ok(api.log.lines().some((l) => l.includes('Simulated refusal')));
    // The error node retries: the fault is gone, so the profiles come.
    await vscode.commands.executeCommand('copernica.refreshNode', kids[0]);
    assert.ok((await childrenOf(api, profiles)).some((k) => k.kind === 'profile'));
  });

  it('shows "No profiles" for an empty result instead of an empty branch', async () => {
    const { sim, api } = await signIn();
    const profiles = await path(api, 'Demo Account', 'Newsletter', 'Profiles');
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
    sim.controls.failNext({
      count: 1,
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ start: 0, limit: 100, count: 0, data: [], total: 0 }),
      path: '/profiles$',
    });
    assert.deepStrictEqual(await labelsOf(api, profiles), ['No profiles']);
    await vscode.commands.executeCommand('copernica.refreshNode', profiles);
  });

  it('expands a profile into its collections with its subprofiles', async () => {
    const { api } = await signIn();
    const profiles = await path(api, 'Demo Account', 'Customers', 'Profiles');
    let withOrders: Node | undefined;
    for (const profile of (await childrenOf(api, profiles))
      .filter((k) => k.kind === 'profile')
      .slice(0, 10)) {
      const orders = await child(api, profile, 'Orders');
      if ((await childrenOf(api, orders)).some((k) => k.kind === 'subprofile')) {
        withOrders = orders;
        break;
      }
    }
    assert.ok(withOrders, 'none of the first 10 customers has orders');
  });

  it('signs out: the tree empties, the secret is gone, the token is in no log line', async () => {
    const { sim, api } = await signIn();
    const jwts = new Set(
      sim.controls
        .requests()
        .map((r) => r.headers.authorization?.replace(/^Bearer /, ''))
        .filter((j): j is string => !!j),
    );
    await vscode.commands.executeCommand('copernica.signOut');
    assert.strictEqual(api.session.state.kind, 'signedOut');
    assert.deepStrictEqual(await childrenOf(api), []);
    assert.strictEqual(await api.tokens.get(sim.url), undefined);
    const log = api.log.lines().join('\n');
    assert.ok(!log.includes(sim.token), 'the API token is in the log');
    for (const jwt of jwts) assert.ok(!log.includes(jwt), 'a JWT is in the log');
    assert.ok(api.log.lines().length > 5);
  });
});
