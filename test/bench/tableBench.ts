// The profiles table and export (issue 16), measured against the simulator with injected latency:
//  - export of the `Big` database to CSV over `concurrency` streams of disjoint ID ranges, beside
//    one stream paging one page after another; requests, wall time, the ratio to the bound
//    (the requests before the streams + ⌈pages ÷ concurrency⌉ round trips) and the heap's growth;
//  - a table's open to its first rows (the row model, in Node): requests and time against
//    2 round trips + 100 ms;
//  - scrolling a table through every row, one page after another: the pages the extension's row
//    model and the webview's row store hold, and the heap (after a full collection) along the way;
//  - the webview bundle's size (minified).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Esbuild from 'esbuild';
import type { Database } from '../../src/api/types';
import type { ProfileOwner } from '../../src/profiles';
import { EXPORT_PAGE, exportRows } from '../../src/table/export/exportRows';
import { lineWriter } from '../../src/table/export/lines';
import type { RowData } from '../../src/table/messages';
import { RowModel } from '../../src/table/rows/rowModel';
import { type Column, cellsOf, rowSource, type RowFetch } from '../../src/table/rows/rowSource';
import { ViewRows } from '../../src/table/webview/state';
import { median, round } from './measure';
import { signedInClient } from './ours';
import { type SimHost, startSimHost } from './simHost';
import { TABLE_TARGETS } from './specs';

export interface TableBenchOptions {
  latencyMs: number;
  profiles: number;
  concurrency: number;
  simulatorEntry?: string;
  progress?: (line: string) => void;
}

export interface TableBenchReport {
  latencyMs: number;
  profiles: number;
  concurrency: number;
  /** The bound's round trip: the latency plus the simulator's median time for a full page (1000 profiles). */
  roundTripMs: number;
  /**
   * For comparison, the wider reading: one full page asked and parsed by the client with nothing
   * else under way (adds the answer's way over the socket and the parse), median of a walk.
   */
  clientRoundTripMs: number;
  /** Load average of the machine while measuring (the machine is shared). */
  loadAverage: number;
  export: {
    rows: number;
    requests: number;
    ranges: number;
    /** The median of the timed runs. */
    wallMs: number;
    runsMs: number[];
    boundRoundTrips: number;
    boundMs: number;
    ratio: number;
    /** Wall time over the bound with the client's wider round trip. */
    clientRatio: number;
    heapGrowthMb: number;
    fileMb: number;
  };
  paged: { requests: number; wallMs: number; speedup: number };
  open: { requests: number; wallMs: number; boundMs: number; firstRows: number };
  scroll: ScrollReport;
  webviewKb: number | undefined;
}

/** A table scrolled from its first row to its last, one page after another. */
export interface ScrollReport {
  rows: number;
  pages: number;
  requests: number;
  /** The most pages held at once: by the extension's row model, by the webview's row store. */
  hostPagesMax: number;
  viewPagesMax: number;
  /** Heap after a full collection once the first page is shown, then every tenth of the way down and back up. */
  startMb: number;
  downMb: number[];
  upMb: number[];
  /** The highest reading after the first tenth down minus the reading there. */
  growthMb: number;
}

/** Timed export runs; the median is reported (the machine is shared, single runs vary by ±10 %). */
const EXPORT_RUNS = 3;
/** Full pages walked one after another to measure the round trip; the median is kept. */
const ROUND_TRIP_PAGES = 7;

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function apiRequests(host: SimHost): Promise<number> {
  return (await host.requests()).filter((r) => r.path.startsWith('/v4/')).length;
}

function ownerOf(database: Database, fields: ProfileOwner['schema']['fields']): ProfileOwner {
  return {
    kind: 'profile',
    database,
    schema: { kind: 'profile', fields, interests: database.interests.data },
  };
}

/** Walks `count` full pages one after another as an export stream does; the time of each. */
async function pageWalk(fetch: RowFetch, dataOnly: boolean, count: number): Promise<number[]> {
  const times: number[] = [];
  let last = '0';
  for (let i = 0; i < count; i++) {
    const begun = performance.now();
    const page = await fetch({
      limit: EXPORT_PAGE,
      orderBy: 'id',
      order: 'asc',
      total: false,
      dataOnly,
      conditions: [{ field: 'id', operator: '>', value: last }],
    });
    times.push(performance.now() - begun);
    const next = page.data[page.data.length - 1]?.ID;
    if (next === undefined) break;
    last = next;
  }
  return times;
}

/**
 * The heap's growth while `work` runs: every 200 ms a full collection, then heapUsed; the highest
 * such reading minus the one before. What is still reachable, not garbage waiting to be collected.
 */
