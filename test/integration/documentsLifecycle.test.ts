// Creating, deleting and editing beyond plain profiles: drafts that become profiles and
// subprofiles, deletes that close editors, removed profiles read-only, subprofile saves, and what
// the editor offers while typing (problems, completion, hover).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/app';
import type { RecordedRequest } from '../simulator';
import { signIn, waitFor } from './support/setup';

async function opened(uri: vscode.Uri | undefined): Promise<vscode.TextDocument> {
  assert.ok(uri, 'the command opened nothing');
  const editor = await waitFor(`an editor of ${uri.toString()}`, () =>
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()),
  );
  return editor.document;
}

async function replaceAt(
  document: vscode.TextDocument,
  offset: number,
  length: number,
  text: string,
): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    document.uri,
    new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)),
    text,
  );
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was refused');
}

/** Replaces the string value of `"name": "…"` with `json`. */
async function setValue(document: vscode.TextDocument, name: string, json: string): Promise<void> {
  const match = new RegExp(`("${name}": )("(?:[^"\\\\]|\\\\.)*")`).exec(document.getText());
  assert.ok(match?.[1] && match[2], `no "${name}" in ${document.uri.toString()}`);
  await replaceAt(document, match.index + match[1].length, match[2].length, json);
}

function writes(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'));
}

function tabUris(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : []));
}

async function liveProfileIds(
  api: ExtensionApi,
  database: string,
  start: number,
  count: number,
): Promise<string[]> {
  const page = await api.session.client().profiles(database, { start, limit: count });
  return page.data.map((p) => p.ID);
}

/** A Customers profile with at least one order, and that order. */
async function profileWithOrder(
  api: ExtensionApi,
  skip: number,
): Promise<{ profileId: string; orderId: string; collectionId: string }> {
  const client = api.session.client();
  const customers = await api.schema.database('Customers');
  const orders = customers?.collections.data.find((c) => c.name === 'Orders');
  assert.ok(orders, 'no Orders collection');
  let found = 0;
  for (const profileId of await liveProfileIds(api, 'Customers', 100, 60)) {
    const page = await client.subprofiles(profileId, orders.ID, { limit: 1 });
    const order = page.data[0];
    if (order && found++ === skip) return { profileId, orderId: order.ID, collectionId: orders.ID };
  }
  throw new Error('no customer with orders');
}

