// The profiles table's pure parts in plain Node: the CSV writer, the row model's page cache and
// the export's ID ranges, against an in-memory listing that answers the way Copernica pages.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Profile, ProfileQuery } from '../../src/api/types';
import type { Entity } from '../../src/profiles';
import { csvField, csvHeader, csvRecord, csvRow } from '../../src/table/export/csv';
import { EXPORT_PAGE, exportRows, planRanges, splitRange } from '../../src/table/export/exportRows';
import { lineWriter } from '../../src/table/export/lines';
import { RowModel } from '../../src/table/rows/rowModel';
import { columnsOf, type RowFetch } from '../../src/table/rows/rowSource';

function profile(id: number, fields: Record<string, string> = {}): Profile {
  return {
    ID: String(id),
    fields: { email: `p${id}@example.com`, ...fields },
    interests: [],
    database: '1',
    secret: 's',
    created: '2024-01-01 00:00:00',
    modified: '2024-01-02 00:00:00',
    removed: false,
  };
}

/** A listing as Copernica answers it: `id` conditions, order by ID, start, limit, total. */
function listing(rows: Entity[]): { fetch: RowFetch; queries: ProfileQuery[] } {
  const queries: ProfileQuery[] = [];
  const fetch: RowFetch = (q) => {
    queries.push(q);
    let data = rows.filter((r) =>
      (q.conditions ?? []).every((c) => {
        const id = Number(r.ID);
        const v = Number(c.value);
        return c.operator === '>'
          ? id > v
          : c.operator === '<'
            ? id < v
            : c.operator === '<='
              ? id <= v
              : true;
      }),
    );
    if (q.order === 'desc') data = [...data].reverse();
    const start = q.start ?? 0;
    const limit = q.limit ?? 100;
    const page: Page<Entity> = {
      start,
      limit,
      count: 0,
      data: data.slice(start, start + limit),
      ...(q.total === false ? {} : { total: data.length }),
    };
    page.count = page.data.length;
    return Promise.resolve(page);
  };
  return { fetch, queries };
}

const many = (n: number, step = 1): Entity[] =>
  Array.from({ length: n }, (_, i) => profile(1 + i * step));

describe('Table: CSV writer (RFC 4180)', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes; records end in CRLF', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\r'), '"cr\r"');
    assert.equal(csvField('Zoë Ångström'), 'Zoë Ångström');
    assert.equal(csvRecord(['1', '', 'x,y']), '1,,"x,y"\r\n');
  });

  it('writes a header of field names and one record per profile in column order', () => {
    const fields = [
      { ID: '1', name: 'email', type: 'email' },
      { ID: '2', name: 'note', type: 'text' },
    ] as never;
    const columns = columnsOf('profile', fields);
    assert.equal(csvHeader(columns), 'ID,email,note,interests,modified\r\n');
    const p = { ...profile(7, { note: 'a "b", c' }), interests: ['x', 'y'] };
    assert.equal(
      csvRow(p, columns),
      '7,p7@example.com,"a ""b"", c","x, y",2024-01-02 00:00:00\r\n',
    );
  });
});

describe('Table: row model', () => {
  it('opens with the first page and the total in one request', async () => {
    const { fetch, queries } = listing(many(1050));
    const model = new RowModel(fetch, { pageSize: 100 });
    const first = await model.open();
    assert.equal(first.rows.length, 100);
    assert.equal(model.total, 1050);
    assert.equal(model.pageCount, 11);
    assert.equal(queries.length, 1);
  });

  it('fetches the next page by id> and the last page in descending order, never by walking', async () => {
    const { fetch, queries } = listing(many(100_000, 3));
    const model = new RowModel(fetch, { pageSize: 100 });
    await model.open();
    const second = await model.page(1);
    assert.equal(second.rows[0]?.ID, String(1 + 100 * 3));
    assert.deepEqual(queries[1]?.conditions, [
      { field: 'id', operator: '>', value: String(1 + 99 * 3) },
    ]);
    const last = await model.page(999);
    assert.equal(last.rows.length, 100);
    assert.equal(last.rows[99]?.ID, String(1 + 99_999 * 3));
    assert.equal(last.rows[0]?.ID, String(1 + 99_900 * 3));
    assert.equal(queries.length, 3, 'the end is one request: nothing of the middle was loaded');
    assert.deepEqual(model.ways, ['first', 'after', 'last']);
    const beforeLast = await model.page(998);
    assert.equal(beforeLast.rows[99]?.ID, String(1 + 99_899 * 3));
    assert.equal(model.ways[3], 'before');
    const middle = await model.page(500);
    assert.equal(middle.rows[0]?.ID, String(1 + 50_000 * 3));
    assert.equal(model.ways[4], 'offset');
  });

  it('keeps memory flat: at most maxPages pages held while scrolling through everything', async () => {
    const { fetch } = listing(many(5000));
    const model = new RowModel(fetch, { pageSize: 100, maxPages: 6 });
    await model.open();
    for (let p = 1; p < model.pageCount; p++) {
      const page = await model.page(p);
      assert.equal(page.rows[0]?.ID, String(p * 100 + 1));
      assert.ok(model.held <= 6, `held ${model.held} pages at page ${p}`);
    }
    // Scrolling back after eviction still fetches by ID (the evicted page's bounds were kept).
    const back = await model.page(10);
    assert.equal(back.rows[0]?.ID, '1001');
    assert.notEqual(model.ways[model.ways.length - 1], 'offset');
  });

  it('shares one request between callers asking for the same page at once', async () => {
    const { fetch, queries } = listing(many(500));
    const model = new RowModel(fetch, { pageSize: 100 });
    await model.open();
    await Promise.all([model.page(3), model.page(3), model.page(3)]);
    assert.equal(queries.length, 2);
  });
});

