// Import… inside VS Code against the simulator: the command with its arguments, the dry-run report
// as the user reads it, the confirmation, the requests that reached Copernica, the profiles it then
// holds, Cancel, and a second run that applies only what is still missing.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/app';
import type { Profile } from '../../src/api/types';
import type { Simulator } from '../simulator/types';
import { loadedBundleParts, signIn, waitFor } from './support/setup';

interface Outcome {
  report: string;
  counts: Record<'create' | 'update' | 'unchanged' | 'skipped' | 'refused', number>;
  applied: boolean;
  cancelled: boolean;
  results: { line: number; outcome: string }[];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-import-'));

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function writes(sim: Simulator): string[] {
  return sim.controls
    .requests()
    .filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'))
    .map((r) => `${r.method} ${r.path}`);
}

function reportText(outcome: Outcome | undefined): string {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === outcome?.report);
  assert.ok(doc, `the report ${outcome?.report} is not open`);
  return doc.getText();
}

async function newsletterProfiles(api: ExtensionApi, n: number): Promise<Profile[]> {
  const client = api.session.client();
  const db = await api.schema.database('Newsletter');
  assert.ok(db);
  return (await client.profiles(db.ID, { limit: n, total: false })).data;
}

describe('import a CSV file into a database', () => {
  const asked: string[] = [];
  let answer = (_message: string): boolean => true;

  beforeEach(async () => {
    const { sim, api } = await signIn();
    sim.controls.reset({ reseed: true });
    api.schema.clear();
    api.notifier.clearHistory();
    asked.length = 0;
    answer = () => true;
    api.usePrompter({
      confirm: async (message, detail) => {
        asked.push(`${message}\n${detail}`);
        return answer(message);
      },
      conflict: async () => 'cancel',
    });
    sim.controls.clearRequests();
  });

  afterEach(async () => {
    (await signIn()).api.usePrompter(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the dry run, writes after the confirmation, and a second run writes nothing', async () => {
    const { sim, api } = await signIn();
    assert.ok(
      !loadedBundleParts().includes('importCommand'),
      'the import loaded before its first use',
    );
    const [a] = await newsletterProfiles(api, 1);
    assert.ok(a);
    const file = csv('contacts.csv', [
      'email,firstname,age',
      `${a.fields.email},Changed,${a.fields.age}`,
      'imported1@example.com,Ina,31',
      'imported2@example.com,Ivo,abc',
      'imported3@example.com,Iris,33',
    ]);
    sim.controls.clearRequests();
    const args = { database: 'Newsletter', file, keyFields: ['email'], action: 'update or add' };
    const outcome = await vscode.commands.executeCommand<Outcome>('copernica.importProfiles', args);
    assert.ok(loadedBundleParts().includes('importCommand'));
    const report = reportText(outcome);
    assert.match(report, /# Import into Newsletter — dry run/);
    assert.match(report, /- 2 profiles will be created\n- 1 profiles will be updated/);
    assert.ok(
      report.includes(`line 2, profile ${a.ID}: firstname "${a.fields.firstname}" → "Changed"`),
      report,
    );
    assert.match(
      report,
      /line 4, column 3 \("age"\): Field "age" \(integer\): "abc" is not a whole number/,
    );
    assert.match(
      asked.join('\n'),
      /Import into Newsletter: create 2 and update 1 profiles\?\nThe report shows every change\. 1 rows are refused/,
    );
    const db = await api.schema.database('Newsletter');
    assert.deepStrictEqual(writes(sim).sort(), [
      `POST /v4/database/${db?.ID}/profiles`,
      `POST /v4/database/${db?.ID}/profiles`,
      `PUT /v4/profile/${a.ID}`,
    ]);
    assert.strictEqual((await api.session.client().profile(a.ID)).fields.firstname, 'Changed');
    await waitFor('the result in the report', () => reportText(outcome).includes('## Result'));
    assert.match(reportText(outcome), /Created: 2 \(lines 3, 5\)\n- Updated: 1 \(lines 2\)/);
    assert.match(
      api.notifier
        .history()
        .map((n) => n.message)
        .join('\n'),
      /Import into Newsletter: 2 created, 1 updated, 0 failed, 0 not applied/,
    );

    sim.controls.clearRequests();
    asked.length = 0;
    const again = await vscode.commands.executeCommand<Outcome>('copernica.importProfiles', args);
    assert.deepStrictEqual(again?.counts, {
      create: 0,
      update: 0,
      unchanged: 3,
      skipped: 0,
      refused: 1,
    });
    assert.deepStrictEqual(asked, [], 'asked to confirm although nothing is to be written');
    assert.deepStrictEqual(writes(sim), []);
  });

  it('writes nothing when the confirmation is declined', async () => {
    const { sim } = await signIn();
    answer = () => false;
    const file = csv('declined.csv', ['email,firstname', 'declined@example.com,Dee']);
    const outcome = await vscode.commands.executeCommand<Outcome>('copernica.importProfiles', {
      database: 'Newsletter',
      file,
      keyFields: 'email',
      action: 'add',
    });
    assert.strictEqual(outcome?.applied, false);
    assert.match(reportText(outcome), /1 profiles will be created/);
    assert.deepStrictEqual(writes(sim), []);
  });

  it('asks about a wrongly cased column and refuses when the suggestion is declined', async () => {
    const { sim, api } = await signIn();
    answer = () => false;
    const file = csv('cased.csv', ['EMAIL,firstname', 'cased@example.com,Cas']);
    await vscode.commands.executeCommand('copernica.importProfiles', {
      database: 'Newsletter',
      file,
      keyFields: ['email'],
      action: 'add',
    });
    assert.match(
      asked[0] ?? '',
      /1 columns of the file are not fields of Newsletter\.\nColumn "EMAIL": the database has no field "EMAIL"\. Did you mean "email"\?/,
    );
    const error = api.notifier.history().find((n) => n.severity === 'error');
    assert.match(
      error?.message ?? '',
      /Nothing was imported: Column "EMAIL".*Did you mean "email"\?/,
    );
    assert.deepStrictEqual(writes(sim), []);
  });

  it('a refused file names the line and writes nothing', async () => {
    const { sim, api } = await signIn();
    const file = csv('quotes.csv', ['email,firstname', '"open@example.com,Oops']);
    await vscode.commands.executeCommand('copernica.importProfiles', {
      database: 'Newsletter',
      file,
      keyFields: ['email'],
      action: 'add',
    });
    const error = api.notifier.history().find((n) => n.severity === 'error');
    assert.match(
      error?.message ?? '',
      /quotes\.csv cannot be imported: Line 2, column 1: a quoted value is never closed/,
    );
    assert.deepStrictEqual(writes(sim), []);
  });

  it('Cancel stops the import; the report names the lines applied; running again applies the rest', async () => {
    const { sim } = await signIn();
    const rows = Array.from({ length: 20 }, (_, i) => `cancel${i}@example.com,C${i}`);
    const file = csv('cancel.csv', ['email,firstname', ...rows]);
    const controller = new AbortController();
    sim.controls.setLatency(40);
    const args = {
      database: 'Newsletter',
      file,
      keyFields: ['email'],
      action: 'add',
      signal: controller.signal,
    };
    const running = vscode.commands.executeCommand<Outcome>('copernica.importProfiles', args);
    await waitFor('the first create', () => writes(sim).some((w) => w.startsWith('POST')));
    controller.abort();
    const outcome = await running;
    sim.controls.setLatency(0);
    assert.strictEqual(outcome?.cancelled, true);
    const created = outcome.results.filter((r) => r.outcome === 'created').map((r) => r.line);
    const notRun = outcome.results.filter((r) => r.outcome === 'not run');
    assert.ok(created.length > 0 && notRun.length > 0, JSON.stringify(outcome.results));
    assert.strictEqual(writes(sim).filter((w) => w.startsWith('POST')).length, created.length);
    await waitFor('the result in the report', () =>
      reportText(outcome).includes('## Result: cancelled'),
    );
    assert.match(
      reportText(outcome),
      new RegExp(`Created: ${created.length} \\(lines 2–${created.length + 1}\\)`),
    );
    assert.match(reportText(outcome), new RegExp(`Not applied: ${notRun.length} \\(lines`));

    sim.controls.clearRequests();
    const again = await vscode.commands.executeCommand<Outcome>('copernica.importProfiles', {
      ...args,
      signal: undefined,
    });
    assert.strictEqual(again?.counts.create, notRun.length);
    assert.strictEqual(again.counts.skipped, created.length);
    assert.strictEqual(writes(sim).filter((w) => w.startsWith('POST')).length, notRun.length);
  });
});
