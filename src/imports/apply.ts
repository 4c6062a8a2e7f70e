// Applies a confirmed dry run through the write engine: creates and updates (only the changed
// fields, each read back), at most `concurrency` rows at a time. Cancelling stops starting rows;
// rows already being written are let finish, so every row ends known: applied, failed or not run.
import {
  DraftRecord,
  EntityRecord,
  PROFILE,
  type WriteDeps,
  createEntity,
  saveEntity,
} from '../profiles';
import type { ImportPlan, RowPlan } from './plan';

export type RowResult =
  | { line: number; outcome: 'created'; id: string; coercions: string[] }
  | { line: number; outcome: 'updated'; id: string; coercions: string[] }
  | { line: number; outcome: 'failed'; message: string }
  | { line: number; outcome: 'not run' };

export interface ApplyProgress {
  done: number;
  total: number;
  failed: number;
}

export interface ApplyOptions {
  concurrency: number;
  /** Stops starting rows once aborted. */
  signal?: AbortSignal;
  onProgress?: (progress: ApplyProgress) => void;
  /** The sentence a failed row shows (the editor's, with Copernica's own message); default the error's message. */
  describe?: (error: unknown) => string;
}

type Writable = Extract<RowPlan, { kind: 'create' | 'update' }>;

export function writableRows(plan: ImportPlan): Writable[] {
  return plan.rows.filter((r): r is Writable => r.kind === 'create' || r.kind === 'update');
}

async function applyRow(
  deps: WriteDeps,
  plan: ImportPlan,
  row: Writable,
  describe: (error: unknown) => string,
): Promise<RowResult> {
  try {
    if (row.kind === 'create') {
      const draft = new DraftRecord(PROFILE, { owner: plan.owner });
      const created = await createEntity(deps, draft, { values: { fields: row.fields } });
      return { line: row.line, outcome: 'created', id: created.id, coercions: created.coercions };
    }
    const record = new EntityRecord(PROFILE, row.profile, plan.owner);
    const fields = Object.fromEntries(row.changes.map((c) => [c.field, c.new]));
    const saved = await saveEntity(deps, record, { values: { fields } });
    return { line: row.line, outcome: 'updated', id: row.profile.ID, coercions: saved.coercions };
  } catch (error) {
    return {
      line: row.line,
      outcome: 'failed',
      message: describe(error),
    };
  }
}

/** Applies the writable rows; resolves with one result per writable row, in file order. */
export async function applyPlan(
  deps: WriteDeps,
  plan: ImportPlan,
  options: ApplyOptions,
): Promise<RowResult[]> {
  const rows = writableRows(plan);
  const results: RowResult[] = rows.map((r) => ({ line: r.line, outcome: 'not run' }));
  const workers = Math.max(1, Math.min(16, Math.floor(options.concurrency) || 1));
  let next = 0;
  let done = 0;
  let failed = 0;
  const describe =
    options.describe ??
    ((error: unknown) => (error instanceof Error ? error.message : String(error)));
  const worker = async (): Promise<void> => {
    // Each pass takes a row no other worker took; the loop ends when the rows run out or on cancel.
    while (next < rows.length && !options.signal?.aborted) {
      const i = next++;
      const row = rows[i];
      if (!row) break;
      const result = await applyRow(deps, plan, row, describe);
      results[i] = result;
      done++;
      if (result.outcome === 'failed') failed++;
      options.onProgress?.({ done, total: rows.length, failed });
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, rows.length) }, worker));
  return results;
}
