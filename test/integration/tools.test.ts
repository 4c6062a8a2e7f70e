// The language-model tools inside VS Code against the simulator: registered and listed, called
// through vscode.lm.invokeTool where no confirmation is needed (VS Code shows confirmations as
// modal dialogs, which this harness refuses), and otherwise through the registered tool object's
// prepareInvocation and invoke, the two steps VS Code runs around the user's "Yes".
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/app';
import { TOOL_NAMES } from '../../src/tools';
import type { Simulator } from '../simulator';
import { signIn } from './support/setup';

type Mode = 'ask' | 'allow' | 'never';

async function setMode(mode: Mode | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('copernica')
    .update('tools.profileData', mode, vscode.ConfigurationTarget.Global);
}

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => String((part as { value?: unknown }).value ?? '')).join('');
}

function jsonOf(result: vscode.LanguageModelToolResult): Record<string, unknown> {
  return JSON.parse(textOf(result)) as Record<string, unknown>;
}

async function invokeTool(name: string, input: object): Promise<vscode.LanguageModelToolResult> {
  return vscode.lm.invokeTool(
    name,
    { input, toolInvocationToken: undefined },
    new vscode.CancellationTokenSource().token,
  );
}

function tool(api: ExtensionApi, name: string): vscode.LanguageModelTool<unknown> {
  const found = api.tool(name);
  assert.ok(found, `no tool ${name}`);
  return found;
}

/** The two steps VS Code runs around the user's "Yes": the confirmation, then the call. */
async function confirmAndInvoke(
  api: ExtensionApi,
  name: string,
  input: object,
): Promise<{ shown: string; result: vscode.LanguageModelToolResult }> {
  const token = new vscode.CancellationTokenSource().token;
  const prepared = await tool(api, name).prepareInvocation?.({ input }, token);
  const confirmation = prepared?.confirmationMessages;
  assert.ok(confirmation, `${name} asked for no confirmation`);
  const message =
    typeof confirmation.message === 'string' ? confirmation.message : confirmation.message.value;
  const result = await tool(api, name).invoke({ input, toolInvocationToken: undefined }, token);
  assert.ok(result, `${name} returned nothing`);
  return { shown: `${confirmation.title}\n${message}`, result };
}

function writes(sim: Simulator): string[] {
  return sim.controls
    .requests()
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);
}

async function newsletterProfile(
  api: ExtensionApi,
): Promise<{ ID: string; fields: Record<string, string> }> {
  const database = await api.schema.database('Newsletter');
  assert.ok(database, 'no Newsletter database');
  const page = await api.session.client().profiles(database.ID, { limit: 1, start: 40 });
  const profile = page.data[0];
  assert.ok(profile, 'Newsletter has no profiles');
  return profile;
}

