// The text of a profile/subprofile document: the entity as the API returns it, pretty-printed
// with 2 spaces, fields in the definitions' order. Written by hand rather than JSON.stringify
// because JavaScript objects put integer-like keys ("2024") first, which would reorder fields.
import type { Field, Interest, Profile, Subprofile } from '../../api/types';
import { ZERO_DATE, ZERO_DATETIME } from './dates';
import { selectChoices } from './fieldTypes';
import { ownValue } from './text';
import { checkFieldValue } from './valueRules';

type Entry = [key: string, json: string];

function block(open: string, close: string, items: readonly string[], indent: string): string {
  if (items.length === 0) return open + close;
  const inner = `${indent}  `;
  return `${open}\n${items.map((item) => inner + item).join(',\n')}\n${indent}${close}`;
}

function object(entries: readonly Entry[], indent: string): string {
  return block(
    '{',
    '}',
    entries.map(([key, json]) => `${JSON.stringify(key)}: ${json}`),
    indent,
  );
}

function stringList(values: readonly string[], indent: string): string {
  return block(
    '[',
    ']',
    values.map((v) => JSON.stringify(v)),
    indent,
  );
}

/**
 * Defined fields first, in the definitions' order; then anything else the server sent, so nothing
 * is hidden. Own values only: a field named "constructor" that the profile lacks is left out, not
 * written as the inherited function.
 */
function orderedFields(values: Record<string, string>, fields: readonly Field[]): Entry[] {
  const entries: Entry[] = [];
  const done = new Set<string>();
  for (const field of fields) {
    const value = ownValue(values, field.name);
    if (value === undefined || done.has(field.name)) continue;
    entries.push([field.name, JSON.stringify(value)]);
    done.add(field.name);
  }
  for (const [name, value] of Object.entries(values)) {
    if (!done.has(name)) entries.push([name, JSON.stringify(value)]);
  }
  return entries;
}

/**
 * Names the server sent that the definitions lack: fields added in Copernica after the
 * definitions were loaded. A caller that finds any should reload the definitions.
 */
export function fieldsMissingFromDefinitions(
  values: Record<string, string>,
  fields: readonly Field[],
): string[] {
  const defined = new Set(fields.map((f) => f.name));
  return Object.keys(values).filter((name) => !defined.has(name));
}

function removedJson(removed: false | string): string {
  return removed === false ? 'false' : JSON.stringify(removed);
}

export function serializeProfile(profile: Profile, fields: Field[]): string {
  return `${object(
    [
      ['ID', JSON.stringify(profile.ID)],
      ['fields', object(orderedFields(profile.fields, fields), '  ')],
      ['interests', stringList(profile.interests, '  ')],
      ['database', JSON.stringify(profile.database)],
      ['secret', JSON.stringify(profile.secret)],
      ['created', JSON.stringify(profile.created)],
      ['modified', JSON.stringify(profile.modified)],
      ['removed', removedJson(profile.removed)],
    ],
    '',
  )}\n`;
}

export function serializeSubprofile(sub: Subprofile, fields: Field[]): string {
  return `${object(
    [
      ['ID', JSON.stringify(sub.ID)],
      ['fields', object(orderedFields(sub.fields, fields), '  ')],
      ['profile', JSON.stringify(sub.profile)],
      ['collection', JSON.stringify(sub.collection)],
      ['secret', JSON.stringify(sub.secret)],
      ['created', JSON.stringify(sub.created)],
      ['modified', JSON.stringify(sub.modified)],
      ['removed', removedJson(sub.removed)],
    ],
    '',
  )}\n`;
}

const EMPTY_VALUES: ReadonlyMap<string, string> = new Map([
  ['integer', '0'],
  ['float', '0'],
  ['date', ZERO_DATE],
  ['datetime', ZERO_DATETIME],
]);

/**
 * The value a new entity gets for this field. For select, `value` is the choice list, so the
 * default is the `*`-marked choice or "". A default that would not pass the checks (a choice
 * with a tab in it, say) falls back to the type's empty value, so a new document is always
 * valid as created.
 */
export function defaultValue(field: Field): string {
  const value = field.type === 'select' ? (selectChoices(field).defaultChoice ?? '') : field.value;
  const verdict = checkFieldValue(field, value);
  if (verdict?.severity === 'error') return EMPTY_VALUES.get(field.type) ?? '';
  return value;
}

/** The first definition of a name wins, as in the checks: a repeated name must not swap types. */
function defaults(fields: readonly Field[]): Entry[] {
  const entries = new Map<string, Entry>();
  for (const f of fields)
    if (!entries.has(f.name)) entries.set(f.name, [f.name, JSON.stringify(defaultValue(f))]);
  return [...entries.values()];
}

/** A new profile: every field at its default, no interests set; no ID, secret or dates (Copernica assigns them). */
export function newProfileTemplate(fields: Field[], interests?: Interest[]): string {
  const entries: Entry[] = [['fields', object(defaults(fields), '  ')]];
  if (interests && interests.length > 0) entries.push(['interests', '[]']);
  return `${object(entries, '')}\n`;
}

export function newSubprofileTemplate(fields: Field[]): string {
  return `${object([['fields', object(defaults(fields), '  ')]], '')}\n`;
}
