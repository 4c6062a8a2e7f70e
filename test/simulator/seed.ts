// Deterministic demo data: the same seed gives byte-identical answers on every start.
// Newsletter (≥ 1,200 profiles, every field type), Customers (Orders and Tickets collections),
// Events (a few profiles, one soft-deleted), and optionally Big.
import { formatWall, wallFromMs } from './dates';
import type { Database, Identity, Profile } from './model';
import { Rng } from './rng';
import {
  CITIES,
  COMPANIES,
  COMPANY_SUFFIXES,
  DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  SUBJECTS,
  mailPart,
} from './seedWords';
import { Store, type FieldSpec } from './store';
import { importDatabase } from './seedImport';
import { addBigDatabase, generateAccount } from './seedSynthetic';
import { seedViews } from './seedViews';
import type { SimulatorOptions } from './types';
import { resolveOptions } from './options';
import { materialiseAll } from './viewContents';

export const DEFAULT_SEED = 20240101;

export const DEMO_IDENTITY: Identity = {
  id: '1',
  name: 'Demo Account',
  description: 'Account of the local Copernica simulator',
  company: 'Copernica Demo BV',
  customer: { id: '1001', name: 'Copernica Demo BV', isPartner: false },
  usedBy: [],
  license: { id: '5001', isTrial: false },
};

const DAY = 86_400_000;
const EPOCH = Date.UTC(2019, 0, 1);

/** A datetime `days` days after 2019-01-01 plus a random part of a day. */
export function seedTime(rng: Rng, maxDays: number, afterMs = EPOCH): { text: string; ms: number } {
  const ms = afterMs + Math.floor((rng.next() * maxDays * DAY) / 1000) * 1000;
  return { text: formatWall(wallFromMs(ms)), ms };
}

export function buildStore(options: SimulatorOptions): Store {
  const store = new Store(DEMO_IDENTITY, new Rng(options.seed ?? DEFAULT_SEED));
  if (options.generate) {
    generateAccount(store, options.generate);
  } else {
    seedNewsletter(store, 1250);
    seedCustomers(store, 300);
    seedEvents(store);
    seedViews(store);
  }
  if (options.bigProfiles && options.bigProfiles > 0) addBigDatabase(store, options.bigProfiles);
  for (const extra of options.extraDatabases ?? []) importDatabase(store, extra);
  materialiseAll(store, resolveOptions(options));
  return store;
}

/** Adds a profile from readable values, coerced through the field types like an API create. */
function addProfile(
  store: Store,
  db: Database,
  values: Record<string, unknown>,
  interests: number[] = [],
): Profile {
  const given = new Map<number, unknown>();
  db.fields.forEach((f, i) => {
    if (f.name in values) given.set(i, values[f.name]);
  });
  const created = seedTime(store.rng, 1500);
  const modified = seedTime(store.rng, 300, created.ms);
  return store.addProfile(
    db,
    store.initialValues(db, given),
    interests,
    created.text,
    modified.text,
  );
}

function person(rng: Rng, n: number): { firstname: string; lastname: string; email: string } {
  const firstname = rng.pick(FIRST_NAMES);
  const lastname = rng.pick(LAST_NAMES);
  return {
    firstname,
    lastname,
    email: `${mailPart(firstname)}.${mailPart(lastname)}${n}@${rng.pick(DOMAINS)}`,
  };
}

// Every field type the client must handle; `Country` is capitalised to exercise case-insensitive names.
const NEWSLETTER_FIELDS: FieldSpec[] = [
  { name: 'email', type: 'email', length: 100, index: true },
  { name: 'firstname', type: 'text', length: 50 },
  { name: 'lastname', type: 'text', length: 50, ordered: true },
  { name: 'age', type: 'integer', value: '-1' },
  { name: 'birthdate', type: 'empty_date' },
  { name: 'Country', type: 'select', value: 'NL*\nBE\nDE\nFR\nGB\nUS' },
  { name: 'score', type: 'float', value: '0' },
  { name: 'signup', type: 'datetime' },
  { name: 'lastlogin', type: 'empty_datetime' },
  { name: 'member_since', type: 'date' },
  { name: 'subscribed', type: 'select', value: 'yes*\nno' },
  { name: 'mobile', type: 'phone_gsm', length: 20 },
  { name: 'notes', type: 'big', textlines: 5, displayed: false },
];

