// Scenarios f and g (issue 19): a database's selections, three levels deep, expanded the
// explorer's way (one request per expanded selection with children, each level at once) beside a
// script that asks every selection for its children one after the other; and a selection of the
// bench's size paged by ID beside paging it by offset.
import type { CopernicaClient } from '../../src/api/client';
import type { Page, Profile, View } from '../../src/api/types';
import { Pager, pagedQuery } from '../../src/tree/pager';
import { ViewLists } from '../../src/tree/viewLists';
import type { SimulatorOptions } from '../simulator/types';
import { type ScenarioSpec, heapMb, measure, measureRepeated, toRow } from './measure';
import type { NaiveScript } from './naive';
import type { SimHost } from './simHost';
import { FLAT_HEAP_MB } from './specs';
import type { BenchOptions, HeapFigures, PagingDetail, Row } from './types';

export const SELECTIONS = 50;
export const SELECTION_DEPTH = 3;

/** One database of the bench's size with 50 selections over three levels; "All profiles" holds every profile. */
export function selectionsAccount(o: BenchOptions): SimulatorOptions {
  return {
    latencyMs: o.latencyMs,
    generate: {
      databases: 1,
      collectionsPerDatabase: 0,
      fieldsPerDatabase: 5,
      profilesPerDatabase: o.profiles,
      views: SELECTIONS,
      viewDepth: SELECTION_DEPTH,
    },
    cacheDefinitionAnswers: o.simulatorCache,
  };
}

/** The explorer's way: the database's list, then the children of each expanded level at once. */
export async function expandSelections(client: CopernicaClient, database: string): Promise<View[]> {
  const lists = new ViewLists(() => client);
  const seen: View[] = [];
  let level = await lists.topLevel(database);
  for (let depth = 0; level.length > 0 && depth < 10; depth++) {
    seen.push(...level);
    level = (await Promise.all(level.map((view) => lists.nested(view)))).flat();
  }
  return seen;
}

interface Envelope {
  data: { ID: string; 'has-children'?: boolean }[];
  count: number;
  total?: number;
}

/** A script's way: every selection asked for its children, one request after the other. */
async function expandNaively(naive: NaiveScript, database: string): Promise<number> {
  const queue = ((await naive.get(`database/${database}/views`)) as Envelope).data.map((v) => v.ID);
  let count = 0;
  while (queue.length > 0 && count < 10_000) {
    const id = queue.shift() as string;
    count += 1;
    queue.push(...((await naive.get(`view/${id}/views`)) as Envelope).data.map((v) => v.ID));
  }
  return count;
}

export interface SelectionsSetup {
  o: BenchOptions;
  repeats: number;
  host: SimHost;
  client: CopernicaClient;
  naive: NaiveScript;
  database: string;
}

/** f. Rows for ours and naive; the target is one request per expanded selection, levels overlapped. */
export async function selectionTreeRows(s: SelectionsSetup): Promise<Row[]> {
  const views = await expandSelections(s.client, s.database);
  const parents = views.filter((v) => v.hasChildren).length;
  const spec: ScenarioSpec = {
    id: 'f',
    scenario: `selections: ${views.length}, ${SELECTION_DEPTH} levels deep`,
    minRequests: 1 + parents,
    criticalPath: SELECTION_DEPTH,
    target: {
      text: `${1 + parents} req (1 + each with children), ratio ≤ 1.5`,
      met: (r) => r.requests === 1 + parents && r.ratio <= 1.5,
    },
  };
  const ours = await measureRepeated(s.host, s.repeats, () =>
    expandSelections(s.client, s.database),
  );
  const naive = await measureRepeated(s.host, 1, () => expandNaively(s.naive, s.database));
  return [
    toRow(spec, 'ours', s.o.latencyMs, ours, 'children asked only where has-children'),
    toRow(spec, 'naive', s.o.latencyMs, naive, 'every selection asked, one by one'),
  ];
}

