// The messages between the table panel (extension host) and its webview, typed on both sides.
// The webview script imports only types from here.
import type { Column } from './rows/rowSource';

export interface RowData {
  id: string;
  cells: string[];
}

/** An edited cell as the host holds it: the value typed, and why it cannot be sent if it cannot. */
export interface CellEdit {
  id: string;
  column: string;
  value: string;
  error?: string;
}

/** What a Save did to one row. */
export interface RowOutcome {
  id: string;
  ok: boolean;
  message: string;
  /** The row as Copernica stored it (after a save that went through). */
  cells?: string[];
}

export type HostMessage =
  | {
      type: 'init';
      title: string;
      columns: Column[];
      total: number;
      pageSize: number;
      strings: Record<string, string>;
      edits: CellEdit[];
      outcomes: RowOutcome[];
    }
  | { type: 'page'; index: number; rows: RowData[] }
  | { type: 'edit'; edit: CellEdit; pending: boolean }
  | { type: 'saved'; outcomes: RowOutcome[]; edits: CellEdit[] }
  | { type: 'busy'; busy: boolean }
  | { type: 'failed'; message: string };

export type ViewMessage =
  | { type: 'ready' }
  | { type: 'need'; pages: number[]; center: number }
  | { type: 'edit'; id: string; column: string; value: string }
  | { type: 'revert'; id: string; column: string }
  | { type: 'save' }
  | { type: 'open'; id: string }
  | { type: 'export' };

/** The webview's saved state (vscode.getState), for when the panel is hidden and shown again. */
export interface ViewState {
  scrollTop: number;
  row: number;
  col: number;
  widths: Record<string, number>;
}