const CUSTOMER_FIELDS: FieldSpec[] = [
  { name: 'customerid', type: 'integer', value: '0', index: true },
  { name: 'company', type: 'text' },
  { name: 'contact', type: 'text' },
  { name: 'email', type: 'email', index: true },
  { name: 'phone', type: 'phone', length: 20 },
  { name: 'vip', type: 'select', value: 'yes\nno*' },
  { name: 'since', type: 'date' },
  { name: 'credit', type: 'float', value: '0' },
];

const ORDER_FIELDS: FieldSpec[] = [
  { name: 'order_id', type: 'text', index: true },
  { name: 'amount', type: 'float', value: '0' },
  { name: 'status', type: 'select', value: 'new*\npaid\nshipped\ncancelled' },
  { name: 'ordered_at', type: 'datetime' },
  { name: 'note', type: 'big' },
];

const TICKET_FIELDS: FieldSpec[] = [
  { name: 'subject', type: 'text' },
  { name: 'priority', type: 'select', value: 'low\nnormal*\nhigh' },
  { name: 'opened', type: 'empty_datetime' },
  { name: 'body', type: 'big' },
];

function seedNewsletter(store: Store, count: number): void {
  const rng = store.rng;
  const db = store.addDatabase(
    'Newsletter',
    'Subscribers of the monthly newsletter',
    '2019-01-07 09:12:44',
  );
  for (const spec of NEWSLETTER_FIELDS) store.addField(db, spec);
  const interests = [
    ['soccer', 'sports'],
    ['tennis', 'sports'],
    ['hockey', 'sports'],
    ['news', 'topics'],
    ['offers', 'topics'],
    ['events', 'topics'],
  ].map(([name, group]) => store.addInterest(db, name ?? '', group ?? ''));
  for (let n = 1; n <= count; n++) {
    const who = person(rng, n);
    const signup = seedTime(rng, 1800);
    const profile = addProfile(
      store,
      db,
      {
        ...who,
        age: 18 + rng.int(60),
        birthdate:
          rng.int(4) === 0 ? '' : seedTime(rng, 365 * 40, Date.UTC(1950, 0, 1)).text.slice(0, 10),
        Country: rng.pick(['NL', 'NL', 'NL', 'BE', 'DE', 'FR', 'GB', 'US']),
        score: Math.round(rng.next() * 10000) / 100,
        signup: signup.text,
        lastlogin: rng.int(3) === 0 ? '' : seedTime(rng, 200, signup.ms).text,
        member_since: signup.text.slice(0, 10),
        subscribed: rng.int(10) === 0 ? 'no' : 'yes',
        mobile: rng.int(2) === 0 ? '' : `+316${String(10000000 + rng.int(89999999))}`,
        notes: rng.int(5) === 0 ? `Met at ${rng.pick(CITIES)}.\nPrefers e-mail.` : '',
      },
      interests.filter(() => rng.int(3) === 0).map((i) => i.id),
    );
    // A sprinkle of removed profiles: lists and totals must skip them.
    if (n % 101 === 0) softRemove(store, profile, seedTime(rng, 100, Date.UTC(2024, 0, 1)).text);
  }
}

