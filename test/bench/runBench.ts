// Runs every scenario both ways against simulators with injected latency and returns the figures.
import * as os from 'node:os';
import type { CopernicaClient } from '../../src/api/client';
import type { Collection, Database, Profile } from '../../src/api/types';
import type { SchemaCache } from '../../src/schema';
import { type Pager, pagedQuery } from '../../src/tree/pager';
import type { RecordedRequest } from '../simulator/types';
import { type Timed, heapMb, measure, measureRepeated, median, round, toRow } from './measure';
import { NaiveScript } from './naive';
import {
  editableField,
  openAndSave,
  pageProfiles,
  schemaCacheFor,
  sharedGets,
  signedInClient,
  subprofilesAcross,
  wholeSchema,
} from './ours';
import {
  type SelectionsSetup,
  selectionPagingRows,
  selectionTreeRows,
  selectionsAccount,
} from './selectionsBench';
import { type SimHost, startSimHost } from './simHost';
import {
  CONCURRENT_GETS,
  DEFAULT_OPTIONS,
  SMALL_OPTIONS,
  pagingAccount,
  pagingMet,
  scenarioSpecs,
  schemaAccount,
} from './specs';
import type { BenchOptions, BenchReport, HeapFigures, PagingDetail, Row } from './types';

export interface RunOptions extends Partial<BenchOptions> {
  /** The smoke-test sizes (SMALL_OPTIONS) under anything given explicitly. */
  small?: boolean;
  /** Measured runs of the short scenarios (median kept). Default 7; the small run uses 1. */
  repeats?: number;
}

/** Everything the scenarios need, prepared (signed in, schema loaded, IDs found) before measuring. */
interface Setup {
  o: BenchOptions;
  repeats: number;
  schemaHost: SimHost;
  pagingHost: SimHost;
  ours: { schema: CopernicaClient; paging: CopernicaClient; cache: SchemaCache };
  naive: { schema: NaiveScript; paging: NaiveScript };
  /** A profile of the schema account (scenarios c and e) and its text field. */
  profileId: string;
  fieldName: string;
  bigDatabase: Database;
  /** Size of the one GET /databases answer of scenario a. */
  schemaAnswerKb: number;
  subprofileOwner: { profileId: string; collections: Collection[] };
  /** Scenarios f and g, on an account of their own. */
  selections: SelectionsSetup;
}

export async function runBench(options: RunOptions = {}): Promise<BenchReport> {
  const { small, repeats, ...given } = options;
  const o: BenchOptions = { ...(small === true ? SMALL_OPTIONS : DEFAULT_OPTIONS), ...given };
  const say = o.progress ?? (() => undefined);
  say(`starting simulators (latency ${o.latencyMs} ms, ${o.profiles} profiles)`);
  const hosts = await Promise.allSettled([
    startSimHost(schemaAccount(o), o.simulatorEntry),
    startSimHost(pagingAccount(o), o.simulatorEntry),
    startSimHost(selectionsAccount(o), o.simulatorEntry),
  ]);
  try {
    const [schemaHost, pagingHost, selectionsHost] = hosts.map((h) => {
      if (h.status === 'rejected') throw h.reason;
      return h.value;
    }) as [SimHost, SimHost, SimHost];
    const runs = repeats ?? (small === true ? 1 : 7);
    const setup = await prepare(o, runs, schemaHost, pagingHost, selectionsHost);
    return await runAll(setup, say);
  } finally {
    await Promise.all(hosts.map((h) => (h.status === 'fulfilled' ? h.value.close() : undefined)));
  }
}

async function prepare(
  o: BenchOptions,
  repeats: number,
  schemaHost: SimHost,
  pagingHost: SimHost,
  selectionsHost: SimHost,
): Promise<Setup> {
  const [schemaClient, pagingClient, selectionsClient, naiveSchema, naivePaging, naiveSelections] =
    await Promise.all([
      signedInClient(schemaHost),
      signedInClient(pagingHost),
      signedInClient(selectionsHost),
      NaiveScript.signIn(schemaHost),
      NaiveScript.signIn(pagingHost),
      NaiveScript.signIn(selectionsHost),
    ]);
  const [selectionsDatabase] = await selectionsClient.databases();
  if (!selectionsDatabase) throw new Error('the selections account has no database');
  // The explorer fills the schema cache right after sign-in; documents open against it.
  const cache = schemaCacheFor(schemaClient);
  const [first] = await cache.databases();
  if (!first) throw new Error('the schema account has no database');
  const profileId = await firstProfileId(schemaClient, first.ID);
  const pagingDatabases = await pagingClient.databases();
  const bigDatabase = pagingDatabases.find((d) => d.name === 'Big');
  const owner = pagingDatabases.find((d) => d.name !== 'Big');
  if (!bigDatabase || !owner) throw new Error('the paging account lacks its databases');
  return {
    o,
    repeats,
    schemaHost,
    pagingHost,
    ours: { schema: schemaClient, paging: pagingClient, cache },
    naive: { schema: naiveSchema, paging: naivePaging },
    profileId,
    fieldName: editableField(first.fields.data).name,
    bigDatabase,
    schemaAnswerKb: await naiveSchema.answerKb('databases', { start: '0', limit: '1000' }),
    subprofileOwner: {
      profileId: await firstProfileId(pagingClient, owner.ID),
      collections: owner.collections.data,
    },
    selections: {
      o,
      repeats,
      host: selectionsHost,
      client: selectionsClient,
      naive: naiveSelections,
      database: selectionsDatabase.ID,
    },
  };
}