describe('documents: creating, deleting and typing', () => {
  let ids: string[] = [];

  before(async () => {
    const { api } = await signIn();
    ids = await liveProfileIds(api, 'Newsletter', 600, 10);
  });

  afterEach(async () => {
    const { sim, api } = await signIn();
    api.usePrompter(undefined);
    sim.controls.reset();
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('New Profile opens a draft with every field; saving creates it with one POST and opens it instead', async () => {
    const { sim, api } = await signIn();
    const newsletter = await api.schema.database('Newsletter');
    assert.ok(newsletter);
    const draft = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.newProfile', {
        database: { ID: newsletter.ID, name: 'Newsletter' },
      }),
    );
    assert.match(draft.uri.path, /^\/Newsletter\/profiles\/new-\d+\.json$/);
    const template = JSON.parse(draft.getText()) as { fields: Record<string, string> };
    assert.deepStrictEqual(
      Object.keys(template.fields),
      newsletter.fields.data.map((f) => f.name),
    );
    assert.strictEqual(template.fields['age'], '-1');
    await setValue(draft, 'email', '"grace.new@example.com"');
    sim.controls.clearRequests();
    assert.strictEqual(await draft.save(), true);
    const sent = writes(sim.controls.requests());
    assert.deepStrictEqual(
      sent.map((r) => `${r.method} ${r.path}`),
      [`POST /v4/database/${newsletter.ID}/profiles`],
    );
    assert.strictEqual(
      (JSON.parse(sent[0]?.body ?? '') as { fields: Record<string, string> }).fields['email'],
      'grace.new@example.com',
    );
    // (visibleTextEditors may still list editors closed a moment ago: match on the content too.)
    const created = await waitFor("the new profile's editor", () =>
      vscode.window.visibleTextEditors.find(
        (e) =>
          /^\/Newsletter\/profiles\/\d+\.json$/.test(e.document.uri.path) &&
          e.document.getText().includes('"grace.new@example.com"'),
      ),
    );
    assert.ok(
      tabUris().includes(created.document.uri.toString()),
      'the new profile is not in a tab',
    );
    await waitFor('the draft to close', () => !tabUris().includes(draft.uri.toString()));
    assert.strictEqual(writes(sim.controls.requests()).length, 1, 'something was written twice');
  });

  it('a failed POST leaves the draft dirty; saving again creates exactly one profile', async () => {
    const { sim, api } = await signIn();
    const draft = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.newProfile', 'Newsletter'),
    );
    await setValue(draft, 'email', '"retry.new@example.com"');
    api.notifier.clearHistory();
    sim.controls.clearRequests();
    sim.controls.failNext({
      status: 503,
      method: 'POST',
      path: '^/v4/database/[^/]+/profiles$',
      body: '{"error":{"message":"Loadbalancer busy"}}',
      contentType: 'application/json',
    });
    assert.strictEqual(await draft.save(), false);
    assert.strictEqual(draft.isDirty, true);
    assert.strictEqual(writes(sim.controls.requests()).length, 1, 'a POST was retried');
    const errors = api.notifier.history().filter((n) => n.severity === 'error');
    assert.strictEqual(errors.length, 1, JSON.stringify(errors));
    assert.ok(errors[0]?.actions.includes('Retry'));
    assert.strictEqual(await draft.save(), true);
    assert.strictEqual(writes(sim.controls.requests()).length, 2);
    const found = await api.session.client().profiles('Newsletter', {
      conditions: [{ field: 'email', operator: '==', value: 'retry.new@example.com' }],
    });
    assert.strictEqual(found.data.length, 1);
  });

  it('a POST whose answer is lost says the profile may have been created; saving again finds it, never a second profile', async () => {
    const { sim, api } = await signIn();
    const draft = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.newProfile', 'Newsletter'),
    );
    await setValue(draft, 'email', '"lost.answer@example.com"');
    api.notifier.clearHistory();
    sim.controls.clearRequests();
    sim.controls.loseAnswerNext({ method: 'POST', path: '^/v4/database/[^/]+/profiles$' });
    assert.strictEqual(await draft.save(), false);
    assert.strictEqual(draft.isDirty, true);
    assert.match(draft.getText(), /lost\.answer@example\.com/, 'the text is kept');
    const errors = api.notifier.history().filter((n) => n.severity === 'error');
    assert.strictEqual(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]?.message ?? '', /may have been created/);
    assert.strictEqual(await draft.save(), true);
    assert.strictEqual(
      writes(sim.controls.requests()).filter((r) => r.method === 'POST').length,
      1,
      'no second POST',
    );
    const found = await api.session.client().profiles('Newsletter', {
      conditions: [{ field: 'email', operator: '==', value: 'lost.answer@example.com' }],
    });
    assert.strictEqual(found.data.length, 1, 'one profile from one draft');
    await waitFor("the found profile's editor", () =>
      vscode.window.visibleTextEditors.find(
        (e) => e.document.uri.path === `/Newsletter/profiles/${found.data[0]?.ID ?? ''}.json`,
      ),
    );
  });

  it('New Subprofile creates a subprofile of the given profile in the given collection (flat POST body)', async () => {
    const { sim, api } = await signIn();
    const { profileId, collectionId } = await profileWithOrder(api, 0);
    const draft = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.newSubprofile', {
        profile: { ID: profileId },
        collection: { ID: collectionId },
      }),
    );
    assert.match(draft.uri.path, /^\/Customers\/Orders\/subprofiles\/new-\d+\.json$/);
    await setValue(draft, 'order_id', '"ORD-NEW-1"');
    sim.controls.clearRequests();
    assert.strictEqual(await draft.save(), true);
    const sent = writes(sim.controls.requests());
    assert.deepStrictEqual(
      sent.map((r) => `${r.method} ${r.path}`),
      [`POST /v4/profile/${profileId}/subprofiles/${collectionId}`],
    );
    assert.strictEqual(
      (JSON.parse(sent[0]?.body ?? '') as Record<string, string>)['order_id'],
      'ORD-NEW-1',
    );
    await waitFor("the new subprofile's editor", () =>
      vscode.window.visibleTextEditors.find(
        (e) =>
          /^\/Customers\/Orders\/subprofiles\/\d+\.json$/.test(e.document.uri.path) &&
          e.document.getText().includes('"ORD-NEW-1"'),
      ),
    );
    await waitFor('the draft to close', () => !tabUris().includes(draft.uri.toString()));
  });

  it('saves a subprofile edit with one PUT of the changed field', async () => {
    const { sim, api } = await signIn();
    const { orderId } = await profileWithOrder(api, 1);
    const document = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.openSubprofileById', orderId),
    );
    assert.match(
      document.uri.path,
      new RegExp(`^/Customers/Orders/subprofiles/${orderId}\\.json$`),
    );
    const status = (JSON.parse(document.getText()) as { fields: Record<string, string> }).fields[
      'status'
    ];
    const next = status === 'shipped' ? 'paid' : 'shipped';
    await setValue(document, 'status', JSON.stringify(next));
    sim.controls.clearRequests();
    assert.strictEqual(await document.save(), true);
    const sent = writes(sim.controls.requests());
    assert.deepStrictEqual(
      sent.map((r) => `${r.method} ${r.path}`),
      [`PUT /v4/subprofile/${orderId}`],
    );
    assert.deepStrictEqual(JSON.parse(sent[0]?.body ?? ''), { fields: { status: next } });
  });

  it('Delete Profile asks first, deletes once, closes the editor; the removed profile then opens read-only', async () => {
    const { sim, api } = await signIn();
    const id = ids[0] ?? '';
    const document = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.openProfileById', id),
    );
    const questions: string[] = [];
    api.usePrompter({
      confirm: async (message) => (questions.push(message), false),
      conflict: async () => 'cancel',
    });
    sim.controls.clearRequests();
    assert.strictEqual(await vscode.commands.executeCommand('copernica.deleteProfile', id), false);
    assert.deepStrictEqual(writes(sim.controls.requests()), []);
    api.usePrompter({
      confirm: async (message) => (questions.push(message), true),
      conflict: async () => 'cancel',
    });
    assert.strictEqual(
      await vscode.commands.executeCommand('copernica.deleteProfile', { profile: { ID: id } }),
      true,
    );
    assert.match(questions[1] ?? '', new RegExp(`profile ${id}`));
    assert.deepStrictEqual(
      writes(sim.controls.requests()).map((r) => `${r.method} ${r.path}`),
      [`DELETE /v4/profile/${id}`],
    );
    await waitFor('the editor to close', () => !tabUris().includes(document.uri.toString()));

    api.notifier.clearHistory();
    const removed = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.openProfileById', id),
    );
    assert.match(removed.getText(), /"removed": "\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/);
    assert.ok(
      api.notifier
        .history()
        .some((n) => n.severity === 'info' && n.message.includes(`Profile ${id} was removed`)),
      JSON.stringify(api.notifier.history()),
    );
    const stat = await vscode.workspace.fs.stat(removed.uri);
    assert.strictEqual(stat.permissions, vscode.FilePermission.Readonly);
    sim.controls.clearRequests();
    await assert.rejects(
      Promise.resolve(
        vscode.workspace.fs.writeFile(removed.uri, new TextEncoder().encode(removed.getText())),
      ),
      /removed/,
    );
    assert.deepStrictEqual(writes(sim.controls.requests()), []);
  });

  it('Delete Subprofile, given the document (as an editor menu does), deletes it and closes its unsaved editor', async () => {
    const { sim, api } = await signIn();
    const { orderId } = await profileWithOrder(api, 2);
    const document = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.openSubprofileById', orderId),
    );
    await setValue(document, 'order_id', '"UNSAVED"');
    api.usePrompter({ confirm: async () => true, conflict: async () => 'cancel' });
    sim.controls.clearRequests();
    assert.strictEqual(
      await vscode.commands.executeCommand('copernica.deleteSubprofile', document.uri),
      true,
    );
    assert.deepStrictEqual(
      writes(sim.controls.requests()).map((r) => `${r.method} ${r.path}`),
      [`DELETE /v4/subprofile/${orderId}`],
    );
    await waitFor('the editor to close', () => !tabUris().includes(document.uri.toString()));
    assert.notStrictEqual((await api.session.client().subprofile(orderId)).removed, false);
  });

  it('shows problems for a bad value while typing, before any save', async () => {
    const { sim } = await signIn();
    const document = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.openProfileById', ids[1] ?? ''),
    );
    sim.controls.clearRequests();
    const clean = vscode.languages
      .getDiagnostics(document.uri)
      .filter((d) => d.source === 'Copernica' && d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(clean, []);
    await setValue(document, 'age', '"abc"');
    const problems = await waitFor('a Copernica problem', () => {
      const found = vscode.languages
        .getDiagnostics(document.uri)
        .filter((d) => d.source === 'Copernica');
      return found.length > 0 ? found : undefined;
    });
    assert.match(problems[0]?.message ?? '', /"age".*"abc"/);
    assert.strictEqual(problems[0]?.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(
      document.lineAt(problems[0]?.range.start.line ?? 0).text.includes('"age"'),
      true,
    );
    assert.deepStrictEqual(writes(sim.controls.requests()), []);
  });

  it('completes field names and select choices, and describes a field on hover', async () => {
    await signIn();
    const document = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.openProfileById', ids[2] ?? ''),
    );
    const key = document.getText().indexOf('"firstname"');
    await replaceAt(document, key, '"firstname"'.length, '"first"');
    const names = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.positionAt(key + 4),
    );
    const labels = names.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('firstname'), labels.join(', '));
    assert.ok(!labels.includes('lastname'), 'a field already in the document was offered again');

    const country = document
      .getText()
      .indexOf('"', document.getText().indexOf('"Country": ') + '"Country":'.length);
    const choices = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.positionAt(country + 1),
    );
    const offered = choices.items.map((i) =>
      typeof i.label === 'string' ? i.label : i.label.label,
    );
    for (const choice of ['"NL"', '"BE"', '"US"'])
      assert.ok(offered.includes(choice), offered.join(', '));

    const age = document.getText().indexOf('"age"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      document.positionAt(age + 2),
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n');
    assert.match(text, /\*\*age\*\* — integer \(whole number\)/);
  });

  it('auto-save leaves profiles alone, even when the user turned it on for everything: only a save sends one', async () => {
    const { sim } = await signIn();
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    try {
      const document = await opened(
        await vscode.commands.executeCommand<vscode.Uri>('copernica.openProfileById', ids[3] ?? ''),
      );
      await waitFor(
        'the Copernica Profile language',
        () => document.languageId === 'copernica-profile' || undefined,
      );
      assert.strictEqual(
        vscode.workspace.getConfiguration('files', document).get('autoSave'),
        'off',
      );
      sim.controls.clearRequests();
      await setValue(document, 'firstname', '"Typed, not saved"');
      // Twice files.autoSaveDelay (1 s): an auto-save would have sent a PUT by now.
      await new Promise((resolve) =>
        setTimeout(resolve, 2 * (files.get<number>('autoSaveDelay') ?? 1000)),
      );
      assert.strictEqual(
        document.isDirty,
        true,
        'the profile was saved without the user saving it',
      );
      assert.deepStrictEqual(writes(sim.controls.requests()), []);
      assert.ok(await document.save(), 'the save failed');
      assert.deepStrictEqual(
        writes(sim.controls.requests()).map((r) => `${r.method} ${r.path}`),
        [`PUT /v4/profile/${ids[3] ?? ''}`],
      );
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('keeps a language the user picks, and offers Format Document and an outline of the fields', async () => {
    await signIn();
    const document = await opened(
      await vscode.commands.executeCommand<vscode.Uri>('copernica.openProfileById', ids[4] ?? ''),
    );
    await waitFor(
      'the Copernica Profile language',
      () => document.languageId === 'copernica-profile' || undefined,
    );

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    );
    assert.deepStrictEqual(symbols.map((s) => s.name).slice(0, 3), ['ID', 'fields', 'interests']);
    const fields = symbols.find((s) => s.name === 'fields');
    assert.deepStrictEqual(fields?.children.map((c) => c.name).slice(0, 3), [
      'email',
      'firstname',
      'lastname',
    ]);

    const formatted = document.getText();
    await replaceAt(document, 0, document.getText().length, JSON.stringify(JSON.parse(formatted)));
    assert.strictEqual(document.lineCount, 1);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      document.uri,
      { tabSize: 2, insertSpaces: true },
    );
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.strictEqual(document.getText(), formatted.trimEnd());

    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(
      document.languageId,
      'json',
      'the extension took back the language the user chose',
    );
  });
});
