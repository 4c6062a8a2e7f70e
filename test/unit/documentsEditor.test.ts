import * as assert from 'node:assert';
import {
  describeField,
  fieldCompletions,
  formatEdits,
  locateFieldAt,
  outline,
  serializeProfile,
} from '../../src/documents/model';
import { closest } from '../../src/documents/model/text';
import { loadFields, loadOriginal, loadSchema } from '../fixtures/documents';

const schema = loadSchema();
const fields = loadFields();
const text = serializeProfile(loadOriginal(), fields);

function field(name: string) {
  const found = fields.find((f) => f.name === name);
  assert.ok(found);
  return found;
}

describe('documents: fieldCompletions', () => {
  it('offers every field in definition order, with type, default and select choices', () => {
    const completions = fieldCompletions(schema);
    assert.deepStrictEqual(
      completions.map((c) => c.name),
      fields.map((f) => f.name),
    );
    const gender = completions.find((c) => c.name === 'gender');
    assert.deepStrictEqual(gender?.choices, ['male', 'female', 'unknown']);
    const newsletter = completions.find((c) => c.name === 'newsletter');
    assert.deepStrictEqual([newsletter?.choices, newsletter?.defaultValue], [['yes', 'no'], 'no']);
    const age = completions.find((c) => c.name === 'age');
    assert.strictEqual(age?.detail, 'integer — whole number');
    assert.strictEqual(age?.defaultValue, '-1');
    assert.strictEqual(age?.choices, undefined);
  });
});

describe('documents: describeField', () => {
  it('names the field, type, default, length and flags', () => {
    const text = describeField(field('firstname'));
    assert.match(text, /\*\*firstname\*\* — text/);
    assert.match(text, /Maximum length: 50 characters/);
    assert.match(text, /Flags: indexed, displayed/);
    assert.match(text, /Default: \(empty\)/);
  });

  it('lists select choices and the default choice', () => {
    const text = describeField(field('newsletter'));
    assert.match(text, /Choices: `yes`, `no`/);
    assert.match(text, /Default: `no`/);
  });
});

describe('documents: locateFieldAt', () => {
  const at = (needle: string, delta = 1) => text.indexOf(needle) + delta;

  it('on a field name inside "fields"', () => {
    const location = locateFieldAt(text, at('"age"'));
    assert.deepStrictEqual(location, {
      section: 'fields',
      part: 'key',
      name: 'age',
      range: { offset: at('"age"', 0), length: 5 },
    });
  });

  it('on a field value', () => {
    const location = locateFieldAt(text, at('"male"'));
    assert.strictEqual(location?.section, 'fields');
    assert.strictEqual(location?.part, 'value');
    assert.strictEqual(location?.name, 'gender');
    assert.deepStrictEqual(location?.range, { offset: at('"male"', 0), length: 6 });
  });

  it('where a new field name is being typed', () => {
    const typing = '{\n  "fields": {\n    "age": "1",\n    "\n  }\n}';
    const location = locateFieldAt(typing, typing.indexOf('    "\n') + 5);
    assert.strictEqual(location?.section, 'fields');
    assert.strictEqual(location?.part, 'key');
  });

  it('on a value not typed yet, which jsonc-parser alone cannot place', () => {
    const typing = '{\n  "fields": {\n    "gender": \n  }\n}';
    assert.deepStrictEqual(locateFieldAt(typing, typing.indexOf('"gender": ') + 10), {
      section: 'fields',
      part: 'value',
      name: 'gender',
    });
    assert.strictEqual(locateFieldAt(typing, typing.indexOf('"fields": ') + 10), undefined);
  });

  it('on an interest name, and on a top-level key', () => {
    const interest = locateFieldAt(text, at('"soccer"'));
    assert.deepStrictEqual(
      [interest?.section, interest?.part, interest?.name],
      ['interests', 'key', 'soccer'],
    );
    const top = locateFieldAt(text, at('"secret"'));
    assert.deepStrictEqual([top?.section, top?.part, top?.name], ['top', 'key', 'secret']);
  });

  it('undefined elsewhere, and on a pathologically nested document', () => {
    assert.strictEqual(locateFieldAt(text, at('"7616"')), undefined);
    const deep = `{"fields": {"a": ${'['.repeat(20000)}`;
    assert.strictEqual(locateFieldAt(deep, deep.length), undefined);
  });
});

describe('documents: suggestions for a misspelt name', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    assert.strictEqual(closest('emial', ['email', 'age']), 'email');
    assert.strictEqual(closest('xyz', ['email', 'age']), undefined);
  });
});

describe('documents: outline and formatting', () => {
  it('outlines the top-level keys, with the fields and interests one level down', () => {
    const entries = outline(text);
    const original = loadOriginal();
    assert.deepStrictEqual(
      entries.map((e) => e.name),
      Object.keys(JSON.parse(text) as object),
    );
    const fieldsEntry = entries.find((e) => e.name === 'fields');
    assert.deepStrictEqual(
      fieldsEntry?.children.map((c) => c.name),
      fields.map((f) => f.name),
    );
    assert.strictEqual(fieldsEntry?.detail, String(fields.length));
    const email = fieldsEntry?.children.find((c) => c.name === 'email');
    assert.strictEqual(email?.detail, original.fields.email);
    assert.strictEqual(
      text.slice(email?.nameOffset, (email?.nameOffset ?? 0) + (email?.nameLength ?? 0)),
      '"email"',
    );
    const interests = entries.find((e) => e.name === 'interests');
    assert.deepStrictEqual(
      interests?.children.map((c) => c.name),
      original.interests,
    );
    assert.deepStrictEqual(
      interests?.children.map((c) => c.children),
      original.interests.map(() => []),
    );
  });

  it('outlines nothing for text that is not a JSON object, or is nested too deep to read safely', () => {
    assert.deepStrictEqual(outline('[1, 2]'), []);
    assert.deepStrictEqual(outline(''), []);
    assert.deepStrictEqual(outline(`{"a": ${'['.repeat(100)}${']'.repeat(100)}}`), []);
  });

  it("lays a one-line document out again, values as typed, with the editor's indentation", () => {
    const squashed = JSON.stringify(JSON.parse(text));
    const apply = (source: string, edits: ReturnType<typeof formatEdits>): string =>
      [...edits]
        .sort((a, b) => b.offset - a.offset)
        .reduce((t, e) => t.slice(0, e.offset) + e.content + t.slice(e.offset + e.length), source);
    assert.strictEqual(
      apply(squashed, formatEdits(squashed, { tabSize: 2, insertSpaces: true })),
      text.trimEnd(),
    );
    const tabbed = apply(squashed, formatEdits(squashed, { tabSize: 4, insertSpaces: false }));
    assert.match(tabbed, /^\{\n\t"ID": /);
    assert.deepStrictEqual(JSON.parse(tabbed), JSON.parse(text));
  });
});
