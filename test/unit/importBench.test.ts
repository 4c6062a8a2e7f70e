// The import bench at a small size: the request count equals the bound the README states
// (pages + 2 per create + 3 per update). Counts only; the bench prints the timings.
import * as assert from 'node:assert/strict';
import { benchImport } from '../bench/importBench';

describe('import bench (small): requests equal the stated bound', function () {
  this.timeout(60_000);

  it('400 rows, half updates, half creates: one page of profiles, then 2 or 3 requests a row', async () => {
    const r = await benchImport({ rows: 400, latencyMs: 0, concurrency: 4 });
    assert.deepEqual([r.updates, r.creates, r.pages], [200, 200, 1]);
    assert.equal(r.requests, r.boundRequests);
    assert.equal(r.boundRequests, 1 + 2 * 200 + 3 * 200);
  });
});
