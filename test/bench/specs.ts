// The scenarios, their accounts and their targets (test/simulator/README.md; the figures).
import type { GenerateSpec, SimulatorOptions } from '../simulator/types';
import type { ScenarioSpec } from './measure';
import type { BenchOptions, PagingDetail, Row } from './types';

export const DEFAULT_OPTIONS: BenchOptions = {
  latencyMs: 50,
  profiles: 100_000,
  pageSize: 1000,
  simulatorCache: true,
};

/** The smoke run of `npm test`: same scenarios, small and fast; only request counts are checked. */
export const SMALL_OPTIONS: BenchOptions = {
  latencyMs: 5,
  profiles: 2500,
  pageSize: 500,
  simulatorCache: true,
};

export const SCHEMA_SHAPE = {
  databases: 20,
  collectionsPerDatabase: 5,
  fieldsPerCollection: 30,
  fieldsPerDatabase: 30,
};
export const SUBPROFILE_COLLECTIONS = 10;
export const SUBPROFILES_PER_COLLECTION = 3;
export const CONCURRENT_GETS = 50;
/** The heap after paging may differ from before by this much and still count as flat. */
export const FLAT_HEAP_MB = 5;

/** Scenarios a, c and e: 20 databases × 5 collections × 30 fields. */
export function schemaAccount(o: BenchOptions): SimulatorOptions {
  const generate: GenerateSpec = { ...SCHEMA_SHAPE, profilesPerDatabase: 10 };
  return { latencyMs: o.latencyMs, generate, cacheDefinitionAnswers: o.simulatorCache };
}

/** Scenarios b and d: the `Big` database, and a database with 10 collections whose profiles have subprofiles in each. */
export function pagingAccount(o: BenchOptions): SimulatorOptions {
  const generate: GenerateSpec = {
    databases: 1,
    collectionsPerDatabase: SUBPROFILE_COLLECTIONS,
    fieldsPerCollection: 5,
    fieldsPerDatabase: 10,
    profilesPerDatabase: 5,
    subprofilesPerProfile: SUBPROFILES_PER_COLLECTION,
  };
  return {
    latencyMs: o.latencyMs,
    generate,
    bigProfiles: o.profiles,
    cacheDefinitionAnswers: o.simulatorCache,
  };
}

export function pageCount(o: BenchOptions): number {
  return Math.ceil(o.profiles / o.pageSize);
}

export function scenarioSpecs(o: BenchOptions): Record<'a' | 'b' | 'c' | 'd' | 'e', ScenarioSpec> {
  const { databases, collectionsPerDatabase, fieldsPerCollection } = SCHEMA_SHAPE;
  const pages = pageCount(o);
  return {
    a: {
      id: 'a',
      scenario: `whole schema (${databases} db × ${collectionsPerDatabase} coll × ${fieldsPerCollection} fields)`,
      minRequests: 1,
      criticalPath: 1,
      target: { text: '1 req, ratio ≤ 1.2', met: (r) => r.requests === 1 && r.ratio <= 1.2 },
    },
    b: {
      id: 'b',
      scenario: `page ${o.profiles.toLocaleString('en')} profiles, ${o.pageSize.toLocaleString('en')}/page`,
      minRequests: pages,
      criticalPath: pages,
      // Completed by pagingMet(): the page times and the heap are not in the row.
      target: {
        text: `${pages} req, last page ≤ 1.5× first, heap flat`,
        met: (r) => r.requests === pages,
      },
    },
    c: {
      id: 'c',
      scenario: 'open + save a profile',
      minRequests: 4,
      criticalPath: 4,
      target: { text: '≤ 4 req, ratio ≤ 1.2', met: (r) => r.requests <= 4 && r.ratio <= 1.2 },
    },
    d: {
      id: 'd',
      scenario: `subprofiles in ${SUBPROFILE_COLLECTIONS} collections`,
      minRequests: SUBPROFILE_COLLECTIONS,
      criticalPath: 1,
      target: {
        text: `${SUBPROFILE_COLLECTIONS} req overlapped, ratio ≤ 1.5`,
        met: (r) => r.requests === SUBPROFILE_COLLECTIONS && r.ratio <= 1.5,
      },
    },
    e: {
      id: 'e',
      scenario: `${CONCURRENT_GETS} identical concurrent GETs`,
      minRequests: 1,
      criticalPath: 1,
      target: { text: '1 req', met: (r) => r.requests === 1 },
    },
  };
}

export function pagingMet(row: Row, detail: PagingDetail): boolean {
  const flat = detail.heap.afterMb - detail.heap.beforeMb <= FLAT_HEAP_MB;
  return row.met === true && detail.lastVsFirst <= 1.5 && flat;
}

/** Issue 16: the profiles table and export (test/bench/tableBench.ts). */
export const TABLE_TARGETS = { exportRatio: 1.3, speedup: 3, heapMb: 20, concurrency: 4 };
