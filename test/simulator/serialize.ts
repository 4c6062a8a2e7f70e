// Entities as the API prints them. Key order follows the examples in Copernica's documentation (README.md §4); IDs are
// strings inside entities, envelope numbers are numbers (§6.1).
import type { Field, Intentions, Interest as InterestJson } from '../../src/api/types';
import { embedded, type Envelope } from './envelope';
import type {
  Collection,
  Database,
  FieldDef,
  FieldOwner,
  Identity,
  Interest,
  Profile,
  Subprofile,
} from './model';

export function fieldJson(f: FieldDef): Field {
  return {
    ID: String(f.id),
    name: f.name,
    type: f.type,
    value: f.value,
    displayed: f.displayed,
    ordered: f.ordered,
    length: f.length,
    textlines: f.textlines,
    hidden: f.hidden,
    index: f.index,
  };
}

export function interestJson(i: Interest): InterestJson {
  return { ID: String(i.id), name: i.name, group: i.group };
}

function intentionsOf(owner: FieldOwner): Intentions {
  const has = (type: string): boolean => owner.fields.some((f) => f.type === type);
  return { email: has('email'), sms: has('phone_gsm'), fax: has('phone_fax'), pdf: false };
}

export interface CollectionJson {
  ID: string;
  name: string;
  database: string;
  fields: Envelope<Field>;
  intentions: Intentions;
}

/** The embedded field list of a collection is capped at 100 (§3, §6.11). */
export function collectionJson(c: Collection): CollectionJson {
  return {
    ID: String(c.id),
    name: c.name,
    database: String(c.databaseId),
    fields: embedded(c.fields, 100, fieldJson),
    intentions: intentionsOf(c),
  };
}

export function databaseJson(db: Database): unknown {
  return {
    ID: String(db.id),
    name: db.name,
    description: db.description,
    archived: db.archived,
    created: db.created,
    fields: embedded(db.fields, 1000, fieldJson),
    interests: embedded(db.interests, 1000, interestJson),
    collections: embedded(db.collections, 1000, collectionJson),
    intentions: intentionsOf(db),
  };
}

/** Every field of the owner, keyed by its defined name, in the owner's field order. */
export function fieldMap(owner: FieldOwner, values: readonly string[]): Record<string, string> {
  // No prototype, so assignment makes own properties even for a field called __proto__ (there is
  // no inherited setter), and Copernica's printing of it like any other is kept. Assignment is
  // several times faster than defineProperty, which a page of 1,000 profiles notices.
  const map = Object.create(null) as Record<string, string>;
  owner.fields.forEach((f, i) => {
    map[f.name] = values[i] ?? '';
  });
  return map;
}

export function interestNames(db: Database, profile: Profile): string[] {
  const set = new Set(profile.interests);
  return db.interests.filter((i) => set.has(i.id)).map((i) => i.name);
}

/** `dataonly` keeps ID, fields, interests, modified (§4.6). */
export function profileJson(db: Database, p: Profile, dataOnly = false): unknown {
  const fields = fieldMap(db, p.values);
  const interests = interestNames(db, p);
  if (dataOnly) return { ID: String(p.id), fields, interests, modified: p.modified };
  return {
    ID: String(p.id),
    fields,
    interests,
    database: String(p.databaseId),
    secret: p.secret,
    created: p.created,
    modified: p.modified,
    removed: p.removed,
  };
}

/** `dataonly` keeps ID, fields, profile, collection, modified (§4.6). */
export function subprofileJson(c: Collection, s: Subprofile, dataOnly = false): unknown {
  const fields = fieldMap(c, s.values);
  if (dataOnly)
    return {
      ID: String(s.id),
      fields,
      profile: String(s.profileId),
      collection: String(s.collectionId),
      modified: s.modified,
    };
  return {
    ID: String(s.id),
    secret: s.secret,
    fields,
    profile: String(s.profileId),
    collection: String(s.collectionId),
    created: s.created,
    modified: s.modified,
    removed: s.removed,
  };
}

/** v1/v2 predate the customer/usedBy/license keys (§7). */
export function identityJson(identity: Identity, version: number): unknown {
  if (version >= 3) return identity;
  const { id, name, description, company } = identity;
  return { id, name, description, company };
}
