// The bench's smoke run: the same scenarios at small sizes against an in-process simulator.
// Only request counts and sequences are asserted (they are deterministic); timings are printed
// by `npm run bench`, never asserted here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleFiles } from '../bench/footprint';
import { runBench } from '../bench/runBench';
import { SMALL_OPTIONS, SCHEMA_SHAPE, SUBPROFILE_COLLECTIONS, pageCount } from '../bench/specs';
import { SELECTIONS, SELECTION_DEPTH } from '../bench/selectionsBench';
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
    assert.equal(
      row('a', 'naive').requests,
      1 + databases * 3 + databases * collectionsPerDatabase,
    );
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

  it('expands 50 selections three levels deep asking only those with children, a level at once', () => {
    const ours = row('f', 'ours');
    assert.equal(ours.requests, ours.minRequests);
    assert.ok(ours.requests < SELECTIONS, `${ours.requests} requests for ${SELECTIONS} selections`);
    assert.equal(ours.criticalPath, SELECTION_DEPTH);
    // The script asks the database, then every selection for its children.
    assert.equal(row('f', 'naive').requests, 1 + SELECTIONS);
  });

  it("pages a selection by ID with one request a page, as a database's profiles", () => {
    const pages = pageCount(SMALL_OPTIONS);
    assert.equal(row('g', 'ours').requests, pages);
    assert.equal(row('g', 'naive').requests, pages);
    const selection = report.paging.filter((p) => p.list === 'selection');
    assert.deepEqual(
      selection.map((p) => [p.way, p.profiles]),
      [
        ['ours', SMALL_OPTIONS.profiles],
        ['naive', SMALL_OPTIONS.profiles],
      ],
    );
  });

  it('prints a line for every scenario and way, with figures', () => {
    const text = scenarioTable(report);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
      assert.match(text, new RegExp(`\\| ${id}\\. `));
    assert.equal(text.split('\n').length, 2 + report.rows.length);
    assert.ok(report.rows.every((r) => Number.isFinite(r.wallMs) && Number.isFinite(r.ratio)));
    assert.match(pagingTable(report), /\| ours /);
  });
});

describe('bench footprint: which files of dist/ activation loads', () => {
  it('follows static imports from extension.js and leaves import()ed chunks for later', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-footprint-'));
    try {
      fs.mkdirSync(path.join(dir, 'dist'));
      const sizes: Record<string, number> = {
        'extension.js': 2048,
        'chunk-A.js': 1024,
        'feature-B.js': 4096,
        'chunk-C.js': 512,
        'distribution-D.js': 3072,
      };
      for (const [name, size] of Object.entries(sizes))
        fs.writeFileSync(path.join(dir, 'dist', name), 'x'.repeat(size));
      const files = bundleFiles(dir, {
        outputs: {
          'dist/extension.js': {
            imports: [
              { path: 'dist/chunk-A.js', kind: 'import-statement' },
              { path: 'vscode', kind: 'require-call', external: true },
              { path: 'dist/feature-B.js', kind: 'dynamic-import' },
            ],
          },
          'dist/chunk-A.js': {
            imports: [{ path: 'dist/distribution-D.js', kind: 'dynamic-import' }],
          },
          'dist/feature-B.js': {
            imports: [
              { path: 'dist/chunk-A.js', kind: 'import-statement' },
              { path: 'dist/chunk-C.js', kind: 'import-statement' },
            ],
            entryPoint: '../../tmp/x/src/documents/feature.ts',
          },
          'dist/chunk-C.js': { imports: [] },
          'dist/distribution-D.js': {
            imports: [],
            entryPoint: 'node_modules/ky/distribution/index.js',
          },
          'dist/extension.js.map': { imports: [] },
        },
      });
      assert.deepEqual(files, [
        { file: 'dist/extension.js', kb: 2, loads: 'activation' },
        { file: 'dist/chunk-A.js', kb: 1, loads: 'activation' },
        { file: 'dist/feature-B.js', kb: 4, loads: 'on first use of src/documents/feature.ts' },
        {
          file: 'dist/distribution-D.js',
          kb: 3,
          loads: 'on first use of node_modules/ky/distribution/index.js',
        },
        { file: 'dist/chunk-C.js', kb: 0.5, loads: 'on first use of a later chunk (shared code)' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
