// Reads the filter conditions a user types for Find Profiles, checking field names against the
// database, since Copernica silently ignores a condition on an unknown field (it then matches
// every profile). No 'vscode' import: tested in plain Node.
import { parseCondition } from '../api/conditions';
import type { Condition, Field } from '../api/types';
import { closest } from '../documents/model/text';

/** Names the API accepts in filters without being fields (copernica-api.md §4.7). */
export const SPECIAL_FILTER_NAMES = ['id', 'code', 'modified'] as const;

export type ConditionsResult = { ok: true; conditions: Condition[] } | { ok: false; message: string };

/** Splits on `;` or ` && `: a user writes `email==a@b.nl; age>16`. */
export function splitConditions(text: string): string[] {
  return text
    .split(/;|\s&&\s/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function parseConditions(input: string | readonly string[], fields: readonly Field[]): ConditionsResult {
  const parts = typeof input === 'string' ? splitConditions(input) : input.flatMap(splitConditions);
  if (parts.length === 0) return { ok: false, message: 'Enter at least one condition, e.g. email==john@example.com' };
  const names = [...fields.map((f) => f.name), ...SPECIAL_FILTER_NAMES];
  const conditions: Condition[] = [];
  for (const part of parts) {
    let condition: Condition;
    try {
      condition = parseCondition(part);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    // Field names are case-insensitive in filters: "Email" finds "email".
    const known = names.find((n) => n.toLowerCase() === condition.field.toLowerCase());
    if (!known) {
      const suggestion = closest(condition.field, names);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : ` Known fields: ${names.join(', ')}.`;
      return { ok: false, message: `The database has no field "${condition.field}" (Copernica would silently ignore this condition and match every profile).${hint}` };
    }
    conditions.push({ ...condition, field: known });
  }
  return { ok: true, conditions };
}
