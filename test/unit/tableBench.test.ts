// The table bench's smoke run (issue 16) against an in-process simulator: request counts only,
// which are deterministic; its timings are printed by `npm run bench`, never asserted here.
import * as assert from 'node:assert/strict';
import { benchTable, tableBenchText } from '../bench/tableBench';

describe('Table: bench smoke run (request counts only)', function () {
  this.timeout(120_000);

  it('exports every profile over ID ranges with no request beyond one per range page, opens a table with one, and scrolls it down and up holding at most 8 and 10 pages', async () => {
    const report = await benchTable({ latencyMs: 0, profiles: 2500, concurrency: 4 });
    assert.equal(report.export.rows, 2500);
    // 2 bounds, then each range's pages: ranges × ⌈its share ÷ 1000⌉ = 3 ranges × 1 page here.
    assert.equal(report.export.requests, 2 + report.export.ranges);
    assert.equal(report.export.boundRoundTrips, 2 + 1);
    assert.equal(report.open.requests, 1);
    assert.equal(report.open.firstRows, 100);
    // Scrolled down through all 25 pages of 100 (the first with the open, then one request each)
    // and back up (the 15 dropped on the way down fetched again); neither side holds more than its cap.
    assert.equal(report.scroll.pages, 25);
    assert.equal(report.scroll.requests, 25 + 15);
    assert.ok(
      report.scroll.hostPagesMax <= 8,
      `extension held ${report.scroll.hostPagesMax} pages`,
    );
    assert.ok(report.scroll.viewPagesMax <= 10, `webview held ${report.scroll.viewPagesMax} pages`);
    assert.equal(report.scroll.downMb.length, 10);
    assert.equal(report.scroll.upMb.length, 10);
    assert.match(tableBenchText(report), /export: rows written \| 2500/);
  });
});
