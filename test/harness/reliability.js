// `npm run test:reliability`: runs only the reliability tests inside VS Code (run.js with
// COPERNICA_TEST_GREP=reliability), then prints what they measured — the notes
// `reliability: {json}` in test-results/integration.json — as one report:
//   faults tried × flows, edits lost (must be 0), duplicate writes (must be 0),
//   bad inputs tried / rejected with a clear error / write requests sent (must be 0),
//   token leaks found (must be 0).
// Exits non-zero when a test failed or a must-be-zero figure is not zero.
//   node test/harness/reliability.js            run, then report
//   node test/harness/reliability.js --report   report on the last run only
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const p = require('./paths');

const PREFIX = 'reliability: ';

function runSuite() {
  const env = { ...process.env, COPERNICA_TEST_GREP: process.env.COPERNICA_TEST_GREP ?? 'reliability' };
  const res = spawnSync(process.execPath, [path.join(__dirname, 'run.js')], { stdio: 'inherit', env, cwd: p.root });
  return res.status === null ? 1 : res.status;
}

function readFigures() {
  const file = path.join(p.resultsDir, 'integration.json');
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const figures = (results.notes ?? []).filter((n) => n.startsWith(PREFIX)).map((n) => JSON.parse(n.slice(PREFIX.length)));
  return { results, figures };
}

const pad = (text, width) => String(text).padEnd(width);

function faultTable(figures) {
  const rows = new Map();
  for (const f of figures.filter((x) => x.kind === 'browse' || (x.kind === 'save' && x.mode !== 'concurrent'))) {
    const key = `${f.fault} (${f.mode})`;
    const row = rows.get(key) ?? {};
    if (f.kind === 'browse') {
      row.browse = `${f.outcome}${f.outcome === f.expected || (f.expected === 'recovers' && f.outcome === 'recovered') ? '' : ` [expected: ${f.expected}]`}${f.recoveredAfterClear ? '' : ', NOT recovered after clearing'}`;
    } else {
      const first = f.mode === 'conflict' ? (f.firstSave ? 'saved' : 'not saved') : f.firstSave ? 'saved at once' : `refused, ${f.errorNotifications} notification(s)`;
      row.save = `${first}; ${f.lost ? 'EDIT LOST' : 'text kept'}; ${f.successfulWrites} accepted write(s) of ${f.writeRequests}; ${f.savedInTheEnd ? 'saved in the end' : 'not saved in the end'}`;
    }
    rows.set(key, row);
  }
  const width = Math.max(10, ...[...rows.keys()].map((k) => k.length)) + 2;
  const lines = [`  ${pad('fault', width)}${pad('browsing the explorer', 46)}saving a profile`];
  for (const [key, row] of rows) lines.push(`  ${pad(key, width)}${pad(row.browse ?? '-', 46)}${row.save ?? '-'}`);
  return lines;
}

function report(figures, results) {
  const browse = figures.filter((f) => f.kind === 'browse');
  const saves = figures.filter((f) => f.kind === 'save');
  const corpus = figures.filter((f) => f.kind === 'corpus');
  const token = figures.filter((f) => f.kind === 'token');
  const faultNames = new Set([...browse, ...saves.filter((s) => s.mode === 'transient' || s.mode === 'persistent')].map((f) => f.fault));
  const editsLost = saves.filter((s) => s.lost);
  const duplicates = saves.filter((s) => s.successfulWrites > 1);
  const duplicateWrites = duplicates.reduce((n, s) => n + s.successfulWrites - 1, 0);
  const browseWrong = browse.filter((b) => (b.expected === 'recovers' ? b.outcome !== 'recovered' : b.outcome !== 'one notification') || !b.recoveredAfterClear);
  const rejected = corpus.filter((c) => !c.saved && c.clearError && c.textKept);
  const corpusWrites = corpus.reduce((n, c) => n + c.writeRequests, 0);
  const leaks = token.reduce((n, t) => n + t.leaks, 0);

  const out = [];
  out.push('', '=== Reliability report ===', '');
  out.push(`Faults: ${faultNames.size} kinds × 2 flows — ${browse.length} browsing runs, ${saves.filter((s) => s.mode === 'transient' || s.mode === 'persistent').length} saving runs`);
  out.push(...faultTable(figures));
  out.push(`  browsing runs not as expected: ${browseWrong.length}${browseWrong.length ? ` (${browseWrong.map((b) => `${b.fault}/${b.mode}: ${b.outcome}`).join('; ')})` : ''}`);
  const concurrent = saves.filter((s) => s.mode === 'concurrent');
  if (concurrent.length > 0) out.push(`  concurrent saves: ${concurrent.filter((s) => s.savedInTheEnd).length}/${concurrent.length} saved, ${concurrent.reduce((n, s) => n + s.successfulWrites, 0)} writes`);
  out.push('');
  out.push(`Edits lost:         ${editsLost.length}  (must be 0)${editsLost.length ? ` — ${editsLost.map((s) => `${s.fault}/${s.mode}`).join('; ')}` : ''}`);
  out.push(`Duplicate writes:   ${duplicateWrites}  (must be 0)${duplicates.length ? ` — ${duplicates.map((s) => `${s.fault}/${s.mode}: ${s.successfulWrites} accepted`).join('; ')}` : ''}`);
  out.push(`Bad inputs:         ${corpus.length} tried, ${rejected.length} rejected with a clear error, ${corpus.filter((c) => c.saved).length} saved, ${corpusWrites} write requests sent (must be 0)`);
  for (const c of corpus.filter((x) => !rejected.includes(x))) {
    out.push(`  ${c.file} (${c.code}): ${c.saved ? 'SAVED' : 'refused'}${c.clearError ? '' : ', message does not name the problem'}${c.textKept ? '' : ', text not kept'}`);
  }
  out.push(`Token leaks found:  ${leaks}  (must be 0) — ${token.length} places searched`);
  for (const t of token) out.push(`  ${t.leaks === 0 ? 'none' : `${t.leaks} LEAK(S)`}  ${t.check}${t.leaks && t.where?.length ? `: ${t.where.join(', ')}` : ''}`);
  out.push('');
  const failedTests = results.failed ?? 0;
  out.push(`Tests: ${results.passed ?? 0} passed, ${failedTests} failed`);
  const bad = editsLost.length + duplicateWrites + corpusWrites + leaks;
  return { text: out.join('\n'), ok: bad === 0 && failedTests === 0 && corpus.length > 0 && browse.length > 0 && token.length > 0 };
}

function main() {
  const code = process.argv.includes('--report') ? 0 : runSuite();
  let data;
  try {
    data = readFigures();
  } catch (error) {
    console.error(`[reliability] no results to report on: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { text, ok } = report(data.figures, data.results);
  console.log(text);
  fs.writeFileSync(path.join(p.resultsDir, 'reliability.txt'), `${text}\n`);
  return code !== 0 || !ok ? 1 : 0;
}

process.exit(main());
