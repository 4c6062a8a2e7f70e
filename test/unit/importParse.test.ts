// The import file reader: CSV with the delimiter and quoting detected, UTF-8 with or without BOM,
// JSON Lines; and the column mapping. What a user's file becomes, value by value.
import * as assert from 'node:assert/strict';
import { firstInvalidUtf8 } from '../../src/imports/decode';
import { type ImportTable, formatOf, lineList, mapColumns, parseImport } from '../../src/imports';
import { utf8 } from './support/imports';

function table(text: string | Uint8Array, name = 'file.csv'): ImportTable {
  const result = parseImport(typeof text === 'string' ? utf8(text) : text, name);
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return result.table;
}

const cells = (t: ImportTable): (string | undefined)[][] => t.rows.map((r) => r.values);

describe('imports: reading CSV', () => {
  for (const [name, delimiter] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ] as const) {
    it(`detects the ${name} delimiter from the header`, () => {
      const t = table(`email${delimiter}firstname\nada@example.com${delimiter}Ada\n`);
      assert.equal(t.delimiter, delimiter);
      assert.deepEqual(t.columns, ['email', 'firstname']);
      assert.deepEqual(cells(t), [['ada@example.com', 'Ada']]);
    });
  }

  it('takes a comma inside a header quote as text, not as the delimiter', () => {
    const t = table('"a,b";c;d\n1;2;3\n');
    assert.equal(t.delimiter, ';');
    assert.deepEqual(t.columns, ['a,b', 'c', 'd']);
  });

  it('reads quoted values with delimiters, doubled quotes and line breaks; the row keeps its first line', () => {
    const t = table('email,notes\r\n"a@x.nl","say ""hi"", then\r\nleave"\r\nb@x.nl,plain\r\n');
    assert.deepEqual(cells(t), [
      ['a@x.nl', 'say "hi", then\r\nleave'],
      ['b@x.nl', 'plain'],
    ]);
    assert.deepEqual(
      t.rows.map((r) => r.line),
      [2, 4],
    );
  });

  it('removes a UTF-8 byte-order mark and says it was there', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('email\nzoë@example.com\n')]);
    const t = table(bytes);
    assert.equal(t.bom, true);
    assert.deepEqual(t.columns, ['email']);
    assert.deepEqual(cells(t), [['zoë@example.com']]);
  });

  it('skips blank lines, keeps empty values, and counts lines as the editor does', () => {
    const t = table('email,age\n\na@x.nl,\n\nb@x.nl,3');
    assert.deepEqual(cells(t), [
      ['a@x.nl', ''],
      ['b@x.nl', '3'],
    ]);
    assert.deepEqual(
      t.rows.map((r) => r.line),
      [3, 5],
    );
  });

  it('trims header names but never values', () => {
    const t = table(' email , age \n a@x.nl , 3 \n');
    assert.deepEqual(t.columns, ['email', 'age']);
    assert.deepEqual(cells(t), [[' a@x.nl ', ' 3 ']]);
  });

  it('finds the first byte that is not UTF-8', () => {
    assert.equal(firstInvalidUtf8(utf8('zoë 😀')), -1);
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xc3])), 1); // cut-off sequence
    assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80])), 1); // overlong
    assert.equal(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), 0); // a surrogate
  });
});

describe('imports: reading JSON Lines', () => {
  it('makes the keys of all lines the columns; a missing key is no value, null an empty one', () => {
    const t = table(
      '{"email":"a@x.nl","age":42}\n\n{"email":"b@x.nl","firstname":"Bo","age":null}\r\n',
      'people.jsonl',
    );
    assert.equal(t.format, 'jsonl');
    assert.deepEqual(t.columns, ['email', 'age', 'firstname']);
    assert.deepEqual(cells(t), [
      ['a@x.nl', '42'],
      ['b@x.nl', '', 'Bo'],
    ]);
    assert.deepEqual(
      t.rows.map((r) => r.line),
      [1, 3],
    );
  });

  it('chooses the format by extension, else by the first character', () => {
    assert.equal(formatOf('a.ndjson', 'email\n'), 'jsonl');
    assert.equal(formatOf('a.csv', '{"a":1}'), 'csv');
    assert.equal(formatOf('export', '  {"a":1}'), 'jsonl');
    assert.equal(formatOf('export', 'email,age'), 'csv');
  });
});

describe('imports: columns to fields', () => {
  const fields = ['email', 'firstname', 'Country'];

  it('maps exact names and lists every other column with the field it probably means', () => {
    const m = mapColumns(['email', 'country', 'fristname', 'shoesize'], fields);
    assert.deepEqual(
      m.mapped.map((c) => c.field),
      ['email'],
    );
    assert.deepEqual(
      m.problems.map((p) => [p.column, p.suggestion]),
      [
        ['country', 'Country'],
        ['fristname', 'firstname'],
        ['shoesize', undefined],
      ],
    );
  });

  it('follows the choices: a column renamed to a field, a column left out', () => {
    const m = mapColumns(['email', 'country', 'shoesize'], fields, {
      country: 'Country',
      shoesize: null,
    });
    assert.deepEqual(
      m.mapped.map((c) => `${c.column}→${c.field}`),
      ['email→email', 'country→Country'],
    );
    assert.deepEqual(m.leftOut, ['shoesize']);
    assert.deepEqual(m.problems, []);
  });

  it('refuses two columns for one field', () => {
    const m = mapColumns(['Country', 'land'], fields, { land: 'Country' });
    assert.match(m.problems[0]?.message ?? '', /both go to field "Country"/);
  });

  it('writes line numbers as ranges', () => {
    assert.equal(lineList([2, 3, 4, 7, 9, 10]), '2–4, 7, 9–10');
    assert.equal(lineList([]), '');
  });
});
