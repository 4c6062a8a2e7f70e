// A small seeded property-based test harness: a deterministic PRNG, generators of field
// definitions, profiles and hostile text, and `forAll`, which runs a property on N generated
// cases and names the seed and case of a failure so it can be replayed.
//   COPERNICA_FUZZ_CASES=N   cases per property (default DEFAULT_CASES, bounded for `npm test`)
//   COPERNICA_FUZZ_SEED=S    first seed (default 20); case i uses seed S + i
//   COPERNICA_FUZZ_REPORT=1  print each property's slowest case
import type { Field, Interest, Profile, Subprofile } from '../../../src/api/types';

export const DEFAULT_CASES = 400;

/** sfc32: small, fast, and the same sequence on every platform for a given seed. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    [this.a, this.b, this.c, this.d] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.next() / 0x100000000) * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }

  pick<T>(list: readonly T[]): T {
    const item = list[this.int(list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  string(alphabet: string, maxLength: number, minLength = 0): string {
    const chars = Array.from(alphabet);
    let out = '';
    for (let i = this.between(minLength, maxLength); i > 0; i--) out += this.pick(chars);
    return out;
  }
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

export function fuzzCases(): number {
  return envNumber('COPERNICA_FUZZ_CASES', DEFAULT_CASES);
}

export interface Slowest {
  property: string;
  ms: number;
  caseIndex: number;
  seed: number;
  size: string;
}

const slowest: Slowest[] = [];

/** The slowest case of every property run so far (for COPERNICA_FUZZ_REPORT and the closing note). */
export function slowestCases(): readonly Slowest[] {
  return slowest;
}

function describeInput(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
}

/**
 * Runs `property` on `cases` inputs made by `generate`, each from its own seed. A failing case
 * throws with the seed that replays it (COPERNICA_FUZZ_SEED=seed COPERNICA_FUZZ_CASES=1).
 * `size` says how large an input is, for the slowest-case report.
 */
export function forAll<T>(
  property: string,
  generate: (rng: Rng) => T,
  check: (input: T, rng: Rng) => void,
  size: (input: T) => string = (input) => `${describeInput(input).length} chars`,
  cases = fuzzCases(),
): void {
  const first = envNumber('COPERNICA_FUZZ_SEED', 20);
  let worst: Slowest | undefined;
  for (let i = 0; i < cases; i++) {
    const seed = first + i;
    const rng = new Rng(seed);
    const input = generate(rng);
    const started = performance.now();
    try {
      check(input, rng);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(
        `${property}: case ${i} (COPERNICA_FUZZ_SEED=${seed}) failed: ${why}\ninput: ${describeInput(input)}`,
        { cause: error },
      );
    }
    const ms = performance.now() - started;
    if (!worst || ms > worst.ms) worst = { property, ms, caseIndex: i, seed, size: size(input) };
  }
  if (worst) {
    slowest.push(worst);
    if (process.env['COPERNICA_FUZZ_REPORT']) {
      console.log(
        `      slowest of ${cases}: ${worst.ms.toFixed(1)} ms, ${worst.size} (COPERNICA_FUZZ_SEED=${worst.seed})`,
      );
    }
  }
}

// Generators.
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
const ODD_CHARS = 'é😀"\\/ \t{}[],:0123456789\u2028';
export const FIELD_TYPES = [
  'text',
  'email',
  'phone',
  'phone_fax',
  'phone_gsm',
  'integer',
  'float',
  'date',
  'empty_date',
  'datetime',
  'empty_datetime',
  'select',
  'big',
  'foreign_key',
  'future_type',
  'constructor',
] as const;

