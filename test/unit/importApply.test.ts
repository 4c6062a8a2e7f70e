// The dry run and the apply step against the simulator over real HTTP: what the report says, which
// requests reach Copernica, what it then holds, and that a second run applies only what is missing.
import * as assert from 'node:assert/strict';
import type { CopernicaClient } from '../../src/api/client';
import type { Profile } from '../../src/api/types';
import { applyPlan, renderResult } from '../../src/imports';
import type { ProfileOwner, WriteDeps } from '../../src/profiles';
import { startSimulator } from '../simulator';
import type { Simulator } from '../simulator/types';
import { assertOk, clientFor, dryRun, importDeps, newsletterOwner, utf8 } from './support/imports';

describe('imports: dry run and apply, against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let client: CopernicaClient;
  let deps: WriteDeps;
  let owner: ProfileOwner;
  let first: Profile[];

  const writes = (): string[] =>
    sim.controls
      .requests()
      .filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'))
      .map((r) => `${r.method} ${r.path.replace(/\d+$/, 'N')}`);

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => sim.close());
  beforeEach(async () => {
    sim.controls.reset({ reseed: true });
    client = clientFor(sim);
    deps = importDeps(client);
    owner = await newsletterOwner(deps);
    first = (await client.profiles(owner.database.ID, { limit: 3, total: false })).data;
    sim.controls.clearRequests();
  });

  /** Two updates (one changes two fields), one unchanged row, two creates. */
  function file(): string {
    const [a, b, c] = first;
    assert.ok(a && b && c);
    return [
      'email,firstname,age',
      `${a.fields.email},Ada-Changed,${a.fields.age}`,
      `${b.fields.email?.toUpperCase()},${b.fields.firstname},77`,
      `${c.fields.email},${c.fields.firstname},${c.fields.age}`,
      'new1@example.com,New,30',
      'new2@example.com,Newer,31',
    ].join('\n');
  }

  it('reports creates, updates old → new and unchanged rows, reading only pages of profiles', async () => {
    const run = await dryRun(client, owner, utf8(file()), 'people.csv');
    assertOk(run);
    assert.deepEqual(run.plan.counts, {
      create: 2,
      update: 2,
      unchanged: 1,
      skipped: 0,
      refused: 0,
    });
    const [a, b] = first;
    assert.match(
      run.report,
      new RegExp(`line 2, profile ${a?.ID}: firstname "${a?.fields.firstname}" → "Ada-Changed"`),
    );
    // The key matched although its case differs; the new case is a change like any other.
    const email = b?.fields.email ?? '';
    assert.ok(
      run.report.includes(
        `line 3, profile ${b?.ID}: email "${email}" → "${email.toUpperCase()}"; age "${b?.fields.age}" → "77"\n`,
      ),
    );
    assert.match(run.report, /line 5: email "new1@example\.com"; firstname "New"; age "30"/);
    const reads = sim.controls.requests().filter((r) => r.path.endsWith('/profiles'));
    // 1,250 profiles (a few removed): two pages of 1000, nothing per row.
    assert.equal(reads.length, 2);
    assert.deepEqual(writes(), []);
  });

  it('applies through the write engine: only changed fields, each row read back; a second run writes nothing', async () => {
    const run = await dryRun(client, owner, utf8(file()), 'people.csv');
    assertOk(run);
    sim.controls.clearRequests();
    const results = await applyPlan(deps, run.plan, { concurrency: 4 });
    assert.deepEqual(
      results.map((r) => `${r.line} ${r.outcome}`),
      ['2 updated', '3 updated', '5 created', '6 created'],
    );
    assert.deepEqual(
      writes().sort(),
      [
        `POST /v4/database/${owner.database.ID}/profiles`,
        `POST /v4/database/${owner.database.ID}/profiles`,
        'PUT /v4/profile/N',
        'PUT /v4/profile/N',
      ].sort(),
    );
    // Each write was read back: one GET per created profile, two per update (the re-read before it too).
    const reads = sim.controls
      .requests()
      .filter((r) => r.method === 'GET' && /\/profile\/\d+$/.test(r.path));
    assert.equal(reads.length, 2 + 2 * 2);
    const put = sim.controls
      .requests()
      .find((r) => r.method === 'PUT' && r.path.endsWith(`/${first[0]?.ID}`));
    assert.deepEqual(JSON.parse(put?.body ?? '{}'), { fields: { firstname: 'Ada-Changed' } });
    const stored = await client.profile(first[1]?.ID ?? '');
    assert.equal(stored.fields.age, '77');
    const again = await dryRun(client, owner, utf8(file()), 'people.csv');
    assertOk(again);
    assert.deepEqual(again.plan.counts, {
      create: 0,
      update: 0,
      unchanged: 5,
      skipped: 0,
      refused: 0,
    });
  });

  it('a cancelled apply says which lines were applied; running again applies only the rest', async () => {
    const rows = [
      'email,firstname',
      ...Array.from({ length: 12 }, (_, i) => `bulk${i}@example.com,Bulk${i}`),
    ];
    const run = await dryRun(client, owner, utf8(rows.join('\n')), 'bulk.csv');
    assertOk(run);
    const controller = new AbortController();
    const results = await applyPlan(deps, run.plan, {
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 3) controller.abort();
      },
    });
    const applied = results.filter((r) => r.outcome === 'created').map((r) => r.line);
    const notRun = results.filter((r) => r.outcome === 'not run').map((r) => r.line);
    // Rows already being written when Cancel came are finished, so each row's fate is known.
    assert.ok(applied.length >= 3 && applied.length <= 4, `applied ${applied.join(',')}`);
    assert.equal(applied.length + notRun.length, 12);
    const text = renderResult(results, true);
    assert.match(
      text,
      new RegExp(`Created: ${applied.length} \\(lines 2–${applied.length + 1}\\)`),
    );
    assert.match(
      text,
      new RegExp(`Not applied: ${notRun.length} \\(lines ${applied.length + 2}–13\\)`),
    );
    const again = await dryRun(client, owner, utf8(rows.join('\n')), 'bulk.csv');
    assertOk(again);
    assert.equal(again.plan.counts.create, notRun.length);
    assert.equal(again.plan.counts.unchanged, applied.length);
  });

  it('a failed row is reported with Copernica’s message; the other rows are applied', async () => {
    const run = await dryRun(
      client,
      owner,
      utf8('email,firstname\nf1@example.com,A\nf2@example.com,B\n'),
      'f.csv',
    );
    assertOk(run);
    sim.controls.failNext({
      method: 'POST',
      status: 400,
      body: '{"error":{"message":"Invalid data provided"}}',
    });
    const results = await applyPlan(deps, run.plan, { concurrency: 1 });
    assert.equal(results[0]?.outcome, 'failed');
    assert.match(
      results[0]?.outcome === 'failed' ? results[0].message : '',
      /Invalid data provided/,
    );
    assert.equal(results[1]?.outcome, 'created');
    assert.match(
      renderResult(results, false),
      /Failed: line 2: .*Invalid data provided[\s\S]*Running the same import again/,
    );
  });

  it('"update" skips unknown keys and "add" skips known ones, saying why', async () => {
    const text = `email,firstname\n${first[0]?.fields.email},X\nnobody@example.com,Y\n`;
    const update = await dryRun(client, owner, utf8(text), 'u.csv', { action: 'update' });
    assertOk(update);
    assert.deepEqual([update.plan.counts.update, update.plan.counts.skipped], [1, 1]);
    assert.match(
      update.report,
      /line 3: No profile has the key email=nobody@example\.com; "update" does not add profiles/,
    );
    const add = await dryRun(client, owner, utf8(text), 'u.csv', { action: 'add' });
    assertOk(add);
    assert.deepEqual([add.plan.counts.create, add.plan.counts.skipped], [1, 1]);
    assert.match(add.report, new RegExp(`line 2: Profile ${first[0]?.ID} has this key already`));
  });

  it('a profile changed in Copernica after the dry run is not overwritten', async () => {
    const a = first[0];
    assert.ok(a);
    const run = await dryRun(
      client,
      owner,
      utf8(`email,firstname\n${a.fields.email},Mine\n`),
      'c.csv',
    );
    assertOk(run);
    sim.controls.changeProfile(a.ID, { firstname: 'Theirs' });
    const results = await applyPlan(deps, run.plan, { concurrency: 1 });
    assert.equal(results[0]?.outcome, 'failed');
    assert.equal((await client.profile(a.ID)).fields.firstname, 'Theirs');
  });
});
