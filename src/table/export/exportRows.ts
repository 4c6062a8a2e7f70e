// Exports a whole listing to a file while it arrives. Two cheap requests (lowest and highest ID,
// the first with the total) come before everything else; the ID span between them is then cut
// into disjoint ranges that `concurrency` streams walk at the same time, each by `id>last` pages
// of 1000 into a part file of its own. The parts are appended in ID order to a temp file beside
// the target as soon as each and all before it are complete; the temp file is renamed to the
// chosen name only when everything is there: a cancelled or failed export leaves nothing under
// that name. Memory holds two pages per stream and one copy buffer.
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { ListGuard, type PageVerdict } from '../../api/listGuard';
import type { Page } from '../../api/types';
import type { Entity } from '../../profiles';
import type { RowFetch } from '../rows/rowSource';
import type { LineWriter } from './lines';

export const EXPORT_PAGE = 1000;

export interface ExportJob {
  fetch: RowFetch;
  writer: LineWriter;
  /** The file the user chose. */
  path: string;
  /** Streams at the same time (the setting copernica.export.concurrency). */
  concurrency: number;
  /** Ask for ID, fields, interests and modified only (`dataonly`): enough for CSV, a smaller answer. */
  dataOnly?: boolean;
  signal?: AbortSignal;
  onProgress?: (written: number, total: number) => void;
  warn?: (line: string) => void;
}

export interface ExportResult {
  count: number;
  requests: number;
  ranges: number;
}

export interface IdRange {
  from: bigint;
  to: bigint;
}

/** `parts` disjoint ranges covering from..to (inclusive), as even as integers allow. */
export function splitRange(from: bigint, to: bigint, parts: number): IdRange[] {
  return cut(
    from,
    to,
    Array.from({ length: Math.max(1, parts) }, () => 1),
  );
}

/**
 * The ranges of an export: twice as many as streams (a stream that finishes early takes another),
 * each sized to a whole number of pages of the expected density (`total` over the span), the
 * larger first. 100,000 profiles over 4 streams are 8 ranges of 13 and 12 pages: every stream
 * walks 25 pages, none a 26th for a range's last few rows.
 */
export function planRanges(from: bigint, to: bigint, total: number, streams: number): IdRange[] {
  const pages = Math.max(1, Math.ceil(total / EXPORT_PAGE));
  const n = Math.max(1, Math.min(streams * 2, pages));
  const base = Math.floor(pages / n);
  const weights = Array.from({ length: n }, (_, i) => base + (i < pages % n ? 1 : 0));
  return cut(from, to, weights);
}

/** Disjoint ranges covering from..to (inclusive), each as wide as its share of the weights. */
function cut(from: bigint, to: bigint, weights: readonly number[]): IdRange[] {
  const span = to - from + 1n;
  const parts = weights.slice(
    0,
    Number(span < BigInt(weights.length) ? span : BigInt(weights.length)),
  );
  const sum = BigInt(parts.reduce((a, w) => a + w, 0));
  const ranges: IdRange[] = [];
  let done = 0n;
  for (const weight of parts) {
    const start = from + (span * done) / sum;
    done += BigInt(weight);
    const end = from + (span * done) / sum - 1n;
    if (end >= start) ranges.push({ from: start, to: end });
  }
  return ranges;
}

export async function exportRows(job: ExportJob): Promise<ExportResult> {
  const temp = `${job.path}.${process.pid}-${Date.now()}.part`;
  const parts: string[] = [];
  const counter = { requests: 0, written: 0 };
  const fetch: RowFetch = (query, signal) => {
    counter.requests += 1;
    return job.fetch(job.dataOnly === true ? { ...query, dataOnly: true } : query, signal);
  };
  let joiner: Joiner | undefined;
  try {
    const [low, high] = await Promise.all([
      fetch({ limit: 1, orderBy: 'id', order: 'asc', total: true }, job.signal),
      fetch({ limit: 1, orderBy: 'id', order: 'desc', total: false }, job.signal),
    ]);
    const total = low.total ?? 0;
    const lo = idOf(low.data[0]);
    const hi = idOf(high.data[0]);
    const ranges =
      lo !== undefined && hi !== undefined && lo <= hi
        ? planRanges(lo, hi, total, job.concurrency)
        : [];
    ranges.forEach((_, i) => parts.push(`${temp}${i}`));
    joiner = new Joiner(await fsp.open(temp, 'w'), parts, job.signal);
    await joiner.start(job.writer.header);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < ranges.length; i = next++) {
        const range = ranges[i] as IdRange;
        await walkRange(job, fetch, range, parts[i] as string, (n) => {
          counter.written += n;
          job.onProgress?.(counter.written, Math.max(total, counter.written));
        });
        joiner?.finished(i);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, job.concurrency) }, worker));
    await joiner.end();
    joiner = undefined;
    await fsp.rename(temp, job.path);
    return { count: counter.written, requests: counter.requests, ranges: ranges.length };
  } finally {
    await joiner?.abandon();
    await Promise.all([temp, ...parts].map((f) => fsp.rm(f, { force: true })));
  }
}

