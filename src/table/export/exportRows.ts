// Exports a whole listing to a file while it arrives. Two cheap requests (lowest and highest ID,
// the first with the total) come before everything else; the ID span between them is then cut
// into disjoint ranges that `concurrency` streams walk at the same time, each by `id>last` pages
// of 1000 into a part file of its own. At the end the parts are joined in ID order into a temp
// file beside the target, which is renamed to the chosen name only when everything is there: a
// cancelled or failed export leaves nothing under that name. Memory holds a page per stream.
import { createReadStream, promises as fsp } from 'node:fs';
import { ListGuard } from '../../api/listGuard';
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
  const span = to - from + 1n;
  const n = BigInt(Math.max(1, Math.min(parts, Number(span > 1_000_000n ? 1_000_000n : span))));
  const ranges: IdRange[] = [];
  for (let i = 0n; i < n; i++)
    ranges.push({ from: from + (span * i) / n, to: from + (span * (i + 1n)) / n - 1n });
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
        ? splitRange(lo, hi, Math.min(job.concurrency * 2, Math.ceil(total / EXPORT_PAGE) || 1))
        : [];
    ranges.forEach((_, i) => parts.push(`${temp}${i}`));
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < ranges.length; i = next++) {
        const range = ranges[i] as IdRange;
        await walkRange(job, fetch, range, parts[i] as string, (n) => {
          counter.written += n;
          job.onProgress?.(counter.written, Math.max(total, counter.written));
        });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, job.concurrency) }, worker));
    await join(temp, job.writer.header, parts, job.signal);
    await fsp.rename(temp, job.path);
    return { count: counter.written, requests: counter.requests, ranges: ranges.length };
  } finally {
    await Promise.all([temp, ...parts].map((f) => fsp.rm(f, { force: true })));
  }
}

/** One stream: the range's pages by `id>last`, each page's lines written before the next is asked. */
async function walkRange(
  job: ExportJob,
  fetch: RowFetch,
  range: IdRange,
  part: string,
  wrote: (count: number) => void,
): Promise<void> {
  const file = await fsp.open(part, 'w');
  try {
    const guard = new ListGuard({ what: 'an export range', warn: job.warn });
    let last = range.from - 1n;
    let total: number | undefined;
    let seen = 0;
    for (;;) {
      const page = await fetch(
        {
          limit: EXPORT_PAGE,
          orderBy: 'id',
          order: 'asc',
          // The first page says how many the range holds, so the walk ends without an empty page.
          total: total === undefined,
          conditions: [
            { field: 'id', operator: '>', value: last.toString() },
            { field: 'id', operator: '<=', value: range.to.toString() },
          ],
        },
        job.signal,
      );
      total ??= page.total;
      const inRange = page.data.filter((e) => {
        const id = idOf(e);
        return id !== undefined && id > last && id <= range.to;
      });
      seen += inRange.length;
      const more = page.data.length >= EXPORT_PAGE && (total === undefined || seen < total);
      const verdict = guard.accept(inRange, more);
      if (verdict.fresh.length > 0) {
        await file.write(verdict.fresh.map((e) => job.writer.line(e)).join(''));
        wrote(verdict.fresh.length);
        last = idOf(verdict.fresh[verdict.fresh.length - 1]) ?? last;
      }
      if (!verdict.more || verdict.fresh.length === 0) return;
    }
  } finally {
    await file.close();
  }
}

async function join(
  temp: string,
  header: string,
  parts: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  const out = await fsp.open(temp, 'w');
  try {
    await out.write(header);
    for (const part of parts) {
      signal?.throwIfAborted();
      for await (const chunk of createReadStream(part)) await out.write(chunk as Buffer);
    }
  } finally {
    await out.close();
  }
}

function idOf(entity: Entity | undefined): bigint | undefined {
  return entity && /^\d{1,20}$/.test(entity.ID) ? BigInt(entity.ID) : undefined;
}
