// The webview's data: the pages of rows it holds (a few around what is shown; the rest dropped),
// the edited cells and each row's last save outcome, as the host sent them.
import type { CellEdit, RowData, RowOutcome } from '../messages';

/** Pages kept in the webview; farther ones are dropped, so memory stays flat while scrolling. */
export const MAX_PAGES = 10;

export class ViewRows {
  private readonly pages = new Map<number, RowData[]>();
  private readonly asked = new Set<number>();
  readonly edits = new Map<string, CellEdit>();
  readonly outcomes = new Map<string, RowOutcome>();

  constructor(
    public total: number,
    readonly pageSize: number,
  ) {}

  row(index: number): RowData | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** The pages of rows first..last that are neither held nor asked for already. */
  missing(first: number, last: number): number[] {
    const wanted: number[] = [];
    for (let p = Math.floor(first / this.pageSize); p <= Math.floor(last / this.pageSize); p++)
      if (!this.pages.has(p) && !this.asked.has(p) && p * this.pageSize < this.total) {
        this.asked.add(p);
        wanted.push(p);
      }
    return wanted;
  }

  put(index: number, rows: RowData[], center: number): void {
    this.asked.delete(index);
    this.pages.set(index, rows);
    const centerPage = Math.floor(center / this.pageSize);
    while (this.pages.size > MAX_PAGES) {
      let far = centerPage;
      for (const p of this.pages.keys())
        if (Math.abs(p - centerPage) > Math.abs(far - centerPage)) far = p;
      if (far === centerPage) break;
      this.pages.delete(far);
    }
  }

  get heldPages(): number {
    return this.pages.size;
  }

  /** A saved row's fresh cells, in whichever page holds it. */
  replace(id: string, cells: string[]): void {
    for (const rows of this.pages.values()) {
      const row = rows.find((r) => r.id === id);
      if (row) row.cells = cells;
    }
  }

  setEdits(edits: readonly CellEdit[]): void {
    this.edits.clear();
    for (const e of edits) this.edits.set(key(e.id, e.column), e);
  }

  edit(id: string, column: string): CellEdit | undefined {
    return this.edits.get(key(id, column));
  }

  applyEdit(edit: CellEdit, pending: boolean): void {
    if (pending) this.edits.set(key(edit.id, edit.column), edit);
    else this.edits.delete(key(edit.id, edit.column));
  }
}

function key(id: string, column: string): string {
  return `${id}\u0000${column}`;
}
