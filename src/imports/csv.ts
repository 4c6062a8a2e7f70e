// A CSV reader for imports (RFC 4180 with the delimiter detected): values may be quoted, a quoted
// value may hold the delimiter, doubled quotes and line breaks. Anything a spreadsheet would not
// have written — a quote inside an unquoted value, a quote never closed, a row with more or fewer
// values than the header — refuses the file with its line and column: a guessed split would put
// values into the wrong fields.
import * as l10n from '@vscode/l10n';
import { type FileProblem, type ImportRow, LIMITS, type ParseResult } from './types';

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter the header line uses most (outside quotes); a one-column file gets ",". */
export function detectDelimiter(text: string): string {
  let quoted = false;
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length && i < LIMITS.MAX_RECORD_CHARS; i++) {
    const c = text[i] ?? '';
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(c))
      counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

interface RawRecord {
  line: number;
  cells: string[];
}

type Step = { ok: true; records: RawRecord[] } | { ok: false; problem: FileProblem };

function describe(delimiter: string): string {
  return delimiter === '\t' ? l10n.t('tabs') : `"${delimiter}"`;
}

/** Splits the text into records of cells. Bounded: one pass over the text, records capped. */
function records(text: string, delimiter: string): Step {
  const out: RawRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let recordStart = 0;
  let column = 1;
  let state: 'start' | 'plain' | 'quoted' | 'afterQuote' = 'start';
  let quoteLine = 1;
  let quoteColumn = 1;
  const fail = (message: string, at = line, col = column): Step => ({
    ok: false,
    problem: { message, line: at, column: col },
  });
  const endRecord = (): void => {
    cells.push(cell);
    // A blank line is no record (a trailing newline, an empty line between rows).
    if (!(cells.length === 1 && cells[0] === '' && state === 'start'))
      out.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (i - recordStart > LIMITS.MAX_RECORD_CHARS) {
      return fail(
        l10n.t(
          'Line {0} is longer than {1} characters; a row may be at most that long.',
          recordLine,
          LIMITS.MAX_RECORD_CHARS,
        ),
        recordLine,
        1,
      );
    }
    if (state === 'quoted') {
      if (c === '"') state = 'afterQuote';
      else cell += c;
      if (c === '\n') [line, column] = [line + 1, 0];
    } else if (c === '"' && state === 'start') {
      [state, quoteLine, quoteColumn] = ['quoted', line, column];
    } else if (c === '"' && state === 'afterQuote') {
      cell += '"';
      state = 'quoted';
    } else if (c === '"') {
      return fail(
        l10n.t(
          'Line {0}, column {1}: a quote inside a value that does not start with a quote. Put the whole value in quotes and double the quote ("").',
          line,
          column,
        ),
      );
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      state = 'start';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      state = 'start';
      line++;
      column = 0;
      recordLine = line;
      recordStart = i + 1;
      if (out.length > LIMITS.MAX_ROWS + 1)
        return fail(
          l10n.t('The file has more than {0} rows; import it in parts.', LIMITS.MAX_ROWS),
          line,
          1,
        );
    } else if (state === 'afterQuote') {
      return fail(
        l10n.t(
          'Line {0}, column {1}: text after the closing quote of a value. Double a quote inside a quoted value ("").',
          line,
          column,
        ),
      );
    } else {
      cell += c;
      state = 'plain';
    }
    column++;
  }
  if (state === 'quoted') {
    return fail(
      l10n.t(
        'Line {0}, column {1}: a quoted value is never closed (a quote is missing).',
        quoteLine,
        quoteColumn,
      ),
      quoteLine,
      quoteColumn,
    );
  }
  endRecord();
  return { ok: true, records: out };
}

/** Reads CSV text (BOM already removed) into a table whose first record names the columns. */
export function parseCsv(text: string, bom: boolean): ParseResult {
  const delimiter = detectDelimiter(text);
  const split = records(text, delimiter);
  if (!split.ok) return split;
  const [header, ...data] = split.records;
  if (!header)
    return {
      ok: false,
      problem: { message: l10n.t('The file is empty: there is no header line with column names.') },
    };
  if (header.cells.length > LIMITS.MAX_COLUMNS)
    return {
      ok: false,
      problem: {
        message: l10n.t(
          'The header has {0} columns; at most {1} are allowed.',
          header.cells.length,
          LIMITS.MAX_COLUMNS,
        ),
        line: header.line,
      },
    };
  const columns = header.cells.map((c) => c.trim());
  const named = checkHeader(columns, header.line);
  if (named) return { ok: false, problem: named };
  if (data.length === 0)
    return {
      ok: false,
      problem: {
        message: l10n.t('The file has only a header line: there are no rows to import.'),
        line: header.line,
      },
    };
  const rows: ImportRow[] = [];
  for (const record of data) {
    if (record.cells.length !== columns.length) {
      return {
        ok: false,
        problem: {
          message: l10n.t(
            'Line {0} has {1} values, but the header has {2} columns separated by {3}. Check the delimiter and the quotes on that line.',
            record.line,
            record.cells.length,
            columns.length,
            describe(delimiter),
          ),
          line: record.line,
        },
      };
    }
    rows.push({ line: record.line, values: record.cells, problems: [] });
  }
  return { ok: true, table: { format: 'csv', delimiter, bom, columns, rows } };
}

/** Column names must be there and differ (ignoring case, as Copernica matches field names). */
export function checkHeader(columns: readonly string[], line: number): FileProblem | undefined {
  const seen = new Map<string, number>();
  for (const [i, name] of columns.entries()) {
    if (name === '')
      return {
        message: l10n.t('Column {0} of the header has no name.', i + 1),
        line,
        column: i + 1,
      };
    const before = seen.get(name.toLowerCase());
    if (before !== undefined)
      return {
        message: l10n.t('Columns {0} and {1} are both called "{2}".', before + 1, i + 1, name),
        line,
        column: i + 1,
      };
    seen.set(name.toLowerCase(), i);
  }
  return undefined;
}
