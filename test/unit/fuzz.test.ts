// Properties of the document model and the query builders on seeded random input (issue 20).
// `npm test` runs DEFAULT_CASES per property; COPERNICA_FUZZ_CASES=20000 runs more, and
// COPERNICA_FUZZ_REPORT=1 prints each property's slowest case. See test/unit/support/fuzz.ts.
import * as assert from 'node:assert';
import { formatCondition, parseCondition } from '../../src/api/conditions';
import { parseProfile, parseSubprofile } from '../../src/api/parse';
import { profileSearchParams } from '../../src/api/query';
import { CONDITION_OPERATORS, type Condition, type Profile } from '../../src/api/types';
import {
  type CheckResult,
  type DocumentSchema,
  checkDocument,
  computeChanges,
  formatEdits,
  locateFieldAt,
  newProfileTemplate,
  newSubprofileTemplate,
  outline,
  serializeProfile,
  serializeSubprofile,
  toParsedDocument,
} from '../../src/documents/model';
import { MAX_PROBLEMS } from '../../src/documents/model/tree';
import {
  type Rng,
  type Scenario,
  firstDefinitions,
  forAll,
  mutate,
  name,
  randomJson,
  respace,
  scenario,
  validValue,
} from './support/fuzz';

function profileSchema(s: Scenario): DocumentSchema {
  return { kind: 'profile', fields: s.fields, interests: s.interests };
}

/** 1-based line and column of every offset, computed the simple way, to compare with the model's. */
function positions(text: string): (offset: number) => [number, number] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] ?? 0) <= offset) line++;
    return [line + 1, offset - (starts[line] ?? 0) + 1];
  };
}

function assertWellFormed(text: string, result: CheckResult): void {
  assert.ok(result.problems.length <= MAX_PROBLEMS + 1, `${result.problems.length} problems`);
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.strictEqual(result.ok, errors.length === 0, 'ok means no errors');
  assert.strictEqual(result.value !== undefined, result.ok, 'a value exactly when ok');
  const at = positions(text);
  let previous = 0;
  for (const p of result.problems) {
    assert.ok(
      p.offset >= 0 && p.offset + p.length <= text.length + 1,
      `${p.code} at ${p.offset}+${p.length}`,
    );
    assert.ok(p.offset >= previous, 'sorted by offset');
    previous = p.offset;
    assert.deepStrictEqual([p.line, p.column], at(Math.min(p.offset, text.length)), p.code);
    assert.ok(p.message !== '', `${p.code} without a message`);
  }
}

function hostileDocument(rng: Rng, s: Scenario): string {
  switch (rng.int(5)) {
    case 0:
      return mutate(rng, serializeProfile(s.profile, s.fields));
    case 1:
      return mutate(rng, newProfileTemplate(s.fields, s.interests));
    case 2:
      return `{"fields": ${randomJson(rng, rng.between(1, 80))}, "interests": ${randomJson(rng, 3)}}`;
    case 3:
      return randomJson(rng, rng.between(0, 70));
    default:
      return mutate(rng, mutate(rng, '{"fields": {}}'));
  }
}

