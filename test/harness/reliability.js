// `npm run test:reliability`: runs only the reliability tests inside VS Code (run.js with
// COPERNICA_TEST_GREP=reliability), then prints what they measured — the notes
// `reliability: {json}` in test-results/integration.json — as one report:
//   faults tried × flows, edits lost (must be 0), duplicate writes (must be 0),
//   bad inputs tried / rejected with a clear error / write requests sent (must be 0),
//   token leaks found (must be 0), and the hostile network and server cases with their outcomes.
// Exits non-zero when a test failed or a must-be-zero figure is not zero.
//   node test/harness/reliability.js            run, then report
//   node test/harness/reliability.js --report   report on the last run only
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const p = require('./paths');

const PREFIX = 'reliability: ';

function runSuite() {
  const env = {
    ...process.env,
    COPERNICA_TEST_GREP: process.env.COPERNICA_TEST_GREP ?? 'reliability',
  };
  const res = spawnSync(process.execPath, [path.join(__dirname, 'run.js')], {
    stdio: 'inherit',
    env,
    cwd: p.root,
  });
  return res.status === null ? 1 : res.status;
}

function readFigures() {
  const file = path.join(p.resultsDir, 'integration.json');
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const figures = (results.notes ?? [])
    .filter((n) => n.startsWith(PREFIX))
    .flatMap((n) => [JSON.parse(n.slice(PREFIX.length))].flat());
  return { results, figures };
}

const pad = (text, width) => String(text).padEnd(width);

function browseText(f) {
  const met =
    f.expected === 'recovers' ? f.outcome === 'recovered' : f.outcome === 'one notification';
  return `${f.outcome}${met ? '' : ` [expected: ${f.expected}]`}${f.recoveredAfterClear ? '' : ', NOT recovered after clearing'}`;
}

function saveText(f) {
  const first =
    f.mode === 'conflict'
      ? f.firstSave
        ? 'saved'
        : 'not saved'
      : f.firstSave
        ? 'saved at once'
        : `failed (${f.errorNotifications} notification)`;
  return `${first}, ${f.lost ? 'EDIT LOST' : 'text kept'}, ${f.successfulWrites}/${f.writeRequests} writes accepted${f.savedInTheEnd ? ', saved in the end' : ''}`;
}

/** The fault catalogue (faults tried in both flows) as a table; the other scenarios as a list. */
function faultLines(figures) {
  const rows = new Map();
  for (const f of figures.filter(
    (x) => (x.kind === 'browse' || x.kind === 'save') && x.mode !== 'concurrent',
  )) {
    const key = `${f.fault} (${f.mode})`;
    const row = rows.get(key) ?? { fault: f.fault };
    row[f.kind] = f.kind === 'browse' ? browseText(f) : saveText(f);
    rows.set(key, row);
  }
  const both = [...rows.entries()].filter(([, r]) => r.browse && r.save);
  const others = [...rows.entries()].filter(([, r]) => !(r.browse && r.save));
  const width = Math.max(10, ...both.map(([k]) => k.length)) + 2;
  const lines = [`  ${pad('fault', width)}${pad('browsing the explorer', 30)}saving a profile`];
  for (const [key, row] of both)
    lines.push(`  ${pad(key, width)}${pad(row.browse, 30)}${row.save}`);
  lines.push('Other scenarios:');
  for (const [key, row] of others) lines.push(`  ${key}: ${row.browse ?? row.save}`);
  return { lines, kinds: new Set(both.map(([, r]) => r.fault)).size, runs: both.length * 2 };
}

