// Every user-facing string exists in English and in Dutch (Copernica's home market), a new string
// without a translation fails here, and a translation keeps what the code and VS Code rely on:
// placeholders, codicons, links, setting and command names.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { validateEndpointUrl } from '../../src/api/url';
import { checkDocument } from '../../src/documents/model';
import { parseConditions } from '../../src/tree/conditionInput';
import { loadFields, loadOriginal, loadSchema } from '../fixtures/documents';

type BundleEntry = string | { message: string; comment: string[] };

const root = path.resolve(__dirname, '../..');

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
}

const english = readJson<Record<string, BundleEntry>>('l10n/bundle.l10n.json');
const dutch = readJson<Record<string, string>>('l10n/bundle.l10n.nl.json');
const nls = readJson<Record<string, string>>('package.nls.json');
const nlsDutch = readJson<Record<string, string>>('package.nls.nl.json');

function messageOf(entry: BundleEntry): string {
  return typeof entry === 'string' ? entry : entry.message;
}

function missingFrom(keys: readonly string[], target: object): string[] {
  return keys.filter((k) => !Object.prototype.hasOwnProperty.call(target, k));
}

/** What must survive translation unchanged, sorted: the same multiset in both languages. */
function invariants(text: string): string[] {
  const patterns = [
    /\{\d+\}/g, // placeholders
    /\$\([a-z0-9-~]+\)/g, // codicons
    /\]\([^)\s]+\)/g, // markdown link targets: command: links and URLs
    /`[^`]+`/g, // code spans
    /\bcopernica\.[A-Za-z]+(?:\.[A-Za-z]+)*/g, // setting and command names
  ];
  return patterns.flatMap((p) => text.match(p) ?? []).sort();
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/** Every match of `pattern` in src/, as "file:line: text". */
function findInSource(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of sourceFiles('src')) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push(`${file}:${line}: ${match[0].trim()}`);
    }
  }
  return found;
}

function placeholderCount(message: string): number {
  const indexes = [...message.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
  return indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
}

/** Formats every message of the bundle through @vscode/l10n, the way the extension does. */
function formatAll(): { key: string; text: string; args: string[] }[] {
  return Object.entries(english).map(([key, entry]) => {
    const message = messageOf(entry);
    const args = Array.from({ length: placeholderCount(message) }, (_, i) => `‹arg${i}›`);
    const text =
      typeof entry === 'string'
        ? l10n.t(message, ...args)
        : l10n.t({ message, args, comment: entry.comment });
    return { key, text, args };
  });
}

describe('l10n: bundles', () => {
  it('every English string has a Dutch translation, and the Dutch bundle has no stale ones', () => {
    assert.deepStrictEqual(
      missingFrom(Object.keys(english), dutch),
      [],
      'untranslated: add them to l10n/bundle.l10n.nl.json',
    );
    assert.deepStrictEqual(
      missingFrom(Object.keys(dutch), english),
      [],
      'stale: no longer in the source',
    );
  });

  it('every package.nls.json key has a Dutch translation, and package.nls.nl.json has no stale ones', () => {
    assert.deepStrictEqual(missingFrom(Object.keys(nls), nlsDutch), []);
    assert.deepStrictEqual(missingFrom(Object.keys(nlsDutch), nls), []);
  });

  it('a translation is never empty and keeps placeholders, codicons, links, code and setting names', () => {
    const pairs: [string, string, string | undefined][] = [
      ...Object.entries(english).map(([key, entry]): [string, string, string | undefined] => [
        key,
        messageOf(entry),
        dutch[key],
      ]),
      ...Object.entries(nls).map(([key, text]): [string, string, string | undefined] => [
        key,
        text,
        nlsDutch[key],
      ]),
    ];
    const broken = pairs
      .filter(
        ([, en, nl]) =>
          nl !== undefined &&
          (nl.trim() === '' || invariants(en).join(' ') !== invariants(nl).join(' ')),
      )
      .map(
        ([key, en, nl]) =>
          `${key}\n    en: ${invariants(en).join(' ')}\n    nl: ${invariants(nl ?? '').join(' ')}`,
      );
    assert.deepStrictEqual(broken, []);
  });

  it('every %key% in package.json is in package.nls.json, and every key there is used', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] ?? '');
    assert.deepStrictEqual(missingFrom(used, nls), []);
    assert.deepStrictEqual(
      Object.keys(nls).filter((k) => !used.includes(k)),
      [],
    );
  });

  it('package.json points VS Code at the l10n folder', () => {
    assert.strictEqual(readJson<{ l10n?: string }>('package.json').l10n, './l10n');
  });
});

describe('l10n: source', () => {
  it('the English bundle is what l10n-dev extracts from src/ (run `npm run l10n` after adding a string)', function () {
    this.timeout(60_000);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-l10n-'));
    try {
      const cli = path.join(root, 'node_modules/@vscode/l10n-dev/dist/cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', outDir, './src'], {
        cwd: root,
        stdio: 'pipe',
      });
      const extracted = JSON.parse(
        fs.readFileSync(path.join(outDir, 'bundle.l10n.json'), 'utf8'),
      ) as Record<string, BundleEntry>;
      assert.deepStrictEqual(
        missingFrom(Object.keys(extracted), english),
        [],
        'in src/ but not in l10n/bundle.l10n.json',
      );
      assert.deepStrictEqual(
        missingFrom(Object.keys(english), extracted),
        [],
        'in l10n/bundle.l10n.json but no longer in src/',
      );
      assert.deepStrictEqual(english, extracted);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('every l10n.t call passes its message as a literal, so it can be extracted', () => {
    // The whole run of whitespace is looked past, so a message on the next line (as a formatter
    // writes a long call) counts as a literal too.
    assert.deepStrictEqual(findInSource(/\bl10n\.t\((?!\s*['"`{])/g), []);
  });

  it('no notification, input box or title is a bare string literal', () => {
    assert.deepStrictEqual(
      [
        ...findInSource(/\bshow(?:Error|Warning|Information)Message\(\s*['"`]/g),
        ...findInSource(/\b(?:prompt|placeHolder|placeholder|title)\s*:\s*['"`]/g),
        ...findInSource(/\.(?:prompt|placeholder|title)\s*=\s*['"`]/g),
      ],
      [],
    );
  });
});

describe('l10n: at run time', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('every message fills in all its arguments, in English and in Dutch', () => {
    for (const bundle of [{}, dutch]) {
      l10n.config({ contents: bundle });
      const unfilled = formatAll().filter(
        ({ text, args }) => /\{\d+\}/.test(text) || !args.every((a) => text.includes(a)),
      );
      assert.deepStrictEqual(
        unfilled.map((u) => `${u.key} -> ${u.text}`),
        [],
      );
    }
  });

  it('with the Dutch bundle, the document checks, URL checks and Find Profiles speak Dutch', () => {
    l10n.config({ contents: dutch });
    const problems = checkDocument(
      '{"fields": {"age": "abc"}, "colour": 1}',
      loadSchema(),
      loadOriginal(),
    ).problems;
    assert.deepStrictEqual(
      problems.map((p) => p.message),
      [
        'Veld "age" (integer): "abc" is geen geheel getal. Verwacht: cijfers zoals 42, eventueel met een minteken.',
        'Onbekende sleutel "colour": een profieldocument heeft alleen "ID", "fields", "interests", "database", "secret", "created", "modified", "removed"; Copernica zou deze stilzwijgend negeren.',
      ],
    );
    const syntax = checkDocument('{"fields": {"age": "1"', loadSchema(), loadOriginal()).problems[0]
      ?.message;
    assert.strictEqual(
      syntax,
      'Ongeldige JSON op regel 1, kolom 23: sluitende accolade "}" verwacht.',
    );
    assert.strictEqual(
      validateEndpointUrl('ftp://x'),
      'Niet-ondersteund protocol ftp: — gebruik https.',
    );
    const conditions = parseConditions('emial==a@b.nl', loadFields());
    assert.ok(
      !conditions.ok && conditions.message.endsWith('Bedoelde je "email"?'),
      JSON.stringify(conditions),
    );
  });

  it('without a bundle (VS Code in English) the messages stay English', () => {
    const problems = checkDocument(
      '{"fields": {"age": "abc"}}',
      loadSchema(),
      loadOriginal(),
    ).problems;
    assert.strictEqual(
      problems[0]?.message,
      'Field "age" (integer): "abc" is not a whole number. Expected digits like 42, optionally with a minus sign.',
    );
  });
});
