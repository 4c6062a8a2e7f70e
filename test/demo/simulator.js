// Loads the Copernica simulator (test/simulator) in this process: bundles its entry point with
// esbuild into out/demo/simulator.js (a few hundred ms), then requires it.
const path = require('node:path');
const { root } = require('../harness/paths');

/** @returns {Promise<typeof import('../simulator')>} */
async function loadSimulator() {
  const outfile = path.join(root, 'out', 'demo', 'simulator.js');
  await require('esbuild').build({
    entryPoints: [path.join(root, 'test', 'simulator', 'index.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return require(outfile);
}

module.exports = { loadSimulator };