async function firstProfileId(client: CopernicaClient, databaseId: string): Promise<string> {
  const id = (await client.profiles(databaseId, { limit: 1 })).data[0]?.ID;
  if (id === undefined) throw new Error(`database ${databaseId} has no profiles`);
  return id;
}

async function runAll(s: Setup, say: (line: string) => void): Promise<BenchReport> {
  const rows: Row[] = [];
  const paging: PagingDetail[] = [];
  say('a. whole schema');
  rows.push(...(await schemaRows(s)));
  const bareSchemaGet = await bareSchemaFetch(s);
  say('b. paging: ours (explorer Pager, id > last), then naive (start=)');
  for (const { row, detail } of [await pagingOurs(s), await pagingNaive(s)]) {
    rows.push(row);
    paging.push(detail);
  }
  await deepPageCosts(s, paging);
  say('c. open + save');
  rows.push(...(await saveRows(s)));
  say('d. subprofiles across collections');
  rows.push(...(await subprofileRows(s)));
  say('e. identical concurrent GETs');
  rows.push(...(await sharedGetRows(s)));
  say('f. selections three levels deep; g. paging a selection');
  rows.push(...(await selectionTreeRows(s.selections)));
  const selectionPaging = await selectionPagingRows(s.selections, pagingDetail);
  rows.push(...selectionPaging.rows);
  paging.push(...selectionPaging.paging);
  return {
    startedAt: new Date().toISOString(),
    node: process.version,
    latencyMs: s.o.latencyMs,
    profiles: s.o.profiles,
    pageSize: s.o.pageSize,
    simulator: s.o.simulatorEntry === undefined ? 'in process' : 'child process',
    simulatorCache: s.o.simulatorCache,
    loadAverage: round(os.loadavg()[0] ?? NaN, 2),
    cpus: os.cpus().length,
    rows,
    paging,
    bareSchemaGet,
    notes: notes(s, rows, paging, bareSchemaGet),
  };
}

/** The same GET /databases with nothing but fetch and JSON.parse: what any client pays for that answer. */
async function bareSchemaFetch(s: Setup): Promise<{ wallMs: number; ratio: number }> {
  const { wallMs } = await measureRepeated(s.schemaHost, s.repeats, () =>
    s.naive.schema.get('databases', { start: '0', limit: '1000' }),
  );
  return { wallMs: round(wallMs), ratio: round(wallMs / s.o.latencyMs, 2) };
}

/** With the injected latency, then again without: what remains is work (simulator, client, transfer), not waiting. */
async function timed(
  s: Setup,
  host: SimHost,
  repeats: number,
  work: (run: number) => Promise<unknown>,
): Promise<Timed> {
  const withLatency = await measureRepeated(host, repeats, work);
  await host.setLatency(0);
  try {
    // Other run numbers: a save must always have something new to send.
    const without = await measureRepeated(host, repeats, (run) => work(run + 1000));
    return { ...withLatency, noLatencyMs: without.wallMs };
  } finally {
    await host.setLatency(s.o.latencyMs);
  }
}

async function schemaRows(s: Setup): Promise<Row[]> {
  const spec = scenarioSpecs(s.o).a;
  const seen = new Set<string>();
  const ours = await timed(s, s.schemaHost, s.repeats, async () =>
    seen.add(JSON.stringify(await wholeSchema(s.ours.schema))),
  );
  // 161 sequential calls: one measured run says enough.
  const naive = await timed(s, s.schemaHost, 1, async () =>
    seen.add(JSON.stringify(await s.naive.schema.wholeSchema())),
  );
  if (seen.size !== 1)
    throw new Error(`the two ways read different schemas: ${[...seen].join(' vs ')}`);
  return [toRow(spec, 'ours', s.o.latencyMs, ours), toRow(spec, 'naive', s.o.latencyMs, naive)];
}