export function name(rng: Rng): string {
  const kind = rng.int(10);
  if (kind === 0) return rng.pick(PROTOTYPE_NAMES);
  if (kind === 1) return String(rng.int(3000));
  if (kind === 2) return rng.string(LETTERS + ODD_CHARS, 12, 1);
  return rng.string(LETTERS, 1, 1) + rng.string(`${LETTERS}0123456789`, 14);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function date(rng: Rng): string {
  const month = rng.between(1, 12);
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 28;
  return `${pad(rng.between(1, 9999), 4)}-${pad(month)}-${pad(rng.between(1, days))}`;
}

function time(rng: Rng): string {
  return `${pad(rng.between(0, 23))}:${pad(rng.between(0, 59))}:${pad(rng.between(0, 59))}`;
}

/** Text Copernica stores as it is: no control characters but \t \n \r, where `multiline`. */
function text(rng: Rng, maxLength: number, multiline: boolean): string {
  return rng.string(`${LETTERS} 0123456789é😀"\\/{}[]:,${multiline ? '\n\t\r' : ''}`, maxLength);
}

function selectList(rng: Rng): string {
  const choices = Array.from({ length: rng.int(8) }, () =>
    rng.chance(0.1) ? rng.pick(PROTOTYPE_NAMES) : text(rng, 6, false),
  );
  if (choices.length > 0 && rng.chance(0.5))
    choices[rng.int(choices.length)] += rng.pick(['*', ' *', '\t*']);
  if (rng.chance(0.2)) choices.push(choices[0] ?? 'dup');
  return choices.join(rng.pick(['\r\n', '\n']));
}

export function field(rng: Rng, fieldName = name(rng)): Field {
  const type = rng.pick(FIELD_TYPES);
  const value =
    type === 'select'
      ? selectList(rng)
      : rng.chance(0.5)
        ? text(rng, 12, rng.chance(0.2))
        : validValue(rng, { type, value: '', length: '' });
  return {
    ID: String(rng.between(1, 99999)),
    name: fieldName,
    type,
    value,
    displayed: rng.chance(0.5),
    ordered: false,
    length: rng.pick(['', '', '0', '5', '50', '255', 'x']),
    textlines: '1',
    hidden: false,
    index: false,
  };
}

/** Field definitions, with an occasional repeated name (the first one counts). */
export function fields(rng: Rng, max = 25): Field[] {
  const list: Field[] = [];
  for (let i = rng.int(max + 1); i > 0; i--) {
    const repeat = list.length > 0 && rng.chance(0.05);
    list.push(field(rng, repeat ? rng.pick(list).name : name(rng)));
  }
  return list;
}

/** The definition that counts for each name: the first. */
export function firstDefinitions(list: readonly Field[]): Map<string, Field> {
  const map = new Map<string, Field>();
  for (const f of list) if (!map.has(f.name)) map.set(f.name, f);
  return map;
}

function choices(value: string): string[] {
  const seen = new Set<string>();
  for (const line of value.split(/\r?\n/)) {
    const choice = line.trimEnd().replace(/\*$/, '').trimEnd();
    if (choice !== '') seen.add(choice);
  }
  return [...seen];
}

/** A value that the checks accept for the field, as Copernica would send it. */
export function validValue(rng: Rng, f: Pick<Field, 'type' | 'value' | 'length'>): string {
  const limit = Number.parseInt(f.length, 10) > 0 ? Number.parseInt(f.length, 10) : 40;
  switch (f.type) {
    case 'integer':
      return String(rng.between(-2147483648, 2147483647));
    case 'float':
      return rng.pick([
        String(rng.between(-99999, 99999)),
        `${rng.int(1000)}.${rng.int(100)}`,
        '1e5',
        '-0.5',
      ]);
    case 'date':
      return rng.chance(0.2) ? '0000-00-00' : date(rng);
    case 'empty_date':
      return rng.chance(0.2) ? '' : date(rng);
    case 'datetime':
      return rng.chance(0.2) ? '0000-00-00 00:00:00' : `${date(rng)} ${time(rng)}`;
    case 'empty_datetime':
      return rng.chance(0.2) ? '' : `${date(rng)} ${time(rng)}`;
    case 'email': {
      const email = `${rng.string('abcxyz', 6, 1)}@example.${rng.pick(['com', 'nl'])}`;
      return rng.chance(0.2) || email.length > limit ? '' : email;
    }
    case 'foreign_key':
      return rng.chance(0.3) ? '' : String(rng.int(1e9));
    case 'select': {
      const list = choices(f.value).filter(
        (c) =>
          !Array.from(c).some(
            (ch) =>
              ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f),
          ),
      );
      return list.length === 0 || rng.chance(0.2) ? '' : rng.pick(list);
    }
    case 'text':
    case 'big':
      return text(rng, Math.min(limit, 40), true);
    default:
      return text(rng, Math.min(limit, 40), false);
  }
}

export interface Scenario {
  fields: Field[];
  interests: Interest[];
  profile: Profile;
  subprofile: Subprofile;
  /** Names the profile has that the definitions lack (sent by the server). */
  extras: string[];
}

