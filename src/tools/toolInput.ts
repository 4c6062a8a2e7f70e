// The input checks and result shapes of the language-model tools: what a model sends is `unknown`
// until checked here, and every result is compact JSON under one size cap. No 'vscode' import:
// tested in plain Node.
import * as l10n from '@vscode/l10n';
import type { Collection, Database, Field, View } from '../api/types';
import type { EntityKindName } from '../profiles';

/** The most a tool result may hold: a model's context is precious and results are re-sent each turn. */
export const RESULT_CAP_BYTES = 16 * 1024;
/** How many profiles find returns when the model does not say. */
export const DEFAULT_FIND_LIMIT = 20;
export const MAX_FIND_LIMIT = 50;

/** copernica.tools.profileData: whether profile values may be sent to a model. */
export type ProfileDataMode = 'ask' | 'allow' | 'never';

export function profileDataMode(value: unknown): ProfileDataMode {
  return value === 'allow' || value === 'never' ? value : 'ask';
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export interface DescribeInput {
  database?: string;
}
export interface FindInput {
  database: string;
  /** Name or ID of one of the database's selections to search in, instead of all its profiles. */
  selection?: string;
  conditions: string[];
  limit: number;
  fields?: string[];
}
export interface GetInput {
  kind: EntityKindName;
  id: string;
  subprofiles: boolean;
}
export interface UpdateInput {
  kind: EntityKindName;
  id: string;
  fields: Record<string, string>;
  interests?: string[];
}
export interface CreateInput {
  database: string;
  fields: Record<string, string>;
  interests?: string[];
}

class InputError extends Error {}

function objectOf(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new InputError(l10n.t('The input must be a JSON object.'));
  return input as Record<string, unknown>;
}

function text(input: Record<string, unknown>, name: string, required: true): string;
function text(input: Record<string, unknown>, name: string, required: false): string | undefined;
function text(input: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = input[name];
  if (value === undefined && !required) return undefined;
  // IDs are strings in Copernica; a model often sends them as numbers.
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError(l10n.t('"{0}" must be a non-empty string.', name));
  return value.trim();
}

function textList(input: Record<string, unknown>, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new InputError(l10n.t('"{0}" must be an array of strings.', name));
  return value as string[];
}

/** Field values as Copernica stores them: strings. Numbers and booleans are written as text. */
function values(input: Record<string, unknown>, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(l10n.t('"{0}" must be an object of field names and values.', name));
  }
  const result: Record<string, string> = {};
  for (const [field, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new InputError(l10n.t('The value of field "{0}" must be a string or a number.', field));
    }
    // A field may be called __proto__: define it, never assign it.
    Object.defineProperty(result, field, {
      value: String(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function kind(input: Record<string, unknown>): EntityKindName {
  const value = input.kind ?? 'profile';
  if (value !== 'profile' && value !== 'subprofile')
    throw new InputError(l10n.t('"kind" must be "profile" or "subprofile".'));
  return value;
}

function checking<T>(parse: () => T): Checked<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, message: error.message };
    throw error;
  }
}

export function checkDescribeInput(input: unknown): Checked<DescribeInput> {
  return checking(() => {
    const database = text(objectOf(input ?? {}), 'database', false);
    return database === undefined ? {} : { database };
  });
}

export function checkFindInput(input: unknown): Checked<FindInput> {
  return checking(() => {
    const o = objectOf(input);
    const conditions = textList(o, 'conditions') ?? [];
    if (conditions.length === 0)
      throw new InputError(
        l10n.t('"conditions" must hold at least one condition, e.g. ["email==john@example.com"].'),
      );
    const limit = o.limit ?? DEFAULT_FIND_LIMIT;
    if (
      typeof limit !== 'number' ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_FIND_LIMIT
    ) {
      throw new InputError(l10n.t('"limit" must be a whole number from 1 to {0}.', MAX_FIND_LIMIT));
    }
    const fields = textList(o, 'fields');
    const selection = o.selection === undefined ? undefined : text(o, 'selection', true);
    return {
      database: text(o, 'database', true),
      ...(selection !== undefined ? { selection } : {}),
      conditions,
      limit,
      ...(fields ? { fields } : {}),
    };
  });
}

export function checkGetInput(input: unknown): Checked<GetInput> {
  return checking(() => {
    const o = objectOf(input);
    return { kind: kind(o), id: text(o, 'id', true), subprofiles: o.subprofiles === true };
  });
}

export function checkUpdateInput(input: unknown): Checked<UpdateInput> {
  return checking(() => {
    const o = objectOf(input);
    const interests = textList(o, 'interests');
    const k = kind(o);
    if (interests && k === 'subprofile')
      throw new InputError(l10n.t('Subprofiles have no interests.'));
    const fields = values(o, 'fields');
    if (Object.keys(fields).length === 0 && !interests)
      throw new InputError(l10n.t('Give "fields" and/or "interests" to change.'));
    return { kind: k, id: text(o, 'id', true), fields, ...(interests ? { interests } : {}) };
  });
}

export function checkCreateInput(input: unknown): Checked<CreateInput> {
  return checking(() => {
    const o = objectOf(input);
    const interests = textList(o, 'interests');
    return {
      database: text(o, 'database', true),
      fields: values(o, 'fields'),
      ...(interests ? { interests } : {}),
    };
  });
}

/** A field as a model needs it: name, type, and for a select its choices (the default marked by Copernica's `*` removed). */
function fieldDefinition(field: Field): Record<string, unknown> {
  if (field.type !== 'select') return { name: field.name, type: field.type };
  const choices = field.value.split(/\r?\n/).filter((c) => c !== '');
  const marked = choices.find((c) => c.endsWith('*'));
  return {
    name: field.name,
    type: field.type,
    choices: choices.map((c) => c.replace(/\*$/, '')),
    ...(marked ? { default: marked.slice(0, -1) } : {}),
  };
}

function collectionDefinition(collection: Collection): Record<string, unknown> {
  return {
    ID: collection.ID,
    name: collection.name,
    fields: collection.fields.data.map(fieldDefinition),
  };
}

/** A database's definitions, compact: what a model needs to write conditions and values. */
/**
 * A database as the describe tool shows it. Its selections, when given, are listed compactly: ID,
 * name, the ID of the selection it is nested in, and when Copernica last built it.
 */
export function databaseDefinition(
  database: Database,
  selections?: readonly { view: View; path: string[] }[],
): Record<string, unknown> {
  return {
    ID: database.ID,
    name: database.name,
    fields: database.fields.data.map(fieldDefinition),
    interests: database.interests.data.map((i) => i.name),
    collections: database.collections.data.map(collectionDefinition),
    ...(selections
      ? {
          selections: selections.map(({ view }) => ({
            ID: view.ID,
            name: view.name,
            ...(view.parentType === 'view' ? { in: view.parentId } : {}),
            ...(view.description !== '' ? { description: view.description } : {}),
            lastBuilt: view.lastBuilt === '' ? null : view.lastBuilt,
          })),
        }
      : {}),
  };
}

/** Only the fields asked for (all when none were); names matched as the database spells them. */
export function pickFields(
  fields: Record<string, string>,
  wanted: readonly string[] | undefined,
): Record<string, string> {
  if (!wanted) return fields;
  const lower = new Set(wanted.map((w) => w.toLowerCase()));
  return Object.fromEntries(
    Object.entries(fields).filter(([name]) => lower.has(name.toLowerCase())),
  );
}

function bytes(textValue: string): number {
  return Buffer.byteLength(textValue, 'utf8');
}

/**
 * A result as compact JSON, at most RESULT_CAP_BYTES. A list that makes it too long is cut from the
 * end (`shrink` gives the value with that many items), and the result says so; anything else that is
 * still too long becomes an error the model can act on.
 */
export function resultText(
  value: unknown,
  shrink?: { count: number; with(count: number): unknown },
): string {
  const full = JSON.stringify(value);
  if (bytes(full) <= RESULT_CAP_BYTES) return full;
  if (shrink) {
    for (let n = shrink.count - 1; n >= 0; n--) {
      const cut = JSON.stringify(shrink.with(n));
      if (bytes(cut) <= RESULT_CAP_BYTES) return cut;
    }
  }
  return errorText(
    l10n.t('The result is larger than {0} KB.', RESULT_CAP_BYTES / 1024),
    l10n.t('Ask for fewer profiles or fewer fields.'),
  );
}

/** An error as a result: what was wrong and what to try. */
export function errorText(message: string, hint?: string): string {
  return JSON.stringify(hint ? { error: message, hint } : { error: message });
}

/** One line per changed field, `name: "old" → "new"`, for the confirmation of a write. */
export function changeLines(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(after)) {
    const old = Object.prototype.hasOwnProperty.call(before, name) ? before[name] : undefined;
    if (old === value) continue;
    lines.push(
      `${name}: ${old === undefined ? '—' : JSON.stringify(old)} → ${JSON.stringify(value)}`,
    );
  }
  return lines;
}

/** The interests line of a confirmation, or none when they stay the same. */
export function interestLine(
  before: readonly string[],
  after: readonly string[] | undefined,
): string | undefined {
  if (!after) return undefined;
  const same =
    before.length === after.length &&
    [...before].sort().join('\n') === [...after].sort().join('\n');
  if (same) return undefined;
  return l10n.t('interests: {0} → {1}', before.join(', ') || '—', after.join(', ') || '—');
}

/**
 * Lines shown verbatim in a Markdown confirmation: a fenced block whose fence is longer than any
 * run of backticks inside, so a value cannot break out and be rendered as Markdown (a link, an image).
 */
export function verbatimBlock(lines: readonly string[]): string {
  const text = lines.join('\n');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}