function seedCustomers(store: Store, count: number): void {
  const rng = store.rng;
  const db = store.addDatabase(
    'Customers',
    'Web shop customers with their orders and support tickets',
    '2020-03-02 14:30:00',
  );
  for (const spec of CUSTOMER_FIELDS) store.addField(db, spec);
  const segments = [
    store.addInterest(db, 'b2b', 'segment'),
    store.addInterest(db, 'b2c', 'segment'),
  ];
  const orders = store.addCollection(db, 'Orders');
  for (const spec of ORDER_FIELDS) store.addField(orders, spec);
  const tickets = store.addCollection(db, 'Tickets');
  for (const spec of TICKET_FIELDS) store.addField(tickets, spec);
  let orderNumber = 10000;
  for (let n = 1; n <= count; n++) {
    const who = person(rng, n);
    const profile = addProfile(
      store,
      db,
      {
        customerid: 4000 + n,
        company: `${rng.pick(COMPANIES)} ${rng.pick(COMPANY_SUFFIXES)}`,
        contact: `${who.firstname} ${who.lastname}`,
        email: who.email,
        phone: `+31 20 ${String(1000000 + rng.int(8999999))}`,
        vip: rng.int(8) === 0 ? 'yes' : 'no',
        since: seedTime(rng, 1500).text.slice(0, 10),
        credit: rng.int(50000) / 100,
      },
      [rng.pick(segments).id],
    );
    // The first customer has more than a page of orders, to exercise subprofile paging.
    const orderCount = n === 1 ? 150 : rng.int(7);
    for (let k = 0; k < orderCount; k++) {
      const at = seedTime(rng, 1500);
      addSub(
        store,
        profile,
        orders,
        [
          `ORD-${orderNumber++}`,
          (rng.int(100000) / 100).toFixed(2),
          rng.pick(['new', 'paid', 'shipped', 'cancelled']),
          at.text,
          '',
        ],
        at.ms,
      );
    }
    for (let k = 0, t = rng.int(4); k < t; k++) {
      const at = seedTime(rng, 1500);
      addSub(
        store,
        profile,
        tickets,
        [rng.pick(SUBJECTS), rng.pick(['low', 'normal', 'high']), at.text, 'Hello,\nplease help.'],
        at.ms,
      );
    }
  }
}

function addSub(
  store: Store,
  profile: Profile,
  collection: Database['collections'][number],
  values: string[],
  createdMs: number,
): void {
  const created = formatWall(wallFromMs(createdMs));
  store.addSubprofile(
    profile,
    collection,
    values,
    created,
    seedTime(store.rng, 30, createdMs).text,
  );
}

function seedEvents(store: Store): void {
  const db = store.addDatabase('Events', 'Event registrations', '2023-05-11 08:00:00');
  store.addField(db, { name: 'name', type: 'text' });
  store.addField(db, { name: 'email', type: 'email' });
  store.addField(db, { name: 'event', type: 'select', value: 'Summit 2025\nWorkshop\nWebinar' });
  store.addField(db, { name: 'date', type: 'date' });
  const sessions = store.addCollection(db, 'Sessions');
  store.addField(sessions, { name: 'title', type: 'text' });
  store.addField(sessions, { name: 'starts', type: 'datetime' });
  const people = [
    'Ada Lovelace',
    'Grace Hopper',
    'Alan Turing',
    'Edsger Dijkstra',
    'Barbara Liskov',
  ];
  people.forEach((name, i) => {
    const profile = addProfile(store, db, {
      name,
      email: `${mailPart(name.split(' ')[0] ?? '')}@example.com`,
      event: ['Summit 2025', 'Workshop', 'Webinar'][i % 3],
      date: `2025-0${(i % 3) + 3}-1${i}`,
    });
    addSub(
      store,
      profile,
      sessions,
      [`Session ${i + 1}`, `2025-03-1${i} 10:00:00`],
      Date.UTC(2025, 1, 1),
    );
  });
  // One removed registration (with its session), as the API keeps it: readable, emptied.
  const removed = db.profiles[3];
  if (removed) softRemove(store, removed, '2025-02-14 16:20:00');
}

function softRemove(store: Store, profile: Profile, at: string): void {
  const db = store.databaseOf(profile);
  profile.removed = at;
  profile.values = db.fields.map(() => '');
  profile.interests = [];
  for (const sub of profile.subprofiles ?? []) {
    sub.removed = at;
    sub.values = store.collectionOf(sub).fields.map(() => '');
  }
}
