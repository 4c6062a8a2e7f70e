// The simulated account: entities, lookups and one auto-increment ID sequence per entity type
// (IDs are never reused, §8). Rules about updates and deletes live in mutations.ts.
import type { FieldType } from '../../src/api/types';
import { coerceValue } from './coerce';
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
import type { Rng } from './rng';
import { ViewStore } from './views';

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** Default value; for a select the choices, newline separated, `*` marking the default. */
  value?: string;
  displayed?: boolean;
  ordered?: boolean;
  length?: number;
  textlines?: number;
  hidden?: boolean;
  index?: boolean;
}

/** One auto-increment sequence per entity type, each starting at 1 (§8). */
const FIRST_IDS = { database: 1, collection: 1, interest: 1, field: 1, profile: 1, subprofile: 1 };

type Sequence = keyof typeof FIRST_IDS;

export class Store {
  readonly databases = new Map<number, Database>();
  readonly collections = new Map<number, Collection>();
  readonly profiles = new Map<number, Profile>();
  readonly subprofiles = new Map<number, Subprofile>();
  /** Selections and miniselections with their rules (README §9). */
  readonly views = new ViewStore();
  private readonly next = { ...FIRST_IDS };
  /**
   * Answers rendered from definitions alone (databases with their fields, interests and
   * collections), kept until a definition is added. Definitions change only through the add…
   * methods below; profiles and subprofiles are never part of these answers.
   */
  private readonly definitionAnswers = new Map<string, string>();

  constructor(
    readonly identity: Identity,
    readonly rng: Rng,
  ) {}

  nextId(sequence: Sequence): number {
    return this.next[sequence]++;
  }

  /** The answer under `key`, rendered once per state of the definitions. */
  definitionAnswer(key: string, render: () => string): string {
    let text = this.definitionAnswers.get(key);
    if (text === undefined) {
      text = render();
      this.definitionAnswers.set(key, text);
    }
    return text;
  }

  secret(): string {
    return this.rng.hex(28);
  }

  addDatabase(name: string, description: string, created: string): Database {
    const db: Database = {
      id: this.nextId('database'),
      name,
      description,
      archived: false,
      created,
      fields: [],
      interests: [],
      collections: [],
      profiles: [],
    };
    this.databases.set(db.id, db);
    this.definitionAnswers.clear();
    return db;
  }

  addField(owner: FieldOwner, spec: FieldSpec): FieldDef {
    const raw = (spec.value ?? '').split(/\r?\n/);
    const isSelect = spec.type === 'select';
    const choices = isSelect
      ? raw.map((c) => c.replace(/\*$/, '').trimEnd()).filter((c) => c !== '')
      : [];
    const starred = isSelect ? raw.find((c) => c.endsWith('*')) : undefined;
    const field: FieldDef = {
      id: this.nextId('field'),
      name: spec.name,
      key: spec.name.toLowerCase(),
      type: spec.type,
      value: isSelect ? choices.join('\r\n') : (spec.value ?? ''),
      defaultValue: isSelect ? (starred?.replace(/\*$/, '').trimEnd() ?? '') : (spec.value ?? ''),
      choices,
      displayed: spec.displayed ?? true,
      ordered: spec.ordered ?? false,
      length: String(spec.length ?? 255),
      textlines: String(spec.textlines ?? 1),
      hidden: spec.hidden ?? false,
      index: spec.index ?? false,
    };
    owner.fields.push(field);
    this.definitionAnswers.clear();
    return field;
  }

  addInterest(db: Database, name: string, group: string): Interest {
    const interest = { id: this.nextId('interest'), name, group };
    db.interests.push(interest);
    this.definitionAnswers.clear();
    return interest;
  }

  addCollection(db: Database, name: string): Collection {
    const collection: Collection = {
      id: this.nextId('collection'),
      name,
      databaseId: db.id,
      fields: [],
      subprofiles: [],
    };
    db.collections.push(collection);
    this.definitionAnswers.clear();
    this.collections.set(collection.id, collection);
    return collection;
  }

  /** Values for a new entity: the given ones coerced, defaults for the rest (§4.9). */
  initialValues(owner: FieldOwner, given: Map<number, unknown>): string[] {
    return owner.fields.map((f, i) => coerceValue(f, given.has(i) ? given.get(i) : f.defaultValue));
  }

  addProfile(
    db: Database,
    values: string[],
    interests: number[],
    created: string,
    modified = created,
  ): Profile {
    const profile: Profile = {
      id: this.nextId('profile'),
      databaseId: db.id,
      values,
      interests,
      secret: this.secret(),
      created,
      modified,
      removed: false,
    };
    db.profiles.push(profile);
    this.profiles.set(profile.id, profile);
    return profile;
  }

  addSubprofile(
    profile: Profile,
    collection: Collection,
    values: string[],
    created: string,
    modified = created,
  ): Subprofile {
    const sub: Subprofile = {
      id: this.nextId('subprofile'),
      profileId: profile.id,
      collectionId: collection.id,
      values,
      secret: this.secret(),
      created,
      modified,
      removed: false,
    };
    collection.subprofiles.push(sub);
    (profile.subprofiles ??= []).push(sub);
    this.subprofiles.set(sub.id, sub);
    return sub;
  }

  /** `$db` is an ID or a name (case-insensitive); a numeric-looking value is only an ID (§4). */
  findDatabase(ref: string): Database | undefined {
    if (/^\d+$/.test(ref)) return this.databases.get(Number(ref));
    const key = ref.toLowerCase();
    for (const db of this.databases.values()) if (db.name.toLowerCase() === key) return db;
    return undefined;
  }

  /** A collection by global ID, or by name within a database. */
  findCollection(ref: string, db?: Database): Collection | undefined {
    if (/^\d+$/.test(ref)) {
      const c = this.collections.get(Number(ref));
      return db && c?.databaseId !== db.id ? undefined : c;
    }
    const key = ref.toLowerCase();
    return db?.collections.find((c) => c.name.toLowerCase() === key);
  }

  findProfile(ref: string): Profile | undefined {
    return /^\d+$/.test(ref) ? this.profiles.get(Number(ref)) : undefined;
  }

  findSubprofile(ref: string): Subprofile | undefined {
    return /^\d+$/.test(ref) ? this.subprofiles.get(Number(ref)) : undefined;
  }

  databaseOf(profile: Profile): Database {
    const db = this.databases.get(profile.databaseId);
    if (!db) throw new Error(`profile ${profile.id} has no database`);
    return db;
  }

  collectionOf(sub: Subprofile): Collection {
    const c = this.collections.get(sub.collectionId);
    if (!c) throw new Error(`subprofile ${sub.id} has no collection`);
    return c;
  }
}
