// Profile documents inside the real VS Code against the simulator: what a save sends, what it
// refuses, how conflicts and failures leave the editor. Each test uses its own profile.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../simulator';
import { loadedBundleParts, signIn, waitFor } from './support/setup';

/** IDs of live Newsletter profiles from `start` on in list order: each test edits its own profile. */
async function newsletterIds(start: number, count: number): Promise<string[]> {
  const { api } = await signIn();
  const page = await api.session.client().profiles('Newsletter', { start, limit: count });
  assert.strictEqual(page.data.length, count);
  return page.data.map((p) => p.ID);
}

let ids: string[] = [];
const id = (n: number): string => {
  const value = ids[n];
  assert.ok(value, `no profile #${n}`);
  return value;
};

async function open(
  command: 'copernica.openProfileById' | 'copernica.openSubprofileById',
  id: string,
): Promise<vscode.TextDocument> {
  const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(command, id);
  assert.ok(uri, `${command} ${id} opened nothing`);
  const editor = await waitFor('the editor', () =>
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()),
  );
  return editor.document;
}

/** Replaces the JSON value of `"name": …` (first occurrence) with `json`. */
async function setValue(document: vscode.TextDocument, name: string, json: string): Promise<void> {
  const match = new RegExp(`("${name}": )("(?:[^"\\\\]|\\\\.)*"|\\[[^\\]]*\\]|[^,\\n]+)`).exec(
    document.getText(),
  );
  assert.ok(match?.[1] && match[2], `no "${name}" in ${document.uri.toString()}`);
  await replaceAt(document, match.index + match[1].length, match[2].length, json);
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

function writes(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'));
}

function field(document: vscode.TextDocument, name: string): unknown {
  return (JSON.parse(document.getText()) as { fields: Record<string, unknown> }).fields[name];
}

async function closeAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('documents: saving a profile', () => {
  before(async () => {
    ids = await newsletterIds(500, 20);
  });

  afterEach(async () => {
    const { sim, api } = await signIn();
    api.usePrompter(undefined);
    sim.controls.reset();
    await closeAll();
  });

  it('opens a profile as readable JSON and saves exactly the changed field with one PUT', async () => {
    const { sim } = await signIn();
    const document = await open('copernica.openProfileById', id(0));
    assert.strictEqual(document.uri.path, `/Newsletter/profiles/${id(0)}.json`);
    assert.strictEqual(document.languageId, 'copernica-profile');
    assert.ok(
      loadedBundleParts().includes('feature'),
      'a profile is open but the documents feature was never loaded',
    );
    const before = JSON.parse(document.getText()) as {
      ID: string;
      fields: Record<string, string>;
      modified: string;
    };
    assert.strictEqual(before.ID, id(0));
    assert.deepStrictEqual(Object.keys(before.fields).slice(0, 4), [
      'email',
      'firstname',
      'lastname',
      'age',
    ]);
    assert.match(document.getText(), /^\{\n {2}"ID": /);
    sim.controls.clearRequests();
    await setValue(document, 'firstname', '"Ada"');
    assert.strictEqual(await document.save(), true);
    assert.strictEqual(document.isDirty, false);
    const sent = writes(sim.controls.requests());
    assert.strictEqual(sent.length, 1, JSON.stringify(sent));
    assert.strictEqual(sent[0]?.method, 'PUT');
    assert.strictEqual(sent[0]?.path, `/v4/profile/${id(0)}`);
    assert.deepStrictEqual(JSON.parse(sent[0]?.body ?? ''), { fields: { firstname: 'Ada' } });
    // The editor shows the server's copy afterwards: a new `modified`, not dirty.
    await waitFor(
      'the server copy in the editor',
      () => (JSON.parse(document.getText()) as { modified: string }).modified !== before.modified,
    );
    assert.strictEqual(field(document, 'firstname'), 'Ada');
    assert.strictEqual(document.isDirty, false);
  });

  it('sends changed interests with PUT profile/interests only', async () => {
    const { sim } = await signIn();
    const document = await open('copernica.openProfileById', id(1));
    sim.controls.clearRequests();
    await setValue(document, 'interests', '["tennis", "news"]');
    assert.strictEqual(await document.save(), true);
    const sent = writes(sim.controls.requests());
    assert.deepStrictEqual(
      sent.map((r) => `${r.method} ${r.path}`),
      [`PUT /v4/profile/${id(1)}/interests`],
    );
    assert.deepStrictEqual(JSON.parse(sent[0]?.body ?? ''), ['tennis', 'news']);
  });

  const refusals: {
    name: string;
    n: number;
    edit: (d: vscode.TextDocument) => Promise<void>;
    expect: RegExp;
  }[] = [
    {
      name: 'invalid JSON',
      n: 10,
      edit: (d) => replaceAt(d, d.getText().indexOf('",\n') + 1, 1, ''),
      expect: /line \d+, column \d+/,
    },
    {
      name: 'an unknown field',
      n: 11,
      edit: (d) => replaceAt(d, d.getText().indexOf('"email"'), 0, '"nickname": "Ady",\n    '),
      expect: /nickname/,
    },
    {
      name: 'a wrongly cased field',
      n: 12,
      edit: (d) =>
        replaceAt(d, d.getText().indexOf('"firstname"'), '"firstname"'.length, '"FirstName"'),
      expect: /"firstname"/,
    },
    {
      name: 'a bad integer',
      n: 13,
      edit: (d) => setValue(d, 'age', '"forty"'),
      expect: /age.*forty/,
    },
    {
      name: 'a bad date',
      n: 14,
      edit: (d) => setValue(d, 'member_since', '"2024-02-30"'),
      expect: /member_since.*2024-02-30/,
    },
    {
      name: 'a value not among the choices',
      n: 15,
      edit: (d) => setValue(d, 'Country', '"XX"'),
      expect: /Country.*XX/,
    },
    {
      name: 'a changed read-only key',
      n: 16,
      edit: (d) => setValue(d, 'created', '"2020-01-01 00:00:00"'),
      expect: /"created" is read-only/,
    },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.name}: nothing is sent and the editor keeps the user's text`, async () => {
      const { sim } = await signIn();
      const document = await open('copernica.openProfileById', id(refusal.n));
      await refusal.edit(document);
      const edited = document.getText();
      sim.controls.clearRequests();
      assert.strictEqual(await document.save(), false, 'the save went through');
      assert.strictEqual(document.isDirty, true);
      assert.strictEqual(document.getText(), edited);
      assert.deepStrictEqual(writes(sim.controls.requests()), []);
      // writeFile itself gives the reason (VS Code shows it as "Failed to save …").
      await assert.rejects(
        Promise.resolve(
          vscode.workspace.fs.writeFile(document.uri, new TextEncoder().encode(edited)),
        ),
        refusal.expect,
      );
      assert.deepStrictEqual(writes(sim.controls.requests()), []);
    });
  }

  it("on a conflict, Compare opens Copernica's copy beside the document and does not save", async () => {
    const { sim, api } = await signIn();
    const document = await open('copernica.openProfileById', id(2));
    sim.controls.changeProfile(id(2), { firstname: 'Theirs' });
    let asked = 0;
    api.usePrompter({ confirm: async () => true, conflict: async () => (asked++, 'compare') });
    await setValue(document, 'firstname', '"Mine"');
    sim.controls.clearRequests();
    assert.strictEqual(await document.save(), false);
    assert.strictEqual(asked, 1);
    assert.strictEqual(document.isDirty, true);
    assert.strictEqual(field(document, 'firstname'), 'Mine');
    assert.deepStrictEqual(writes(sim.controls.requests()), []);
    const diff = await waitFor('the comparison', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.input)
        .find((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff),
    );
    assert.strictEqual(diff.original.scheme, 'copernica-server');
    assert.strictEqual(diff.modified.toString(), document.uri.toString());
    const server = await vscode.workspace.openTextDocument(diff.original);
    assert.match(server.getText(), /"firstname": "Theirs"/);
  });

  it("on a conflict, Overwrite sends only the user's change and keeps the other change", async () => {
    const { sim, api } = await signIn();
    const document = await open('copernica.openProfileById', id(3));
    sim.controls.changeProfile(id(3), { firstname: 'Theirs', lastname: 'Elsewhere' });
    api.usePrompter({ confirm: async () => true, conflict: async () => 'overwrite' });
    await setValue(document, 'firstname', '"Mine"');
    sim.controls.clearRequests();
    assert.strictEqual(await document.save(), true);
    const sent = writes(sim.controls.requests());
    assert.strictEqual(sent.length, 1);
    assert.deepStrictEqual(JSON.parse(sent[0]?.body ?? ''), { fields: { firstname: 'Mine' } });
    const stored = await api.session.client().profile(id(3));
    assert.strictEqual(stored.fields['firstname'], 'Mine');
    assert.strictEqual(stored.fields['lastname'], 'Elsewhere');
    await waitFor(
      'the merged copy in the editor',
      () => field(document, 'lastname') === 'Elsewhere',
    );
    assert.strictEqual(document.isDirty, false);
  });

  it('on a conflict, Cancel leaves the document dirty and sends nothing', async () => {
    const { sim, api } = await signIn();
    const document = await open('copernica.openProfileById', id(4));
    sim.controls.changeProfile(id(4), { lastname: 'Elsewhere' });
    api.usePrompter({ confirm: async () => true, conflict: async () => 'cancel' });
    await setValue(document, 'firstname', '"Mine"');
    sim.controls.clearRequests();
    assert.strictEqual(await document.save(), false);
    assert.strictEqual(document.isDirty, true);
    assert.strictEqual(field(document, 'firstname'), 'Mine');
    assert.deepStrictEqual(writes(sim.controls.requests()), []);
  });

  it('a 503 leaves the document dirty with one notification offering Retry; saving again writes once', async () => {
    const { sim, api } = await signIn();
    const document = await open('copernica.openProfileById', id(5));
    await setValue(document, 'firstname', '"Patient"');
    api.notifier.clearHistory();
    // More failures than the client retries a PUT, so the save itself fails.
    sim.controls.failNext({
      count: 10,
      status: 503,
      method: 'PUT',
      body: '{"error":{"message":"Loadbalancer busy"}}',
      contentType: 'application/json',
    });
    assert.strictEqual(await document.save(), false);
    assert.strictEqual(document.isDirty, true);
    assert.strictEqual(field(document, 'firstname'), 'Patient');
    const errors = api.notifier.history().filter((n) => n.severity === 'error');
    assert.strictEqual(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]?.message ?? '', /Loadbalancer busy/);
    // The one notification is VS Code's own "Failed to save …" (with Retry), carrying our message.
    assert.deepStrictEqual(errors[0]?.actions, ['Retry']);
    sim.controls.reset();
    // Retry saves the document again; the fault is gone now.
    assert.strictEqual(await document.save(), true);
    const sent = writes(sim.controls.requests());
    assert.strictEqual(sent.length, 1, JSON.stringify(sent));
    assert.deepStrictEqual(JSON.parse(sent[0]?.body ?? ''), { fields: { firstname: 'Patient' } });
    assert.strictEqual(document.isDirty, false);
  });

  it("a write that landed but whose answer was lost is neither written again nor taken for someone else's change", async () => {
    const { sim, api } = await signIn();
    const document = await open('copernica.openProfileById', id(7));
    let asked = 0;
    api.usePrompter({ confirm: async () => true, conflict: async () => (asked++, 'cancel') });
    await setValue(document, 'firstname', '"Landed"');
    sim.controls.failNext({ count: 10, status: 503, method: 'PUT' });
    assert.strictEqual(await document.save(), false);
    // As if one of those PUTs had reached Copernica after all.
    sim.controls.reset();
    sim.controls.changeProfile(id(7), { firstname: 'Landed' });
    assert.strictEqual(await document.save(), true);
    assert.strictEqual(asked, 0);
    assert.deepStrictEqual(writes(sim.controls.requests()), []);
    await waitFor(
      'the server copy in the editor',
      () => !document.isDirty && field(document, 'firstname') === 'Landed',
    );
  });

  it('warns when Copernica stores a value differently from what was sent', async () => {
    const { api } = await signIn();
    const document = await open('copernica.openProfileById', id(6));
    api.notifier.clearHistory();
    await setValue(document, 'score', '"2.50"');
    assert.strictEqual(await document.save(), true);
    const warning = api.notifier.history().find((n) => n.severity === 'warning');
    assert.ok(warning, JSON.stringify(api.notifier.history()));
    assert.match(warning.message, /"score"/);
    await waitFor('the stored value in the editor', () => field(document, 'score') === '2.5');
  });

  // The timers of profileFileSystem.ts, each with the VS Code behaviour it answers.

  it('opening a profile costs one GET of it (VS Code asks stat, then readFile: FRESH_MS)', async () => {
    const { sim } = await signIn();
    sim.controls.clearRequests();
    await open('copernica.openProfileById', id(17));
    const gets = sim.controls
      .requests()
      .filter((r) => r.method === 'GET' && r.path === `/v4/profile/${id(17)}`);
    assert.strictEqual(gets.length, 1, JSON.stringify(gets.map((r) => r.path)));
  });

  it('a change of language mode keeps the copy the edit is based on (VS Code closes and reopens the document)', async () => {
    const { sim, api } = await signIn();
    let asked = 0;
    api.usePrompter({ confirm: async () => true, conflict: async () => (asked++, 'cancel') });
    const document = await open('copernica.openProfileById', id(18));
    await setValue(document, 'firstname', '"Lin"');
    sim.controls.changeProfile(id(18), { lastname: 'Someone-Else' });
    const reopened = await vscode.languages.setTextDocumentLanguage(document, 'json');
    assert.strictEqual(
      await reopened.save(),
      false,
      "saved over someone else's change without asking",
    );
    assert.strictEqual(asked, 1);
  });

  it("a save that VS Code does not report (workspace.fs.writeFile) still ends with Copernica's copy in the editor (SAVE_SETTLE_MS)", async () => {
    await signIn();
    const document = await open('copernica.openProfileById', id(19));
    const before = (JSON.parse(document.getText()) as { modified: string }).modified;
    const text = document.getText().replace(/("firstname": )"(?:[^"\\]|\\.)*"/, '$1"Settle"');
    await vscode.workspace.fs.writeFile(document.uri, new TextEncoder().encode(text));
    await waitFor(
      "Copernica's copy in the editor",
      () =>
        (JSON.parse(document.getText()) as { modified: string }).modified !== before || undefined,
      10_000,
    );
    assert.strictEqual(field(document, 'firstname'), 'Settle');
  });
});
