// The host side of one open table: its rows (the row model), the cells edited and not yet saved,
// and Save. Edits are checked with the write engine's checkEdit (the document's own field rules)
// the moment they are made; Save sends each row's valid edits through saveEntity. No 'vscode'.
import * as l10n from '@vscode/l10n';
import {
  type Entity,
  EntityRecord,
  type Owner,
  type WriteDeps,
  WriteRefusedError,
  checkEdit,
  kindOf,
  saveEntity,
} from '../profiles';
import type { CellEdit, RowData, RowOutcome } from './messages';
import type { RowModel } from './rows/rowModel';
import { cellsOf, type RowSource } from './rows/rowSource';

interface RowEdits {
  record: EntityRecord;
  cells: Map<string, CellEdit>;
}

/** One row's changes, as the confirmation of a Save of several rows lists them. */
export interface PlannedSave {
  id: string;
  fields: Record<string, string>;
  before: Record<string, string>;
}

export class TableSession {
  private readonly edits = new Map<string, RowEdits>();
  private readonly outcomes = new Map<string, RowOutcome>();

  constructor(
    readonly source: RowSource,
    readonly owner: Owner,
    readonly model: RowModel,
  ) {}

  rowsOf(entities: readonly Entity[]): RowData[] {
    return entities.map((e) => ({ id: e.ID, cells: cellsOf(e, this.source.columns) }));
  }

  /** Every edited cell, for a webview that was shown again. */
  allEdits(): CellEdit[] {
    return [...this.edits.values()].flatMap((r) => [...r.cells.values()]);
  }

  allOutcomes(): RowOutcome[] {
    return [...this.outcomes.values()];
  }

  /** Records an edit of one cell, checked as the document would check it; a bad value keeps its message. */
  edit(id: string, column: string, value: string): CellEdit {
    const edit: CellEdit = { id, column, value };
    if (!this.source.columns.some((c) => c.editable && c.name === column))
      return { ...edit, error: l10n.t('{0} cannot be edited here.', column) };
    const row = this.rowEdits(id);
    if (!row)
      return { ...edit, error: l10n.t('This row is no longer loaded; scroll to it again.') };
    if ((row.record.original.fields[column] ?? '') === value) {
      this.revert(id, column);
      return edit;
    }
    try {
      checkEdit(row.record, { values: { fields: { [column]: value } } });
      row.cells.set(column, edit);
      return edit;
    } catch (error) {
      const checked = { ...edit, error: cellMessage(error) };
      row.cells.set(column, checked);
      return checked;
    }
  }

  isPending(id: string, column: string): boolean {
    return this.edits.get(id)?.cells.has(column) ?? false;
  }

  revert(id: string, column: string): void {
    const row = this.edits.get(id);
    row?.cells.delete(column);
    if (row && row.cells.size === 0) this.edits.delete(id);
  }

  /** The rows a Save would send: only cells without a problem. */
  planned(): PlannedSave[] {
    const plans: PlannedSave[] = [];
    for (const [id, row] of this.edits) {
      const valid = [...row.cells.values()].filter((c) => c.error === undefined);
      if (valid.length === 0) continue;
      const fields = Object.fromEntries(valid.map((c) => [c.column, c.value]));
      const before = Object.fromEntries(
        valid.map((c) => [c.column, row.record.original.fields[c.column] ?? '']),
      );
      plans.push({ id, fields, before });
    }
    return plans;
  }

  /** Saves each planned row through the write engine; a row that fails keeps its edits. */
  async save(
    deps: WriteDeps,
    plans: readonly PlannedSave[],
    signal?: AbortSignal,
    describe: (error: unknown) => string = messageOf,
  ): Promise<RowOutcome[]> {
    const outcomes: RowOutcome[] = [];
    for (const plan of plans) {
      const row = this.edits.get(plan.id);
      if (!row) continue;
      outcomes.push(await this.saveRow(deps, plan, row, signal, describe));
    }
    for (const o of outcomes) this.outcomes.set(o.id, o);
    return outcomes;
  }

  private async saveRow(
    deps: WriteDeps,
    plan: PlannedSave,
    row: RowEdits,
    signal: AbortSignal | undefined,
    describe: (error: unknown) => string,
  ): Promise<RowOutcome> {
    try {
      const result = await saveEntity(
        deps,
        row.record,
        { values: { fields: plan.fields } },
        signal,
      );
      for (const column of Object.keys(plan.fields)) row.cells.delete(column);
      if (row.cells.size === 0) this.edits.delete(plan.id);
      const fresh = result.fresh ?? row.record.original;
      this.model.replace(fresh);
      const stored = Object.keys(plan.fields)
        .map((f) => `${f}=${JSON.stringify(fresh.fields[f] ?? '')}`)
        .join(', ');
      const message = [l10n.t('Stored {0}.', stored), ...result.coercions].join(' ');
      return { id: plan.id, ok: true, message, cells: cellsOf(fresh, this.source.columns) };
    } catch (error) {
      return { id: plan.id, ok: false, message: describe(error) };
    }
  }

  private rowEdits(id: string): RowEdits | undefined {
    const held = this.edits.get(id);
    if (held) return held;
    const entity = this.model.find(id);
    if (!entity) return undefined;
    const row = { record: new EntityRecord(kindOf(entity), entity, this.owner), cells: new Map() };
    this.edits.set(id, row);
    return row;
  }
}

/** The problem with a cell's value without the line and column of the JSON the check built. */
function cellMessage(error: unknown): string {
  if (error instanceof WriteRefusedError) {
    const problem = error.problems[0];
    if (problem) return problem.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
