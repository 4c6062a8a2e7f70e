// `npm test`: typecheck, lint, format check, build, unit tests and the simulator's tests (plain
// Node), integration tests (inside VS Code), in that order; ends with one line "N passed, N failed"
// summing the suites; non-zero on any failure.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const p = require('./paths');

/** What prettier formats (npm run format writes, npm test checks); see .prettierrc.json. */
const FORMATTED = ['src/**/*.ts', 'test/**/*.{ts,js}', '*.{js,mjs}'];

function step(title, cmd, args) {
  console.log(`\n=== ${title}: ${[cmd, ...args].join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: p.root });
  return res.status === null ? 1 : res.status;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function main() {
  fs.rmSync(p.resultsDir, { recursive: true, force: true });
  fs.mkdirSync(p.resultsDir, { recursive: true });
  const npx = path.join(p.root, 'node_modules', '.bin');
  let failedSteps = 0;
  failedSteps += step('typecheck', path.join(npx, 'tsc'), ['-p', '.', '--noEmit']) === 0 ? 0 : 1;
  failedSteps += step('lint', path.join(npx, 'eslint'), ['src', 'test']) === 0 ? 0 : 1;
  failedSteps +=
    step('format', path.join(npx, 'prettier'), ['--check', ...FORMATTED]) === 0 ? 0 : 1;
  if (step('build', process.execPath, ['esbuild.js', '--tests']) !== 0) {
    console.log('\n0 passed, 1 failed');
    return 1;
  }
  const unitJson = path.join(p.resultsDir, 'unit.json');
  const unitCode = step('unit tests (plain Node)', process.execPath, [
    path.join(__dirname, 'unit.js'),
    unitJson,
  ]);
  const simJson = path.join(p.resultsDir, 'simulator.json');
  const simCode = step('simulator tests (plain Node)', process.execPath, [
    path.join(__dirname, 'unit.js'),
    simJson,
    'simulator-tests',
  ]);
  const integrationCode = step('integration tests (inside VS Code)', process.execPath, [
    path.join(__dirname, 'run.js'),
  ]);

  const unit = readJson(unitJson) ?? { passed: 0, failed: 1 };
  const sim = readJson(simJson) ?? { passed: 0, failed: 1 };
  const integration = readJson(path.join(p.resultsDir, 'integration.json')) ?? {
    passed: 0,
    failed: 1,
  };
  const passed = unit.passed + sim.passed + integration.passed;
  // A step that failed without a failing test (typecheck, lint, a crash) still counts as one failure.
  let failed = unit.failed + sim.failed + integration.failed + failedSteps;
  if (unitCode !== 0 && unit.failed === 0) failed += 1;
  if (simCode !== 0 && sim.failed === 0) failed += 1;
  if (integrationCode !== 0 && integration.failed === 0) failed += 1;
  console.log(
    `\nunit: ${unit.passed} passed, ${unit.failed} failed; simulator: ${sim.passed} passed, ${sim.failed} failed; integration: ${integration.passed} passed, ${integration.failed} failed; failed steps: ${failedSteps}`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exit(main());