describe('tools: language-model tools for chat agents', () => {
  afterEach(async () => {
    const { sim, api } = await signIn();
    api.usePrompter(undefined);
    sim.controls.reset();
    await setMode(undefined);
  });

  it('registers every tool and lists it in vscode.lm.tools', async () => {
    const { api } = await signIn();
    const listed = vscode.lm.tools.map((t) => t.name);
    for (const name of TOOL_NAMES) {
      assert.ok(listed.includes(name), `${name} is not in vscode.lm.tools`);
      assert.ok(api.tool(name), `${name} is not registered`);
    }
    const find = vscode.lm.tools.find((t) => t.name === 'copernica_findProfiles');
    assert.match(find?.description ?? '', /conditions/);
    assert.deepStrictEqual((find?.inputSchema as { required?: string[] }).required, [
      'database',
      'conditions',
    ]);
  });

  it('find: a misspelt field is an error naming the right one, and no search is sent', async () => {
    const { sim, api } = await signIn();
    await setMode('ask');
    sim.controls.clearRequests();
    const input = { database: 'Newsletter', conditions: ['emial==someone@example.com'] };
    // Nothing would be sent to the model, so the user is not asked.
    const token = new vscode.CancellationTokenSource().token;
    const prepared = await tool(api, 'copernica_findProfiles').prepareInvocation?.(
      { input },
      token,
    );
    assert.strictEqual(prepared?.confirmationMessages, undefined);
    const result = jsonOf(await invokeTool('copernica_findProfiles', input));
    assert.match(String(result.error), /no field "emial".*Did you mean "email"\?/);
    assert.ok(
      !sim.controls.requests().some((r) => r.path.endsWith('/profiles')),
      'a search was sent',
    );
  });

  it('describe: lists each database’s selections, nested ones with the ID of their parent', async () => {
    await signIn();
    const result = jsonOf(
      await invokeTool('copernica_describeDatabases', { database: 'Newsletter' }),
    );
    const [newsletter] = result.databases as { selections: Record<string, unknown>[] }[];
    const byName = new Map(newsletter?.selections.map((v) => [v.name, v]));
    const subscribers = byName.get('Subscribers');
    assert.ok(subscribers, JSON.stringify(newsletter?.selections));
    assert.strictEqual(subscribers.in, undefined);
    assert.strictEqual(byName.get('Dutch subscribers')?.in, subscribers.ID);
    assert.strictEqual(byName.get('Draft')?.description, 'No rules yet');
    assert.ok(byName.has('Dutch sports fans'), 'the third level is missing');
  });

  it('find: searches in a selection by name; an unknown one is an error listing the names', async () => {
    const { sim } = await signIn();
    await setMode('allow');
    sim.controls.clearRequests();
    const result = jsonOf(
      await invokeTool('copernica_findProfiles', {
        database: 'Newsletter',
        selection: 'tennis FANS',
        conditions: ['age>=30'],
        limit: 5,
      }),
    );
    assert.strictEqual(result.selection, 'Tennis fans');
    const searches = sim.controls.requests().filter((r) => r.path.endsWith('/profiles'));
    assert.deepStrictEqual(
      searches.map((r) => r.path.replace(/\d+/g, 'N')),
      ['/vN/view/N/profiles'],
    );
    assert.ok(Number(result.total) > 0);
    const wrong = jsonOf(
      await invokeTool('copernica_findProfiles', {
        database: 'Newsletter',
        selection: 'Tenis',
        conditions: ['age>=30'],
      }),
    );
    assert.match(String(wrong.error), /no selection "Tenis"/);
    assert.match(String(wrong.hint), /Tennis fans/);
  });

  it('find: at most the stated number of profiles, with the total and how many more', async () => {
    await signIn();
    await setMode('allow');
    const result = jsonOf(
      await invokeTool('copernica_findProfiles', {
        database: 'Newsletter',
        conditions: ['Country==BE'],
        limit: 3,
        fields: ['email', 'Country'],
      }),
    );
    const profiles = result.profiles as { ID: string; fields: Record<string, string> }[];
    assert.strictEqual(profiles.length, 3);
    assert.ok(Number(result.total) > 3);
    assert.strictEqual(result.more, Number(result.total) - 3);
    for (const p of profiles)
      assert.deepStrictEqual(Object.keys(p.fields).sort(), ['Country', 'email']);
  });

  it('get: one profile with its fields and interests', async () => {
    const { api } = await signIn();
    await setMode('allow');
    const profile = await newsletterProfile(api);
    const result = jsonOf(await invokeTool('copernica_getProfile', { id: profile.ID }));
    assert.strictEqual(result.ID, profile.ID);
    assert.strictEqual(result.database, 'Newsletter');
    assert.deepStrictEqual(result.fields, { ...profile.fields });
    assert.ok(Array.isArray(result.interests));
  });

  it('get with "ask": the model gets nothing before the user agrees (the confirmation names the profile)', async () => {
    const { api } = await signIn();
    await setMode('ask');
    const profile = await newsletterProfile(api);
    const prepared = await tool(api, 'copernica_getProfile').prepareInvocation?.(
      { input: { id: profile.ID } },
      new vscode.CancellationTokenSource().token,
    );
    const message = prepared?.confirmationMessages?.message;
    assert.match(
      typeof message === 'string' ? message : (message?.value ?? ''),
      new RegExp(`profile ${profile.ID}`),
    );
  });

  it('update: the confirmation shows each field old → new, and nothing is written before invoke', async () => {
    const { sim, api } = await signIn();
    const profile = await newsletterProfile(api);
    sim.controls.clearRequests();
    const input = { id: profile.ID, fields: { age: '77', Country: 'DE' } };
    const prepared = await tool(api, 'copernica_updateProfile').prepareInvocation?.(
      { input },
      new vscode.CancellationTokenSource().token,
    );
    const confirmation = prepared?.confirmationMessages;
    assert.ok(confirmation, 'no confirmation');
    assert.match(confirmation.title, new RegExp(`profile ${profile.ID}`));
    const message =
      typeof confirmation.message === 'string' ? confirmation.message : confirmation.message.value;
    assert.ok(message.includes(`age: ${JSON.stringify(profile.fields.age)} → "77"`), message);
    if (profile.fields.Country !== 'DE')
      assert.ok(
        message.includes(`Country: ${JSON.stringify(profile.fields.Country)} → "DE"`),
        message,
      );
    assert.deepStrictEqual(writes(sim), []);
  });

  it('update that conflicts: the user is asked; cancel writes nothing, overwrite writes only the change', async () => {
    const { sim, api } = await signIn();
    const profile = await newsletterProfile(api);
    const input = { id: profile.ID, fields: { age: '61' } };
    const asked: string[] = [];
    api.usePrompter({
      confirm: async () => true,
      conflict: async (message) => (asked.push(message), 'cancel'),
    });
    const token = new vscode.CancellationTokenSource().token;
    await tool(api, 'copernica_updateProfile').prepareInvocation?.({ input }, token);
    sim.controls.changeProfile(profile.ID, { firstname: 'Someone Else' });
    sim.controls.clearRequests();
    const answer = await tool(api, 'copernica_updateProfile').invoke(
      { input, toolInvocationToken: undefined },
      token,
    );
    assert.ok(answer);
    const cancelled = jsonOf(answer);
    assert.strictEqual(asked.length, 1);
    assert.match(asked[0] ?? '', /changed in Copernica/);
    assert.match(String(cancelled.error), /not saved/);
    assert.match(String(cancelled.hint), /Nothing was written/);
    assert.deepStrictEqual(writes(sim), []);

    api.usePrompter({ confirm: async () => true, conflict: async () => 'overwrite' });
    const { result } = await confirmAndInvoke(api, 'copernica_updateProfile', {
      id: profile.ID,
      fields: { age: '62' },
    });
    const saved = jsonOf(result);
    assert.strictEqual(saved.saved, true);
    assert.deepStrictEqual(saved.stored, { age: '62' });
    const put = sim.controls.requests().find((r) => r.method === 'PUT');
    assert.deepStrictEqual(JSON.parse(String(put?.body)), { fields: { age: '62' } });
    assert.strictEqual(
      (await api.session.client().profile(profile.ID)).fields.firstname,
      'Someone Else',
    );
  });

  it('update of a subprofile: the confirmation names it, and Copernica stores the change', async () => {
    const { sim, api } = await signIn();
    const customers = await api.schema.database('Customers');
    const orders = customers?.collections.data.find((c) => c.name === 'Orders');
    assert.ok(customers && orders, 'no Customers › Orders');
    const client = api.session.client();
    let subprofile: { ID: string; fields: Record<string, string> } | undefined;
    for (const profile of (await client.profiles(customers.ID, { limit: 20 })).data) {
      subprofile = (await client.subprofiles(profile.ID, orders.ID, { limit: 1 })).data[0];
      if (subprofile) break;
    }
    assert.ok(subprofile, 'no order subprofile');
    const status = subprofile.fields.status === 'shipped' ? 'paid' : 'shipped';
    sim.controls.clearRequests();
    const { shown, result } = await confirmAndInvoke(api, 'copernica_updateProfile', {
      kind: 'subprofile',
      id: subprofile.ID,
      fields: { status },
    });
    assert.match(shown, new RegExp(`subprofile ${subprofile.ID}`));
    assert.ok(
      shown.includes(
        `status: ${JSON.stringify(subprofile.fields.status)} → ${JSON.stringify(status)}`,
      ),
      shown,
    );
    assert.deepStrictEqual(jsonOf(result).stored, { status });
    assert.deepStrictEqual(writes(sim), [`PUT /v4/subprofile/${subprofile.ID}`]);
  });

  it('update refused by validation: an error naming the problem, through invokeTool, with zero writes', async () => {
    const { sim, api } = await signIn();
    const profile = await newsletterProfile(api);
    sim.controls.clearRequests();
    const result = jsonOf(
      await invokeTool('copernica_updateProfile', {
        id: profile.ID,
        fields: { Country: 'Atlantis', emial: 'x@y.nl' },
      }),
    );
    // Each problem, without the line and column of a document the model never saw.
    assert.match(String(result.error), /Atlantis/);
    assert.match(String(result.error), /emial/);
    assert.doesNotMatch(String(result.error), /line \d+, column/);
    assert.match(String(result.hint), /Nothing was written/);
    assert.deepStrictEqual(writes(sim), []);
  });

  it('create refused by validation: no confirmation, an error naming the problem, through invokeTool, with zero writes', async () => {
    const { sim, api } = await signIn();
    sim.controls.clearRequests();
    const input = {
      database: 'Newsletter',
      fields: { email: 'bad.age@example.com', age: 'forty' },
    };
    const prepared = await tool(api, 'copernica_createProfile').prepareInvocation?.(
      { input },
      new vscode.CancellationTokenSource().token,
    );
    assert.strictEqual(prepared?.confirmationMessages, undefined);
    const result = jsonOf(await invokeTool('copernica_createProfile', input));
    assert.match(String(result.error), /forty/);
    assert.match(String(result.hint), /Nothing was written/);
    assert.deepStrictEqual(writes(sim), []);
  });

  // In an extension test host VS Code's DialogService.confirm answers "yes" without showing the
  // dialog ("refused to show confirmation dialog in tests", it logs): invokeTool runs the whole path.
  it('update and create through invokeTool: confirmed by the test host, written once, only the change', async () => {
    const { sim, api } = await signIn();
    await setMode('allow');
    const profile = await newsletterProfile(api);
    sim.controls.clearRequests();
    const updated = jsonOf(
      await invokeTool('copernica_updateProfile', {
        id: profile.ID,
        fields: { age: '55', email: profile.fields.email ?? '' },
      }),
    );
    assert.strictEqual(updated.saved, true);
    assert.deepStrictEqual(updated.stored, { age: '55' });
    assert.deepStrictEqual(writes(sim), [`PUT /v4/profile/${profile.ID}`]);
    const created = jsonOf(
      await invokeTool('copernica_createProfile', {
        database: 'Newsletter',
        fields: { email: 'via.invoke@example.com' },
      }),
    );
    assert.strictEqual(created.created, true);
    assert.strictEqual(
      (await api.session.client().profile(String(created.ID))).fields.email,
      'via.invoke@example.com',
    );
  });

  it('create: the confirmation lists the values; the result gives the new ID and what was stored', async () => {
    const { sim, api } = await signIn();
    sim.controls.clearRequests();
    const input = {
      database: 'Newsletter',
      fields: { email: 'agent.tool@example.com', firstname: 'Agent', age: '30' },
    };
    const { shown, result } = await confirmAndInvoke(api, 'copernica_createProfile', input);
    assert.match(shown, /Newsletter/);
    assert.ok(shown.includes('email: — → "agent.tool@example.com"'), shown);
    const created = jsonOf(result);
    assert.strictEqual(created.created, true);
    const id = String(created.ID);
    assert.strictEqual((created.fields as Record<string, string>).email, 'agent.tool@example.com');
    assert.strictEqual((await api.session.client().profile(id)).fields.firstname, 'Agent');
    assert.strictEqual(sim.controls.requests().filter((r) => r.method === 'POST').length, 1);
  });

  it('with "never", no profile value appears in any result', async () => {
    const { api } = await signIn();
    await setMode('never');
    const profile = await newsletterProfile(api);
    const values = [profile.fields.email, profile.fields.firstname, profile.fields.lastname].filter(
      (v): v is string => !!v && v.length > 2,
    );
    assert.ok(values.length > 0);
    const results = [
      textOf(
        await invokeTool('copernica_findProfiles', {
          database: 'Newsletter',
          conditions: [`id==${profile.ID}`],
        }),
      ),
      textOf(await invokeTool('copernica_getProfile', { id: profile.ID, subprofiles: true })),
      textOf(await invokeTool('copernica_describeDatabases', { database: 'Newsletter' })),
      textOf(
        (
          await confirmAndInvoke(api, 'copernica_updateProfile', {
            id: profile.ID,
            fields: { age: '44', lastname: 'Withheld-Lastname' },
          })
        ).result,
      ),
      textOf(
        (
          await confirmAndInvoke(api, 'copernica_createProfile', {
            database: 'Newsletter',
            fields: { email: 'never.shown@example.com' },
          })
        ).result,
      ),
    ];
    for (const text of results) {
      for (const value of [...values, 'Withheld-Lastname', 'never.shown@example.com'])
        assert.ok(!text.includes(value), `${value} in ${text}`);
    }
    assert.match(results[0] ?? '', /"total":1/);
    assert.match(results[1] ?? '', /copernica\.tools\.profileData/);
    assert.match(results[3] ?? '', /"saved":true/);
  });
});