describe('fuzz: the document model', () => {
  it('checkDocument never throws, and its answer is well-formed', () => {
    forAll(
      'checkDocument never throws',
      (rng) => {
        const s = scenario(rng);
        return {
          s,
          text: hostileDocument(rng, s),
          withOriginal: rng.chance(0.6),
          offset: rng.int(4000),
        };
      },
      ({ s, text, withOriginal, offset }) => {
        const result = checkDocument(text, profileSchema(s), withOriginal ? s.profile : undefined);
        assertWellFormed(text, result);
        // The editor features read the same text: they must not throw either.
        outline(text);
        locateFieldAt(text, Math.min(offset, text.length));
        for (const e of formatEdits(text, { tabSize: 4, insertSpaces: true }))
          assert.strictEqual(typeof e.content, 'string');
      },
      ({ text }) => `${text.length} chars`,
    );
  });

  it('a serialized profile checks clean against its schema and round-trips unchanged', () => {
    forAll(
      'serialize round-trips',
      scenario,
      (s) => {
        const text = serializeProfile(s.profile, s.fields);
        const result = checkDocument(text, profileSchema(s), s.profile);
        const unexpected = result.problems.filter(
          (p) =>
            !(
              p.severity === 'warning' &&
              ((p.code === 'unknown-field' && s.extras.includes(p.field ?? '')) ||
                p.code === 'removed-entity')
            ),
        );
        assert.deepStrictEqual(
          unexpected.map((p) => p.message),
          [],
        );
        assert.ok(result.value);
        assert.deepStrictEqual(
          Object.entries(result.value.fields).sort(),
          Object.entries(s.profile.fields).sort(),
        );
        assert.ok(
          computeChanges(toParsedDocument(s.profile), result.value).empty,
          'nothing to send',
        );
        const reparsed = parseProfile(JSON.parse(text) as unknown);
        assert.deepStrictEqual(
          Object.entries(reparsed.fields),
          Object.entries(JSON.parse(text).fields as Profile['fields']),
        );
        assert.strictEqual(
          serializeProfile(reparsed, s.fields),
          text,
          'the API parser reads back what was written',
        );
        const subText = serializeSubprofile(s.subprofile, s.fields);
        const sub = checkDocument(subText, { kind: 'subprofile', fields: s.fields }, s.subprofile);
        assert.ok(
          sub.ok &&
            computeChanges(
              toParsedDocument(s.subprofile),
              sub.value ?? toParsedDocument(s.subprofile),
            ).empty,
        );
        assert.strictEqual(
          serializeSubprofile(parseSubprofile(JSON.parse(subText) as unknown), s.fields),
          subText,
        );
      },
      (s) => `${s.fields.length} fields, ${serializeProfile(s.profile, s.fields).length} chars`,
    );
  });

  it('a new document is valid as created', () => {
    forAll(
      'templates check clean',
      scenario,
      (s) => {
        const profile = checkDocument(newProfileTemplate(s.fields, s.interests), profileSchema(s));
        assert.deepStrictEqual(
          profile.problems.filter((p) => p.severity === 'error').map((p) => p.message),
          [],
        );
        const sub = checkDocument(newSubprofileTemplate(s.fields), {
          kind: 'subprofile',
          fields: s.fields,
        });
        assert.deepStrictEqual(
          sub.problems.filter((p) => p.severity === 'error').map((p) => p.message),
          [],
        );
      },
      (s) => `${s.fields.length} fields`,
    );
  });

  it('a single edit is exactly what the change diff finds', () => {
    forAll(
      'single edits are found',
      (rng) => {
        const s = scenario(rng);
        const present = [...firstDefinitions(s.fields).values()].filter((f) =>
          Object.prototype.hasOwnProperty.call(s.profile.fields, f.name),
        );
        return { s, edit: rng.int(3), target: present.length > 0 ? rng.pick(present) : undefined };
      },
      ({ s, edit, target }, rng) => {
        const fields = Object.create(null) as Record<string, string>;
        for (const [k, v] of Object.entries(s.profile.fields))
          Object.defineProperty(fields, k, { value: v, enumerable: true, writable: true });
        const changed: Profile = { ...s.profile, fields, interests: [...s.profile.interests] };
        let expected: [string, string][] = [];
        if (edit === 0 && target) {
          const value = validValue(rng, target);
          Object.defineProperty(fields, target.name, { value });
          if (value !== s.profile.fields[target.name]) expected = [[target.name, value]];
        } else if (edit === 1 && s.interests.length > 0) {
          const toggled = rng.pick(s.interests).name;
          changed.interests = changed.interests.includes(toggled)
            ? changed.interests.filter((n) => n !== toggled)
            : [...changed.interests, toggled];
        } else changed.secret = `${s.profile.secret}x`;
        let text = serializeProfile(changed, s.fields);
        // An integer may be written as a JSON number: it is the same value.
        if (expected.length > 0 && target?.type === 'integer') {
          text = text.replace(
            `${JSON.stringify(target.name)}: "${expected[0]?.[1] ?? ''}"`,
            `${JSON.stringify(target.name)}: ${expected[0]?.[1] ?? ''}`,
          );
        }
        const result = checkDocument(text, profileSchema(s), s.profile);
        assert.ok(
          result.value,
          JSON.stringify(result.problems.filter((p) => p.severity === 'error')),
        );
        const changes = computeChanges(toParsedDocument(s.profile), result.value);
        assert.deepStrictEqual(Object.entries(changes.fields), expected);
        const interestsMoved = edit === 1 && s.interests.length > 0;
        assert.strictEqual(changes.interestsChanged, interestsMoved);
        if (interestsMoved)
          assert.deepStrictEqual(
            [...(changes.interests ?? [])].sort(),
            [...new Set(changed.interests)].sort(),
          );
        assert.strictEqual(
          changes.secret,
          changed.secret !== s.profile.secret ? changed.secret : undefined,
        );
      },
      ({ s }) => `${s.fields.length} fields`,
    );
  });
});

