// What a save sends, whether someone else changed the same things meanwhile, and what Copernica
// stored differently from what was sent. The save must never overwrite another person's edit
// without asking, and must never let a silent coercion go unmentioned.
import * as l10n from '@vscode/l10n';
import type { Field } from '../../api/types';
import { type OriginalDocument, toParsedDocument } from './checkDocument';
import { fieldMap, ownValue, quote, setEntry } from './text';
import type { ParsedDocument } from './types';

export interface DocumentChanges {
  /** Changed fields only, by definition name, values as strings. */
  fields: Record<string, string>;
  interestsChanged: boolean;
  /** When interestsChanged: the full list of interest names that are set. */
  interests?: string[];
  /** When the secret changed. */
  secret?: string;
  /** Nothing to send. */
  empty: boolean;
}

/** The same names, ignoring order and repeats. */
export function sameSet(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b ?? []);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** Only what differs between the opened copy and the edited document. */
export function computeChanges(original: ParsedDocument, edited: ParsedDocument): DocumentChanges {
  const fields = fieldMap();
  for (const [name, value] of Object.entries(edited.fields)) {
    if (ownValue(original.fields, name) !== value) setEntry(fields, name, value);
  }
  const interestsChanged =
    edited.interests !== undefined && !sameSet(original.interests, edited.interests);
  const secretChanged = edited.secret !== undefined && edited.secret !== original.secret;
  return {
    fields,
    interestsChanged,
    ...(interestsChanged ? { interests: [...(edited.interests ?? [])] } : {}),
    ...(secretChanged ? { secret: edited.secret } : {}),
    empty: Object.keys(fields).length === 0 && !interestsChanged && !secretChanged,
  };
}

export interface FieldConflict {
  field: string;
  /** When the document was opened. */
  original: string;
  /** On the server now. */
  server: string;
  /** In the document being saved. */
  mine: string;
}

export interface Conflicts {
  /** Fields this save changes that someone else changed to something else meanwhile. */
  fields: FieldConflict[];
  /** Both this save and someone else changed the interests, differently. */
  interests: boolean;
  /** Both changed the secret, differently. */
  secret: boolean;
  /** The server's `modified` moved on: something (maybe another field) changed since opening. */
  modifiedChanged: boolean;
  /** The entity was removed on the server since it was opened. */
  removed: boolean;
  /** Anything that should make the save ask "Compare / Overwrite / Cancel". */
  any: boolean;
}

/** Compares the copy the document was opened from with the server's current copy. */
export function findConflicts(
  originalDoc: OriginalDocument,
  serverDoc: OriginalDocument,
  changes: DocumentChanges,
): Conflicts {
  const original = toParsedDocument(originalDoc);
  const server = toParsedDocument(serverDoc);
  const fields: FieldConflict[] = [];
  for (const [name, mine] of Object.entries(changes.fields)) {
    const before = ownValue(original.fields, name) ?? '';
    const now = ownValue(server.fields, name) ?? '';
    if (now !== before && now !== mine)
      fields.push({ field: name, original: before, server: now, mine });
  }
  const interests =
    changes.interestsChanged &&
    !sameSet(server.interests, original.interests) &&
    !sameSet(server.interests, changes.interests);
  const secret =
    changes.secret !== undefined &&
    server.secret !== original.secret &&
    server.secret !== changes.secret;
  const removed = typeof server.removed === 'string' && server.removed !== '' && !original.removed;
  return {
    fields,
    interests,
    secret,
    modifiedChanged: server.modified !== original.modified,
    removed,
    any: fields.length > 0 || interests || secret || removed,
  };
}

export interface Coercion {
  field: string;
  type: string;
  sent: string;
  stored: string;
  /** The same number written differently ("2.50" -> "2.5", "007" -> "7"): worth a quieter note. */
  equivalent: boolean;
  message: string;
}

const NUMERIC_TYPES = new Set(['integer', 'float', 'foreign_key']);

function lookup(values: Record<string, string>, name: string): string | undefined {
  const exact = ownValue(values, name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const key = Object.keys(values).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : values[key];
}

/** Fields whose stored value is not exactly what was sent (exact string comparison). */
export function findCoercions(
  sent: Record<string, string>,
  stored: Record<string, string>,
  fields: Field[],
): Coercion[] {
  const result: Coercion[] = [];
  for (const [name, value] of Object.entries(sent)) {
    const now = lookup(stored, name);
    if (now === undefined || now === value) continue;
    const type = fields.find((f) => f.name === name)?.type ?? 'unknown';
    const equivalent =
      NUMERIC_TYPES.has(type) && value.trim() !== '' && now !== '' && Number(value) === Number(now);
    const message = equivalent
      ? l10n.t({
          message:
            'Copernica stored field "{0}" ({1}) as {2}, the same number as the {3} that was sent.',
          args: [name, type, quote(now), quote(value)],
          comment: ['{0} field name, {1} field type, {2} and {3} quoted values'],
        })
      : l10n.t({
          message: 'Copernica changed field "{0}" ({1}): {2} was sent, but {3} was stored.',
          args: [name, type, quote(value), quote(now)],
          comment: ['{0} field name, {1} field type, {2} and {3} quoted values'],
        });
    result.push({ field: name, type, sent: value, stored: now, equivalent, message });
  }
  return result;
}
