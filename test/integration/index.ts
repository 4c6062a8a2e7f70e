// Entry point that VS Code's extension host calls (`extensionTestsPath`): runs every compiled
// *.test.js beside this file with mocha and writes the results as JSON, atomically, where the
// harness waits for them (COPERNICA_TEST_RESULTS). The harness prints them; console output of
// the extension host does not reach it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaClass from 'mocha';
import * as vscode from 'vscode';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

interface Results {
  vscodeVersion: string;
  appHost: string;
  uiKind: string;
  passed: number;
  failed: number;
  pending: number;
  tests: TestRecord[];
  notes: string[];
}

import { shared } from './support/notes';

function writeResults(results: Results): void {
  const target =
    process.env.COPERNICA_TEST_RESULTS ??
    path.resolve(__dirname, '..', '..', 'test-results', 'integration.json');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(results, null, 2));
  fs.renameSync(temp, target);
}

/** Asks the harness for a screenshot while the workbench still shows our views, and waits for it. */
async function requestScreenshot(): Promise<void> {
  const target = process.env.COPERNICA_TEST_RESULTS;
  if (!target) return;
  fs.writeFileSync(`${target}.screenshot-request`, '');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && !fs.existsSync(`${target}.screenshot-done`)) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function listTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function run(): Promise<void> {
  // mocha is CommonJS in v11; required at run time from the project's node_modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof MochaClass;
  const grep = process.env.COPERNICA_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  for (const file of listTestFiles(__dirname)) mocha.addFile(file);

  const results: Results = {
    vscodeVersion: vscode.version,
    appHost: vscode.env.appHost,
    uiKind: vscode.UIKind[vscode.env.uiKind] ?? String(vscode.env.uiKind),
    passed: 0,
    failed: 0,
    pending: 0,
    tests: [],
    notes: shared().notes,
  };
  try {
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) =>
        results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }),
      );
      runner.on('pending', (t) =>
        results.tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }),
      );
      runner.on('fail', (t, err: Error) =>
        results.tests.push({
          title: t.fullTitle(),
          state: 'failed',
          durationMs: t.duration ?? 0,
          error: err.stack ?? err.message,
        }),
      );
    });
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    results.tests.push({
      title: 'loading the integration suite',
      state: 'failed',
      durationMs: 0,
      error: err.stack ?? err.message,
    });
  }
  await requestScreenshot();
  results.passed = results.tests.filter((t) => t.state === 'passed').length;
  results.failed = results.tests.filter((t) => t.state === 'failed').length;
  results.pending = results.tests.filter((t) => t.state === 'pending').length;
  writeResults(results);
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}
