// Runs one scenario against a simulator and turns what the simulator logged into a table row.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { RecordedRequest } from '../simulator/types';
import type { SimHost } from './simHost';
import type { Row, Way } from './types';

export interface ScenarioSpec {
  id: string;
  scenario: string;
  minRequests: number;
  criticalPath: number;
  /** Ours only. */
  target?: { text: string; met: (row: Row) => boolean };
}

export interface Measured {
  requests: RecordedRequest[];
  wallMs: number;
}

/** Requests are read from the simulator's log, never counted by the client. */
export async function measure(host: SimHost, work: () => Promise<unknown>): Promise<Measured> {
  await host.clearRequests();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  return { requests: await host.requests(), wallMs };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs `work` `repeats` times (after one unmeasured warm-up when repeating) and keeps the median wall time. */
export async function measureRepeated(
  host: SimHost,
  repeats: number,
  work: (run: number) => Promise<unknown>,
): Promise<{ runs: Measured[]; wallMs: number }> {
  if (repeats > 1) await work(0);
  const runs: Measured[] = [];
  for (let run = 1; run <= repeats; run++) runs.push(await measure(host, () => work(run)));
  return { runs, wallMs: median(runs.map((r) => r.wallMs)) };
}

const describe = (r: RecordedRequest): string => `${r.method} ${r.path}`;

export interface Timed {
  runs: Measured[];
  wallMs: number;
  noLatencyMs?: number;
}

export function toRow(
  spec: ScenarioSpec,
  way: Way,
  latencyMs: number,
  result: Timed,
  note?: string,
): Row {
  // Every run of a scenario sends the same requests; the largest count is the honest one if not.
  const requests = Math.max(...result.runs.map((r) => r.requests.length));
  const lowerBoundMs = spec.criticalPath * latencyMs;
  const perRun = (pick: (r: RecordedRequest) => number | undefined): number | undefined => {
    const sums = result.runs.map((run) =>
      run.requests.reduce((sum, r) => sum + (pick(r) ?? NaN), 0),
    );
    return sums.length > 0 && sums.every(Number.isFinite) ? round(median(sums)) : undefined;
  };
  const serverMs = perRun((r) => r.serverMs);
  const delayOverMs = perRun((r) =>
    r.delayMs === undefined ? undefined : Math.max(0, r.delayMs - latencyMs),
  );
  const row: Row = {
    id: spec.id,
    scenario: spec.scenario,
    way,
    requests,
    minRequests: spec.minRequests,
    criticalPath: spec.criticalPath,
    wallMs: round(result.wallMs),
    ...(result.noLatencyMs !== undefined ? { noLatencyMs: round(result.noLatencyMs) } : {}),
    ...(serverMs !== undefined ? { serverMs } : {}),
    ...(delayOverMs !== undefined ? { delayOverMs } : {}),
    lowerBoundMs,
    ratio: lowerBoundMs > 0 ? round(result.wallMs / lowerBoundMs, 2) : NaN,
    ...(note !== undefined ? { note } : {}),
  };
  const sent = result.runs[0]?.requests ?? [];
  if (sent.length <= 12) row.sent = sent.map(describe);
  if (way === 'ours' && spec.target) {
    row.target = spec.target.text;
    row.met = spec.target.met(row);
  }
  return row;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

type Gc = () => void;
let gcFunction: Gc | undefined | null = null;

/**
 * A full garbage collection before reading the heap. `node --expose-gc` provides `gc`; without it
 * the flag is switched on at run time, which V8 allows for this flag.
 */
function gc(): Gc | undefined {
  if (gcFunction !== null) return gcFunction;
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (typeof exposed === 'function') return (gcFunction = exposed);
  try {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as Gc;
  } catch {
    gcFunction = undefined;
  }
  return gcFunction;
}

/** heapUsed in MB, after a full collection when one can be forced. */
export function heapMb(): { mb: number; afterGc: boolean } {
  const collect = gc();
  if (collect) {
    collect();
    collect();
  }
  return {
    mb: round(process.memoryUsage().heapUsed / 1_048_576, 1),
    afterGc: collect !== undefined,
  };
}
