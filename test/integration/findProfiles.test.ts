import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { signIn, simulator, waitFor } from './support/setup';
import { path } from './support/tree';

describe('find profiles and copy ID', () => {
  afterEach(async () => {
    (await simulator()).controls.reset();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('refuses a misspelt field name with a suggestion, and sends no search', async () => {
    const { sim, api } = await signIn();
    api.notifier.clearHistory();
    sim.controls.clearRequests();
    await vscode.commands.executeCommand('copernica.findProfiles', {
      database: 'Newsletter',
      conditions: 'emial==someone@example.com',
    });
    const error = api.notifier.history().find((n) => n.severity === 'error');
    assert.match(error?.message ?? '', /no field "emial".*Did you mean "email"\?/);
    assert.ok(
      !sim.controls.requests().some((r) => r.path.endsWith('/profiles')),
      'a search was sent',
    );
  });

  it('finds profiles by several conditions and opens the chosen one', async () => {
    const { sim, api } = await signIn();
    sim.controls.clearRequests();
    const picked = vscode.commands.executeCommand<string | undefined>('copernica.findProfiles', {
      database: 'Newsletter',
      conditions: 'country==BE; age>=30',
    });
    const state = await waitFor('search results', () => {
      const s = api.lastSearch();
      return s && s.profiles.length > 0 ? s : undefined;
    });
    const search = sim.controls.requests().find((r) => r.path.endsWith('/profiles'));
    const sent = ([] as string[]).concat(search?.query['fields[]'] ?? []);
    // Field names are sent as the database defines them ("Country").
    assert.deepStrictEqual(sent, ['Country==BE', 'age>=30']);
    for (const p of state.profiles) {
      assert.strictEqual(p.fields.Country, 'BE');
      assert.ok(Number(p.fields.age) >= 30, `age ${p.fields.age}`);
    }
    // The items reach the workbench after the extension has them: Enter is pressed once the
    // workbench reports the first one highlighted (before that, Enter would pick nothing).
    await waitFor('the first result highlighted', () => state.active);
    assert.strictEqual(state.active, state.profiles[0]?.ID);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await picked, state.profiles[0]?.ID);
  });

  it('copies the ID of a tree node', async () => {
    const { api } = await signIn();
    const database = await path(api, 'Demo Account', 'Customers');
    const copied = await vscode.commands.executeCommand<string>('copernica.copyId', database);
    assert.ok(database.kind === 'database');
    assert.strictEqual(copied, database.database.ID);
  });

  it("shows a database's definitions from the palette as read-only JSON, without a request of its own", async () => {
    const { sim, api } = await signIn();
    const customers = await api.schema.database('Customers');
    assert.ok(customers, 'no Customers database');
    // The "Fields" item under Customers in the view, as its context menu passes it.
    const fieldsNode = await path(api, 'Demo Account', 'Customers', 'Fields');
    sim.controls.clearRequests();
    const uri = await vscode.commands.executeCommand<vscode.Uri>(
      'copernica.showDefinitions',
      fieldsNode,
    );
    const editor = await waitFor('the definitions editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()),
    );
    assert.strictEqual(editor.document.uri.scheme, 'copernica-definitions');
    assert.strictEqual(editor.document.languageId, 'json');
    type Shown = {
      name: string;
      fields: { name: string; type: string }[];
      interests: { name: string }[];
      collections: { name: string; fields: { name: string }[] }[];
    };
    const shown = JSON.parse(editor.document.getText()) as Shown;
    assert.strictEqual(shown.name, 'Customers');
    assert.deepStrictEqual(
      shown.fields.map((f) => [f.name, f.type]),
      customers.fields.data.map((f) => [f.name, f.type]),
    );
    assert.deepStrictEqual(
      shown.interests.map((i) => i.name),
      customers.interests.data.map((i) => i.name),
    );
    assert.deepStrictEqual(
      shown.collections.map((c) => [c.name, c.fields.map((f) => f.name)]),
      customers.collections.data.map((c) => [c.name, c.fields.data.map((f) => f.name)]),
    );
    assert.ok(
      shown.collections.length > 0 && (shown.collections[0]?.fields.length ?? 0) > 0,
      'Customers should have a collection with fields',
    );
    assert.deepStrictEqual(
      sim.controls.requests().filter((r) => r.path.startsWith('/v4/')),
      [],
      'the definitions cost a request',
    );

    api.notifier.clearHistory();
    await vscode.commands.executeCommand('copernica.showDefinitions', 'NoSuchDatabase');
    const error = api.notifier.history().find((n) => n.severity === 'error');
    assert.match(error?.message ?? '', /no database "NoSuchDatabase"/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