/**
 * Builds the export file in ID order while the streams still run: a finished range is appended as
 * soon as every range before it is there, so at the end only the last few remain to be copied.
 * Copies go through one reused buffer (memory stays flat whatever a part's size).
 */
class Joiner {
  private head = 0;
  private readonly done: boolean[];
  private chain: Promise<void> = Promise.resolve();
  private readonly buffer = Buffer.allocUnsafe(1 << 20);

  constructor(
    private readonly out: FileHandle,
    private readonly parts: readonly string[],
    private readonly signal: AbortSignal | undefined,
  ) {
    this.done = parts.map(() => false);
  }

  start(header: string): Promise<void> {
    return this.queue(async () => {
      await this.out.write(header);
    });
  }

  /** Range `i` is complete in its part file. */
  finished(i: number): void {
    this.done[i] = true;
    void this.queue(() => this.drain());
  }

  /** Every range finished: append what is left and close the file. */
  async end(): Promise<void> {
    await this.queue(() => this.drain());
    if (this.head < this.parts.length) throw new Error('an export range was never finished');
    await this.out.close();
  }

  /** After a failure or a cancel: wait for a copy under way, then close. */
  async abandon(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.out.close().catch(() => undefined);
  }

  private queue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step);
    // A failure is seen by end() (which awaits the chain), never as an unhandled rejection.
    this.chain.catch(() => undefined);
    return this.chain;
  }

  private async drain(): Promise<void> {
    while (this.head < this.parts.length && this.done[this.head] === true) {
      this.signal?.throwIfAborted();
      const part = this.parts[this.head] as string;
      const from = await fsp.open(part, 'r');
      try {
        for (;;) {
          const { bytesRead } = await from.read(this.buffer, 0, this.buffer.length, null);
          if (bytesRead === 0) break;
          await this.out.write(this.buffer, 0, bytesRead);
        }
      } finally {
        await from.close();
      }
      await fsp.rm(part, { force: true });
      this.head += 1;
    }
  }
}

/**
 * One stream: the range's pages by `id>last`. The next page is asked as soon as this one's last ID
 * is known, before its lines are written: formatting and writing overlap the next round trip, and
 * the stream holds at most two pages.
 */
async function walkRange(
  job: ExportJob,
  fetch: RowFetch,
  range: IdRange,
  part: string,
  wrote: (count: number) => void,
): Promise<void> {
  const file = await fsp.open(part, 'w');
  const pageAfter = (last: bigint): Promise<Page<Entity>> => {
    const page = fetch(
      {
        limit: EXPORT_PAGE,
        orderBy: 'id',
        order: 'asc',
        // No total: counting costs the server a scan of the range, and a short page or the
        // range's last ID ends the walk anyway (at worst one empty page when a range is full).
        total: false,
        conditions: [
          { field: 'id', operator: '>', value: last.toString() },
          { field: 'id', operator: '<=', value: range.to.toString() },
        ],
      },
      job.signal,
    );
    // Awaited below, unless a failed write ends the walk first: never an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  try {
    const guard = new ListGuard({ what: 'an export range', warn: job.warn });
    let last = range.from - 1n;
    for (let next: Promise<Page<Entity>> | undefined = pageAfter(last); next !== undefined;) {
      const page: Page<Entity> = await next;
      const inRange: Entity[] = [];
      let highest = last;
      for (const e of page.data) {
        const id = idOf(e);
        if (id === undefined || id <= last || id > range.to) continue;
        inRange.push(e);
        if (id > highest) highest = id;
      }
      const verdict: PageVerdict<Entity> = guard.accept(inRange, page.data.length >= EXPORT_PAGE);
      last = highest;
      const more: boolean = verdict.more && verdict.fresh.length > 0 && last < range.to;
      next = more ? pageAfter(last) : undefined;
      if (verdict.fresh.length > 0) {
        await file.write(verdict.fresh.map((e) => job.writer.line(e)).join(''));
        wrote(verdict.fresh.length);
      }
    }
  } finally {
    await file.close();
  }
}

function idOf(entity: Entity | undefined): bigint | undefined {
  return entity && /^\d{1,20}$/.test(entity.ID) ? BigInt(entity.ID) : undefined;
}
