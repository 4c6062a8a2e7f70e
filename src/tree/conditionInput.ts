// Reads the filter conditions a user types for Find Profiles, checking field names against the
// database, since Copernica silently ignores a condition on an unknown field (it then matches
// every profile). No 'vscode' import: tested in plain Node.
import * as l10n from '@vscode/l10n';
import { parseCondition } from '../api/conditions';
import type { Condition, Field } from '../api/types';
import { closest, didYouMean } from '../documents/model/text';

/** Names the API accepts in filters without being fields (https://www.copernica.com/en/documentation/restv4/rest-fields-parameter). */
const SPECIAL_FILTER_NAMES = ['id', 'code', 'modified'] as const;

export type ConditionsResult =
  { ok: true; conditions: Condition[] } | { ok: false; message: string };

/** Splits on `;` or ` && `: a user writes `email==a@b.nl; age>16`. */
function splitConditions(text: string): string[] {
  return text
    .split(/;|\s&&\s/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function unknownFieldMessage(field: string, names: readonly string[]): string {
  const message = l10n.t(
    'The database has no field "{0}" (Copernica would silently ignore this condition and match every profile).',
    field,
  );
  const suggestion = closest(field, names);
  return suggestion
    ? didYouMean(message, suggestion)
    : `${message} ${l10n.t('Known fields: {0}.', names.join(', '))}`;
}

export function parseConditions(
  input: string | readonly string[],
  fields: readonly Field[],
): ConditionsResult {
  const parts = typeof input === 'string' ? splitConditions(input) : input.flatMap(splitConditions);
  if (parts.length === 0)
    return {
      ok: false,
      message: l10n.t('Enter at least one condition, e.g. email==john@example.com'),
    };
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
      return { ok: false, message: unknownFieldMessage(condition.field, names) };
    }
    conditions.push({ ...condition, field: known });
  }
  return { ok: true, conditions };
}
