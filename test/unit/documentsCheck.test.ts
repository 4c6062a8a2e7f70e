import * as assert from 'node:assert';
import type { Field, Subprofile } from '../../src/api/types';
import { type DocumentSchema, checkDocument, serializeProfile } from '../../src/documents/model';
import { loadFields, loadOriginal, loadSchema } from '../fixtures/documents';

const schema = loadSchema();
const original = loadOriginal();
const base = serializeProfile(original, loadFields());

function codes(
  text: string,
  s: DocumentSchema = schema,
  o: Parameters<typeof checkDocument>[2] = original,
): string[] {
  return checkDocument(text, s, o).problems.map((p) => p.code);
}

describe('documents: checkDocument', () => {
  it('reads the document into definition names and string values', () => {
    const text = base
      .replace('"age": "42"', '"age": 43')
      .replace('"price": "2.5"', '"price": 2.50');
    const result = checkDocument(text, schema, original);
    assert.ok(result.ok);
    assert.strictEqual(result.value?.fields.age, '43');
    assert.strictEqual(result.value?.fields.price, '2.50', 'a number keeps the digits as written');
    assert.deepStrictEqual(result.value?.interests, ['baseball', 'soccer']);
    assert.strictEqual(result.value?.ID, '18381');
  });

  it('refuses a document larger than 5 MB before parsing it', () => {
    const huge = `{"fields": {"notes": "${'x'.repeat(10 * 1024 * 1024)}"}}`;
    const started = Date.now();
    const result = checkDocument(huge, schema, original);
    assert.deepStrictEqual(
      result.problems.map((p) => p.code),
      ['too-large'],
    );
    assert.match(result.problems[0]?.message ?? '', /10\.0 MB.*5 MB/);
    assert.ok(Date.now() - started < 1000);
  });

  it('counts the 5 MB in UTF-8 bytes', () => {
    const text = `{"fields": {"notes": "${'é'.repeat(3 * 1024 * 1024)}"}}`;
    assert.deepStrictEqual(codes(text), ['too-large']);
  });

  it('refuses 10,000 levels of nesting without overflowing the stack', () => {
    const deep = `{"fields": {"notes": ${'['.repeat(10000)}${']'.repeat(10000)}}}`;
    const result = checkDocument(deep, schema, original);
    assert.deepStrictEqual(
      result.problems.map((p) => p.code),
      ['too-deep'],
    );
    const objects = `{"fields": ${'{"a": '.repeat(10000)}1${'}'.repeat(10000)}}`;
    assert.deepStrictEqual(codes(objects), ['too-deep']);
  });

  it('refuses a few levels of nesting under a field as a non-string value', () => {
    assert.deepStrictEqual(codes('{"fields": {"notes": [[[["x"]]]]}}'), ['wrong-type']);
  });

  it('for a new document, read-only keys must be absent or empty', () => {
    assert.ok(checkDocument('{"fields": {"age": "1"}}', schema).ok);
    assert.ok(
      checkDocument('{"ID": "", "created": "", "removed": false, "fields": {}}', schema).ok,
    );
    const result = checkDocument('{"ID": "5", "fields": {}}', schema);
    assert.strictEqual(result.ok, false);
    assert.match(result.problems[0]?.message ?? '', /"ID" is read-only.*new profile/);
  });

  it('accepts an unchanged read-only key written as a number, and a missing one', () => {
    assert.ok(checkDocument(base.replace('"ID": "18381"', '"ID": 18381'), schema, original).ok);
    assert.ok(
      checkDocument(base.replace('  "created": "2013-01-06 14:19:51",\n', ''), schema, original).ok,
    );
  });

  it('reports every problem, sorted by position', () => {
    const text = base
      .replace('"age": "42"', '"age": "x"')
      .replace('"firstname"', '"frstname"')
      .replace('"gender": "male"', '"gender": null');
    const result = checkDocument(text, schema, original);
    assert.deepStrictEqual(
      result.problems.map((p) => p.code),
      ['unknown-field', 'bad-value', 'wrong-type'],
    );
    assert.deepStrictEqual(
      result.problems.map((p) => p.field),
      ['frstname', 'age', 'gender'],
    );
  });

  it('points at the value so an editor can underline it', () => {
    const text = base.replace('"age": "42"', '"age": "4x2"');
    const problem = checkDocument(text, schema, original).problems[0];
    assert.ok(problem);
    assert.strictEqual(text.slice(problem.offset, problem.offset + problem.length), '"4x2"');
  });

  it('counts line and column with CRLF line endings', () => {
    const text = base.replace(/\n/g, '\r\n').replace('"age": "42"', '"age": "x"');
    const problem = checkDocument(text, schema, original).problems[0];
    assert.deepStrictEqual([problem?.line, problem?.column], [10, 12]);
  });

  it('the interests object form sets and clears names, keeping the others', () => {
    const text = base.replace(
      /"interests": \[[^\]]*\]/,
      '"interests": {"tennis": true, "soccer": 0}',
    );
    assert.deepStrictEqual(checkDocument(text, schema, original).value?.interests, [
      'baseball',
      'tennis',
    ]);
    const fresh = checkDocument(
      '{"fields": {}, "interests": {"tennis": 1, "hockey": false}}',
      schema,
    );
    assert.deepStrictEqual(fresh.value?.interests, ['tennis']);
  });

  it('does not check interest names when the schema has none', () => {
    const noInterests: DocumentSchema = { kind: 'profile', fields: schema.fields };
    assert.ok(checkDocument('{"interests": ["anything"]}', noInterests).ok);
  });

  it('warns when the profile was removed on the server', () => {
    const removed = { ...original, removed: '2024-06-01 12:00:00' };
    const text = serializeProfile(removed, loadFields());
    const result = checkDocument(text, schema, removed);
    assert.ok(result.ok);
    assert.deepStrictEqual(
      result.problems.map((p) => [p.code, p.severity]),
      [['removed-entity', 'warning']],
    );
  });

  it('allows \\t \\n \\r in text and big, but not in other types', () => {
    assert.ok(
      checkDocument('{"fields": {"lastname": "a\\tb\\r\\nc", "notes": "x\\ny"}}', schema).ok,
    );
    assert.deepStrictEqual(codes('{"fields": {"email": "a@b.nl\\n"}}'), ['control-character']);
    assert.deepStrictEqual(codes('{"fields": {"gender": "male\\t"}}'), ['control-character']);
  });

  it("counts a text field's length in characters, so emoji count once", () => {
    assert.ok(checkDocument(`{"fields": {"firstname": "${'😀'.repeat(50)}"}}`, schema).ok);
    assert.deepStrictEqual(codes(`{"fields": {"firstname": "${'😀'.repeat(51)}"}}`), ['too-long']);
  });

  it('accepts the integer range limits and refuses one beyond', () => {
    assert.ok(checkDocument('{"fields": {"age": "2147483647"}}', schema).ok);
    assert.ok(checkDocument('{"fields": {"age": -2147483648}}', schema).ok);
    assert.deepStrictEqual(codes('{"fields": {"age": "+2147483648"}}'), ['out-of-range']);
  });

  it('lists at most 200 problems and says how many more there are, quickly', () => {
    const entries = Array.from({ length: 50000 }, (_, i) => `"unknown_${i}": "x"`).join(', ');
    const started = Date.now();
    const result = checkDocument(`{"fields": {${entries}}}`, schema, original);
    assert.strictEqual(result.problems.length, 201);
    assert.strictEqual(result.problems[0]?.code, 'too-many-problems');
    assert.match(result.problems[0]?.message ?? '', /49800 more problems/);
    assert.ok(Date.now() - started < 2000);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      '{',
      '}',
      '[',
      '"',
      '{"fields": {"a"',
      '{"fields": {"age": }}',
      '\u0000',
      '{"fields": {"__proto__": "x"}}',
      'tru',
      '{,}',
    ];
    for (const input of inputs)
      assert.strictEqual(checkDocument(input, schema, original).ok, false, input);
  });

  it('keeps a field named like an Object.prototype key as an own value', () => {
    const fields: Field[] = [
      { ...schema.fields[0]!, name: '__proto__' },
      { ...schema.fields[0]!, name: 'constructor' },
    ];
    const result = checkDocument('{"fields": {"__proto__": "a", "constructor": "b"}}', {
      kind: 'profile',
      fields,
    });
    assert.ok(result.ok);
    assert.deepStrictEqual(Object.entries(result.value?.fields ?? {}), [
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
  });
});

