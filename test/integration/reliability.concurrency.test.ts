// Someone else (another user, another window) changing a profile while it is open is detected
// before anything is overwritten; many saves at once each land exactly once.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import {
  type SaveFigure,
  isWrite,
  record,
  requestsOf,
  resetSimulator,
} from './support/reliability';
import {
  RecordingPrompter,
  discard,
  errorMessages,
  openProfile,
  openUri,
  replaceText,
  setField,
  writesTo,
} from './support/reliabilityDocs';
import { signIn, waitFor } from './support/setup';

const SERVER_SCHEME = 'copernica-server';

function diffTabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputTextDiff &&
        t.input.original.scheme === SERVER_SCHEME &&
        t.input.modified.toString() === uri.toString(),
    );
}

describe('reliability: concurrent changes and saves', function () {
  this.timeout(60_000);
  const prompter = new RecordingPrompter();

  beforeEach(async () => {
    const { sim, api } = await signIn();
    resetSimulator(sim);
    prompter.conflicts.length = 0;
    api.usePrompter(prompter);
  });

  afterEach(async () => {
    const { sim, api } = await signIn();
    api.usePrompter(undefined);
    resetSimulator(sim);
  });

  it('a change made in Copernica behind the editor is asked about; Cancel keeps the text, Overwrite sends only mine', async () => {
    const { sim, api } = await signIn();
    const id = '680';
    const doc = await openProfile(api, id);
    try {
      const typed = setField(doc.getText(), 'firstname', 'Mine, typed in VS Code');
      await replaceText(doc, typed);
      sim.controls.changeProfile(id, { lastname: 'Theirs, from another user' });
      prompter.answer = 'cancel';
      const cancelled = await doc.save();
      const keptAfterCancel = doc.getText() === typed && doc.isDirty;
      const writesAfterCancel = writesTo(requestsOf(sim), id).length;
      prompter.answer = 'overwrite';
      const saved = await doc.save();
      const writes = writesTo(requestsOf(sim), id);
      const stored = (await api.session.client().profile(id)).fields;
      const lost =
        !keptAfterCancel ||
        stored.firstname !== 'Mine, typed in VS Code' ||
        stored.lastname !== 'Theirs, from another user';
      record({
        kind: 'save',
        fault: 'changed in Copernica behind the editor',
        mode: 'conflict',
        firstSave: cancelled,
        lost,
        successfulWrites: writes.length,
        writeRequests: writes.length,
        errorNotifications: 0,
        savedInTheEnd: saved,
      });

      assert.strictEqual(cancelled, false);
      assert.strictEqual(
        prompter.conflicts.length,
        2,
        'the conflict question was not asked on each save',
      );
      assert.match(
        prompter.conflicts[0]?.message ?? '',
        /was changed in Copernica since you opened it/,
      );
      assert.match(prompter.conflicts[0]?.detail ?? '', /lastname/);
      assert.ok(keptAfterCancel, 'Cancel must keep the typed text, dirty');
      assert.strictEqual(writesAfterCancel, 0, 'Cancel sent a write');
      assert.strictEqual(saved, true);
      assert.strictEqual(writes.length, 1);
      assert.deepStrictEqual(
        JSON.parse(writes[0]?.body ?? '{}'),
        { fields: { firstname: 'Mine, typed in VS Code' } },
        'Overwrite must send only the changed field',
      );
      assert.ok(!lost, 'one of the two changes is gone from the server');
    } finally {
      await discard(doc);
    }
  });

  it("the same field changed by both: Compare shows Copernica's copy beside mine and saves nothing", async () => {
    const { sim, api } = await signIn();
    const id = '681';
    const doc = await openProfile(api, id);
    try {
      const typed = setField(doc.getText(), 'firstname', 'Mine');
      await replaceText(doc, typed);
      sim.controls.changeProfile(id, { firstname: 'Theirs' });
      prompter.answer = 'compare';
      const saved = await doc.save();
      const diffs = await waitFor('the comparison to open', () =>
        diffTabsOf(doc.uri).length > 0 ? diffTabsOf(doc.uri) : undefined,
      );
      const writes = writesTo(requestsOf(sim), id);
      const lost = !(doc.getText() === typed && doc.isDirty);
      record({
        kind: 'save',
        fault: 'same field changed in Copernica',
        mode: 'conflict',
        firstSave: saved,
        lost,
        successfulWrites: writes.length,
        writeRequests: writes.length,
        errorNotifications: 0,
        savedInTheEnd: false,
      });
      assert.strictEqual(saved, false);
      assert.match(
        prompter.conflicts[0]?.detail ?? '',
        /Field "firstname": yours "Mine", Copernica now has "Theirs"/,
      );
      assert.strictEqual(writes.length, 0);
      assert.ok(!lost);
      assert.strictEqual(
        diffs.length,
        1,
        "no comparison of Copernica's copy with the document was opened",
      );
      await vscode.window.tabGroups.close(diffs);
    } finally {
      await discard(doc);
    }
  });

  // VS Code opens one document per URI; two URIs of one profile are what two windows, or an
  // editor restored under a database's old name, amount to.
  const secondDocuments: [string, (uri: vscode.Uri) => vscode.Uri][] = [
    [
      'a differently cased database name',
      (uri) => uri.with({ path: uri.path.replace('/Newsletter/', '/newsletter/') }),
    ],
    ['a query on the URI', (uri) => uri.with({ query: 'window=2' })],
  ];
  secondDocuments.forEach(([how, second], index) => {
    it(`two documents of one profile (${how}): the stale one's save asks first and reverts nothing unasked`, async () => {
      const { sim, api } = await signIn();
      const id = String(682 + index);
      const first = await openProfile(api, id);
      const other = await openUri(second(first.uri));
      try {
        assert.notStrictEqual(other, first, 'VS Code gave one document for both URIs');
        const before = JSON.parse(other.getText()) as { fields: Record<string, string> };
        await replaceText(first, setField(first.getText(), 'firstname', 'From the first editor'));
        assert.ok(await first.save(), 'the first save failed');
        const staleText = setField(other.getText(), 'lastname', 'From the second editor');
        await replaceText(other, staleText);
        prompter.answer = 'cancel';
        resetSimulator(sim);
        const saved = await other.save();
        const writes = writesTo(requestsOf(sim), id);
        const stored = (await api.session.client().profile(id)).fields;
        const lost = stored.firstname !== 'From the first editor';
        record({
          kind: 'save',
          fault: `second document of one profile (${how})`,
          mode: 'conflict',
          firstSave: saved,
          lost,
          successfulWrites: writes.length,
          writeRequests: writes.length,
          errorNotifications: 0,
          savedInTheEnd: saved,
        });
        assert.notStrictEqual(before.fields.firstname, undefined);
        assert.ok(
          !lost,
          `the second editor's save put back the old first name "${stored.firstname}" without asking`,
        );
        assert.strictEqual(
          prompter.conflicts.length,
          1,
          'the stale document was saved without a conflict question',
        );
        assert.strictEqual(saved, false);
        assert.strictEqual(writes.length, 0);
        assert.ok(other.getText() === staleText && other.isDirty);
      } finally {
        await discard(other, first);
      }
    });
  });

  it('two quick clicks on profiles in the explorer open the last one, without an error', async () => {
    const { api } = await signIn();
    api.notifier.clearHistory();
    const opened: unknown[] = await Promise.all(
      ['690', '691'].map((id) => vscode.commands.executeCommand('copernica.openProfile', id)),
    );
    const errors = errorMessages(api);
    const active = vscode.window.activeTextEditor?.document.uri.path ?? '';
    await discard(
      ...vscode.workspace.textDocuments.filter((d) => /\/profiles\/69[01]\.json$/.test(d.uri.path)),
    );
    assert.deepStrictEqual(
      errors,
      [],
      'a click that was overtaken by the next one was reported as a failure',
    );
    assert.ok(opened.every((u) => u !== undefined));
    assert.match(active, /691\.json$/);
  });

  it('20 saves of 20 profiles at once: exactly 20 writes, one per profile, each with its own change', async () => {
    const { sim, api } = await signIn();
    const ids = Array.from({ length: 20 }, (_, i) => String(650 + i));
    const docs: vscode.TextDocument[] = [];
    try {
      for (const id of ids) docs.push(await openProfile(api, id));
      const values = new Map(ids.map((id) => [id, `Concurrent ${id}`]));
      for (const [i, doc] of docs.entries())
        await replaceText(
          doc,
          setField(doc.getText(), 'firstname', values.get(ids[i] ?? '') ?? ''),
        );
      resetSimulator(sim);
      api.notifier.clearHistory();
      // Slow answers, so the saves really overlap.
      sim.controls.setLatency(40);
      const results = await Promise.all(docs.map((d) => d.save()));
      const requests = resetSimulator(sim);
      const stored = await Promise.all(
        ids.map(async (id) => (await api.session.client().profile(id)).fields.firstname),
      );
      record(
        ...ids.map((id, i): SaveFigure => {
          const writes = writesTo(requests, id).length;
          return {
            kind: 'save',
            fault: '20 saves at once',
            mode: 'concurrent',
            firstSave: results[i] === true,
            lost: stored[i] !== values.get(id),
            successfulWrites: writes,
            writeRequests: writes,
            errorNotifications: 0,
            savedInTheEnd: results[i] === true,
          };
        }),
      );
      assert.deepStrictEqual(
        results,
        ids.map(() => true),
      );
      const puts = requests.filter(isWrite);
      assert.strictEqual(puts.length, 20, puts.map((r) => `${r.method} ${r.path}`).join(', '));
      assert.deepStrictEqual(
        puts.map((r) => r.path).sort(),
        ids.map((id) => `/v4/profile/${id}`).sort(),
      );
      for (const put of puts) {
        const id = put.path.split('/').pop() ?? '';
        assert.deepStrictEqual(JSON.parse(put.body), { fields: { firstname: values.get(id) } });
      }
      assert.deepStrictEqual(
        stored,
        ids.map((id) => values.get(id)),
      );
      assert.deepStrictEqual(
        api.notifier.history().filter((n) => n.severity === 'error'),
        [],
      );
    } finally {
      await discard(...docs);
    }
  });
});
