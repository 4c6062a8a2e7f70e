// The profiles table and export (issue 16), measured against the simulator with injected latency:
//  - export of the `Big` database to CSV over `concurrency` streams of disjoint ID ranges, beside
//    one stream paging one page after another; requests, wall time, the ratio to the bound
//    (the requests before the streams + ⌈pages ÷ concurrency⌉ round trips) and the heap's growth;
//  - a table's open to its first rows (the row model, in Node): requests and time against
//    2 round trips + 100 ms;
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
import { RowModel } from '../../src/table/rows/rowModel';
import { cellsOf, rowSource } from '../../src/table/rows/rowSource';
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
  /** The latency plus the simulator's median time for one full page (1000 profiles): the bound's round trip. */
  roundTripMs: number;
  /** Load average of the machine while measuring (the machine is shared). */
  loadAverage: number;
  export: {
    rows: number;
    requests: number;
    ranges: number;
    wallMs: number;
    boundRoundTrips: number;
    boundMs: number;
    ratio: number;
    heapGrowthMb: number;
    fileMb: number;
  };
  paged: { requests: number; wallMs: number; speedup: number };
  open: { requests: number; wallMs: number; boundMs: number; firstRows: number };
  webviewKb: number | undefined;
}

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

    say('table: export over disjoint ID ranges');
    await host.clearRequests();
    const file = path.join(dir, 'big.csv');
    const start = performance.now();
    const writer = lineWriter('csv', source.columns, owner);
    const exported = await heapGrowth(() =>
      exportRows({
        fetch: source.fetch,
        writer,
        dataOnly: writer.dataOnly,
        path: file,
        concurrency: o.concurrency,
      }),
    );
    const wallMs = performance.now() - start;
    const sent = (await host.requests()).filter((r) => r.path.startsWith('/v4/'));
    const requests = sent.length;
    // A round trip is the latency plus what the simulator spent on one full page.
    const pageServerMs = median(
      sent.filter((r) => r.query.limit === String(EXPORT_PAGE)).map((r) => r.serverMs ?? 0),
    );
    const rt = o.latencyMs + pageServerMs;
    const pages = Math.ceil(o.profiles / EXPORT_PAGE);
    const boundRoundTrips = 2 + Math.ceil(pages / o.concurrency);
    const fileMb = fs.statSync(file).size / 2 ** 20;
    fs.rmSync(file);

    say('table: the same export, one page after another');
    await host.clearRequests();
    const pagedStart = performance.now();
    // The same code with one stream: every page waits for the one before.
    await exportRows({
      fetch: source.fetch,
      writer,
      dataOnly: writer.dataOnly,
      path: path.join(dir, 'paged.csv'),
      concurrency: 1,
    });
    const pagedMs = performance.now() - pagedStart;
    const pagedRequests = await apiRequests(host);

    say('table: open to first rows');
    await host.clearRequests();
    const openStart = performance.now();
    const model = new RowModel(source.fetch, { pageSize: 100 });
    const first = await model.open();
    const cells = first.rows.map((r) => cellsOf(r, source.columns));
    const openMs = performance.now() - openStart;
    const openRequests = await apiRequests(host);

    return {
      latencyMs: o.latencyMs,
      profiles: o.profiles,
      concurrency: o.concurrency,
      roundTripMs: round(rt),
      loadAverage: round(os.loadavg()[0] ?? 0, 2),
      export: {
        rows: exported.value.count,
        requests,
        ranges: exported.value.ranges,
        wallMs: round(wallMs),
        boundRoundTrips,
        boundMs: round(boundRoundTrips * rt),
        ratio: round(wallMs / (boundRoundTrips * rt), 2),
        heapGrowthMb: round(exported.growthMb),
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
    `| export: wall ms | ${r.export.wallMs} | | |`,
    `| export: bound = (2 + ⌈pages ÷ ${r.concurrency}⌉) round trips | ${r.export.boundRoundTrips} × ${r.roundTripMs} = ${r.export.boundMs} ms | | |`,
    `| export: wall / bound | ${r.export.ratio}× | ≤ ${t.exportRatio} | ${yes(r.export.ratio <= t.exportRatio)} |`,
    `| one stream, page after page: requests, wall ms | ${r.paged.requests}, ${r.paged.wallMs} | | |`,
    `| export speed-up over one stream | ${r.paged.speedup}× | ≥ ${t.speedup}× | ${yes(r.paged.speedup >= t.speedup)} |`,
    `| export: heap growth (peak − before) | ${r.export.heapGrowthMb} MB | ≤ ${t.heapMb} MB | ${yes(r.export.heapGrowthMb <= t.heapMb)} |`,
    `| export: file size | ${r.export.fileMb} MB | | |`,
    `| table open → first ${r.open.firstRows} rows: requests, ms | ${r.open.requests}, ${r.open.wallMs} | ≤ ${r.open.boundMs} ms (2 round trips + 100) | ${yes(r.open.wallMs <= r.open.boundMs)} |`,
    `| webview bundle (dist/webview/table.js, minified) | ${r.webviewKb ?? 'n/a'} KB | | |`,
  ].join('\n');
}
