// Selections and miniselections inside the real VS Code, against the simulator's seeded ones
// (test/simulator/seedViews.ts): Newsletter has Subscribers › Dutch subscribers › Dutch sports fans,
// Tennis fans (an interest rule), Over 40, Draft (no rules) and Recent signups; Customers › Orders has
// the miniselections Paid orders and Large orders.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/app';
import type { Profile, Subprofile } from '../../src/api/types';
import type { Node, PagedNode } from '../../src/tree/nodes';
import type { RecordedRequest } from '../simulator/types';
import { signIn, simulator, waitFor } from './support/setup';
import { child, childrenOf, label, labelsOf, path } from './support/tree';

function gets(requests: RecordedRequest[], pattern: RegExp): RecordedRequest[] {
  return requests.filter((r) => r.method === 'GET' && pattern.test(r.path));
}

function description(api: ExtensionApi, node: Node): string {
  return String(api.explorer.getTreeItem(node).description ?? '');
}

/** Loads every page under a paged node through its "Load more…" item. */
async function loadAll(
  api: ExtensionApi,
  node: PagedNode,
): Promise<readonly (Profile | Subprofile)[]> {
  for (let i = 0; i < 100; i++) {
    const kids = await childrenOf(api, node);
    if (!kids.some((k) => k.kind === 'loadMore')) break;
    await api.explorer.loadMore(node);
  }
  return api.explorer.loadedItems(node);
}

