// Runs a plain-Node suite with mocha's spec reporter and writes {passed, failed} to the given file:
//   node test/harness/unit.js [results.json] [suite folder under out/, default unit]
// (`unit`: the product's unit tests; `simulator-tests`: the simulator's own tests.)
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');
const p = require('./paths');

const out = process.argv[2] ?? path.join(p.resultsDir, 'unit.json');
const mocha = new Mocha({ timeout: 30_000, reporter: 'spec' });
const dir = path.join(p.root, 'out', process.argv[3] ?? 'unit');
for (const f of fs
  .readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.js'))
  .sort()) {
  mocha.addFile(path.join(dir, f));
}
const runner = mocha.run((failures) => {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify({ passed: runner.stats.passes, failed: runner.stats.failures }),
  );
  // Like mocha --exit: a stray keep-alive socket must not hold the run open.
  process.exit(failures > 0 ? 1 : 0);
});
