// The webview's row store (no DOM in it): what it asks for and how much it keeps while scrolling.
import * as assert from 'node:assert/strict';
import { MAX_PAGES, ViewRows } from '../../src/table/webview/state';

const page = (index: number): { id: string; cells: string[] }[] =>
  Array.from({ length: 100 }, (_, i) => ({ id: String(index * 100 + i + 1), cells: [] }));

describe('Table: webview rows', () => {
  it('asks for each missing page of the shown rows once', () => {
    const rows = new ViewRows(1000, 100);
    assert.deepEqual(rows.missing(150, 260), [1, 2]);
    assert.deepEqual(rows.missing(150, 260), [], 'already asked');
    rows.put(1, page(1), 150);
    assert.equal(rows.row(150)?.id, '151');
    assert.deepEqual(rows.missing(990, 1010), [9], 'nothing past the end');
  });

  it('keeps at most MAX_PAGES pages while scrolling through 100,000 rows, the far ones dropped', () => {
    const rows = new ViewRows(100_000, 100);
    for (let p = 0; p < 1000; p++) {
      rows.missing(p * 100, p * 100 + 40);
      rows.put(p, page(p), p * 100);
      assert.ok(rows.heldPages <= MAX_PAGES);
    }
    assert.equal(rows.row(99_950)?.id, '99951');
    assert.equal(rows.row(0), undefined, 'the first page was dropped');
    assert.deepEqual(rows.missing(0, 10), [0], 'and is asked for again when shown');
  });
});
