// Command arguments come from tree nodes, from the palette (none) and from scripts (IDs, names):
// each reader takes what it can use from any of those shapes and ignores the rest.
import { parseAddress } from '../documents/uris';
import type { EntityKindName } from '../profiles';

type Bag = Record<string, unknown>;

export function bag(value: unknown): Bag | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Bag)
    : undefined;
}

/** "123", 123, { ID: "123" } or { id: "123" }. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === 'string') return /^\d+$/.test(value.trim()) ? value.trim() : undefined;
  const b = bag(value);
  return b ? (idOf(b['ID']) ?? idOf(b['id'])) : undefined;
}

/** An ID, or a name (for databases and collections, which Copernica also finds by name). */
function refOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  const id = idOf(value);
  if (id !== undefined) return id;
  const name = bag(value)?.['name'];
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The ID in a document URI (an editor menu passes the document's URI), read by the one URI parser. */
function idInUri(b: Bag, kind: EntityKindName): string | undefined {
  const { scheme, path } = b;
  if (typeof scheme !== 'string' || typeof path !== 'string' || scheme !== 'copernica')
    return undefined;
  const address = parseAddress({ scheme, path });
  return address && !address.draft && address.kind === kind ? address.id : undefined;
}

/** A profile ID from "123", { ID }, { id }, a node { profile: { ID } } or a profile document's URI. */
export function profileIdFrom(arg: unknown): string | undefined {
  const b = bag(arg);
  if (b && 'profile' in b) return idOf(b['profile']);
  return (b ? idInUri(b, 'profile') : undefined) ?? idOf(arg);
}

/** A subprofile ID from "123", { ID }, { id }, a node { subprofile: { ID } } or a subprofile document's URI. */
export function subprofileIdFrom(arg: unknown): string | undefined {
  const b = bag(arg);
  if (b && 'subprofile' in b) return idOf(b['subprofile']);
  return (b ? idInUri(b, 'subprofile') : undefined) ?? idOf(arg);
}

/** A database ID or name from "Newsletter", "1", { database: { ID, name } } or { database: "…" }. */
export function databaseFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string' || typeof arg === 'number') return refOf(arg);
  const b = bag(arg);
  if (!b) return undefined;
  if ('database' in b) return refOf(b['database']);
  // A database object itself: it has interests and collections, unlike other entities.
  if ('collections' in b || 'interests' in b) return refOf(b);
  return undefined;
}

/** A collection ID or name from { collection: { ID } } or { collection: "Orders" }. */
export function collectionFrom(arg: unknown): string | undefined {
  const b = bag(arg);
  return b && 'collection' in b ? refOf(b['collection']) : undefined;
}
