// Large and synthetic data: the `Big` database (100,000 profiles in well under 5 s) and the
// `generate` account used by benchmarks. Values are built as final strings, skipping coercion.
import type { FieldType } from '../../src/api/types';
import { formatWall, wallFromMs } from './dates';
import type { Database, FieldOwner } from './model';
import type { Rng } from './rng';
import { CITIES, DOMAINS, FIRST_NAMES, LAST_NAMES, mailPart } from './seedWords';
import type { Store } from './store';
import { addBigViews, addSyntheticViews } from './seedViews';
import type { GenerateSpec } from './types';

const DAY = 86_400_000;
const EPOCH = Date.UTC(2018, 0, 1);

function timestamp(rng: Rng, maxDays: number, afterMs = EPOCH): number {
  return afterMs + Math.floor(rng.next() * maxDays * 86_400) * 1000;
}

const DAY_PREFIX = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Datetime text of a zone-less ms value; the date part is cached per day (100,000 of these add up). */
function text(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = DAY_PREFIX.get(day);
  if (prefix === undefined) {
    prefix = formatWall(wallFromMs(day * DAY)).slice(0, 11);
    DAY_PREFIX.set(day, prefix);
  }
  const seconds = Math.floor((ms - day * DAY) / 1000);
  return `${prefix}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
}

export function addBigDatabase(store: Store, count: number): Database {
  const rng = store.rng;
  const db = store.addDatabase(
    'Big',
    `Generated database with ${count} profiles`,
    '2022-06-01 12:00:00',
  );
  for (const [name, type] of [
    ['email', 'email'],
    ['firstname', 'text'],
    ['lastname', 'text'],
    ['city', 'text'],
    ['age', 'integer'],
    ['score', 'float'],
    ['signup', 'datetime'],
  ] as const) {
    store.addField(db, { name, type, value: type === 'integer' || type === 'float' ? '0' : '' });
  }
  const vip = store.addInterest(db, 'vip', 'segment');
  const firsts = FIRST_NAMES.map((n) => [n, mailPart(n)] as const);
  const lasts = LAST_NAMES.map((n) => [n, mailPart(n)] as const);
  for (let n = 1; n <= count; n++) {
    const [first, firstMail] = rng.pick(firsts);
    const [last, lastMail] = rng.pick(lasts);
    const created = timestamp(rng, 1500);
    const values = [
      `${firstMail}.${lastMail}${n}@${rng.pick(DOMAINS)}`,
      first,
      last,
      rng.pick(CITIES),
      String(16 + rng.int(70)),
      String(rng.int(10000) / 100),
      text(timestamp(rng, 1500)),
    ];
    store.addProfile(
      db,
      values,
      n % 5 === 0 ? [vip.id] : [],
      text(created),
      text(timestamp(rng, 300, created)),
    );
  }
  addBigViews(store, db);
  return db;
}

const CYCLE: FieldType[] = [
  'text',
  'integer',
  'float',
  'date',
  'datetime',
  'select',
  'empty_date',
  'empty_datetime',
  'big',
  'phone',
];

function addFields(store: Store, owner: FieldOwner, count: number, withEmail: boolean): void {
  for (let i = 0; i < count; i++) {
    const type: FieldType = i === 0 && withEmail ? 'email' : (CYCLE[i % CYCLE.length] ?? 'text');
    const value =
      type === 'select' ? 'red*\ngreen\nblue' : type === 'integer' || type === 'float' ? '0' : '';
    store.addField(owner, { name: i === 0 && withEmail ? 'email' : `field_${i + 1}`, type, value });
  }
}

function sampleValue(rng: Rng, type: FieldType, n: number): string {
  switch (type) {
    case 'email':
      return `user${n}@${rng.pick(DOMAINS)}`;
    case 'integer':
      return String(rng.int(1000));
    case 'float':
      return String(rng.int(100000) / 100);
    case 'date':
    case 'empty_date':
      return text(timestamp(rng, 3000)).slice(0, 10);
    case 'datetime':
    case 'empty_datetime':
      return text(timestamp(rng, 3000));
    case 'select':
      return rng.pick(['red', 'green', 'blue']);
    case 'phone':
      return `+31 6 ${10000000 + rng.int(89999999)}`;
    default:
      return `${rng.pick(FIRST_NAMES)} ${rng.pick(CITIES)}`;
  }
}

function sampleValues(rng: Rng, owner: FieldOwner, n: number): string[] {
  return owner.fields.map((f) => sampleValue(rng, f.type, n));
}

/** The synthetic account of options.generate (e.g. 20 databases × 5 collections × 30 fields). */
export function generateAccount(store: Store, spec: GenerateSpec): void {
  const rng = store.rng;
  const perProfile = spec.subprofilesPerProfile ?? 0;
  for (let d = 1; d <= (spec.databases ?? 3); d++) {
    const db = store.addDatabase(
      `Database_${d}`,
      `Generated database ${d}`,
      text(timestamp(rng, 1000)),
    );
    addFields(store, db, spec.fieldsPerDatabase ?? 10, true);
    store.addInterest(db, 'newsletter', 'general');
    for (let c = 1; c <= (spec.collectionsPerDatabase ?? 2); c++) {
      addFields(
        store,
        store.addCollection(db, `Collection_${c}`),
        spec.fieldsPerCollection ?? 5,
        false,
      );
    }
    for (let n = 1; n <= (spec.profilesPerDatabase ?? 100); n++) {
      const created = timestamp(rng, 1500);
      const profile = store.addProfile(
        db,
        sampleValues(rng, db, n),
        [],
        text(created),
        text(timestamp(rng, 300, created)),
      );
      for (const collection of db.collections) {
        for (let k = 0; k < perProfile; k++) {
          const at = text(timestamp(rng, 1500));
          store.addSubprofile(profile, collection, sampleValues(rng, collection, k), at, at);
        }
      }
    }
    if (d === 1) addSyntheticViews(store, db, spec.views ?? 0, spec.viewDepth ?? 3);
  }
}
