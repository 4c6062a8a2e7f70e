// The dry run: what an import would do to each row, decided before anything is written. Every value
// goes through the write engine's own checks (checkDraft/checkEdit, the JSON document's rules), a
// row's key finds at most one profile, and an update lists each changed field old → new.
import * as l10n from '@vscode/l10n';
import type { Profile } from '../api/types';
import { computeChanges, toParsedDocument } from '../documents/model';
import { PROFILE, type ProfileOwner, WriteRefusedError, checkDraft, checkEdit } from '../profiles';
import type { MappedColumn } from './columns';
import { type KeyFn, describeKey, keyFunction } from './keys';
import type { ImportRow, ImportTable } from './types';

export type ImportAction = 'add' | 'update' | 'update or add';
export const IMPORT_ACTIONS: readonly ImportAction[] = ['add', 'update', 'update or add'];

export interface Refusal {
  /** The column the problem is about, by name and 1-based number. */
  column?: string;
  columnNumber?: number;
  message: string;
}

export interface FieldChange {
  field: string;
  old: string;
  new: string;
}

export type RowPlan =
  | { kind: 'create'; line: number; fields: Record<string, string> }
  | { kind: 'update'; line: number; profile: Profile; changes: FieldChange[] }
  | { kind: 'unchanged'; line: number; profileId: string }
  | { kind: 'skipped'; line: number; reason: string }
  | { kind: 'refused'; line: number; problems: Refusal[] };

export interface ImportPlan {
  owner: ProfileOwner;
  action: ImportAction;
  keyFields: string[];
  rows: RowPlan[];
  counts: Record<RowPlan['kind'], number>;
}

export interface PlanInput {
  table: ImportTable;
  mapped: readonly MappedColumn[];
  owner: ProfileOwner;
  keyFields: readonly string[];
  action: ImportAction;
  /** The database's profiles whose key occurs in the file, by key (see existing.ts). */
  existing: ReadonlyMap<string, readonly Profile[]>;
}

/** The values of a row by field name (a null-prototype map: a field may be called __proto__). */
export function rowFields(row: ImportRow, mapped: readonly MappedColumn[]): Record<string, string> {
  const fields = Object.create(null) as Record<string, string>;
  for (const m of mapped) {
    const value = row.values[m.index];
    if (value !== undefined) fields[m.field] = value;
  }
  return fields;
}

export function planImport(input: PlanInput): ImportPlan {
  const { table, mapped, owner, keyFields, action } = input;
  const keyOf = keyFunction(keyFields, owner.schema.fields);
  const lines = linesByKey(table.rows, mapped, keyOf);
  const rows = table.rows.map((row) => planRow(row, input, keyOf, lines));
  const counts = { create: 0, update: 0, unchanged: 0, skipped: 0, refused: 0 };
  for (const r of rows) counts[r.kind]++;
  return { owner, action, keyFields: [...keyFields], rows, counts };
}

function linesByKey(
  rows: readonly ImportRow[],
  mapped: readonly MappedColumn[],
  keyOf: KeyFn,
): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const row of rows) {
    const fields = rowFields(row, mapped);
    const key = keyOf((f) => fields[f]);
    if (key !== undefined) lines.set(key, [...(lines.get(key) ?? []), row.line]);
  }
  return lines;
}

function planRow(
  row: ImportRow,
  input: PlanInput,
  keyOf: KeyFn,
  lines: Map<string, number[]>,
): RowPlan {
  const { mapped, keyFields, owner, action } = input;
  const refuse = (problems: Refusal[]): RowPlan => ({ kind: 'refused', line: row.line, problems });
  const columnOf = (field: string): Pick<Refusal, 'column' | 'columnNumber'> => {
    const m = mapped.find((c) => c.field === field);
    return m ? { column: m.column, columnNumber: m.index + 1 } : {};
  };
  if (row.problems.length > 0)
    return refuse(
      row.problems.map((p) => ({
        ...(p.column !== undefined
          ? { column: input.table.columns[p.column], columnNumber: p.column + 1 }
          : {}),
        message: p.message,
      })),
    );
  const fields = rowFields(row, mapped);
  const key = keyOf((f) => fields[f]);
  if (key === undefined) {
    const empty = keyFields.filter((f) => (fields[f] ?? '').trim() === '');
    return refuse(
      empty.map((f) => ({
        ...columnOf(f),
        message: l10n.t(
          'The key field "{0}" is empty: the row cannot be matched with a profile.',
          f,
        ),
      })),
    );
  }
  const others = (lines.get(key) ?? []).filter((l) => l !== row.line);
  if (others.length > 0)
    return refuse([
      {
        message: l10n.t(
          'The key {0} is also on line {1}: rows with the same key are refused, not guessed between.',
          describeKey(keyFields, (f) => fields[f]),
          others.join(', '),
        ),
      },
    ]);
  const matches = input.existing.get(key) ?? [];
  if (matches.length > 1)
    return refuse([
      {
        message: l10n.t(
          'The key {0} matches {1} profiles ({2}): which one is meant cannot be told.',
          describeKey(keyFields, (f) => fields[f]),
          matches.length,
          matches.map((p) => p.ID).join(', '),
        ),
      },
    ]);
  const match = matches[0];
  try {
    if (match === undefined) {
      if (action === 'update')
        return {
          kind: 'skipped',
          line: row.line,
          reason: l10n.t(
            'No profile has the key {0}; "update" does not add profiles.',
            describeKey(keyFields, (f) => fields[f]),
          ),
        };
      const value = checkDraft({ kind: PROFILE, owner }, { values: { fields } });
      // Only what the file gives is sent: Copernica fills in the defaults itself.
      const sent = Object.fromEntries(Object.keys(fields).map((f) => [f, value.fields[f] ?? '']));
      return { kind: 'create', line: row.line, fields: sent };
    }
    if (action === 'add')
      return {
        kind: 'skipped',
        line: row.line,
        reason: l10n.t(
          'Profile {0} has this key already; "add" does not change profiles.',
          match.ID,
        ),
      };
    const value = checkEdit({ kind: PROFILE, owner, original: match }, { values: { fields } });
    const changed = computeChanges(toParsedDocument(match), value).fields;
    const changes = Object.entries(changed).map(([field, now]) => ({
      field,
      old: match.fields[field] ?? '',
      new: now,
    }));
    if (changes.length === 0) return { kind: 'unchanged', line: row.line, profileId: match.ID };
    return { kind: 'update', line: row.line, profile: match, changes };
  } catch (error) {
    if (!(error instanceof WriteRefusedError)) throw error;
    const errors =
      error.problems.length > 0 ? error.problems : [{ message: error.message, field: undefined }];
    return refuse(
      errors.map((p) => ({
        ...(p.field !== undefined ? columnOf(p.field) : {}),
        message: p.message,
      })),
    );
  }
}
