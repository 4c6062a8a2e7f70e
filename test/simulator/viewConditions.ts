// Condition bodies in and out (README §9.3): every type stored as given, Field conditions with
// their field resolved (by ID or name) and printed as the full field object (§9.3).
import { phpTruthy } from './coerce';
import { fieldJson } from './serialize';
import type { FieldDef, FieldOwner } from './model';
import { isMap } from './mutations';
import type { Condition } from './views';

/** Keys the simulator owns: a body cannot set them. */
const RESERVED = new Set(['id', 'type', 'rule']);

/** Copernica's message when a field reference does not resolve (§2.3). */
export const FIELD_NOT_FOUND = 'Failed to get the field';

/** Scalars are stored as the strings the API prints (`"number":"10"`); other values as given. */
function stored(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value;
}

/** A field given by ID (number or numeric string) or by name, case-insensitively (§9.3). */
export function findField(owner: FieldOwner, ref: unknown): FieldDef | undefined {
  if (typeof ref === 'number' || (typeof ref === 'string' && /^\d+$/.test(ref)))
    return owner.fields.find((f) => String(f.id) === String(ref));
  if (typeof ref !== 'string') return undefined;
  const key = ref.toLowerCase();
  return owner.fields.find((f) => f.key === key);
}

/**
 * Merges a POST/PUT body into a condition's keys; returns an error message or undefined.
 * Field conditions keep `field` and `other-field` as field IDs (or false).
 */
export function mergeConditionKeys(
  keys: Map<string, unknown>,
  body: unknown,
  isField: boolean,
  owner: FieldOwner,
): string | undefined {
  const input = isMap(body) && !Array.isArray(body) ? body : {};
  for (const [name, value] of Object.entries(input)) {
    if (RESERVED.has(name.toLowerCase())) continue;
    if (isField && (name === 'field' || name === 'other-field')) {
      const unused = name === 'other-field' && (value === false || value === '' || value === null);
      const field = unused ? undefined : findField(owner, value);
      if (!unused && !field) return FIELD_NOT_FOUND;
      keys.set(name, field ? field.id : false);
      continue;
    }
    if (isField && name === 'numeric-comparison') {
      keys.set(name, value !== 'false' && phpTruthy(value));
      continue;
    }
    keys.set(name, stored(value));
    // "Setting value resets other-field" (§9.3).
    if (isField && name === 'value' && !('other-field' in input)) keys.set('other-field', false);
  }
  return undefined;
}

/** Defaults of a new Field condition; `comparison` presumably `equals` when omitted (§9.3). */
export function fieldDefaults(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['comparison', 'equals'],
    ['field', false],
    ['value', ''],
    ['other-field', false],
    ['numeric-comparison', false],
  ]);
}

export function interestDefaults(): Map<string, unknown> {
  return new Map<string, unknown>([['match-mode', 'match_profiles_with_interest']]);
}

/** A null-prototype object: keys from the client stay data (`__proto__` is just a key). */
function dataObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export function conditionJson(owner: FieldOwner, c: Condition): Record<string, unknown> {
  const json = dataObject();
  json.ID = String(c.id);
  json.type = c.type;
  json.rule = String(c.ruleId);
  for (const [name, value] of c.keys) {
    if (c.type === 'Field' && (name === 'field' || name === 'other-field')) {
      const field = value === false ? undefined : findField(owner, value);
      json[name] = field ? fieldJson(field) : false;
    } else {
      json[name] = value;
    }
  }
  return json;
}
