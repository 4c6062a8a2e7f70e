// Issue 20 (and 14.8): documents the model once threw on, took quadratic time over, or could not
// save unchanged. Work is bounded by counting (a Proxy or a getter), never by the clock.
import * as assert from 'node:assert';
import type { Interest, Profile } from '../../src/api/types';
import { parseProfile } from '../../src/api/parse';
import {
  type DocumentSchema,
  checkDocument,
  computeChanges,
  fieldsMissingFromDefinitions,
  findConflicts,
  formatEdits,
  newProfileTemplate,
  newSubprofileTemplate,
  outline,
  serializeProfile,
  toParsedDocument,
} from '../../src/documents/model';
import { MAX_PROBLEMS } from '../../src/documents/model/tree';
import { fieldDefinition } from '../fixtures/documents';

function profile(fields: Record<string, string>, interests: string[] = []): Profile {
  return {
    ID: '7',
    fields,
    interests,
    database: '3',
    secret: 's',
    created: 'c',
    modified: 'm',
    removed: false,
  };
}

function applyEdits(text: string, edits: ReturnType<typeof formatEdits>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}

describe('documents: syntax problems (issue 20.1)', () => {
  it('130,000 comments give a capped list, not a stack overflow', () => {
    const text = `{"fields": {${'//\n'.repeat(130_000)}}}`;
    const result = checkDocument(text, { kind: 'profile', fields: [] });
    assert.strictEqual(result.ok, false);
    assert.ok(result.problems.length <= MAX_PROBLEMS + 1, String(result.problems.length));
    const note = result.problems.find((p) => p.code === 'too-many-problems');
    const listed = result.problems.filter((p) => p.code === 'comment').length;
    assert.match(note?.message ?? '', new RegExp(`${130_000 - listed} more problems`));
  });

  it('300 comments list at most 200 problems and count the rest', () => {
    const result = checkDocument(`{${'/* c */'.repeat(300)}"fields": {}}`, {
      kind: 'profile',
      fields: [],
    });
    assert.ok(result.problems.length <= MAX_PROBLEMS + 1);
    assert.ok(result.problems.some((p) => p.code === 'too-many-problems'));
  });

  it('keeps the invalid-JSON problem when comments fill the list', () => {
    const result = checkDocument(`{${'//\n'.repeat(500)}"fields": {,}}`, {
      kind: 'profile',
      fields: [],
    });
    assert.ok(result.problems.some((p) => p.code === 'invalid-json'));
  });
});

describe('documents: fields named like Object.prototype keys (issues 20.2, 14.8)', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const fields = [
    fieldDefinition('email', 'email'),
    ...names.map((n) => fieldDefinition(n, 'text')),
  ];
  const schema: DocumentSchema = { kind: 'profile', fields };

  it('a profile without them serializes to JSON that checks clean', () => {
    const opened = profile({ email: 'a@b.nl' });
    const text = serializeProfile(opened, fields);
    assert.ok(!text.includes('undefined') && !text.includes('{}'), text);
    assert.deepStrictEqual(Object.keys((JSON.parse(text) as Profile).fields), ['email']);
    const result = checkDocument(text, schema, opened);
    assert.ok(result.ok, JSON.stringify(result.problems));
  });

  it('load from the API answer, show, check, diff and save like any field', () => {
    const answer = JSON.parse(
      '{"ID": "7", "fields": {"email": "a@b.nl", "__proto__": "p", "constructor": "c", "toString": "t"}}',
    ) as unknown;
    const opened = parseProfile(answer);
    assert.deepStrictEqual(Object.entries(opened.fields), [
      ['email', 'a@b.nl'],
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['toString', 't'],
    ]);
    assert.strictEqual(opened.fields.hasOwnProperty, undefined, 'a missing name reads as missing');
    const text = serializeProfile(opened, fields);
    const unchanged = checkDocument(text, schema, opened);
    assert.ok(unchanged.value, JSON.stringify(unchanged.problems));
    assert.ok(computeChanges(toParsedDocument(opened), unchanged.value).empty);
    const edited = checkDocument(
      text.replace('"constructor": "c"', '"constructor": "new"'),
      schema,
      opened,
    );
    assert.ok(edited.value);
    const changes = computeChanges(toParsedDocument(opened), edited.value);
    assert.deepStrictEqual(Object.entries(changes.fields), [['constructor', 'new']]);
    const server = parseProfile(
      JSON.parse(
        '{"ID": "7", "fields": {"email": "a@b.nl", "__proto__": "p", "constructor": "theirs"}}',
      ) as unknown,
    );
    assert.deepStrictEqual(
      findConflicts(opened, server, changes).fields.map((c) => [c.field, c.server]),
      [['constructor', 'theirs']],
    );
  });

  it('a field type named like an Object.prototype key is an unknown type, not a rule', () => {
    const odd: DocumentSchema = {
      kind: 'profile',
      fields: [fieldDefinition('a', 'constructor'), fieldDefinition('b', 'toString')],
    };
    assert.ok(checkDocument('{"fields": {"a": "x", "b": "y"}}', odd).ok);
    assert.ok(checkDocument(newProfileTemplate(odd.fields), odd).ok);
  });
});