function report(figures, results) {
  const browse = figures.filter((f) => f.kind === 'browse');
  const saves = figures.filter((f) => f.kind === 'save');
  const corpus = figures.filter((f) => f.kind === 'corpus');
  const token = figures.filter((f) => f.kind === 'token');
  const editsLost = saves.filter((s) => s.lost);
  const duplicates = saves.filter((s) => s.successfulWrites > 1);
  const duplicateWrites = duplicates.reduce((n, s) => n + s.successfulWrites - 1, 0);
  const browseWrong = browse.filter(
    (b) =>
      (b.expected === 'recovers' ? b.outcome !== 'recovered' : b.outcome !== 'one notification') ||
      !b.recoveredAfterClear,
  );
  const rejected = corpus.filter((c) => !c.saved && c.clearError && c.textKept);
  const corpusWrites = corpus.reduce((n, c) => n + c.writeRequests, 0);
  const leaks = token.reduce((n, t) => n + t.leaks, 0);
  const hostile = figures.filter((f) => f.kind === 'hostile');

  const out = [];
  out.push('', '=== Reliability report ===', '');
  const faults = faultLines(figures);
  out.push(
    `Faults: ${faults.kinds} kinds × 2 flows (browsing, saving), ${faults.runs} runs (transient = once, persistent = beats the retries)`,
  );
  out.push(...faults.lines);
  out.push(
    `Browsing runs not as expected: ${browseWrong.length}${browseWrong.length ? ` (${browseWrong.map((b) => `${b.fault}/${b.mode}: ${b.outcome}`).join('; ')})` : ''}`,
  );
  const concurrent = saves.filter((s) => s.mode === 'concurrent');
  if (concurrent.length > 0)
    out.push(
      `Concurrent saves: ${concurrent.filter((s) => s.savedInTheEnd).length}/${concurrent.length} saved, ${concurrent.reduce((n, s) => n + s.successfulWrites, 0)} writes`,
    );
  if (hostile.length > 0) {
    out.push(
      '',
      `Hostile network and server: ${hostile.length} cases, ${hostile.filter((h) => h.ok).length} as expected`,
    );
    const width = Math.max(...hostile.map((h) => h.case.length)) + 2;
    for (const h of hostile)
      out.push(`  ${pad(h.case, width)}${h.outcome}${h.ok ? '' : ` [expected: ${h.expected}]`}`);
  }
  out.push('');
  out.push(
    `Edits lost:         ${editsLost.length}  (must be 0)${editsLost.length ? ` — ${editsLost.map((s) => `${s.fault}/${s.mode}`).join('; ')}` : ''}`,
  );
  out.push(
    `Duplicate writes:   ${duplicateWrites}  (must be 0)${duplicates.length ? ` — ${duplicates.map((s) => `${s.fault}/${s.mode}: ${s.successfulWrites} accepted`).join('; ')}` : ''}`,
  );
  out.push(
    `Bad inputs:         ${corpus.length} tried, ${rejected.length} rejected with a clear error, ${corpus.filter((c) => c.saved).length} saved, ${corpusWrites} write requests sent (must be 0)`,
  );
  for (const c of corpus.filter((x) => !rejected.includes(x))) {
    out.push(
      `  ${c.file} (${c.code}): ${c.saved ? 'SAVED' : 'refused'}${c.clearError ? '' : ', message does not name the problem'}${c.textKept ? '' : ', text not kept'}`,
    );
  }
  out.push(`Token leaks found:  ${leaks}  (must be 0) — ${token.length} places searched`);
  for (const t of token)
    out.push(
      `  ${t.leaks === 0 ? 'none' : `${t.leaks} LEAK(S)`}  ${t.check}${t.leaks && t.where?.length ? `: ${t.where.join(', ')}` : ''}`,
    );
  out.push('');
  const failedTests = results.failed ?? 0;
  out.push(`Tests: ${results.passed ?? 0} passed, ${failedTests} failed`);
  for (const t of (results.tests ?? []).filter((x) => x.state === 'failed'))
    out.push(`  ✘ ${t.title}: ${String(t.error).split('\n')[0]}`);
  const bad =
    editsLost.length + duplicateWrites + corpusWrites + leaks + hostile.filter((h) => !h.ok).length;
  return {
    text: out.join('\n'),
    ok:
      bad === 0 && failedTests === 0 && corpus.length > 0 && browse.length > 0 && token.length > 0,
  };
}

function main() {
  const code = process.argv.includes('--report') ? 0 : runSuite();
  let data;
  try {
    data = readFigures();
  } catch (error) {
    console.error(
      `[reliability] no results to report on: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const { text, ok } = report(data.figures, data.results);
  console.log(text);
  fs.writeFileSync(path.join(p.resultsDir, 'reliability.txt'), `${text}\n`);
  return code !== 0 || !ok ? 1 : 0;
}

process.exit(main());
