// Update and delete rules for (sub)profiles (§4.10, §4.12, §4.14): unknown names ignored,
// values coerced, `modified` bumped only on a real change, soft delete with cascade.
import { coerceSecret, coerceValue, phpTruthy } from './coerce';
import { formatWall, nowString, parseWallString, wallFromMs, wallToMs } from './dates';
import type { AnyEntity, Database, FieldOwner, Profile, Subprofile } from './model';
import type { Store } from './store';

/** True for what PHP's json_decode turns into an array: JSON objects and lists. */
export function isMap(input: unknown): input is Record<string, unknown> {
  return input !== null && typeof input === 'object';
}

/** Resolves a body field map to field indexes; unknown names dropped, last case-variant wins. */
export function resolveFieldMap(owner: FieldOwner, input: unknown): Map<number, unknown> {
  const result = new Map<number, unknown>();
  if (!isMap(input)) return result;
  const byKey = new Map(owner.fields.map((f, i) => [f.key, i]));
  for (const [name, value] of Object.entries(input)) {
    const index = byKey.get(name.toLowerCase());
    if (index !== undefined) result.set(index, value);
  }
  return result;
}

/** Applies coerced values; returns whether a stored value actually changed. */
function applyValues(owner: FieldOwner, entity: AnyEntity, updates: Map<number, unknown>): boolean {
  let changed = false;
  for (const [index, input] of updates) {
    const field = owner.fields[index];
    if (!field) continue;
    const value = coerceValue(field, input);
    if (entity.values[index] !== value) {
      entity.values[index] = value;
      changed = true;
    }
  }
  return changed;
}

export interface EntityUpdate {
  fields?: unknown;
  secret?: unknown;
}

/** PUT semantics shared by profiles and subprofiles. */
export function updateEntity(owner: FieldOwner, entity: AnyEntity, update: EntityUpdate): void {
  const values = resolveFieldMap(owner, update.fields);
  if (update.secret !== undefined) entity.secret = coerceSecret(update.secret);
  if (entity.removed !== false) {
    // Observed bug (§4.10): a removed entity keeps empty values, yet `modified` moves.
    if (values.size > 0) entity.modified = nowString();
    return;
  }
  if (applyValues(owner, entity, values)) entity.modified = nowString();
}

/** Interest names to IDs, case-insensitively; unknown names ignored. */
function interestIds(db: Database, names: Iterable<string>): number[] {
  const ids: number[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    const interest = db.interests.find((i) => i.name.toLowerCase() === key);
    if (interest) ids.push(interest.id);
  }
  return ids;
}

/**
 * Sets interests from a list (those on; with `replace` all others off) or an object of flags
 * (listed ones on/off, others untouched). Interests are not fields: `modified` stays.
 */
export function applyInterests(
  db: Database,
  profile: Profile,
  input: unknown,
  replace: boolean,
): void {
  if (!isMap(input)) return;
  const current = new Set(replace && Array.isArray(input) ? [] : profile.interests);
  if (Array.isArray(input)) {
    for (const id of interestIds(
      db,
      input.filter((x): x is string => typeof x === 'string'),
    ))
      current.add(id);
  } else {
    for (const [name, flag] of Object.entries(input)) {
      for (const id of interestIds(db, [name])) {
        if (phpTruthy(flag)) current.add(id);
        else current.delete(id);
      }
    }
  }
  profile.interests = db.interests.map((i) => i.id).filter((id) => current.has(id));
}

function removeEntity(owner: FieldOwner, entity: AnyEntity, at: string): void {
  entity.removed = at;
  entity.values = owner.fields.map(() => '');
}

/** Soft delete; subprofiles go with it (§4.12). */
export function removeProfile(store: Store, profile: Profile): void {
  const at = nowString();
  removeEntity(store.databaseOf(profile), profile, at);
  profile.interests = [];
  for (const sub of profile.subprofiles ?? []) {
    if (sub.removed === false) removeEntity(store.collectionOf(sub), sub, at);
  }
}

export function removeSubprofile(store: Store, sub: Subprofile): void {
  const collection = store.collections.get(sub.collectionId);
  if (collection) removeEntity(collection, sub, nowString());
}

/** Another user's edit: applied like a PUT, and `modified` always moves forward so clients can notice. */
export function changeBehindBack(
  owner: FieldOwner,
  entity: AnyEntity,
  fields: Record<string, unknown>,
): void {
  const before = entity.modified;
  if (entity.removed === false) applyValues(owner, entity, resolveFieldMap(owner, fields));
  const now = nowString();
  const previous = parseWallString(before);
  entity.modified =
    now > before || !previous ? now : formatWall(wallFromMs(wallToMs(previous) + 1000));
}
