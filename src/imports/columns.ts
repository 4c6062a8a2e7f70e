// Columns of the file to fields of the database, by name. Only an exact name maps by itself: a
// wrongly cased or misspelt column gets the field it probably means suggested, an unknown column
// is listed — never dropped or renamed silently. The user (or the command's arguments) decides.
import * as l10n from '@vscode/l10n';
import { closest } from '../documents/model';

export interface MappedColumn {
  index: number;
  column: string;
  field: string;
}

export interface ColumnProblem {
  index: number;
  column: string;
  /** The field it probably means: same name in another case, or a near spelling. */
  suggestion?: string;
  message: string;
}

export interface ColumnMapping {
  mapped: MappedColumn[];
  /** Columns the user chose to leave out (explicitly, or by accepting the suggestions). */
  leftOut: string[];
  problems: ColumnProblem[];
}

/** What the user decided for columns that are not exact field names: a field name, or null to leave it out. */
export type ColumnChoices = Readonly<Record<string, string | null>>;

function own(choices: ColumnChoices | undefined, column: string): string | null | undefined {
  return choices && Object.prototype.hasOwnProperty.call(choices, column)
    ? choices[column]
    : undefined;
}

export function mapColumns(
  columns: readonly string[],
  fieldNames: readonly string[],
  choices?: ColumnChoices,
): ColumnMapping {
  const exact = new Set(fieldNames);
  const mapped: MappedColumn[] = [];
  const leftOut: string[] = [];
  const problems: ColumnProblem[] = [];
  for (const [index, column] of columns.entries()) {
    const chosen = own(choices, column);
    if (chosen === null) {
      leftOut.push(column);
      continue;
    }
    const field = chosen ?? column;
    if (exact.has(field)) {
      mapped.push({ index, column, field });
      continue;
    }
    const suggestion =
      fieldNames.find((f) => f.toLowerCase() === field.toLowerCase()) ?? closest(field, fieldNames);
    const message =
      suggestion === undefined
        ? l10n.t('Column "{0}": the database has no field "{1}".', column, field)
        : l10n.t(
            'Column "{0}": the database has no field "{1}". Did you mean "{2}"?',
            column,
            field,
            suggestion,
          );
    problems.push({ index, column, message, ...(suggestion !== undefined ? { suggestion } : {}) });
  }
  const seen = new Map<string, string>();
  for (const m of mapped) {
    const before = seen.get(m.field);
    if (before !== undefined)
      problems.push({
        index: m.index,
        column: m.column,
        message: l10n.t(
          'Columns "{0}" and "{1}" both go to field "{2}".',
          before,
          m.column,
          m.field,
        ),
      });
    seen.set(m.field, m.column);
  }
  return { mapped, leftOut, problems };
}

/** The choices that accept every suggestion and leave out the columns without one. */
export function suggestedChoices(
  problems: readonly ColumnProblem[],
): Record<string, string | null> {
  const choices: Record<string, string | null> = Object.create(null) as Record<
    string,
    string | null
  >;
  for (const p of problems) choices[p.column] = p.suggestion ?? null;
  return choices;
}
