// The bench's smoke run: the same scenarios at small sizes against an in-process simulator.
// Only request counts and sequences are asserted (they are deterministic); timings are printed
// by `npm run bench`, never asserted here.
import * as assert from 'node:assert/strict';
import { runBench } from '../bench/runBench';
import { SMALL_OPTIONS, SCHEMA_SHAPE, SUBPROFILE_COLLECTIONS, pageCount } from '../bench/specs';
import { pagingTable, scenarioTable } from '../bench/table';
import type { BenchReport, Row, Way } from '../bench/types';

describe('bench (smoke run: request counts only)', function () {
  this.timeout(120_000);
  let report: BenchReport;

  const row = (id: string, way: Way): Row => {
    const found = report.rows.find((r) => r.id === id && r.way === way);
    assert.ok(found, `no row ${id}/${way}`);
    return found;
  };

  before(async () => {
    report = await runBench({ small: true });
  });

  it('reads the whole schema with one request; the naive way asks per database and per collection', () => {
    const { databases, collectionsPerDatabase } = SCHEMA_SHAPE;
    assert.equal(row('a', 'ours').requests, 1);
    assert.deepEqual(row('a', 'ours').sent, ['GET /v4/databases']);
    // The list, then fields, interests and collections of each database, then each collection's fields.
    assert.equal(row('a', 'naive').requests, 1 + databases * 3 + databases * collectionsPerDatabase);
  });

  it('pages every profile by ID with one request a page; the naive way by offset with as many', () => {
    const pages = pageCount(SMALL_OPTIONS);
    assert.equal(row('b', 'ours').requests, pages);
    assert.equal(row('b', 'ours').note, 'fields[]=id>last');
    assert.equal(row('b', 'naive').requests, pages);
    for (const detail of report.paging) {
      assert.equal(detail.profiles, SMALL_OPTIONS.profiles, `${detail.way} saw every profile once`);
      assert.equal(detail.pages, pages);
    }
  });

  it('opens and saves with GET, re-read, PUT, verify; the naive script sends GET and PUT', () => {
    const ours = row('c', 'ours').sent ?? [];
    assert.equal(ours.length, 4);
    const [open, reread, put, verify] = ours;
    assert.match(open ?? '', /^GET \/v4\/profile\/\d+$/);
    assert.deepEqual([reread, put, verify], [open, open?.replace('GET', 'PUT'), open]);
    assert.deepEqual(row('c', 'naive').sent, [open, open?.replace('GET', 'PUT')]);
  });

  it('asks for subprofiles of every collection, one request each, both ways', () => {
    assert.equal(row('d', 'ours').requests, SUBPROFILE_COLLECTIONS);
    assert.equal(row('d', 'naive').requests, SUBPROFILE_COLLECTIONS);
    assert.equal(row('d', 'ours').criticalPath, 1, 'the extension overlaps them');
  });

  it('shares 50 identical concurrent GETs as one request; plain fetch sends 50', () => {
    assert.equal(row('e', 'ours').requests, 1);
    assert.equal(row('e', 'naive').requests, 50);
  });

  it('prints a line for every scenario and way, with figures', () => {
    const text = scenarioTable(report);
    for (const id of ['a', 'b', 'c', 'd', 'e']) assert.match(text, new RegExp(`\\| ${id}\\. `));
    assert.equal(text.split('\n').length, 2 + report.rows.length);
    assert.ok(report.rows.every((r) => Number.isFinite(r.wallMs) && Number.isFinite(r.ratio)));
    assert.match(pagingTable(report), /\| ours /);
  });
});