describe('documents: checkDocument for subprofiles', () => {
  const fields = loadFields().filter((f) => ['firstname', 'age', 'birthdate'].includes(f.name));
  const subSchema: DocumentSchema = { kind: 'subprofile', fields };
  const sub: Subprofile = {
    ID: '20285',
    secret: 'abc',
    fields: { firstname: 'A', age: '1', birthdate: '2001-01-01' },
    profile: '18381',
    collection: '6312',
    created: '2008-08-25 16:14:56',
    modified: '2010-08-25 16:15:56',
    removed: false,
  };
  const text = JSON.stringify(sub, null, 2);

  it('passes unchanged and refuses a changed profile or collection', () => {
    assert.ok(checkDocument(text, subSchema, sub).ok);
    assert.deepStrictEqual(codes(text.replace('"18381"', '"1"'), subSchema, sub), ['read-only']);
    assert.deepStrictEqual(codes(text.replace('"6312"', '"7"'), subSchema, sub), ['read-only']);
  });

  it('refuses interests and database, which subprofiles do not have', () => {
    const result = checkDocument('{"fields": {}, "interests": [], "database": "1"}', subSchema);
    assert.deepStrictEqual(
      result.problems.map((p) => p.code),
      ['unknown-key', 'unknown-key'],
    );
    assert.match(result.problems[0]?.message ?? '', /Subprofiles have no interests/);
  });

  it('says "collection" for an unknown field', () => {
    const result = checkDocument('{"fields": {"lastname": "x"}}', subSchema);
    assert.match(result.problems[0]?.message ?? '', /this collection has no such field/);
  });
});
