import * as assert from 'node:assert';
import type { Profile, Subprofile } from '../../src/api/types';
import {
  checkDocument,
  newProfileTemplate,
  newSubprofileTemplate,
  serializeProfile,
  serializeSubprofile,
} from '../../src/documents/model';
import {
  BAD_DIR,
  loadDatabase,
  loadFields,
  loadOriginal,
  readFixture,
} from '../fixtures/documents';
import { fieldDefinition } from '../fixtures/documents';

describe('documents: serialization', () => {
  it('writes a profile as the API returns it: key order, 2 spaces, trailing newline', () => {
    const original = loadOriginal();
    assert.strictEqual(
      serializeProfile(original, loadFields()),
      readFixture(BAD_DIR, 'original.json'),
    );
  });

  it('orders fields as the definitions do, then unknown keys the server sent', () => {
    const fields = [
      fieldDefinition('b', 'text'),
      fieldDefinition('2024', 'text'),
      fieldDefinition('a', 'text'),
    ];
    const profile: Profile = {
      ID: '1',
      fields: { zz_extra: 'x', a: '1', b: '2', '2024': '3' },
      interests: [],
      database: '5',
      secret: 's',
      created: 'c',
      modified: 'm',
      removed: false,
    };
    const text = serializeProfile(profile, fields);
    const parsed = JSON.parse(text) as Profile;
    assert.deepStrictEqual(Object.keys(parsed), [
      'ID',
      'fields',
      'interests',
      'database',
      'secret',
      'created',
      'modified',
      'removed',
    ]);
    const order = ['"b"', '"2024"', '"a"', '"zz_extra"'].map((k) => text.indexOf(k));
    assert.deepStrictEqual(
      [...order].sort((x, y) => x - y),
      order,
      text,
    );
    assert.ok(text.includes('  "interests": [],\n'));
  });

  it('writes a removed profile with its removal date', () => {
    const profile = { ...loadOriginal(), removed: '2024-06-01 12:00:00' };
    const parsed = JSON.parse(serializeProfile(profile, loadFields())) as Profile;
    assert.strictEqual(parsed.removed, '2024-06-01 12:00:00');
  });

  it('writes a subprofile with profile and collection, and it passes the checks unchanged', () => {
    const fields = [
      fieldDefinition('order_id', 'integer', '0'),
      fieldDefinition('amount', 'float', '0'),
    ];
    const sub: Subprofile = {
      ID: '20285',
      secret: 'abc',
      fields: { amount: '49.95', order_id: '12345' },
      profile: '2139358',
      collection: '6312',
      created: '2008-08-25 16:14:56',
      modified: '2010-08-25 16:15:56',
      removed: false,
    };
    const text = serializeSubprofile(sub, fields);
    assert.strictEqual(
      text,
      [
        '{',
        '  "ID": "20285",',
        '  "fields": {',
        '    "order_id": "12345",',
        '    "amount": "49.95"',
        '  },',
        '  "profile": "2139358",',
        '  "collection": "6312",',
        '  "secret": "abc",',
        '  "created": "2008-08-25 16:14:56",',
        '  "modified": "2010-08-25 16:15:56",',
        '  "removed": false',
        '}',
        '',
      ].join('\n'),
    );
    const result = checkDocument(text, { kind: 'subprofile', fields }, sub);
    assert.ok(result.ok, JSON.stringify(result.problems));
  });

  it('escapes what JSON must escape, so the text parses back to the same values', () => {
    const profile = { ...loadOriginal(), fields: { notes: 'a "quote"\n\ttab \\ back 😀 \u2028' } };
    const parsed = JSON.parse(serializeProfile(profile, loadFields())) as Profile;
    assert.deepStrictEqual(parsed.fields, profile.fields);
  });
});

describe('documents: templates', () => {
  const fields = loadFields();
  const db = loadDatabase();

  it('a new profile has every field at its default and no ID, dates or secret', () => {
    const text = newProfileTemplate(fields, db.interests.data);
    const parsed = JSON.parse(text) as {
      fields: Record<string, string>;
      interests: string[];
    } & Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(parsed), ['fields', 'interests']);
    assert.deepStrictEqual(
      Object.keys(parsed.fields),
      fields.map((f) => f.name),
    );
    assert.deepStrictEqual(parsed.interests, []);
    assert.strictEqual(parsed.fields.age, '-1');
    assert.strictEqual(parsed.fields.price, '0');
    assert.strictEqual(parsed.fields.birthdate, '0000-00-00');
    assert.strictEqual(parsed.fields.registered, '0000-00-00 00:00:00');
    assert.strictEqual(parsed.fields.lastvisit, '');
    assert.strictEqual(parsed.fields.gender, '', 'a select without a * choice defaults to ""');
    assert.strictEqual(parsed.fields.newsletter, 'no', 'the * choice is the default');
    assert.ok(text.endsWith('}\n'));
  });

  it('a new profile template passes the checks as a new document', () => {
    const result = checkDocument(newProfileTemplate(fields, db.interests.data), {
      kind: 'profile',
      fields,
      interests: db.interests.data,
    });
    assert.ok(result.ok, JSON.stringify(result.problems));
  });

  it("replaces defaults that would not pass with the type's empty value", () => {
    const odd = [
      fieldDefinition('n', 'integer', 'abc'),
      fieldDefinition('f', 'float', ''),
      fieldDefinition('d', 'date', '2023-02-30'),
      fieldDefinition('dt', 'datetime', 'now'),
      fieldDefinition('ed', 'empty_date', 'x'),
      fieldDefinition('t', 'text', 'toolong', { length: '3' }),
    ];
    const parsed = JSON.parse(newSubprofileTemplate(odd)) as { fields: Record<string, string> };
    assert.deepStrictEqual(parsed.fields, {
      n: '0',
      f: '0',
      d: '0000-00-00',
      dt: '0000-00-00 00:00:00',
      ed: '',
      t: '',
    });
    assert.ok(checkDocument(newSubprofileTemplate(odd), { kind: 'subprofile', fields: odd }).ok);
  });

  it('leaves out interests when the database has none', () => {
    assert.strictEqual(
      newProfileTemplate([fieldDefinition('a', 'text', 'x')]),
      '{\n  "fields": {\n    "a": "x"\n  }\n}\n',
    );
    assert.strictEqual(newSubprofileTemplate([]), '{\n  "fields": {}\n}\n');
  });
});