/** The text without whitespace outside strings: what formatting must never change. */
function tokens(text: string): string {
  return (text.match(/"(?:[^"\\]|\\.)*"|\S/g) ?? []).join('');
}

function applyEdits(text: string, edits: ReturnType<typeof formatEdits>): string {
  let out = text;
  let end = Infinity;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    assert.ok(
      e.offset >= 0 && e.offset + e.length <= Math.min(end, text.length),
      'edits within the text, not overlapping',
    );
    end = e.offset;
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  }
  return out;
}

describe('fuzz: Format Document', () => {
  it('is idempotent, keeps every token and never yields an edit without content', () => {
    forAll(
      'formatting is idempotent',
      (rng) => {
        const s = scenario(rng);
        const eol = rng.pick(['\n', '\r\n']);
        const json = rng.chance(0.5)
          ? serializeProfile(s.profile, s.fields)
          : randomJson(rng, rng.between(1, 70));
        const text = rng.chance(0.2) ? mutate(rng, json) : respace(rng, json, eol);
        const options = {
          tabSize: rng.pick([1, 2, 4, 8, 50, 100, 200, rng.between(1, 120)]),
          insertSpaces: rng.chance(0.7),
        };
        return { text, options };
      },
      ({ text, options }) => {
        const edits = formatEdits(text, options);
        for (const e of edits) assert.strictEqual(typeof e.content, 'string');
        const formatted = applyEdits(text, edits);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (!valid) return;
        assert.strictEqual(tokens(formatted), tokens(text), 'only whitespace changes');
        assert.deepStrictEqual(
          formatEdits(formatted, options),
          [],
          'formatting twice changes nothing',
        );
      },
      ({ text, options }) => `${text.length} chars, tab size ${options.tabSize}`,
    );
  });
});

const FIELD_PART = ['age', 'e mail', ' email ', 'a=b', 'x', '', 'constructor', 'Ωmega', 'a!'];
const OPERATOR_PART = [
  ...CONDITION_OPERATORS,
  '=',
  '!',
  '~',
  ' ',
  '< =',
  '> =',
  '< >',
  '= =',
  '=~~',
  '<<',
];
const VALUE_PART = [
  '5',
  '=5',
  '>5',
  ' =x',
  '',
  '%jan%',
  ' spaced ',
  '==',
  'a<b',
  '\n',
  '~',
  '2017-01-01 00:00:00',
];

describe('fuzz: conditions and query numbers', () => {
  it('what is sent parses back to itself', () => {
    forAll(
      'conditions round-trip',
      (rng) => ({
        text:
          rng.pick(FIELD_PART) +
          rng.pick(OPERATOR_PART) +
          rng.pick(VALUE_PART) +
          (rng.chance(0.3) ? rng.pick(VALUE_PART) : ''),
        object: {
          field: rng.chance(0.7) ? name(rng) : rng.pick(FIELD_PART),
          operator: rng.pick(CONDITION_OPERATORS),
          value: rng.pick(VALUE_PART) + rng.pick(VALUE_PART),
        },
        start: rng.pick([
          Number.NaN,
          Infinity,
          -Infinity,
          -1,
          1e21,
          1e300,
          2 ** 53 + 7,
          rng.next() / 7,
          rng.int(100000),
        ]),
      }),
      ({ text, object, start }) => {
        let parsed: Condition | undefined;
        try {
          parsed = parseCondition(text);
        } catch {
          parsed = undefined;
        }
        if (parsed)
          assert.deepStrictEqual(
            parseCondition(formatCondition(parsed)),
            parsed,
            `sent as ${formatCondition(parsed)}`,
          );
        let wire: string | undefined;
        try {
          wire = formatCondition(object);
        } catch {
          wire = undefined;
        }
        if (wire !== undefined)
          assert.deepStrictEqual(parseCondition(wire), object, `sent as ${wire}`);
        const sent = profileSearchParams({ start }).get('start') ?? '';
        assert.match(sent, /^\d+$/);
        assert.ok(Number.isSafeInteger(Number(sent)));
      },
      ({ text }) => `${text.length} chars`,
    );
  });
});
