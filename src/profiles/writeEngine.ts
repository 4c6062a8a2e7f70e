// The one write path for profiles and subprofiles. Every way of changing data — a saved document,
// a table edit, an import row, an agent's update — goes through here:
//   check the edit against the definitions → read Copernica's copy again and ask when someone else
//   changed it → send only what changed → read it back and report what Copernica stored differently.
// Creates are POSTed once and never twice: a create whose answer was lost is looked for before the
// next attempt. Questions and reports go through small callbacks, so this runs in plain Node.
import * as l10n from '@vscode/l10n';
import {
  type DocumentChanges,
  type ParsedDocument,
  checkDocument,
  computeChanges,
  findCoercions,
  newProfileTemplate,
  newSubprofileTemplate,
  serializeProfile,
  serializeSubprofile,
  toParsedDocument,
} from '../documents/model';
import { conflictDetail, serverChanges, stillToWrite } from './conflicts';
import {
  AmbiguousCreateError,
  WriteCancelledError,
  WriteRefusedError,
  capitalize,
  mayHaveLanded,
  refusal,
} from './errors';
import { type Entity, type EntityClient, type EntityKind, isRemoved } from './kinds';
import type { Owner, OwnerSource } from './owners';
import type { DraftRecord, EntityRecord } from './records';

export type ConflictChoice = 'compare' | 'overwrite' | 'cancel';