function valuesFor(
  rng: Rng,
  definitions: Map<string, Field>,
  extras: readonly string[],
): Record<string, string> {
  const values: [string, string][] = [];
  for (const f of definitions.values())
    if (rng.chance(0.9)) values.push([f.name, validValue(rng, f)]);
  for (const extra of extras) values.push([extra, text(rng, 10, false)]);
  // Own properties in a null-prototype map, as the API parser makes them.
  const map = Object.create(null) as Record<string, string>;
  for (const [key, value] of values)
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return map;
}

export function scenario(rng: Rng): Scenario {
  const list = fields(rng);
  const definitions = firstDefinitions(list);
  const extras = rng.chance(0.3) ? [name(rng), name(rng)].filter((n) => !definitions.has(n)) : [];
  const uniqueExtras = [...new Set(extras)];
  const interestNames = [...new Set(Array.from({ length: rng.int(12) }, () => name(rng)))];
  const interests = interestNames.map((n, i) => ({ ID: String(i + 1), name: n, group: 'g' }));
  const set = interestNames.filter(() => rng.chance(0.4));
  if (rng.chance(0.1)) set.push(`new_${name(rng)}`);
  const common = {
    ID: String(rng.between(1, 1e9)),
    secret: rng.string('abcdef0123456789', 28, 28),
    created: `${date(rng)} ${time(rng)}`,
    modified: `${date(rng)} ${time(rng)}`,
    removed: rng.chance(0.1) ? `${date(rng)} ${time(rng)}` : (false as const),
  };
  return {
    fields: list,
    interests,
    extras: uniqueExtras,
    profile: {
      ...common,
      fields: valuesFor(rng, definitions, uniqueExtras),
      interests: [...new Set(set)],
      database: String(rng.int(9999)),
    },
    subprofile: {
      ...common,
      fields: valuesFor(rng, definitions, uniqueExtras),
      profile: String(rng.int(1e6)),
      collection: String(rng.int(9999)),
    },
  };
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '//',
  '/*',
  '*/',
  '\n',
  '\r\n',
  ' ',
  'null',
  'true',
  '-',
  '0',
  '1e400',
  '01',
  '.5',
  '\u0000',
  '\ufeff',
  '"__proto__"',
  '"constructor": ',
  "'",
  'NaN',
  '\\u00',
  '\t',
  '😀',
  '\ud800',
];

/** The text with a few random edits: tokens inserted, spans deleted, duplicated or repeated. */
export function mutate(rng: Rng, source: string): string {
  let text = source;
  for (let n = rng.between(1, 6); n > 0; n--) {
    const at = rng.int(text.length + 1);
    const kind = rng.int(5);
    if (kind === 0) text = text.slice(0, at) + rng.pick(TOKENS) + text.slice(at);
    else if (kind === 1) text = text.slice(0, at) + text.slice(at + rng.between(1, 20));
    else if (kind === 2)
      text =
        text.slice(0, at) +
        text.slice(at, at + rng.between(1, 60)).repeat(rng.between(2, 4)) +
        text.slice(at);
    else if (kind === 3)
      text = text.slice(0, at) + rng.pick(TOKENS).repeat(rng.between(2, 300)) + text.slice(at);
    else text = text.slice(0, at);
  }
  return text;
}

/** Any JSON-ish value, nested up to `depth`, as text (sometimes deeper than the checks allow). */
export function randomJson(rng: Rng, depth: number): string {
  if (depth <= 0 || rng.chance(0.3)) {
    return rng.pick([
      'null',
      'true',
      'false',
      '0',
      '-1.5e3',
      '"x"',
      JSON.stringify(text(rng, 8, true)),
      '12345678901234567890',
    ]);
  }
  // Wide near the leaves, a single chain above: deep without growing exponentially.
  const n = depth > 4 ? 1 : rng.int(5);
  if (rng.chance(0.5))
    return `[${Array.from({ length: n }, () => randomJson(rng, depth - 1)).join(',')}]`;
  return `{${Array.from({ length: n }, () => `${JSON.stringify(name(rng))}:${randomJson(rng, depth - 1)}`).join(',')}}`;
}

/** The same JSON with random whitespace between tokens (strings kept intact). */
export function respace(rng: Rng, json: string, eol: string): string {
  const parts = json.match(/"(?:[^"\\]|\\.)*"|[^"]/g) ?? [];
  return parts
    .map(
      (p) =>
        (/^\s$/.test(p) ? '' : p) + (rng.chance(0.2) ? rng.pick([' ', eol, '  ', `${eol}\t`]) : ''),
    )
    .join('');
}
