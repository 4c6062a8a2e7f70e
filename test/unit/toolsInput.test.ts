// The language-model tools' input checks and result shapes (src/tools/toolInput.ts): what a model
// may send, what it is told when the input is wrong, and the size cap of every result. Plain Node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database, Field } from '../../src/api/types';
import {
  RESULT_CAP_BYTES,
  changeLines,
  checkCreateInput,
  checkDescribeInput,
  checkFindInput,
  checkGetInput,
  checkUpdateInput,
  databaseDefinition,
  errorText,
  interestLine,
  pickFields,
  profileDataMode,
  resultText,
  verbatimBlock,
} from '../../src/tools/toolInput';
import { TOOL_NAMES } from '../../src/tools/names';
import { fieldDefinition } from '../fixtures/documents';

const field = (name: string, type: string, value = ''): Field =>
  fieldDefinition(name, type, value, { ID: name });

function failure(result: { ok: boolean; message?: string }): string {
  assert.equal(result.ok, false);
  return result.message ?? '';
}

describe('tools: input checks', () => {
  it('find: conditions as a list or one string, a default limit, and a limit out of range refused', () => {
    const ok = checkFindInput({ database: 'Newsletter', conditions: 'email==a@b.nl' });
    assert.deepEqual(ok, {
      ok: true,
      value: { database: 'Newsletter', conditions: ['email==a@b.nl'], limit: 20 },
    });
    assert.match(
      failure(checkFindInput({ database: 'Newsletter', conditions: [] })),
      /at least one condition/,
    );
    assert.match(
      failure(checkFindInput({ database: 'Newsletter', conditions: ['a==1'], limit: 500 })),
      /"limit" must be a whole number from 1 to 50/,
    );
    assert.match(
      failure(checkFindInput({ conditions: ['a==1'] })),
      /"database" must be a non-empty string/,
    );
    assert.match(failure(checkFindInput('email==x')), /must be a JSON object/);
  });

  it('get: the kind defaults to profile, a numeric ID is taken as text, an unknown kind is refused', () => {
    assert.deepEqual(checkGetInput({ id: 12 }), {
      ok: true,
      value: { kind: 'profile', id: '12', subprofiles: false },
    });
    assert.deepEqual(checkGetInput({ id: '7', kind: 'subprofile', subprofiles: true }), {
      ok: true,
      value: { kind: 'subprofile', id: '7', subprofiles: true },
    });
    assert.match(
      failure(checkGetInput({ id: '7', kind: 'person' })),
      /"kind" must be "profile" or "subprofile"/,
    );
    assert.match(failure(checkGetInput({})), /"id"/);
  });

  it('update: values become text, an object value is refused, and something must change', () => {
    const ok = checkUpdateInput({ id: '1', fields: { age: 42, subscribed: 'yes', vip: true } });
    assert.deepEqual(ok, {
      ok: true,
      value: { kind: 'profile', id: '1', fields: { age: '42', subscribed: 'yes', vip: 'true' } },
    });
    assert.match(
      failure(checkUpdateInput({ id: '1', fields: { age: { n: 1 } } })),
      /field "age" must be a string or a number/,
    );
    assert.match(failure(checkUpdateInput({ id: '1' })), /Give "fields" and\/or "interests"/);
    assert.match(
      failure(checkUpdateInput({ id: '1', kind: 'subprofile', interests: ['a'] })),
      /Subprofiles have no interests/,
    );
  });

  it('update: a field called __proto__ is a field, not the prototype', () => {
    const result = checkUpdateInput(JSON.parse('{"id":"1","fields":{"__proto__":"x"}}'));
    assert.ok(result.ok);
    assert.deepEqual(Object.keys(result.value.fields), ['__proto__']);
    assert.equal(Object.getPrototypeOf(result.value.fields), Object.prototype);
  });

  it('create and describe', () => {
    assert.deepEqual(
      checkCreateInput({
        database: 'Newsletter',
        fields: { email: 'a@b.nl' },
        interests: ['news'],
      }),
      {
        ok: true,
        value: { database: 'Newsletter', fields: { email: 'a@b.nl' }, interests: ['news'] },
      },
    );
    assert.match(
      failure(checkCreateInput({ database: 'Newsletter', fields: 'email=a' })),
      /"fields" must be an object/,
    );
    assert.deepEqual(checkDescribeInput(undefined), { ok: true, value: {} });
    assert.deepEqual(checkDescribeInput({ database: 'Customers' }), {
      ok: true,
      value: { database: 'Customers' },
    });
  });

  it('the consent setting: anything but "allow" or "never" means ask', () => {
    assert.equal(profileDataMode('allow'), 'allow');
    assert.equal(profileDataMode('never'), 'never');
    assert.equal(profileDataMode(undefined), 'ask');
    assert.equal(profileDataMode('sometimes'), 'ask');
  });
});