describe('documents: linear checks (issues 20.3, 20.4)', () => {
  it('reads the database interests once per check, not once per name', () => {
    const n = 2000;
    const interests: Interest[] = Array.from({ length: n }, (_, i) => ({
      ID: String(i),
      name: `i${i}`,
      group: '',
    }));
    let reads = 0;
    const counted = new Proxy(interests, {
      get(target, key, receiver): unknown {
        reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const text = `{"interests": ${JSON.stringify(interests.map((i) => i.name))}}`;
    const result = checkDocument(text, { kind: 'profile', fields: [], interests: counted });
    assert.ok(result.ok);
    assert.strictEqual(result.value?.interests?.length, n);
    assert.ok(reads < 10 * n, `${reads} reads of ${n} interests`);
  });

  it("reads a select's choices once, however often its key repeats", () => {
    const choices = Array.from({ length: 500 }, (_, i) => `c${i}`).join('\n');
    let reads = 0;
    const pick = fieldDefinition('pick', 'select');
    Object.defineProperty(pick, 'value', {
      get: () => {
        reads++;
        return choices;
      },
    });
    const body = Array.from(
      { length: 1000 },
      (_, i) => `"pick": "${i % 2 === 0 ? `c${i % 500}` : 'nope'}"`,
    ).join(', ');
    const result = checkDocument(`{"fields": {${body}}}`, { kind: 'profile', fields: [pick] });
    assert.ok(result.problems.some((p) => p.code === 'duplicate-key'));
    assert.strictEqual(result.ok, false);
    assert.ok(reads <= 2, `${reads} reads of the choices`);
  });
});

describe('documents: Format Document (issue 20.5)', () => {
  it('leaves a document nested deeper than any profile alone', () => {
    for (const depth of [65, 2000, 8000]) {
      assert.deepStrictEqual(
        formatEdits(`${'['.repeat(depth)}${']'.repeat(depth)}`, { tabSize: 4, insertSpaces: true }),
        [],
        String(depth),
      );
    }
  });

  it('counts brackets after an unterminated string as nesting, as the formatter does', () => {
    // A line break ends a JSON string for jsonc-parser: these 3,000 brackets are structure to it
    // (found by the fuzz property; 20,000 of them ran the extension host out of memory).
    const text = `{"secret": "x\n${'['.repeat(3000)}${']'.repeat(3000)}\n"}`;
    assert.deepStrictEqual(formatEdits(text, { tabSize: 4, insertSpaces: true }), []);
    assert.deepStrictEqual(outline(text), []);
  });

  it('never returns an edit without content at an indent of exactly 200 columns', () => {
    const opened = profile({ a: '1' }, ['x']);
    const minified = serializeProfile(opened, [fieldDefinition('a', 'text')]).replace(/\n\s*/g, '');
    for (const [text, tabSize] of [
      [minified, 100],
      [`${'['.repeat(51)}1${']'.repeat(51)}`, 4],
      [`${'['.repeat(201)}1${']'.repeat(201)}`, 1],
    ] as const) {
      for (const insertSpaces of [true, false]) {
        const edits = formatEdits(text, { tabSize, insertSpaces });
        assert.ok(edits.length > 0 || text.length > 400);
        assert.ok(
          edits.every((e) => typeof e.content === 'string'),
          `tab size ${tabSize}`,
        );
        const formatted = applyEdits(text, edits);
        assert.deepStrictEqual(JSON.parse(formatted), JSON.parse(text));
        assert.deepStrictEqual(
          formatEdits(formatted, { tabSize, insertSpaces }),
          [],
          'formatting twice changes nothing',
        );
      }
    }
    const formatted = applyEdits(
      minified,
      formatEdits(minified, { tabSize: 100, insertSpaces: true }),
    );
    assert.ok(formatted.includes(`\n${' '.repeat(200)}"a": "1"`), formatted);
  });
});

describe('documents: new documents (issue 20.6)', () => {
  it('a name defined twice takes the first definition, as the check does', () => {
    const fields = [fieldDefinition('n', 'float', '0'), fieldDefinition('n', 'text')];
    const text = newSubprofileTemplate(fields);
    assert.deepStrictEqual(JSON.parse(text), { fields: { n: '0' } });
    const result = checkDocument(text, { kind: 'subprofile', fields });
    assert.ok(result.ok, JSON.stringify(result.problems));
  });

  it('a select whose default choice the check would refuse starts empty', () => {
    const fields = [fieldDefinition('s', 'select', 'a\tb*\nc')];
    const result = checkDocument(newProfileTemplate(fields), { kind: 'profile', fields });
    assert.ok(result.ok, JSON.stringify(result.problems));
  });
});

describe('documents: a field the definitions lack (issue 20.9)', () => {
  const fields = [fieldDefinition('email', 'email')];
  const schema: DocumentSchema = {
    kind: 'profile',
    fields,
    interests: [{ ID: '1', name: 'golf', group: '' }],
  };
  const opened = profile({ email: 'a@b.nl', added_later: 'x' }, ['golf', 'new_interest']);
  const text = serializeProfile(opened, fields);

  it('unchanged, it does not block the save and is not sent', () => {
    const result = checkDocument(text, schema, opened);
    assert.ok(result.ok && result.value, JSON.stringify(result.problems));
    assert.deepStrictEqual(
      result.problems.map((p) => [p.code, p.severity, p.field]),
      [['unknown-field', 'warning', 'added_later']],
    );
    assert.ok(computeChanges(toParsedDocument(opened), result.value).empty);
    const edited = checkDocument(text.replace('"a@b.nl"', '"c@d.nl"'), schema, opened);
    assert.ok(edited.value);
    assert.deepStrictEqual(
      Object.entries(computeChanges(toParsedDocument(opened), edited.value).fields),
      [['email', 'c@d.nl']],
    );
  });

  it('is named, so the definitions can be reloaded', () => {
    assert.deepStrictEqual(fieldsMissingFromDefinitions(opened.fields, fields), ['added_later']);
    assert.deepStrictEqual(
      fieldsMissingFromDefinitions(
        parseProfile({ ID: '1', fields: { constructor: 'x' } }).fields,
        fields,
      ),
      ['constructor'],
    );
  });

  it('changed or added by the user, it is refused', () => {
    const changed = checkDocument(
      text.replace('"added_later": "x"', '"added_later": "y"'),
      schema,
      opened,
    );
    assert.deepStrictEqual(
      changed.problems.filter((p) => p.severity === 'error').map((p) => p.code),
      ['unknown-field'],
    );
    const added = checkDocument(
      text.replace('"added_later": "x"', '"added_later": "x", "typo": "z"'),
      schema,
      opened,
    );
    assert.deepStrictEqual(
      added.problems.filter((p) => p.severity === 'error').map((p) => p.field),
      ['typo'],
    );
    assert.strictEqual(
      checkDocument('{"fields": {"added_later": "x"}}', schema).ok,
      false,
      'a new document has no loaded copy',
    );
  });
});
