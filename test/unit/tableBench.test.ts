// The table bench's smoke run (issue 16) against an in-process simulator: request counts only,
// which are deterministic; its timings are printed by `npm run bench`, never asserted here.
import * as assert from 'node:assert/strict';
import { benchTable, tableBenchText } from '../bench/tableBench';

describe('Table: bench smoke run (request counts only)', function () {
  this.timeout(120_000);

  it('exports every profile over ID ranges with no request beyond one per range page, and opens a table with one', async () => {
    const report = await benchTable({ latencyMs: 0, profiles: 2500, concurrency: 4 });
    assert.equal(report.export.rows, 2500);
    // 2 bounds, then each range's pages: ranges × ⌈its share ÷ 1000⌉ = 3 ranges × 1 page here.
    assert.equal(report.export.requests, 2 + report.export.ranges);
    assert.equal(report.export.boundRoundTrips, 2 + 1);
    assert.equal(report.open.requests, 1);
    assert.equal(report.open.firstRows, 100);
    assert.match(tableBenchText(report), /export: rows written \| 2500/);
  });
});