async function saveRows(s: Setup): Promise<Row[]> {
  const spec = scenarioSpecs(s.o).c;
  // Each run writes a new value, so every save has a change to send.
  const ours = await timed(s, s.schemaHost, s.repeats, (run) =>
    openAndSave(s.ours.schema, s.ours.cache, s.profileId, `Edited by the bench (ours, run ${run})`),
  );
  const naive = await timed(s, s.schemaHost, s.repeats, (run) =>
    s.naive.schema.openAndSave(s.profileId, s.fieldName, `Edited by the bench (naive, run ${run})`),
  );
  return [
    toRow(spec, 'ours', s.o.latencyMs, ours),
    toRow(spec, 'naive', s.o.latencyMs, naive, 'no conflict check, no read-back'),
  ];
}

async function subprofileRows(s: Setup): Promise<Row[]> {
  const spec = scenarioSpecs(s.o).d;
  const { profileId, collections } = s.subprofileOwner;
  const counts = new Set<number>();
  const ours = await timed(s, s.pagingHost, s.repeats, async () =>
    counts.add(await subprofilesAcross(s.ours.paging, profileId, collections, s.o.pageSize)),
  );
  const naive = await timed(s, s.pagingHost, s.repeats, async () =>
    counts.add(
      await s.naive.paging.subprofilesAcross(
        profileId,
        collections.map((c) => c.ID),
      ),
    ),
  );
  if (counts.size !== 1)
    throw new Error(`subprofile counts differ between runs or ways: ${[...counts].join(', ')}`);
  return [toRow(spec, 'ours', s.o.latencyMs, ours), toRow(spec, 'naive', s.o.latencyMs, naive)];
}

async function sharedGetRows(s: Setup): Promise<Row[]> {
  const spec = scenarioSpecs(s.o).e;
  const ours = await timed(s, s.schemaHost, s.repeats, async () => {
    if ((await sharedGets(s.ours.schema, s.profileId, CONCURRENT_GETS)) !== CONCURRENT_GETS)
      throw new Error('a caller got no profile');
  });
  const naive = await timed(s, s.schemaHost, s.repeats, () =>
    s.naive.schema.unsharedGets(s.profileId, CONCURRENT_GETS),
  );
  return [toRow(spec, 'ours', s.o.latencyMs, ours), toRow(spec, 'naive', s.o.latencyMs, naive)];
}

async function pagingOurs(s: Setup): Promise<{ row: Row; detail: PagingDetail }> {
  const before = heapMb();
  const times: number[] = [];
  const held: { pager?: Pager<Profile> } = {};
  const m = await measure(s.pagingHost, async () => {
    held.pager = await pageProfiles(s.ours.paging, s.bigDatabase.ID, s.o.pageSize, times);
  });
  const withPager = heapMb();
  const profiles = held.pager?.items.length ?? 0;
  // The explorer keeps what it loaded until the node is refreshed; once that goes, nothing may stay behind.
  delete held.pager;
  const after = heapMb();
  const idPaging = isIdPaging(m.requests);
  const row = toRow(
    scenarioSpecs(s.o).b,
    'ours',
    s.o.latencyMs,
    { runs: [m], wallMs: m.wallMs },
    idPaging ? 'fields[]=id>last' : 'NOT paged by ID',
  );
  const heap: HeapFigures = {
    afterGc: before.afterGc,
    beforeMb: before.mb,
    withPagerMb: withPager.mb,
    afterMb: after.mb,
  };
  const detail = pagingDetail('ours', times, profiles, heap);
  return { row: { ...row, met: pagingMet(row, detail) && idPaging }, detail };
}

/** Every page after the first filters on `id>` and none uses an offset. */
function isIdPaging(requests: readonly RecordedRequest[]): boolean {
  const filters = (r: RecordedRequest): string[] => [r.query['fields[]'] ?? []].flat();
  return (
    requests.slice(1).every((r) => filters(r).some((f) => f.startsWith('id>'))) &&
    requests.every((r) => r.query.start === undefined)
  );
}

