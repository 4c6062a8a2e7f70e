// Shapes of an import: the table a file is read into, and the problems that refuse a file or a row.
// Pure data, no 'vscode': the parser, the dry run and the apply step are tested in plain Node.

export type ImportFormat = 'csv' | 'jsonl';

/** One data row of the file. `values[i]` belongs to `columns[i]`; undefined: the row has no such key (JSON Lines). */
export interface ImportRow {
  /** 1-based line where the row starts in the file (a quoted CSV value may span lines). */
  line: number;
  values: (string | undefined)[];
  /** Values the parser could not take (a JSON object as a value): the row is refused, the others go on. */
  problems: RowProblem[];
}

export interface RowProblem {
  /** 0-based index into the table's columns, when the problem is about one value. */
  column?: number;
  message: string;
}

export interface ImportTable {
  format: ImportFormat;
  /** The CSV delimiter that was detected. */
  delimiter?: string;
  /** Whether the file started with a UTF-8 byte-order mark (removed). */
  bom: boolean;
  columns: string[];
  rows: ImportRow[];
}

/** Why a whole file cannot be imported: nothing of it is used. */
export interface FileProblem {
  message: string;
  line?: number;
  column?: number;
}

export type ParseResult = { ok: true; table: ImportTable } | { ok: false; problem: FileProblem };

/**
 * Caps that bound memory and loops, whatever the file: a file is read whole (at most
 * MAX_FILE_BYTES), a record longer than MAX_RECORD_CHARS is refused rather than buffered on.
 */
export const LIMITS = {
  /** 64 MB: a file of 100,000 wide rows; VS Code holds the bytes once, the table once more. */
  MAX_FILE_BYTES: 64 * 1024 * 1024,
  /** One CSV record or JSON line: 1,000,000 characters. */
  MAX_RECORD_CHARS: 1_000_000,
  MAX_ROWS: 100_000,
  MAX_COLUMNS: 1_000,
} as const;
