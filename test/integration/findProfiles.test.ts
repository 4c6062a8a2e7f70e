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
    await vscode.commands.executeCommand('copernica.findProfiles', { database: 'Newsletter', conditions: 'emial==someone@example.com' });
    const error = api.notifier.history().find((n) => n.severity === 'error');
    assert.match(error?.message ?? '', /no field "emial".*Did you mean "email"\?/);
    assert.ok(!sim.controls.requests().some((r) => r.path.endsWith('/profiles')), 'a search was sent');
  });

  it('finds profiles by several conditions and opens the chosen one', async () => {
    const { sim, api } = await signIn();
    sim.controls.clearRequests();
    const picked = vscode.commands.executeCommand<string | undefined>('copernica.findProfiles', { database: 'Newsletter', conditions: 'country==BE; age>=30' });
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
});