async function pagingNaive(s: Setup): Promise<{ row: Row; detail: PagingDetail }> {
  const before = heapMb();
  const times: number[] = [];
  let profiles = 0;
  const m = await measure(s.pagingHost, async () => {
    profiles = await s.naive.paging.pageProfiles(s.bigDatabase.ID, s.o.pageSize, times);
  });
  const after = heapMb();
  const row = toRow(
    scenarioSpecs(s.o).b,
    'naive',
    s.o.latencyMs,
    { runs: [m], wallMs: m.wallMs },
    'start=offset',
  );
  return {
    row,
    detail: pagingDetail('naive', times, profiles, {
      afterGc: before.afterGc,
      beforeMb: before.mb,
      afterMb: after.mb,
    }),
  };
}

/**
 * The deepest page once more without injected latency, each query shape through the same client:
 * the difference is what the simulator charges for `id>` against `start=`.
 */
async function deepPageCosts(s: Setup, paging: PagingDetail[]): Promise<void> {
  const deepStart = Math.max(0, s.o.profiles - s.o.pageSize);
  const client = s.ours.paging;
  const db = s.bigDatabase.ID;
  const lastBefore = (
    await client.profiles(db, { start: Math.max(0, deepStart - 1), limit: 1, total: false })
  ).data[0]?.ID;
  const shapes: Record<'ours' | 'naive', () => Promise<unknown>> = {
    ours: () =>
      client.profiles(
        db,
        pagedQuery(s.o.pageSize, deepStart === 0 ? undefined : lastBefore, false),
      ),
    naive: () => client.profiles(db, { start: deepStart, limit: s.o.pageSize }),
  };
  await s.pagingHost.setLatency(0);
  try {
    for (const detail of paging) {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const start = performance.now();
        await shapes[detail.way]();
        if (i > 0) times.push(performance.now() - start);
      }
      detail.deepPageNoLatencyMs = round(median(times));
    }
  } finally {
    await s.pagingHost.setLatency(s.o.latencyMs);
  }
}

function pagingDetail(
  way: 'ours' | 'naive',
  times: number[],
  profiles: number,
  heap: HeapFigures,
): PagingDetail {
  const firstFive = median(times.slice(0, 5));
  const lastFive = median(times.slice(-5));
  return {
    way,
    pages: times.length,
    profiles,
    firstPageMs: round(times[0] ?? NaN),
    lastPageMs: round(times[times.length - 1] ?? NaN),
    firstPagesMedianMs: round(firstFive),
    lastPagesMedianMs: round(lastFive),
    lastVsFirst: round(lastFive / firstFive, 2),
    heap,
  };
}

function notes(
  s: Setup,
  rows: Row[],
  paging: PagingDetail[],
  bare: { wallMs: number; ratio: number },
): string[] {
  const naive = paging.find((p) => p.way === 'naive');
  const ours = paging.find((p) => p.way === 'ours');
  const deepest = Math.max(0, (naive?.pages ?? 1) - 1) * s.o.pageSize;
  const schema = rows.find((r) => r.id === 'a' && r.way === 'ours');
  return [
    "Lower bound = the task's critical path (requests that must follow one another, the fewest possible) × latency; the same for both ways." +
      ' "at 0 ms latency" is the same work with the simulator\'s delay set to 0: what is left is simulator, client and transfer time, not waiting.' +
      ' "simulator ms" is the simulator\'s own time for the answers (routing, serializing, writing; its delays excluded), summed over the requests.',
    `a: the one GET /databases answer is ${s.schemaAnswerKb} KB (every field of every database and collection). Above the bound are the simulator` +
      ` ${s.o.simulatorCache ? 'sending it from its answer cache' : 'building it'} (${schema?.serverMs ?? 'n/a'} ms), its delay overshooting by ${schema?.delayOverMs ?? 'n/a'} ms, and sending, decoding,` +
      ' JSON.parse and checking it in the client; not a second round trip.' +
      ` The same GET done bare (fetch and JSON.parse, no checks) takes ${bare.wallMs} ms (${bare.ratio}×): the floor this answer allows here;` +
      ` the extension's client adds ${schema ? round(schema.wallMs - bare.wallMs) : 'n/a'} ms to it.`,
    `Paging: the simulator answers in ID order as a database with an index on the ID would: \`id>last\` starts at that ID, while start=${deepest}` +
      ` scans the ${deepest.toLocaleString('en')} rows before it (deepest page without latency: ours ${ours?.deepPageNoLatencyMs ?? 'n/a'} ms,` +
      ` naive ${naive?.deepPageNoLatencyMs ?? 'n/a'} ms). Real Copernica "gets slow for large offsets" (Copernica's paging documentation); how slow is not` +
      " documented, so the simulator's offset cost is a guess of the same shape, not a measurement of Copernica.",
    'c: the naive save is 2 requests because it skips the conflict re-read and the read-back that catches coercions; the extension spends 2 round trips on them.',
  ];
}
