// Whatever the user types: every document of the bad-input corpus, put over a real opened profile
// and saved through VS Code, is refused before anything is sent, with a message that names the
// problem, and the editor keeps exactly what was typed.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/app';
import { BAD_DIR, loadManifest, loadOriginal, readFixture } from '../fixtures/documents';
import type { Simulator } from '../simulator';
import { type CorpusFigure, record, requestsOf } from './support/reliability';
import { startCorpusSimulator } from './support/reliabilityCorpus';
import { discard, openProfile, replaceText } from './support/reliabilityDocs';
import { extensionApi, signIn, simulator, waitFor } from './support/setup';

const G = vscode.ConfigurationTarget.Global;

interface BadDocument {
  file: string;
  code: string;
  word: string;
  line?: number;
  text: () => string;
}

/** The corpus' bad documents, and the two the unit test generates (too big to commit). */
function badDocuments(): BadDocument[] {
  const manifest = loadManifest();
  const committed = Object.entries(manifest)
    .filter(([, e]) => (e.severity ?? 'error') === 'error')
    .map(([file, e]): BadDocument => ({
      file,
      code: e.code,
      word: e.word,
      line: e.line,
      text: () => readFixture(BAD_DIR, file),
    }));
  return [
    ...committed,
    {
      file: '(generated) 10 MB document',
      code: 'too-large',
      word: 'too large',
      text: () => `{"fields": {"notes": "${'x'.repeat(10 * 1024 * 1024)}"}}`,
    },
    {
      file: '(generated) 10,000 levels of arrays',
      code: 'too-deep',
      word: 'nested',
      text: () => `{"fields": {"notes": ${'['.repeat(10000)}${']'.repeat(10000)}}}`,
    },
    {
      file: '(generated) 10,000 levels of objects',
      code: 'too-deep',
      word: 'nested',
      text: () => `{"fields": ${'{"a": '.repeat(10000)}1${'}'.repeat(10000)}}`,
    },
  ];
}

async function pointAt(api: ExtensionApi, sim: Simulator): Promise<void> {
  const config = vscode.workspace.getConfiguration('copernica');
  await config.update('apiUrl', sim.url, G);
  await config.update('authUrl', sim.authUrl, G);
  await waitFor(`the session to follow the settings to ${sim.url}`, () => {
    const { state } = api.session;
    const settings = state.kind === 'signedIn' ? state.settings : api.session.settings();
    return settings.apiUrl === sim.url && settings.authUrl === sim.authUrl;
  });
  // A load that failed while the settings were half-switched must not stay on screen.
  await vscode.commands.executeCommand('copernica.refresh');
}

describe('reliability: the bad-input corpus saved through VS Code', function () {
  this.timeout(90_000);
  let corpus: Simulator;
  let api: ExtensionApi;
  let doc: vscode.TextDocument | undefined;

  before(async () => {
    await simulator();
    api = await extensionApi();
    corpus = await startCorpusSimulator();
    await pointAt(api, corpus);
    await vscode.commands.executeCommand('copernica.signIn', corpus.token);
    assert.strictEqual(
      api.session.state.kind,
      'signedIn',
      'sign-in to the corpus simulator failed',
    );
  });

  after(async () => {
    if (doc) await discard(doc);
    requestsOf(corpus);
    await vscode.commands.executeCommand('copernica.signOut');
    await pointAt(api, await simulator());
    await corpus.close();
    await signIn();
  });

  it('refuses every bad document before sending anything, names the problem, keeps the text dirty', async () => {
    const original = loadOriginal();
    doc = await openProfile(api, original.ID);
    const opened = JSON.parse(doc.getText()) as typeof original;
    // The corpus documents are edits of original.json: the opened profile must be that profile.
    assert.deepStrictEqual(
      { ...opened, interests: [...opened.interests].sort() },
      { ...original, interests: [...original.interests].sort() },
    );
    const failures: string[] = [];
    const figures: CorpusFigure[] = [];
    const documents = badDocuments();
    for (const bad of documents) {
      const text = bad.text();
      await replaceText(doc, text);
      corpus.controls.clearRequests();
      const logged = api.log.lines().length;
      const saved = await doc.save();
      const requests = requestsOf(corpus);
      const writes = requests.filter((r) => r.method !== 'GET' && r.path !== '/authenticate');
      // The refusal is thrown from the file system, so VS Code shows it as "Failed to save …: <message>"; the log has the same text.
      const refusal =
        api.log
          .lines()
          .slice(logged)
          .find((l) => l.includes('was not saved')) ?? '';
      const clearError =
        refusal.includes(bad.word) &&
        (bad.line === undefined || refusal.includes(`line ${bad.line},`));
      const textKept = doc.getText() === text && doc.isDirty;
      figures.push({
        kind: 'corpus',
        file: bad.file,
        code: bad.code,
        saved,
        clearError,
        writeRequests: writes.length,
        textKept,
      });
      const problems = [
        saved ? 'saved' : '',
        clearError
          ? ''
          : `message lacks "${bad.word}"${bad.line === undefined ? '' : ` at line ${bad.line}`}: ${refusal.slice(0, 300) || '(none)'}`,
        writes.length === 0 ? '' : `${writes.length} write request(s)`,
        requests.length === 0 ? '' : `${requests.length} request(s)`,
        textKept ? '' : 'the text changed or is no longer dirty',
      ].filter((p) => p !== '');
      if (problems.length > 0) failures.push(`${bad.file} (${bad.code}): ${problems.join('; ')}`);
    }
    record(...figures);
    assert.ok(documents.length >= 40, `only ${documents.length} bad documents`);
    assert.deepStrictEqual(failures, []);
  });
});