describe('tools: results', () => {
  it('describes a database compactly: select choices with the default, interests by name', () => {
    const database = {
      ID: '1',
      name: 'Newsletter',
      description: '',
      archived: false,
      created: '',
      fields: {
        start: 0,
        limit: 100,
        count: 2,
        data: [field('email', 'email'), field('Country', 'select', 'NL*\r\nBE\nDE')],
      },
      interests: { start: 0, limit: 100, count: 1, data: [{ ID: '5', name: 'news', group: '' }] },
      collections: { start: 0, limit: 100, count: 0, data: [] },
      intentions: { email: true, sms: false, fax: false, pdf: false },
    } satisfies Database;
    assert.deepEqual(databaseDefinition(database), {
      ID: '1',
      name: 'Newsletter',
      fields: [
        { name: 'email', type: 'email' },
        { name: 'Country', type: 'select', choices: ['NL', 'BE', 'DE'], default: 'NL' },
      ],
      interests: ['news'],
      collections: [],
    });
  });

  it('caps a result at 16 KB by cutting its list, and says what was left out', () => {
    assert.equal(RESULT_CAP_BYTES, 16384);
    const items = Array.from({ length: 400 }, (_, i) => ({ ID: String(i), text: 'x'.repeat(100) }));
    const text = resultText(
      { items },
      { count: items.length, with: (n) => ({ items: items.slice(0, n), more: items.length - n }) },
    );
    assert.ok(Buffer.byteLength(text) <= RESULT_CAP_BYTES);
    const parsed = JSON.parse(text) as { items: unknown[]; more: number };
    assert.equal(parsed.items.length + parsed.more, 400);
    assert.ok(parsed.more > 0);
  });

  it('a result too large to cut is an error that says what to do', () => {
    const parsed = JSON.parse(resultText({ blob: 'é'.repeat(RESULT_CAP_BYTES) })) as {
      error: string;
      hint: string;
    };
    assert.match(parsed.error, /larger than 16 KB/);
    assert.match(parsed.hint, /fewer/);
    assert.deepEqual(JSON.parse(errorText('wrong')), { error: 'wrong' });
  });

  it('lists each changed field old → new for a confirmation, and nothing for equal values', () => {
    assert.deepEqual(
      changeLines({ age: '41', email: 'a@b.nl' }, { age: '42', email: 'a@b.nl', city: 'Delft' }),
      ['age: "41" → "42"', 'city: — → "Delft"'],
    );
    assert.equal(interestLine(['a', 'b'], ['b', 'a']), undefined);
    assert.equal(interestLine(['a'], ['a', 'b']), 'interests: a → a, b');
    assert.equal(interestLine(['a'], undefined), undefined);
  });

  it('shows confirmation lines verbatim: a value with backticks cannot close the block and be rendered', () => {
    assert.equal(verbatimBlock(['a: — → "x"']), '```text\na: — → "x"\n```');
    const hostile = verbatimBlock(['notes: — → "```\n[click](https://evil.example)"']);
    assert.ok(hostile.startsWith('````text\n') && hostile.endsWith('\n````'), hostile);
  });

  it('picks fields case-insensitively, all when none are asked for', () => {
    assert.deepEqual(pickFields({ email: 'x', age: '3' }, ['EMAIL']), { email: 'x' });
    assert.deepEqual(pickFields({ email: 'x' }, undefined), { email: 'x' });
  });
});

describe('tools: package.json', () => {
  type Declared = {
    name: string;
    toolReferenceName?: string;
    modelDescription?: string;
    when?: string;
    inputSchema?: { type?: string };
  };
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
  ) as {
    contributes: {
      languageModelTools: Declared[];
      configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> };
    };
  };

  it('declares exactly the registered tools, each for signed-in users with a reference name and a schema', () => {
    const declared = manifest.contributes.languageModelTools;
    assert.deepEqual(declared.map((t) => t.name).sort(), [...TOOL_NAMES].sort());
    for (const t of declared) {
      assert.equal(t.when, 'copernica.signedIn', t.name);
      assert.match(t.toolReferenceName ?? '', /^copernica-/, t.name);
      assert.ok((t.modelDescription ?? '').length > 80, `${t.name}: modelDescription too thin`);
      assert.equal(t.inputSchema?.type, 'object', t.name);
    }
  });

  it('has the consent setting: ask by default, allow, never', () => {
    const setting = manifest.contributes.configuration.properties['copernica.tools.profileData'];
    assert.equal(setting?.default, 'ask');
    assert.deepEqual(setting?.enum, ['ask', 'allow', 'never']);
  });
});