describe('selections', () => {
  afterEach(async () => {
    const sim = await simulator();
    sim.controls.reset();
    await vscode.workspace
      .getConfiguration('copernica')
      .update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('lists top-level selections under a database, each expansion one request', async () => {
    const { sim, api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    const newsletter = await path(api, 'Demo Account', 'Newsletter');
    assert.deepStrictEqual(await labelsOf(api, newsletter), [
      'Fields',
      'Interests',
      'Collections',
      'Selections',
      'Profiles',
    ]);
    assert.deepStrictEqual(gets(sim.controls.requests(), /views$/), [], 'asked before expanding');
    const selections = await child(api, newsletter, 'Selections');
    sim.controls.clearRequests();
    assert.deepStrictEqual(await labelsOf(api, selections), [
      'Subscribers',
      'Tennis fans',
      'Over 40',
      'Draft',
      'Recent signups',
    ]);
    assert.deepStrictEqual(
      sim.controls.requests().map((r) => `${r.method} ${r.path}`),
      [`GET /v4/database/${newsletter.kind === 'database' ? newsletter.database.ID : ''}/views`],
    );
    const subscribers = await child(api, selections, 'Subscribers');
    assert.strictEqual(description(api, subscribers), 'built 2024-06-01 03:00');
    const tip = api.explorer.getTreeItem(subscribers).tooltip as vscode.MarkdownString;
    assert.match(tip.value.replace(/&nbsp;/g, ' '), /Everyone who wants the newsletter/);
    assert.strictEqual(
      description(api, await child(api, selections, 'Draft')),
      'built 2024-06-01 03:00 · no rules',
    );

    sim.controls.clearRequests();
    assert.deepStrictEqual(await labelsOf(api, subscribers), ['Dutch subscribers', 'Profiles']);
    const dutch = await child(api, subscribers, 'Dutch subscribers');
    assert.deepStrictEqual(await labelsOf(api, dutch), ['Dutch sports fans', 'Profiles']);
    const sports = await child(api, dutch, 'Dutch sports fans');
    assert.deepStrictEqual(await labelsOf(api, sports), ['Profiles']);
    // One request per expanded level with children; none for a selection without.
    assert.deepStrictEqual(
      sim.controls.requests().map((r) => r.path.replace(/\d+/g, 'N')),
      ['/vN/view/N/views', '/vN/view/N/views'],
    );
  });

  it("pages a selection's profiles by ID, and they are the ones its rules select", async () => {
    const { sim, api } = await signIn();
    await vscode.workspace
      .getConfiguration('copernica')
      .update('pageSize', 25, vscode.ConfigurationTarget.Global);
    // The session takes the new settings when it notices the change.
    await waitFor('the new page size', () => api.session.settings().pageSize === 25);
    await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    const profiles = (await path(
      api,
      'Demo Account',
      'Newsletter',
      'Selections',
      'Subscribers',
      'Dutch subscribers',
      'Profiles',
    )) as PagedNode;
    sim.controls.clearRequests();
    const items = (await loadAll(api, profiles)) as readonly Profile[];
    assert.ok(items.length > 25, `only ${items.length} Dutch subscribers: paging not exercised`);
    for (const p of items) {
      assert.strictEqual(p.fields['subscribed'], 'yes', `profile ${p.ID}`);
      assert.strictEqual(p.fields['Country'], 'NL', `profile ${p.ID}`);
    }
    const pages = gets(sim.controls.requests(), /\/view\/\d+\/profiles$/);
    assert.ok(pages.length >= 2);
    assert.deepStrictEqual(([] as string[]).concat(pages[1]?.query['fields[]'] ?? []), [
      `id>${items[24]?.ID}`,
    ]);
    assert.strictEqual(pages[0]?.query['limit'], '25');
    // Every profile of the database that matches both rules is there, once.
    const all = await fetch(
      `${sim.url}/v3/database/${items[0]?.database}/profiles?limit=1000&fields[]=subscribed==yes&fields[]=Country==NL&access_token=${sim.token}`,
    );
    const expected = ((await all.json()) as { data: { ID: string }[] }).data.map((p) => p.ID);
    assert.deepStrictEqual(
      items.map((p) => p.ID),
      expected,
    );
    assert.match(description(api, profiles), /^\d+$/);
    assert.strictEqual(Number(description(api, profiles)), items.length);
  });

  it('says so when a database has no selections', async () => {
    const { api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    assert.deepStrictEqual(
      await labelsOf(api, await path(api, 'Demo Account', 'Events', 'Selections')),
      ['No selections in this database'],
    );
  });

  it("lists a collection's miniselections and their subprofiles", async () => {
    const { api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    const minis = await path(
      api,
      'Demo Account',
      'Customers',
      'Collections',
      'Orders',
      'Miniselections',
    );
    assert.deepStrictEqual(await labelsOf(api, minis), ['Paid orders', 'Large orders']);
    const paid = (await child(api, minis, 'Paid orders')) as PagedNode;
    const subprofiles = (await loadAll(api, paid)) as readonly Subprofile[];
    assert.ok(subprofiles.length > 0, 'no paid orders');
    for (const s of subprofiles)
      assert.strictEqual(s.fields['status'], 'paid', `subprofile ${s.ID}`);
    assert.match(description(api, paid), new RegExp(`^${subprofiles.length} · built `));
  });

  it('Show Selection Rules opens the rules as read-only JSON in Copernica’s names', async () => {
    const { api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    const subscribers = await path(api, 'Demo Account', 'Newsletter', 'Selections', 'Subscribers');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(
      'copernica.showSelectionRules',
      subscribers,
    );
    assert.strictEqual(uri.scheme, 'copernica-rules');
    const editor = await waitFor('the rules document', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()),
    );
    assert.strictEqual(editor.document.languageId, 'json');
    const doc = JSON.parse(editor.document.getText()) as {
      selection: string;
      in: string;
      rules: { rule: string; conditions: Record<string, unknown>[] }[];
    };
    assert.strictEqual(doc.selection, 'Subscribers');
    assert.strictEqual(doc.in, 'database Newsletter');
    assert.strictEqual(doc.rules[0]?.rule, 'Subscribed');
    const condition = doc.rules[0]?.conditions[0];
    assert.strictEqual(condition?.['type'], 'Field');
    assert.strictEqual(condition?.['comparison'], 'equals');
    assert.strictEqual(condition?.['reads'], 'subscribed equals "yes"');

    // A script names a miniselection by ID.
    const mini = await vscode.commands.executeCommand<vscode.Uri>('copernica.showSelectionRules', {
      miniview: '2',
    });
    const text = await waitFor('the miniselection rules', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === mini.toString())?.getText(),
    );
    const miniDoc = JSON.parse(text) as Record<string, unknown>;
    assert.strictEqual(miniDoc['miniselection'], 'Large orders');
    assert.match(JSON.stringify(miniDoc['rules']), /amount more \\"500\\"/);
  });

  it('Rebuild Selection asks Copernica, then the node shows the new build time', async () => {
    const { sim, api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    const selections = await path(api, 'Demo Account', 'Newsletter', 'Selections');
    const tennis = await child(api, selections, 'Tennis fans');
    assert.ok(tennis.kind === 'selection');
    assert.strictEqual(description(api, tennis), 'built 2024-06-01 03:00');
    sim.controls.clearRequests();
    const rebuilt = await vscode.commands.executeCommand<{ lastBuilt: string }>(
      'copernica.rebuildSelection',
      tennis,
    );
    assert.ok(rebuilt, 'the rebuild reported nothing');
    assert.notStrictEqual(rebuilt.lastBuilt, '2024-06-01 03:00:00');
    const posts = sim.controls.requests().filter((r) => r.method === 'POST');
    assert.deepStrictEqual(
      posts.map((r) => r.path),
      [`/v4/view/${tennis.view.ID}/rebuild`],
    );
    const after = await child(
      api,
      await path(api, 'Demo Account', 'Newsletter', 'Selections'),
      'Tennis fans',
    );
    assert.strictEqual(description(api, after), `built ${rebuilt.lastBuilt.slice(0, 16)}`);
  });

  it('Find Profiles searches in a selection', async () => {
    const { sim, api } = await signIn();
    const tennis = await path(api, 'Demo Account', 'Newsletter', 'Selections', 'Tennis fans');
    sim.controls.clearRequests();
    void vscode.commands.executeCommand('copernica.findProfiles', {
      ...tennis,
      conditions: 'age>=30',
    });
    const state = await waitFor('search results', () => {
      const s = api.lastSearch();
      return s && s.selection !== undefined && s.profiles.length > 0 ? s : undefined;
    });
    assert.ok(tennis.kind === 'selection');
    assert.strictEqual(state.selection, tennis.view.ID);
    const searches = gets(sim.controls.requests(), /\/profiles$/);
    assert.ok(searches.length > 0);
    for (const s of searches) assert.strictEqual(s.path, `/v4/view/${tennis.view.ID}/profiles`);
    for (const p of state.profiles) {
      assert.ok(p.interests.includes('tennis'), `profile ${p.ID} has no tennis`);
      assert.ok(Number(p.fields['age']) >= 30);
    }
  });

  it('a profile opened from a selection is the same document and saves through the same path', async () => {
    const { sim, api } = await signIn();
    await vscode.commands.executeCommand('copernica.refresh');
    const profiles = await path(
      api,
      'Demo Account',
      'Newsletter',
      'Selections',
      'Over 40',
      'Profiles',
    );
    const first = (await childrenOf(api, profiles))[0];
    assert.ok(first?.kind === 'profile', 'Over 40 holds no profile');
    assert.ok(Number(first.profile.fields['age']) > 40);
    const item = api.explorer.getTreeItem(first);
    assert.strictEqual(item.command?.command, 'copernica.openProfile');
    await vscode.commands.executeCommand(
      'copernica.openProfile',
      ...(item.command?.arguments ?? []),
    );
    const editor = await waitFor('the profile document', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'copernica'),
    );
    const document = editor.document;
    assert.strictEqual(document.uri.path, `/Newsletter/profiles/${first.profile.ID}.json`);
    const text = document.getText();
    const at = text.indexOf('"firstname": "') + '"firstname": "'.length;
    const end = text.indexOf('"', at);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(at), document.positionAt(end)),
      'Grace',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    sim.controls.clearRequests();
    assert.strictEqual(await document.save(), true);
    const writes = sim.controls
      .requests()
      .filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'));
    assert.deepStrictEqual(
      writes.map((r) => [r.method, r.path, JSON.parse(r.body ?? '')]),
      [['PUT', `/v4/profile/${first.profile.ID}`, { fields: { firstname: 'Grace' } }]],
    );
    assert.strictEqual(document.isDirty, false);
  });

  it('copies the ID of a selection', async () => {
    const { api } = await signIn();
    const draft = await path(api, 'Demo Account', 'Newsletter', 'Selections', 'Draft');
    assert.ok(draft.kind === 'selection');
    assert.strictEqual(
      await vscode.commands.executeCommand<string>('copernica.copyId', draft),
      draft.view.ID,
    );
    assert.strictEqual(label(api.explorer.getTreeItem(draft)), 'Draft');
  });
});