/** Questions to the user; the editor asks with dialogs, tests and tools answer as they must. */
export interface WriteQuestions {
  /** Someone else changed what is being saved. */
  conflict(message: string, detail: string): Promise<ConflictChoice>;
  /** A yes/no question before a write that cannot be taken back; true when confirmed. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
}

/** What the engine tells, besides what it returns or throws. */
export interface WriteReports {
  /** Something the user should read although the write succeeded (a coercion, a removed entity). */
  warn(message: string): void;
  /** A line for the log. */
  log(line: string): void;
  /** A request after the write failed (reading back, setting a secret): the write itself stands. */
  afterWriteFailed(error: unknown, context: string): void;
}

export interface WriteDeps {
  client: EntityClient;
  owners: OwnerSource;
  questions: WriteQuestions;
  reports: WriteReports;
}

/** The new values: a whole document's text, or values for some fields (a table cell, a tool). */
export type Edit =
  | { text: string }
  | { values: { fields?: Record<string, string>; interests?: string[]; secret?: string } };

export interface SaveResult {
  /** Nothing differed from the loaded copy: nothing was sent. */
  unchanged: boolean;
  /** Copernica's copy after the save, when it could be read back. */
  fresh?: Entity;
  /** What was sent (empty when unchanged). */
  sent: DocumentChanges | undefined;
  /** Messages about values Copernica stored differently from what was sent. */
  coercions: string[];
}

export interface CreateResult {
  id: string;
  fresh?: Entity;
  coercions: string[];
  /** The create had been lost and was found in Copernica: no second POST was made. */
  found: boolean;
}

/** How many of the newest entities are compared with a lost create's values. */
export const LOST_CREATE_WINDOW = 100;

function serialize(entity: Entity, owner: Owner): string {
  return 'collection' in entity
    ? serializeSubprofile(entity, owner.schema.fields)
    : serializeProfile(entity, owner.schema.fields);
}

/** The document text of an entity, fields in the owner's order (what an editor shows). */
export { serialize as serializeEntity };

function define(target: Record<string, unknown>, name: string, value: unknown): void {
  // A field may be called __proto__: define it, never assign it.
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The text an edit of values amounts to: the base document with those values put in. */
function textOf(edit: Edit, base: string): string {
  if ('text' in edit) return edit.text;
  const doc = JSON.parse(base) as Record<string, unknown>;
  const fields = (doc.fields ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(edit.values.fields ?? {})) define(fields, name, value);
  if (edit.values.interests !== undefined) doc.interests = edit.values.interests;
  if (edit.values.secret !== undefined) doc.secret = edit.values.secret;
  return JSON.stringify(doc, null, 2);
}

/** The checked values of an edit, or a WriteRefusedError naming each problem. The same checks as while typing. */
function check(edit: Edit, owner: Owner, label: string, original?: Entity): ParsedDocument {
  const base = original
    ? serialize(original, owner)
    : owner.kind === 'profile'
      ? newProfileTemplate(owner.schema.fields, owner.schema.interests)
      : newSubprofileTemplate(owner.schema.fields);
  const result = checkDocument(textOf(edit, base), owner.schema, original);
  if (result.ok && result.value) return result.value;
  throw refusal(label, result.problems);
}

/** Validates an edit without sending anything (a dry run, a table cell before it is saved). */
export function checkEdit(
  record: Pick<EntityRecord, 'kind' | 'owner' | 'original'>,
  edit: Edit,
): ParsedDocument {
  return check(edit, record.owner, record.kind.label(record.original.ID), record.original);
}

/** Validates a new entity's values without sending anything (a tool asking the user to confirm a create). */
export function checkDraft(draft: Pick<DraftRecord, 'kind' | 'owner'>, edit: Edit): ParsedDocument {
  return check(edit, draft.owner, draft.kind.draftLabel(draft.owner));
}

/**
 * Saves an edit of an existing entity. Throws WriteRefusedError (nothing sent), WriteCancelledError
 * (the user did not want it written over someone else's change) or the ApiError of a failed
 * request; `record` keeps what a failed save did write, so saving again sends only the rest.
 */
export async function saveEntity(
  deps: WriteDeps,
  record: EntityRecord,
  edit: Edit,
  signal?: AbortSignal,
): Promise<SaveResult> {
  const { kind } = record;
  const label = kind.label(record.id);
  if (isRemoved(record.original)) {
    throw new WriteRefusedError(
      l10n.t(
        '{0} was removed on {1}; it cannot be changed.',
        capitalize(label),
        record.original.removed,
      ),
    );
  }
  const value = check(edit, record.owner, label, record.original);
  const changes = computeChanges(toParsedDocument(record.original), value);
  if (changes.empty) return { unchanged: true, sent: undefined, coercions: [] };
  const server = await kind.fetch(deps.client, record.id, signal);
  record.redefined(await kind.ownerOf(deps.owners, server, signal));
  await askOnConflict(deps, record, server, value, changes, label);
  const toWrite = stillToWrite(changes, server);
  if (toWrite.empty) {
    record.reloaded(server);
    return { unchanged: false, fresh: server, sent: toWrite, coercions: [] };
  }
  await write(deps, record, toWrite, signal);
  const fresh = await readBack(deps, kind, record.id, record.owner, toWrite, label, signal);
  if (fresh) record.reloaded(fresh.entity);
  return {
    unchanged: false,
    fresh: fresh?.entity,
    sent: toWrite,
    coercions: fresh?.coercions ?? [],
  };
}

async function askOnConflict(
  deps: WriteDeps,
  record: EntityRecord,
  server: Entity,
  edited: ParsedDocument,
  changes: DocumentChanges,
  label: string,
): Promise<void> {
  const changed = serverChanges(record.original, server, edited, record.written);
  if (changed.length === 0) return;
  const message = l10n.t('{0} was changed in Copernica since you opened it.', capitalize(label));
  const choice = await deps.questions.conflict(
    message,
    conflictDetail(record.original, server, changes, changed),
  );
  if (choice === 'overwrite') {
    deps.reports.log(`Saving ${label} over changes made in Copernica (${changed.join(', ')})`);
    return;
  }
  if (choice === 'compare') {
    throw new WriteCancelledError(
      l10n.t(
        "{0} was not saved: it changed in Copernica. Compare Copernica's copy (left) with yours (right), then save again.",
        capitalize(label),
      ),
      server,
    );
  }
  throw new WriteCancelledError(
    l10n.t('{0} was not saved: it changed in Copernica and you cancelled.', capitalize(label)),
  );
}

/** The changed fields and secret (one PUT), then the interests (one PUT), each at most once. */
async function write(
  deps: WriteDeps,
  record: EntityRecord,
  changes: DocumentChanges,
  signal?: AbortSignal,
): Promise<void> {
  const { kind, id } = record;
  const hasFields = Object.keys(changes.fields).length > 0;
  if (hasFields || changes.secret !== undefined) {
    await kind.update(
      deps.client,
      id,
      {
        ...(hasFields ? { fields: changes.fields } : {}),
        ...(changes.secret !== undefined ? { secret: changes.secret } : {}),
      },
      signal,
    );
    // A retry after a later failure must neither send these again nor take them for someone else's edit.
    record.wroteFields(changes);
  }
  if (changes.interestsChanged && kind.hasInterests) {
    const interests = changes.interests ?? [];
    await kind.updateInterests(deps.client, id, interests, signal);
    record.wroteInterests(interests);
  }
}

/** Reads the entity back and says which values Copernica stored differently from what was sent. */
async function readBack(
  deps: WriteDeps,
  kind: EntityKind,
  id: string,
  owner: Owner,
  sent: Pick<DocumentChanges, 'fields' | 'secret'>,
  label: string,
  signal?: AbortSignal,
): Promise<{ entity: Entity; coercions: string[] } | undefined> {
  let fresh: Entity;
  try {
    fresh = await kind.fetch(deps.client, id, signal);
  } catch (error) {
    // The write itself succeeded: failing now would invite a second write.
    deps.reports.afterWriteFailed(error, l10n.t('Reading {0} back after saving', label));
    return undefined;
  }
  if (isRemoved(fresh)) {
    // Copernica accepts updates of a removed entity and keeps its fields empty: say so, once.
    deps.reports.warn(
      l10n.t(
        '{0} was removed in Copernica on {1}; the saved changes have no effect.',
        capitalize(label),
        fresh.removed,
      ),
    );
    return { entity: fresh, coercions: [] };
  }
  const coercions = findCoercions(sent.fields, fresh.fields, owner.schema.fields).map(
    (c) => c.message,
  );
  if (sent.secret !== undefined && fresh.secret !== sent.secret) {
    coercions.push(
      l10n.t(
        'Copernica changed the secret: {0} was sent, but {1} was stored.',
        JSON.stringify(sent.secret),
        JSON.stringify(fresh.secret),
      ),
    );
  }
  if (coercions.length > 0) {
    deps.reports.log(`${label}: ${coercions.join(' ')}`);
    deps.reports.warn(
      l10n.t(
        'Copernica stored {0} differently from what was saved. {1}',
        label,
        coercions.join(' '),
      ),
    );
  }
  return { entity: fresh, coercions };
}

/**
 * Creates a draft: checks it, then one POST — never a second one for the same draft. When the
 * answer to a POST was lost, the next call first looks among the newest entities for one with the
 * draft's values; it creates again only when none is there, and asks when it cannot tell.
 */
export async function createEntity(
  deps: WriteDeps,
  draft: DraftRecord,
  edit: Edit,
  signal?: AbortSignal,
): Promise<CreateResult> {
  const { kind } = draft;
  const value = check(edit, draft.owner, kind.draftLabel(draft.owner));
  let found = false;
  if (draft.createdId === undefined && draft.uncertain) {
    const landed = await findLostCreate(deps, draft, signal);
    found = landed !== undefined;
    if (landed !== undefined) draft.created(landed);
  }
  const firstSave = draft.createdId === undefined;
  const id = draft.createdId ?? (await post(deps, draft, value, signal));
  const label = kind.label(id);
  if (firstSave && value.secret !== undefined && value.secret !== '')
    await setSecret(deps, kind, id, value.secret, label, signal);
  const fresh = await readBack(
    deps,
    kind,
    id,
    draft.owner,
    { fields: value.fields, ...(firstSave ? { secret: value.secret } : {}) },
    label,
    signal,
  );
  return { id, fresh: fresh?.entity, coercions: fresh?.coercions ?? [], found };
}

async function post(
  deps: WriteDeps,
  draft: DraftRecord,
  value: ParsedDocument,
  signal?: AbortSignal,
): Promise<string> {
  try {
    const id = await draft.kind.create(deps.client, draft.target, value, signal);
    draft.created(id);
    return id;
  } catch (error) {
    if (!mayHaveLanded(error)) throw error;
    draft.createMayHaveLanded(value);
    const label = capitalize(draft.kind.draftLabel(draft.owner));
    throw new AmbiguousCreateError(
      l10n.t(
        "{0} may have been created: Copernica's answer was lost ({1}). Save again: the extension first looks for it in Copernica and never creates it twice.",
        label,
        error.message,
      ),
      error,
    );
  }
}

/** Whether Copernica holds exactly the values a lost create sent: numbers compared as numbers. */
function sameValues(
  sent: Record<string, string>,
  stored: Record<string, string>,
  owner: Owner,
): boolean {
  const types = new Map(owner.schema.fields.map((f) => [f.name, f.type]));
  return Object.entries(sent).every(([name, value]) => {
    const now = Object.prototype.hasOwnProperty.call(stored, name) ? stored[name] : undefined;
    if (now === value) return true;
    const numeric = ['integer', 'float', 'foreign_key'].includes(types.get(name) ?? '');
    return numeric && now !== undefined && value.trim() !== '' && Number(now) === Number(value);
  });
}

/** The ID of the entity a lost create made, or undefined when it did not land (asking when unsure). */
async function findLostCreate(
  deps: WriteDeps,
  draft: DraftRecord,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const sent = draft.uncertain?.sent;
  if (!sent) return undefined;
  const newest = await draft.kind.newest(deps.client, draft.target, LOST_CREATE_WINDOW, signal);
  const matches = newest.filter(
    (e) => !isRemoved(e) && sameValues(sent.fields, e.fields, draft.owner),
  );
  const label = draft.kind.draftLabel(draft.owner);
  if (matches.length === 1 && matches[0]) {
    deps.reports.log(
      `The lost create of ${label} had landed as ${draft.kind.label(matches[0].ID)}; not created again`,
    );
    return matches[0].ID;
  }
  // Fewer than a page: every entity there is was compared, and none is ours.
  if (matches.length === 0 && newest.length < LOST_CREATE_WINDOW) {
    draft.createDidNotLand();
    return undefined;
  }
  const detail =
    matches.length > 1
      ? l10n.t(
          '{0} of the newest entries in Copernica hold exactly these values; which of them (if any) came from the last attempt cannot be told.',
          matches.length,
        )
      : l10n.t(
          'None of the {0} newest entries in Copernica holds these values, but so many were added that an older one cannot be ruled out.',
          newest.length,
        );
  const create = l10n.t('Create');
  const confirmed = await deps.questions.confirm(
    l10n.t('Copernica may already have created {0} at the last attempt. Create it now?', label),
    detail,
    create,
  );
  if (!confirmed)
    throw new WriteCancelledError(
      l10n.t('{0} was not created: it may already exist in Copernica.', capitalize(label)),
    );
  draft.createDidNotLand();
  return undefined;
}

/** Copernica ignores a secret in a POST; it is set with a PUT afterwards. */
async function setSecret(
  deps: WriteDeps,
  kind: EntityKind,
  id: string,
  secret: string,
  label: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await kind.update(deps.client, id, { secret }, signal);
  } catch (error) {
    // The entity exists now: failing the save would leave a draft that can never be created again.
    deps.reports.afterWriteFailed(error, l10n.t('Setting the secret of {0}', label));
  }
}

export type DeleteOutcome = 'confirmed' | 'already-removed' | 'declined';

/** "profile 100001 (ada@example.com)": the ID and the first value that says who it is. */
export function describeEntity(kind: EntityKind, entity: Entity, owner: Owner): string {
  const fields = owner.schema.fields;
  const telling =
    fields.find((f) => f.type === 'email' && entity.fields[f.name]) ??
    fields.find((f) => f.type === 'text' && entity.fields[f.name]);
  const value = telling ? entity.fields[telling.name] : undefined;
  const what = kind.label(entity.ID);
  return value ? `${what} (${value})` : what;
}

/**
 * Asks before a delete, naming the entity by its ID and a telling value. `entity` and `owner` are
 * Copernica's copy as just read, so the question names what really goes.
 */
export async function confirmDelete(
  deps: WriteDeps,
  kind: EntityKind,
  entity: Entity,
  owner: Owner,
): Promise<DeleteOutcome> {
  if (isRemoved(entity)) return 'already-removed';
  const where =
    owner.kind === 'profile'
      ? owner.database.name
      : `${owner.database.name} › ${owner.collection.name}`;
  const detail = kind.hasInterests
    ? l10n.t(
        'It is removed from {0} together with its subprofiles. Open editors of it are closed, discarding unsaved changes.',
        where,
      )
    : l10n.t(
        'It is removed from {0}. Open editors of it are closed, discarding unsaved changes.',
        where,
      );
  const confirmed = await deps.questions.confirm(
    l10n.t('Delete {0}?', describeEntity(kind, entity, owner)),
    detail,
    l10n.t('Delete'),
  );
  return confirmed ? 'confirmed' : 'declined';
}

/** The DELETE itself (soft in Copernica: the entity stays readable, marked removed). */
export async function deleteEntity(
  deps: WriteDeps,
  kind: EntityKind,
  id: string,
  signal?: AbortSignal,
): Promise<void> {
  await kind.remove(deps.client, id, signal);
  deps.reports.log(`Deleted ${kind.label(id)}`);
}
