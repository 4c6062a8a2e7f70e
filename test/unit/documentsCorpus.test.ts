import * as assert from 'node:assert';
import { checkDocument } from '../../src/documents/model';
import {
  BAD_DIR,
  GOOD_DIR,
  listDocuments,
  loadManifest,
  loadOriginal,
  loadSchema,
  readFixture,
} from '../fixtures/documents';

const schema = loadSchema();
const original = loadOriginal();
const manifest = loadManifest();

describe('documents: bad-profile corpus', () => {
  it('has a manifest entry for every fixture and a fixture for every entry', () => {
    const files = listDocuments(BAD_DIR);
    assert.deepStrictEqual(files, Object.keys(manifest).sort());
    const errors = Object.values(manifest).filter((e) => (e.severity ?? 'error') === 'error');
    assert.ok(errors.length >= 45, `only ${errors.length} bad documents`);
  });

  for (const [file, expected] of Object.entries(manifest)) {
    it(`${file}: ${expected.code} at ${expected.line}:${expected.column}`, () => {
      const result = checkDocument(readFixture(BAD_DIR, file), schema, original);
      const severity = expected.severity ?? 'error';
      const found = result.problems.find(
        (p) => p.code === expected.code && p.severity === severity,
      );
      const listed = result.problems
        .map((p) => `${p.code}@${p.line}:${p.column} ${p.message}`)
        .join('\n');
      assert.ok(found, `no ${severity} "${expected.code}" among:\n${listed}`);
      assert.ok(
        found.message.includes(expected.word),
        `message lacks "${expected.word}": ${found.message}`,
      );
      assert.deepStrictEqual(
        [found.line, found.column],
        [expected.line, expected.column],
        found.message,
      );
      if (expected.suggestion !== undefined)
        assert.strictEqual(found.suggestion, expected.suggestion);
      assert.strictEqual(result.ok, severity === 'warning', listed);
      assert.strictEqual(result.value !== undefined, result.ok);
    });
  }
});

describe('documents: good-profile corpus', () => {
  for (const file of listDocuments(GOOD_DIR)) {
    it(`${file} passes`, () => {
      const result = checkDocument(readFixture(GOOD_DIR, file), schema, original);
      assert.deepStrictEqual(
        result.problems.map((p) => `${p.code}@${p.line}:${p.column} ${p.message}`),
        [],
      );
      assert.ok(result.ok && result.value);
    });
  }
});
