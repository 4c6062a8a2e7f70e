// Parsers from `unknown` JSON into the payload types. Lenient where Copernica is known to vary
// (numbers vs strings, 1/0 vs booleans, keys dropped by `dataonly`), strict about shape: a list
// that is not a list or an entity without an ID is a malformed payload -> ApiError 'server'.
import { ApiError, invalidResponseMessage } from './errors';
import type {
  Collection,
  Database,
  Field,
  Identity,
  Intentions,
  Interest,
  Page,
  Profile,
  Subprofile,
} from './types';

type Json = Record<string, unknown>;
export type Parser<T> = (value: unknown) => T;

export function malformed(what: string): ApiError {
  // `what` is a technical detail of the payload, for the log and for support: not translated.
  return new ApiError({ kind: 'server', message: `${invalidResponseMessage()}: ${what}` });
}

export function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`expected ${what} to be an object`);
  }
  return value as Json;
}

/** IDs and values arrive as strings, but a number is the same value, not a broken payload. */
export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}

export function id(source: Json, key: string, what: string): string {
  const value = source[key];
  if ((typeof value === 'string' && value !== '') || typeof value === 'number')
    return String(value);
  throw malformed(`${what} without ${key}`);
}

/** Docs describe some flags as 1/null and others as booleans; accept both. */
export function bool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return /^(1|true|yes)$/i.test(value.trim());
  return false;
}

/**
 * Paging numbers are whole and well within 2^53: a 400-digit count would read as Infinity (and
 * a loop bounded by it would never end), so anything beyond is a broken payload.
 */
function num(value: unknown, what: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  throw malformed(`${what} is not a number`);
}

function optionalNum(value: unknown, what: string): number | undefined {
  return value === undefined || value === null ? undefined : num(value, what);
}

/**
 * Field values are strings in every response; null becomes '' rather than failing the page.
 * The map has no prototype and holds own properties only: a database may have a field named
 * "__proto__" (which `result[key] = …` on a plain object would swallow as a prototype change) or
 * "constructor" (which a lookup of a missing key would find on Object.prototype).
 *
 * The object JSON.parse made is taken over rather than copied (an export parses 100,000 of them):
 * its prototype is removed first, then any value that is not a string is made one. JSON.parse
 * makes every key, "__proto__" included, an own data property. Anything else (a frozen or exotic
 * object) is copied into a new map.
 */
export function parseFieldMap(value: unknown): Record<string, string> {
  // An empty map is serialised by PHP as [] rather than {}.
  if (Array.isArray(value) && value.length === 0)
    return Object.create(null) as Record<string, string>;
  const source = object(value, 'fields');
  const proto = Object.getPrototypeOf(source) as unknown;
  const own = (proto === Object.prototype || proto === null) && Object.isExtensible(source);
  const result = own
    ? (Object.setPrototypeOf(source, null) as Record<string, unknown>)
    : (Object.create(null) as Record<string, unknown>);
  // Plain assignment is safe without a prototype (no inherited `__proto__` setter to swallow it).
  for (const key of Object.keys(source)) {
    const v = source[key];
    if (!own || typeof v !== 'string') result[key] = str(v);
  }
  return result as Record<string, string>;
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed(`${what} is not a list`);
  return value.map((item) => str(item));
}

function removed(value: unknown): false | string {
  if (value === undefined || value === null || value === false || value === '') return false;
  return str(value);
}

export function parsePage<T>(value: unknown, item: Parser<T>): Page<T> {
  const source = object(value, 'a list');
  if (!Array.isArray(source['data'])) throw malformed('list without data');
  const data = source['data'].map(item);
  const page: Page<T> = {
    start: optionalNum(source['start'], 'start') ?? 0,
    limit: optionalNum(source['limit'], 'limit') ?? data.length,
    count: optionalNum(source['count'], 'count') ?? data.length,
    data,
  };
  const total = optionalNum(source['total'], 'total');
  if (total !== undefined) page.total = total;
  const nextId = optionalNum(source['nextid'], 'nextid');
  if (nextId !== undefined) page.nextId = nextId;
  return page;
}

/** An embedded list that is absent (e.g. trimmed by the server) is an empty page, not an error. */
function embeddedPage<T>(value: unknown, item: Parser<T>): Page<T> {
  if (value === undefined || value === null) return { start: 0, limit: 0, count: 0, data: [] };
  return parsePage(value, item);
}

export function parseIdentity(value: unknown): Identity {
  const source = object(value, 'the identity');
  return {
    id: id(source, source['id'] === undefined ? 'ID' : 'id', 'identity'),
    name: str(source['name']),
    description: str(source['description']),
    company: str(source['company']),
  };
}

export function parseIntentions(value: unknown): Intentions {
  const source = value === undefined || value === null ? {} : object(value, 'intentions');
  return {
    email: bool(source['email']),
    sms: bool(source['sms']),
    fax: bool(source['fax']),
    pdf: bool(source['pdf']),
  };
}

export function parseField(value: unknown): Field {
  const source = object(value, 'a field');
  return {
    ID: id(source, 'ID', 'field'),
    name: str(source['name']),
    type: str(source['type'], 'text'),
    value: str(source['value']),
    displayed: bool(source['displayed']),
    ordered: bool(source['ordered']),
    length: str(source['length']),
    textlines: str(source['textlines']),
    hidden: bool(source['hidden']),
    index: bool(source['index']),
  };
}

export function parseInterest(value: unknown): Interest {
  const source = object(value, 'an interest');
  return {
    ID: id(source, 'ID', 'interest'),
    name: str(source['name']),
    group: str(source['group']),
  };
}

export function parseCollection(value: unknown): Collection {
  const source = object(value, 'a collection');
  return {
    ID: id(source, 'ID', 'collection'),
    name: str(source['name']),
    database: str(source['database']),
    fields: embeddedPage(source['fields'], parseField),
    intentions: parseIntentions(source['intentions']),
  };
}

export function parseDatabase(value: unknown): Database {
  const source = object(value, 'a database');
  return {
    ID: id(source, 'ID', 'database'),
    name: str(source['name']),
    description: str(source['description']),
    archived: bool(source['archived']),
    created: str(source['created']),
    fields: embeddedPage(source['fields'], parseField),
    interests: embeddedPage(source['interests'], parseInterest),
    collections: embeddedPage(source['collections'], parseCollection),
    intentions: parseIntentions(source['intentions']),
  };
}

/** `dataonly=true` trims database/secret/created/removed; those become '' / false. */
export function parseProfile(value: unknown): Profile {
  const source = object(value, 'a profile');
  return {
    ID: id(source, 'ID', 'profile'),
    fields: parseFieldMap(source['fields'] ?? {}),
    interests: stringList(source['interests'], 'interests'),
    database: str(source['database']),
    secret: str(source['secret']),
    created: str(source['created']),
    modified: str(source['modified']),
    removed: removed(source['removed']),
  };
}

export function parseSubprofile(value: unknown): Subprofile {
  const source = object(value, 'a subprofile');
  return {
    ID: id(source, 'ID', 'subprofile'),
    secret: str(source['secret']),
    fields: parseFieldMap(source['fields'] ?? {}),
    profile: str(source['profile']),
    collection: str(source['collection']),
    created: str(source['created']),
    modified: str(source['modified']),
    removed: removed(source['removed']),
  };
}

/** The digits of an `X-Created` header; anything else means the create cannot be confirmed. */
export function parseCreatedId(header: string | null): string {
  const match = header === null ? null : /^\s*(\d+)\s*$/.exec(header);
  if (match?.[1] === undefined) throw malformed('no X-Created header with the new id');
  return match[1];
}
