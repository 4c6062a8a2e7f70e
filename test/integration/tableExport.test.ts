// Export inside a real VS Code: the command with a script's target and options, the file it writes.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pageAll } from '../../src/api/query';
import { signIn } from './support/setup';
import { childrenOf, path as treePath } from './support/tree';

describe('Table: export to a file', function () {
  this.timeout(60_000);

  it('exports a search to CSV: header of field names, quotes, commas, newlines, non-ASCII', async () => {
    const { api } = await signIn();
    const client = await api.session.readyClient();
    const values = [
      { email: 'quote@export.example', firstname: 'Zoë "Z", Ångström', lastname: 'two\nlines' },
      { email: 'comma@export.example', firstname: 'a,b,c', lastname: '日本語' },
      { email: 'plain@export.example', firstname: 'Plain', lastname: 'Row' },
    ];
    const db = (await api.schema.database('Newsletter'))!;
    const ids: string[] = [];
    for (const fields of values) ids.push(await client.createProfile(db.ID, { fields }));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'table-export-')), 'export.csv');
    const result = (await vscode.commands.executeCommand(
      'copernica.exportProfiles',
      { database: 'Newsletter', conditions: 'email=~%@export.example' },
      { format: 'csv', path: file },
    )) as { count: number } | undefined;
    assert.strictEqual(result?.count, 3);
    const text = fs.readFileSync(file, 'utf8');
    const records = parseCsv(text);
    const header = records[0] ?? [];
    assert.deepStrictEqual(header.slice(0, 4), ['ID', 'email', 'firstname', 'lastname']);
    assert.deepStrictEqual(header.slice(-2), ['interests', 'modified']);
    assert.strictEqual(records.length, 4);
    assert.deepStrictEqual(
      records.slice(1).map((r) => r.slice(0, 4)),
      values.map((v, i) => [ids[i], v.email, v.firstname, v.lastname]),
    );
    assert.ok(text.includes('"Zoë ""Z"", Ångström","two\nlines"'), text.slice(0, 400));
    assert.ok(text.endsWith('\r\n'));
    assert.deepStrictEqual(
      fs.readdirSync(path.dirname(file)),
      ['export.csv'],
      'a temp file was left',
    );
  });

  it("exports a collection's subprofiles to JSON Lines, one document per line", async () => {
    const { api } = await signIn();
    const client = await api.session.readyClient();
    const db = (await api.schema.database('Customers'))!;
    const orders = db.collections.data.find((c) => c.name === 'Orders')!;
    const total = (await client.collectionSubprofiles(orders.ID, { limit: 1 })).total;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'table-export-')), 'orders.jsonl');
    const result = (await vscode.commands.executeCommand(
      'copernica.exportProfiles',
      { database: 'Customers', collection: 'Orders' },
      { format: 'jsonl', path: file },
    )) as { count: number } | undefined;
    assert.strictEqual(result?.count, total);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.strictEqual(lines.pop(), '', 'the file ends with a newline');
    assert.strictEqual(lines.length, total);
    const docs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepStrictEqual(Object.keys(docs[0] ?? {}), [
      'ID',
      'fields',
      'profile',
      'collection',
      'secret',
      'created',
      'modified',
      'removed',
    ]);
    assert.ok(docs.every((d) => d.collection === orders.ID));
    const ids = docs.map((d) => Number(d.ID));
    assert.deepStrictEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      'in ID order',
    );
  });
});

describe('Table: selections and miniselections', function () {
  this.timeout(60_000);

  it('exports a selection node: exactly the profiles its rules select, as the explorer lists them', async () => {
    const { api } = await signIn();
    const client = await api.session.readyClient();
    const tennis = (
      await childrenOf(api, await treePath(api, 'Demo Account', 'Newsletter', 'Selections'))
    ).find((n) => n.kind === 'selection' && n.view.name === 'Tennis fans');
    assert.ok(tennis?.kind === 'selection', 'no Tennis fans selection');
    const expected: string[] = [];
    for await (const p of pageAll((q) => client.viewProfiles(tennis.view.ID, q), {}))
      expected.push(p.ID);
    assert.ok(expected.length > 0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'table-export-')), 'tennis.jsonl');
    const result = (await vscode.commands.executeCommand('copernica.exportProfiles', tennis, {
      format: 'jsonl',
      path: file,
    })) as { count: number } | undefined;
    assert.strictEqual(result?.count, expected.length);
    const docs = fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { ID: string; interests: string[] });
    assert.deepStrictEqual(
      docs.map((d) => d.ID),
      expected,
    );
    assert.ok(docs.every((d) => d.interests.includes('tennis')));
  });

  it('exports a search in a selection, and a miniselection to CSV', async () => {
    await signIn();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'table-export-'));
    const search = (await vscode.commands.executeCommand(
      'copernica.exportProfiles',
      { view: '1', conditions: 'age>=60' },
      { format: 'csv', path: path.join(dir, 'over60.csv') },
    )) as { count: number } | undefined;
    const rows = parseCsv(fs.readFileSync(path.join(dir, 'over60.csv'), 'utf8'));
    const age = (rows[0] ?? []).indexOf('age');
    assert.strictEqual(rows.length - 1, search?.count);
    assert.ok(
      rows.slice(1).every((r) => Number(r[age]) >= 60),
      'a row under 60',
    );
    const paid = (await vscode.commands.executeCommand(
      'copernica.exportProfiles',
      { miniview: '1' },
      { format: 'csv', path: path.join(dir, 'paid.csv') },
    )) as { count: number } | undefined;
    const orders = parseCsv(fs.readFileSync(path.join(dir, 'paid.csv'), 'utf8'));
    const status = (orders[0] ?? []).indexOf('status');
    assert.ok((paid?.count ?? 0) > 0);
    assert.strictEqual(orders.length - 1, paid?.count);
    assert.ok(orders.slice(1).every((r) => r[status] === 'paid'));
  });
});

/** RFC 4180 records, for checking what the export wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}