export interface SelectionPaging {
  rows: Row[];
  paging: PagingDetail[];
}

/** g. The "All profiles" selection paged to its end, by ID (ours) and by offset (naive). */
export async function selectionPagingRows(
  s: SelectionsSetup,
  detail: (
    way: 'ours' | 'naive',
    times: number[],
    profiles: number,
    heap: HeapFigures,
  ) => PagingDetail,
): Promise<SelectionPaging> {
  const all = (await expandSelections(s.client, s.database)).find((v) => v.name === 'All profiles');
  if (!all) throw new Error('the selections account has no "All profiles" selection');
  const pages = Math.ceil(s.o.profiles / s.o.pageSize);
  const spec: ScenarioSpec = {
    id: 'g',
    scenario: `page a selection of ${s.o.profiles.toLocaleString('en')}, ${s.o.pageSize.toLocaleString('en')}/page`,
    minRequests: pages,
    criticalPath: pages,
    target: {
      text: `${pages} req, last page ≤ 1.5× first, heap flat`,
      met: (r) => r.requests === pages,
    },
  };
  const ours = await pageOurs(s, all.ID, detail);
  const naive = await pageNaive(s, all.ID, detail);
  const oursRow = toRow(
    spec,
    'ours',
    s.o.latencyMs,
    { runs: [ours.m], wallMs: ours.m.wallMs },
    'fields[]=id>last',
  );
  const flat = ours.detail.heap.afterMb - ours.detail.heap.beforeMb <= FLAT_HEAP_MB;
  return {
    rows: [
      { ...oursRow, met: oursRow.met === true && ours.detail.lastVsFirst <= 1.5 && flat },
      toRow(
        spec,
        'naive',
        s.o.latencyMs,
        { runs: [naive.m], wallMs: naive.m.wallMs },
        'start=offset',
      ),
    ],
    paging: [ours.detail, naive.detail],
  };
}

type Detail = Parameters<typeof selectionPagingRows>[1];

async function pageOurs(s: SelectionsSetup, viewId: string, detail: Detail) {
  const before = heapMb();
  const times: number[] = [];
  const held: { pager?: Pager<Profile> } = {};
  const m = await measure(s.host, async () => {
    const pager = new Pager<Profile>(async (after, withTotal, signal): Promise<Page<Profile>> => {
      const start = performance.now();
      const page = await s.client.viewProfiles(
        viewId,
        pagedQuery(s.o.pageSize, after, withTotal),
        signal,
      );
      times.push(performance.now() - start);
      return page;
    }, s.o.pageSize);
    const signal = new AbortController().signal;
    while (!pager.done) await pager.loadNext(signal);
    held.pager = pager;
  });
  const withPager = heapMb();
  const profiles = held.pager?.items.length ?? 0;
  delete held.pager;
  const after = heapMb();
  const heap = {
    afterGc: before.afterGc,
    beforeMb: before.mb,
    withPagerMb: withPager.mb,
    afterMb: after.mb,
  };
  return { m, detail: { ...detail('ours', times, profiles, heap), list: 'selection' as const } };
}

async function pageNaive(s: SelectionsSetup, viewId: string, detail: Detail) {
  const before = heapMb();
  const times: number[] = [];
  let seen = 0;
  const m = await measure(s.host, async () => {
    for (let start = 0; start < 10_000_000; start += s.o.pageSize) {
      const began = performance.now();
      const page = (await s.naive.get(`view/${viewId}/profiles`, {
        start: String(start),
        limit: String(s.o.pageSize),
      })) as Envelope;
      times.push(performance.now() - began);
      seen += page.count;
      if (page.count === 0 || start + page.count >= (page.total ?? Infinity)) return;
    }
  });
  const after = heapMb();
  const heap = { afterGc: before.afterGc, beforeMb: before.mb, afterMb: after.mb };
  return { m, detail: { ...detail('naive', times, seen, heap), list: 'selection' as const } };
}
