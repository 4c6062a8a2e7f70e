import * as assert from 'node:assert';
import {
  checkDocument,
  computeChanges,
  findCoercions,
  findConflicts,
  serializeProfile,
  toParsedDocument,
} from '../../src/documents/model';
import type { ParsedDocument } from '../../src/documents/model';
import { loadFields, loadOriginal, loadSchema } from '../fixtures/documents';

const schema = loadSchema();
const fields = loadFields();
const original = loadOriginal();
const base = serializeProfile(original, fields);

function edited(text: string): ParsedDocument {
  const result = checkDocument(text, schema, original);
  assert.ok(result.value, JSON.stringify(result.problems));
  return result.value;
}

describe('documents: computeChanges', () => {
  const opened = toParsedDocument(original);

  it('an unchanged document has nothing to send', () => {
    const changes = computeChanges(opened, edited(base));
    assert.deepStrictEqual(
      { ...changes, fields: { ...changes.fields } },
      { fields: {}, interestsChanged: false, empty: true },
    );
  });

  it('exactly the changed field, as a string', () => {
    const changes = computeChanges(opened, edited(base.replace('"age": "42"', '"age": 43')));
    assert.deepStrictEqual(
      { ...changes, fields: { ...changes.fields } },
      { fields: { age: '43' }, interestsChanged: false, empty: false },
    );
  });

  it('interests as the full list when the set changed, not when only the order did', () => {
    const reordered = base.replace('"baseball",\n    "soccer"', '"soccer",\n    "baseball"');
    assert.strictEqual(computeChanges(opened, edited(reordered)).interestsChanged, false);
    const added = base.replace('"soccer"\n', '"soccer",\n    "tennis"\n');
    const changes = computeChanges(opened, edited(added));
    assert.deepStrictEqual(changes.interests, ['baseball', 'soccer', 'tennis']);
    assert.strictEqual(changes.empty, false);
  });

  it('the secret when it changed', () => {
    const changes = computeChanges(
      opened,
      edited(base.replace('"6a0f4e1c9b2d3e4f5a6b7c8d9e0f"', '"new"')),
    );
    assert.deepStrictEqual(
      { ...changes, fields: { ...changes.fields } },
      { fields: {}, interestsChanged: false, secret: 'new', empty: false },
    );
  });

  it('a field left out of the document is not a change', () => {
    const changes = computeChanges(
      opened,
      edited('{"fields": {"firstname": "John", "age": "50"}}'),
    );
    assert.deepStrictEqual({ ...changes.fields }, { age: '50' });
  });
});

describe('documents: findConflicts', () => {
  const opened = toParsedDocument(original);
  const changes = computeChanges(
    opened,
    edited(
      base.replace('"age": "42"', '"age": "43"').replace('"lastname": "Doe"', '"lastname": "Roe"'),
    ),
  );

  it('none when the server copy is unchanged', () => {
    const conflicts = findConflicts(original, original, changes);
    assert.deepStrictEqual(conflicts, {
      fields: [],
      interests: false,
      secret: false,
      modifiedChanged: false,
      removed: false,
      any: false,
    });
  });

  it('a field this save changes that someone else changed meanwhile', () => {
    const server = {
      ...original,
      fields: { ...original.fields, age: '44', firstname: 'Johnny' },
      modified: '2024-01-01 00:00:00',
    };
    const conflicts = findConflicts(original, server, changes);
    assert.deepStrictEqual(conflicts.fields, [
      { field: 'age', original: '42', server: '44', mine: '43' },
    ]);
    assert.ok(conflicts.any && conflicts.modifiedChanged);
  });

  it('no conflict when the other change is to a field this save leaves alone, or the same value', () => {
    const server = {
      ...original,
      fields: { ...original.fields, age: '43', firstname: 'Johnny' },
      modified: '2024-01-01 00:00:00',
    };
    const conflicts = findConflicts(original, server, changes);
    assert.deepStrictEqual(conflicts.fields, []);
    assert.strictEqual(conflicts.any, false);
    assert.strictEqual(
      conflicts.modifiedChanged,
      true,
      'still reported, so the save can mention it',
    );
  });

  it('interests changed on both sides, differently', () => {
    const mine = computeChanges(
      opened,
      edited(base.replace('"soccer"\n', '"soccer",\n    "tennis"\n')),
    );
    const server = { ...original, interests: ['hockey'] };
    assert.strictEqual(findConflicts(original, server, mine).interests, true);
    assert.strictEqual(
      findConflicts(original, server, changes).interests,
      false,
      'this save leaves interests alone',
    );
  });

  it('the profile was removed meanwhile', () => {
    const server = { ...original, removed: '2024-06-01 12:00:00', fields: {} };
    const conflicts = findConflicts(original, server, changes);
    assert.ok(conflicts.removed && conflicts.any);
  });
});

describe('documents: findCoercions', () => {
  it('reports a value stored differently from what was sent', () => {
    const coercions = findCoercions(
      { age: '42', gender: 'female', price: '2.50', lastname: 'Roe' },
      { age: '42', gender: '', price: '2.5', lastname: 'Roe' },
      fields,
    );
    assert.deepStrictEqual(
      coercions.map((c) => [c.field, c.sent, c.stored, c.equivalent]),
      [
        ['gender', 'female', '', false],
        ['price', '2.50', '2.5', true],
      ],
    );
    assert.match(coercions[0]?.message ?? '', /"female" was sent, but "" was stored/);
  });

  it('finds the stored value whatever its case, and skips fields not returned', () => {
    assert.deepStrictEqual(findCoercions({ CustomerCode: 'x' }, { customercode: 'x' }, fields), []);
    assert.deepStrictEqual(findCoercions({ firstname: 'x' }, {}, fields), []);
  });
});
