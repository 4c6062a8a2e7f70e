// The worst cases of issue 20 for the document model, timed one by one (not part of `npm test`):
//   npx esbuild test/bench/modelWorstCases.ts --bundle --platform=node --main-fields=module,main \
//     --outfile=out/bench/modelWorstCases.js && node out/bench/modelWorstCases.js [--max-ms N]
// A case that throws is reported with its error; sizes stop growing once one takes longer than
// --max-ms (default 20,000), so a quadratic case does not run for minutes. --issue-only runs
// only the cases named in the issue, not the further ones added with the fixes.
import type { Interest } from '../../src/api/types';
import {
  type DocumentSchema,
  checkDocument,
  formatEdits,
  serializeProfile,
} from '../../src/documents/model';
import { fieldDefinition } from '../fixtures/documents';

interface Case {
  name: string;
  run: () => string;
}

function time(c: Case): string {
  const started = performance.now();
  let outcome: string;
  try {
    outcome = c.run();
  } catch (e) {
    outcome = `THROWS ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  const ms = performance.now() - started;
  console.log(`${c.name.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms  ${outcome}`);
  return outcome.startsWith('THROWS') ? 'throws' : String(ms);
}

function problemsOf(text: string, schema: DocumentSchema): string {
  const result = checkDocument(text, schema);
  return `ok=${String(result.ok)}, ${result.problems.length} problems (${result.problems
    .slice(0, 2)
    .map((p) => p.code)
    .join(',')}…)`;
}

const item1: Case[] = [300, 130_000].map((n) => ({
  name: `1. {"fields": {  + "//\\n" x ${n} + }}`,
  run: () => problemsOf(`{"fields": {${'//\n'.repeat(n)}}}`, { kind: 'profile', fields: [] }),
}));

function interestsCase(n: number): Case {
  const names = Array.from({ length: n }, (_, i) => `interest_${i}`);
  const interests: Interest[] = names.map((name, i) => ({ ID: String(i + 1), name, group: 'g' }));
  return {
    name: `3. ${n} distinct interest names`,
    run: () =>
      problemsOf(`{"fields": {}, "interests": ${JSON.stringify(names)}}`, {
        kind: 'profile',
        fields: [],
        interests,
      }),
  };
}

function unknownInterestsCase(n: number): Case {
  const interests: Interest[] = Array.from({ length: n }, (_, i) => ({
    ID: String(i + 1),
    name: `interest_${i}`,
    group: 'g',
  }));
  const names = Array.from({ length: n }, (_, i) => `intrest_${i}`);
  return {
    name: `3. ${n} unknown interest names, ${n} known`,
    run: () =>
      problemsOf(`{"interests": ${JSON.stringify(names)}}`, {
        kind: 'profile',
        fields: [],
        interests,
      }),
  };
}

function unknownKeysCase(n: number): Case {
  const fields = Array.from({ length: 5000 }, (_, i) => fieldDefinition(`field_${i}`, 'text'));
  const keys = Array.from({ length: n }, (_, i) => `"fiel_${i}": 1`).join(',');
  return {
    name: `1. ${n} unknown top-level keys, 5000 fields`,
    run: () => problemsOf(`{${keys}}`, { kind: 'profile', fields }),
  };
}

function badSelectCase(duplicates: number, choices: number): Case {
  const list = Array.from({ length: choices }, (_, i) => `choice${i}`);
  const schema: DocumentSchema = {
    kind: 'profile',
    fields: [fieldDefinition('pick', 'select', list.join('\r\n'))],
  };
  const body = Array.from({ length: duplicates }, (_, i) => `"pick": "chioce${i}"`).join(',\n');
  return {
    name: `4. ${duplicates} bad values of a ${choices}-choice select`,
    run: () => problemsOf(`{"fields": {${body}}}`, schema),
  };
}

function wideDeepCase(): Case {
  const row = `${'['.repeat(60)}1${']'.repeat(60)}`;
  const text = `[${Array.from({ length: Math.floor((4.5 * 1024 * 1024) / (row.length + 1)) }, () => row).join(',')}]`;
  return {
    name: `5. Format Document, ${(text.length / 1e6).toFixed(1)} MB of 61-deep arrays, tab size 200`,
    run: () => {
      const edits = formatEdits(text, { tabSize: 200, insertSpaces: true });
      return `${edits.length} edits, ${edits.reduce((n, e) => n + e.content.length, 0)} chars`;
    },
  };
}

function selectCase(duplicates: number, choices: number): Case {
  const list = Array.from({ length: choices }, (_, i) => `choice${i}`);
  const schema: DocumentSchema = {
    kind: 'profile',
    fields: [fieldDefinition('pick', 'select', list.join('\r\n'))],
  };
  const body = Array.from(
    { length: duplicates },
    (_, i) => `"pick": "${list[i % choices] ?? ''}"`,
  ).join(',\n');
  return {
    name: `4. ${duplicates} duplicate keys of a ${choices}-choice select`,
    run: () => problemsOf(`{"fields": {${body}}}`, schema),
  };
}

function depthCase(depth: number): Case {
  return {
    name: `5. Format Document, depth ${depth} of [`,
    run: () => {
      const edits = formatEdits(`${'['.repeat(depth)}${']'.repeat(depth)}`, {
        tabSize: 4,
        insertSpaces: true,
      });
      // `?? 0`: before issue 20.5 an edit could come without content.
      return `${edits.length} edits, ${edits.reduce((n, e) => n + ((e.content as string | undefined)?.length ?? 0), 0)} chars`;
    },
  };
}

function undefinedContentCase(): Case {
  return {
    name: '5. Format Document of a profile at tab size 100',
    run: () => {
      const profile = {
        ID: '1',
        fields: { a: '1' },
        interests: ['x'],
        database: '2',
        secret: 's',
        created: 'c',
        modified: 'm',
        removed: false as const,
      };
      const text = serializeProfile(profile, [fieldDefinition('a', 'text')]).replace(/\n\s*/g, '');
      const edits = formatEdits(text, { tabSize: 100, insertSpaces: true });
      return `${edits.filter((e) => typeof e.content !== 'string').length} of ${edits.length} edits without content`;
    },
  };
}

function sizes<T>(list: readonly T[], maxMs: number, make: (n: T) => Case): void {
  for (const n of list) {
    const outcome = time(make(n));
    if (outcome !== 'throws' && Number(outcome) > maxMs) break;
  }
}

function main(): void {
  const i = process.argv.indexOf('--max-ms');
  const maxMs = i < 0 ? 20_000 : Number(process.argv[i + 1]);
  for (const c of item1) time(c);
  if (!process.argv.includes('--issue-only')) {
    time(unknownKeysCase(100_000));
    time(unknownInterestsCase(200_000));
    time(badSelectCase(100_000, 2000));
    time(wideDeepCase());
  }
  sizes([25_000, 50_000, 100_000, 200_000], maxMs, interestsCase);
  sizes(
    [
      [500, 500],
      [1000, 1000],
      [2000, 2000],
    ] as const,
    maxMs,
    ([d, c]) => selectCase(d, c),
  );
  sizes([2000, 4000, 8000], maxMs, depthCase);
  time(undefinedContentCase());
}

main();