async function heapGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growthMb: number }> {
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 200);
  try {
    const value = await work();
    return { value, growthMb: (peak - before) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Scrolls a table of 100 rows a page from the first row to the last: the extension's row model
 * fetches each page as the webview asks for it, the webview's store takes the rows as the host
 * sends them (id and cells). Heap read after a full collection every tenth of the way.
 */
async function scrollThrough(fetch: RowFetch, columns: readonly Column[]): Promise<ScrollReport> {
  const model = new RowModel(fetch, { pageSize: 100 });
  await model.open();
  const view = new ViewRows(model.total, model.pageSize);
  const heapMb = (): number => {
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const start = heapMb();
  let hostPagesMax = 0;
  let viewPagesMax = 0;
  const pages = model.pageCount;
  // Down to the last row, then back up to the first: the pages passed are fetched again by ID.
  const walk = async (order: (step: number) => number): Promise<number[]> => {
    const readings: number[] = [];
    let tenth = 1;
    for (let step = 0; step < pages; step++) {
      const shown = order(step) * model.pageSize;
      for (const wanted of view.missing(shown, shown + 30)) {
        const page = await model.page(wanted);
        const rows: RowData[] = page.rows.map((r) => ({ id: r.ID, cells: cellsOf(r, columns) }));
        view.put(wanted, rows, shown);
      }
      hostPagesMax = Math.max(hostPagesMax, model.held);
      viewPagesMax = Math.max(viewPagesMax, view.heldPages);
      while (tenth <= 10 && (step + 1) * 10 >= tenth * pages) {
        readings.push(round(heapMb()));
        tenth++;
      }
    }
    return readings;
  };
  const down = await walk((step) => step);
  const up = await walk((step) => pages - 1 - step);
  const firstTenth = down[0] ?? start;
  return {
    rows: model.total,
    pages,
    requests: 0,
    hostPagesMax,
    viewPagesMax,
    startMb: round(start),
    downMb: [...down],
    upMb: [...up],
    growthMb: round(Math.max(...down, ...up) - firstTenth),
  };
}

async function webviewKb(): Promise<number | undefined> {
  try {
    // Loaded from the project at run time: the bench bundle cannot carry esbuild's native binary.
    const load = createRequire(path.resolve(__dirname, '..', '..', 'package.json'));
    const esbuild = load('esbuild') as typeof Esbuild;
    const out = await esbuild.build({
      entryPoints: [path.resolve(__dirname, '..', '..', 'src', 'table', 'webview', 'main.ts')],
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    return round((out.outputFiles[0]?.contents.length ?? 0) / 1024);
  } catch {
    return undefined;
  }
}

export async function benchTable(o: TableBenchOptions): Promise<TableBenchReport> {
  const say = o.progress ?? (() => undefined);
  say(`table: simulator with ${o.profiles} profiles, latency ${o.latencyMs} ms`);
  const host = await startSimHost(
    { latencyMs: o.latencyMs, bigProfiles: o.profiles, cacheDefinitionAnswers: true },
    o.simulatorEntry,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'table-bench-'));
  try {
    const client = await signedInClient(host);
    const database = (await client.databases()).find((d) => d.name === 'Big');
    if (!database) throw new Error('the simulator has no Big database');
    const fields = await client.databaseFields(database.ID);
    const owner = ownerOf(database, fields);
    const source = rowSource(client, { type: 'database', database: database.ID }, fields);

    // A round trip is the latency plus what the simulator spends on one full page. Walking a few
    // full pages one after another measures both that and the wider round trip the client sees.
    const writer = lineWriter('csv', source.columns, owner);
    say('table: round trip of one full page');
    await host.clearRequests();
    const walk = await pageWalk(source.fetch, writer.dataOnly, ROUND_TRIP_PAGES);
    const probed = (await host.requests()).filter((r) => r.path.startsWith('/v4/'));
    const pageServerMs = median(
      probed.filter((r) => r.query.limit === String(EXPORT_PAGE)).map((r) => r.serverMs ?? 0),
    );
    const rt = o.latencyMs + pageServerMs;
    const clientRt = median(walk);

    const exportOnce = async (file: string, concurrency: number) => {
      const begun = performance.now();
      const result = await exportRows({
        fetch: source.fetch,
        writer,
        dataOnly: writer.dataOnly,
        path: file,
        concurrency,
      });
      return { result, ms: performance.now() - begun };
    };
    say(`table: export over disjoint ID ranges (${EXPORT_RUNS} runs, the median kept)`);
    const file = path.join(dir, 'big.csv');
    const runs: number[] = [];
    let requests = 0;
    let exported: { count: number; ranges: number } = { count: 0, ranges: 0 };
    for (let i = 0; i < EXPORT_RUNS; i++) {
      await host.clearRequests();
      const run = await exportOnce(file, o.concurrency);
      runs.push(run.ms);
      exported = run.result;
      requests = await apiRequests(host);
    }
    const wallMs = median(runs);
    const pages = Math.ceil(o.profiles / EXPORT_PAGE);
    const boundRoundTrips = 2 + Math.ceil(pages / o.concurrency);
    const fileMb = fs.statSync(file).size / 2 ** 20;
    fs.rmSync(file);

    // Its own run: a full collection every 200 ms would slow the runs timed above.
    say('table: the export again, its heap sampled');
    const heap = await heapGrowth(() => exportOnce(file, o.concurrency));
    fs.rmSync(file);

    say('table: the same export, one page after another');
    await host.clearRequests();
    // The same code with one stream: every page waits for the one before.
    const paged = await exportOnce(path.join(dir, 'paged.csv'), 1);
    const pagedMs = paged.ms;
    const pagedRequests = await apiRequests(host);

    say('table: open to first rows');
    await host.clearRequests();
    const openStart = performance.now();
    const model = new RowModel(source.fetch, { pageSize: 100 });
    const first = await model.open();
    const cells = first.rows.map((r) => cellsOf(r, source.columns));
    const openMs = performance.now() - openStart;
    const openRequests = await apiRequests(host);

    // Memory does not depend on the latency: the scroll runs without it (2 × 1,000 pages of 100).
    say('table: scroll through every row');
    await host.setLatency(0);
    await host.clearRequests();
    const scroll = await scrollThrough(source.fetch, source.columns);
    scroll.requests = await apiRequests(host);

    return {
      latencyMs: o.latencyMs,
      profiles: o.profiles,
      concurrency: o.concurrency,
      roundTripMs: round(rt),
      clientRoundTripMs: round(clientRt),
      loadAverage: round(os.loadavg()[0] ?? 0, 2),
      export: {
        rows: exported.count,
        requests,
        ranges: exported.ranges,
        wallMs: round(wallMs),
        runsMs: runs.map((ms) => round(ms)),
        boundRoundTrips,
        boundMs: round(boundRoundTrips * rt),
        ratio: round(wallMs / (boundRoundTrips * rt), 2),
        clientRatio: round(wallMs / (boundRoundTrips * clientRt), 2),
        heapGrowthMb: round(heap.growthMb),
        fileMb: round(fileMb),
      },
      paged: {
        requests: pagedRequests,
        wallMs: round(pagedMs),
        speedup: round(pagedMs / wallMs, 2),
      },
      open: {
        requests: openRequests,
        wallMs: round(openMs),
        boundMs: round(2 * (o.latencyMs + 5) + 100),
        firstRows: cells.length,
      },
      scroll,
      webviewKb: await webviewKb(),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await host.close();
  }
}

export function tableBenchText(r: TableBenchReport): string {
  const t = TABLE_TARGETS;
  const yes = (ok: boolean): string => (ok ? 'yes' : 'NO');
  return [
    `Profiles table and export (${r.profiles.toLocaleString('en')} profiles, latency ${r.latencyMs} ms, concurrency ${r.concurrency}; round trip = latency + simulator time of a full page = ${r.roundTripMs} ms; load average ${r.loadAverage})`,
    `| measure | value | target | met |`,
    `|---|---:|---|---|`,
    `| export: rows written | ${r.export.rows} | all ${r.profiles} | ${yes(r.export.rows === r.profiles)} |`,
    `| export: requests (ranges) | ${r.export.requests} (${r.export.ranges}) | | |`,
    `| export: wall ms, median of ${r.export.runsMs.length} (${r.export.runsMs.join(', ')}) | ${r.export.wallMs} | | |`,
    `| export: bound = (2 + ⌈pages ÷ ${r.concurrency}⌉) round trips | ${r.export.boundRoundTrips} × ${r.roundTripMs} = ${r.export.boundMs} ms | | |`,
    `| export: wall / bound | ${r.export.ratio}× | ≤ ${t.exportRatio} | ${yes(r.export.ratio <= t.exportRatio)} |`,
    `| export: each run / bound | ${r.export.runsMs.map((ms) => round(ms / r.export.boundMs, 2)).join(', ')} | | |`,
    `| export: wall / bound with the client's round trip (a full page asked and parsed alone: ${r.clientRoundTripMs} ms) | ${r.export.clientRatio}× | | |`,
    `| one stream, page after page: requests, wall ms | ${r.paged.requests}, ${r.paged.wallMs} | | |`,
    `| export speed-up over one stream | ${r.paged.speedup}× | ≥ ${t.speedup}× | ${yes(r.paged.speedup >= t.speedup)} |`,
    `| export: heap growth (peak − before; a run of its own) | ${r.export.heapGrowthMb} MB | ≤ ${t.heapMb} MB | ${yes(r.export.heapGrowthMb <= t.heapMb)} |`,
    `| export: file size | ${r.export.fileMb} MB | | |`,
    `| table open → first ${r.open.firstRows} rows: requests, ms | ${r.open.requests}, ${r.open.wallMs} | ≤ ${r.open.boundMs} ms (2 round trips + 100) | ${yes(r.open.wallMs <= r.open.boundMs)} |`,
    `| table scrolled down through all ${r.scroll.rows} rows (${r.scroll.pages} pages) and back up: requests | ${r.scroll.requests} | | |`,
    `| scroll: most pages held, extension / webview | ${r.scroll.hostPagesMax} / ${r.scroll.viewPagesMax} | | |`,
    `| scroll: heap after GC (MB), at the first page / every tenth down / every tenth up | ${r.scroll.startMb} / ${r.scroll.downMb.join(', ')} / ${r.scroll.upMb.join(', ')} | | |`,
    `| scroll: heap growth after the first tenth | ${r.scroll.growthMb} MB | | |`,
    `| webview bundle (dist/webview/table.js, minified) | ${r.webviewKb ?? 'n/a'} KB | | |`,
  ].join('\n');
}
