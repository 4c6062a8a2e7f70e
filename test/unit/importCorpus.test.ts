// The bad-import corpus (test/fixtures/bad-imports/cases.json): every file is refused with a message
// that names the problem (and its line and column where it has one), and no write request reaches
// the simulator — the dry run reads, and a refused file or row is never applied.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CopernicaClient } from '../../src/api/client';
import type { ProfileOwner } from '../../src/profiles';
import { startSimulator } from '../simulator';
import type { Simulator } from '../simulator/types';
import { clientFor, dryRun, importDeps, newsletterOwner, utf8 } from './support/imports';

const DIR = path.join(__dirname, '..', '..', 'test', 'fixtures', 'bad-imports');

interface Case {
  file: string;
  expect: string;
  what: string;
  generated?: string;
  /** Two Newsletter profiles are given this e-mail address first. */
  twins?: string;
}

const corpus = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as {
  cases: Case[];
};

/** The files too large to keep in the repository. */
function generated(file: string): Uint8Array {
  const tenMb = 'x'.repeat(10 * 1024 * 1024);
  if (file === 'long-line.csv') return utf8(`email,notes\nimp1@example.com,${tenMb}\n`);
  if (file === 'long-line.jsonl') return utf8(`{"email":"imp1@example.com","notes":"${tenMb}"}\n`);
  throw new Error(`no generator for ${file}`);
}

describe('imports: the bad-file corpus is refused, and nothing is written', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let client: CopernicaClient;
  let owner: ProfileOwner;

  before(async () => {
    sim = await startSimulator();
    client = clientFor(sim);
    owner = await newsletterOwner(importDeps(client));
  });
  after(async () => sim.close());

  it('has at least 30 cases, each with its file (or generator)', () => {
    assert.ok(corpus.cases.length >= 30, `${corpus.cases.length} cases`);
    for (const c of corpus.cases)
      if (!c.generated) assert.ok(fs.existsSync(path.join(DIR, c.file)), c.file);
  });

  for (const c of corpus.cases) {
    it(`${c.file}: ${c.what}`, async () => {
      if (c.twins) {
        const page = await client.profiles(owner.database.ID, { limit: 2, total: false });
        for (const p of page.data) sim.controls.changeProfile(p.ID, { email: c.twins });
      }
      sim.controls.clearRequests();
      const bytes = c.generated
        ? generated(c.file)
        : new Uint8Array(fs.readFileSync(path.join(DIR, c.file)));
      const run = await dryRun(client, owner, bytes, c.file);
      const message = run.ok ? run.report : run.message;
      assert.match(message, new RegExp(c.expect, 'm'));
      if (run.ok) {
        assert.equal(
          run.plan.counts.create + run.plan.counts.update,
          0,
          'a row of a bad file would be written',
        );
        assert.ok(run.plan.counts.refused > 0, 'no row was refused');
      }
      const writes = sim.controls
        .requests()
        .filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'));
      assert.deepEqual(
        writes.map((r) => `${r.method} ${r.path}`),
        [],
      );
    });
  }
});
