// JSON Lines: one JSON object per line, its keys the columns. Values are text or numbers (as
// written, "42" and 42 alike); null is an empty value. An object or list as a value refuses that
// row only; a line that is not JSON refuses the file, since what follows may be shifted too.
import * as l10n from '@vscode/l10n';
import { checkHeader } from './csv';
import { type ImportRow, LIMITS, type ParseResult, type RowProblem } from './types';

function valueOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value === null) return '';
  return undefined;
}

export function parseJsonLines(text: string, bom: boolean): ParseResult {
  const columns: string[] = [];
  const index = new Map<string, number>();
  const rows: ImportRow[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    const source = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (source.trim() === '') continue;
    if (source.length > LIMITS.MAX_RECORD_CHARS)
      return fail(
        l10n.t(
          'Line {0} is longer than {1} characters; a row may be at most that long.',
          line,
          LIMITS.MAX_RECORD_CHARS,
        ),
        line,
      );
    if (rows.length >= LIMITS.MAX_ROWS)
      return fail(
        l10n.t('The file has more than {0} rows; import it in parts.', LIMITS.MAX_ROWS),
        line,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return fail(
        l10n.t(
          'Line {0} is not valid JSON ({1}). Each line of a JSON Lines file is one object.',
          line,
          why,
        ),
        line,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return fail(
        l10n.t(
          'Line {0} is not a JSON object: each line must be one object like {"email": "ada@example.com"}.',
          line,
        ),
        line,
      );
    const values: (string | undefined)[] = [];
    const problems: RowProblem[] = [];
    for (const [key, value] of Object.entries(parsed)) {
      let column = index.get(key);
      if (column === undefined) {
        if (columns.length >= LIMITS.MAX_COLUMNS)
          return fail(
            l10n.t(
              'The file has more than {0} different keys; at most {0} columns are allowed.',
              LIMITS.MAX_COLUMNS,
            ),
            line,
          );
        column = columns.push(key) - 1;
        index.set(key, column);
      }
      const text = valueOf(value);
      values[column] = text;
      if (text === undefined)
        problems.push({
          column,
          message: l10n.t(
            '"{0}" is {1}; a value must be text or a number.',
            key,
            Array.isArray(value)
              ? l10n.t('a list')
              : typeof value === 'object'
                ? l10n.t('an object')
                : String(value),
          ),
        });
    }
    rows.push({ line, values, problems });
  }
  if (rows.length === 0)
    return fail(l10n.t('The file is empty: there is no line with a JSON object to import.'));
  const header = checkHeader(columns, rows[0]?.line ?? 1);
  if (header) return { ok: false, problem: header };
  return { ok: true, table: { format: 'jsonl', bom, columns, rows } };
}

function fail(message: string, line?: number): ParseResult {
  return { ok: false, problem: line === undefined ? { message } : { message, line } };
}