describe('Table: export ranges and files', () => {
  it('splits an ID span into disjoint ranges that cover it', () => {
    const ranges = splitRange(1n, 100n, 4);
    assert.deepEqual(ranges, [
      { from: 1n, to: 25n },
      { from: 26n, to: 50n },
      { from: 51n, to: 75n },
      { from: 76n, to: 100n },
    ]);
    assert.deepEqual(splitRange(5n, 6n, 8), [
      { from: 5n, to: 5n },
      { from: 6n, to: 6n },
    ]);
  });

  it('exports every profile once, in ID order, with bounded streams and no leftover files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const rows = many(10_500, 7);
    const { fetch, queries } = listing(rows);
    const path = join(dir, 'out.csv');
    const columns = columnsOf('profile', [{ ID: '1', name: 'email', type: 'email' }] as never);
    const result = await exportRows({
      fetch,
      writer: { dataOnly: true, header: csvHeader(columns), line: (e) => csvRow(e, columns) },
      path,
      concurrency: 4,
    });
    assert.equal(result.count, 10_500);
    const lines = readFileSync(path, 'utf8')
      .split('\r\n')
      .filter((l) => l !== '');
    assert.equal(lines.length, 10_501);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      rows.map((r) => r.ID),
    );
    // 2 bounds + each range's pages, no empty trailing page.
    assert.ok(queries.length <= 2 + 11 + result.ranges, `${queries.length} requests`);
    assert.deepEqual(readdirSync(dir), ['out.csv']);
  });

  it('plans whole pages per range: 100,000 profiles over 4 streams are 8 ranges of 13 and 12 pages', () => {
    const ranges = planRanges(1555n, 101_554n, 100_000, 4);
    const widths = ranges.map((r) => Number(r.to - r.from + 1n) / EXPORT_PAGE);
    assert.deepEqual(widths, [13, 13, 13, 13, 12, 12, 12, 12]);
    assert.equal(ranges[0]?.from, 1555n);
    assert.equal(ranges[ranges.length - 1]?.to, 101_554n);
    ranges.slice(1).forEach((r, i) => assert.equal(r.from, (ranges[i] as { to: bigint }).to + 1n));
    // Fewer pages than streams: a range a page; a span narrower than the ranges: one ID each.
    assert.equal(planRanges(1n, 2500n, 2500, 4).length, 3);
    assert.deepEqual(planRanges(7n, 8n, 5000, 4), [
      { from: 7n, to: 7n },
      { from: 8n, to: 8n },
    ]);
  });

  it('asks exactly one request per page of dense IDs: no totals on range pages, no empty last page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const { fetch, queries } = listing(many(10_000));
    const result = await exportRows({
      fetch,
      writer: { dataOnly: false, header: '', line: (e) => `${e.ID}\n` },
      path: join(dir, 'out.txt'),
      concurrency: 4,
    });
    assert.equal(result.count, 10_000);
    assert.equal(
      queries.length,
      2 + 10,
      queries.map((q) => JSON.stringify(q.conditions)).join('\n'),
    );
    assert.ok(queries.slice(2).every((q) => q.total === false));
    const lines = readFileSync(join(dir, 'out.txt'), 'utf8').trim().split('\n');
    assert.deepEqual(
      lines,
      many(10_000).map((r) => r.ID),
    );
  });

  it("asks for a stream's next page before writing the lines of the one it has", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const { fetch, queries } = listing(many(3000));
    const askedWhenWritten: number[] = [];
    await exportRows({
      fetch,
      writer: {
        dataOnly: false,
        header: '',
        line: (e) => {
          if (e.ID === '1') askedWhenWritten.push(queries.length);
          return `${e.ID}\n`;
        },
      },
      path: join(dir, 'out.txt'),
      concurrency: 1,
    });
    // 2 bounds, the first page, and already the second when the first page's first line is made.
    assert.deepEqual(askedWhenWritten, [4]);
  });

  it('keeps ID order when a later range finishes first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const rows = many(8000);
    const { fetch } = listing(rows);
    // The first range's pages are slow: ranges after it are complete long before it is.
    const slowFirst: RowFetch = async (q, signal) => {
      const after = Number(q.conditions?.[0]?.value ?? 0);
      if (q.conditions !== undefined && after < 1000)
        await new Promise((resolve) => setTimeout(resolve, 60));
      return fetch(q, signal);
    };
    await exportRows({
      fetch: slowFirst,
      writer: { dataOnly: false, header: 'ID\n', line: (e) => `${e.ID}\n` },
      path: join(dir, 'out.txt'),
      concurrency: 4,
    });
    const lines = readFileSync(join(dir, 'out.txt'), 'utf8').trim().split('\n');
    assert.deepEqual(lines, ['ID', ...rows.map((r) => r.ID)]);
    assert.deepEqual(readdirSync(dir), ['out.txt']);
  });

  it('a failed write while the next page is on its way: the error, no files, no unhandled rejection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const { fetch } = listing(many(5000));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      // Every page after the first fails, so the prefetched page rejects too.
      let pages = 0;
      const failing: RowFetch = async (q, signal) => {
        if (q.conditions !== undefined && ++pages > 1) throw new Error('connection reset');
        return fetch(q, signal);
      };
      await assert.rejects(
        exportRows({
          fetch: failing,
          writer: {
            dataOnly: false,
            header: '',
            line: () => {
              throw new Error('disk full');
            },
          },
          path: join(dir, 'out.csv'),
          concurrency: 1,
        }),
        /disk full/,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a cancelled export leaves no file under the chosen name and no part files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const { fetch } = listing(many(5000));
    const controller = new AbortController();
    let calls = 0;
    const cancelling: RowFetch = async (q, signal) => {
      calls += 1;
      if (calls === 4) controller.abort();
      signal?.throwIfAborted();
      return fetch(q, signal);
    };
    await assert.rejects(
      exportRows({
        fetch: cancelling,
        writer: { dataOnly: false, header: 'h\n', line: (e) => `${e.ID}\n` },
        path: join(dir, 'out.csv'),
        concurrency: 2,
        signal: controller.signal,
      }),
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('Table: row model load order', () => {
  it('fetches two pages at the end backwards, so neither needs an offset', async () => {
    const { fetch, queries } = listing(many(1250));
    const model = new RowModel(fetch, { pageSize: 100 });
    await model.open();
    for (const index of model.loadOrder([11, 12])) await model.page(index);
    assert.deepEqual(model.ways, ['first', 'last', 'before']);
    assert.ok(queries.every((q) => q.start === undefined));
  });
});

describe('Table: row model load order from a known page', () => {
  it('scrolling up from the last page fetches both pages above it by id<', async () => {
    const { fetch } = listing(many(1250));
    const model = new RowModel(fetch, { pageSize: 100 });
    await model.open();
    await model.page(12);
    for (const index of model.loadOrder([10, 11])) await model.page(index);
    assert.deepEqual(model.ways, ['first', 'last', 'before', 'before']);
    assert.equal((await model.page(10)).rows[0]?.ID, '1001');
  });
});

describe('Table: JSON Lines export', () => {
  it('writes one profile per line in its document shape, fields in the definition order', () => {
    const fields = [
      { ID: '1', name: 'email', type: 'email' },
      { ID: '2', name: 'note', type: 'text' },
    ] as never;
    const owner = {
      kind: 'profile',
      database: { ID: '1', name: 'Newsletter' },
      schema: { kind: 'profile', fields, interests: [] },
    } as never;
    const writer = lineWriter('jsonl', columnsOf('profile', fields), owner);
    const p = { ...profile(3, { note: 'two\nlines "q"' }), interests: ['vip'] };
    const line = writer.line(p);
    assert.equal(writer.header, '');
    assert.equal(writer.dataOnly, false, 'the document shape needs the secret and dates');
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'), 'one line');
    assert.deepEqual(JSON.parse(line), {
      ID: '3',
      fields: { email: 'p3@example.com', note: 'two\nlines "q"' },
      interests: ['vip'],
      database: '1',
      secret: 's',
      created: '2024-01-01 00:00:00',
      modified: '2024-01-02 00:00:00',
      removed: false,
    });
  });
});
