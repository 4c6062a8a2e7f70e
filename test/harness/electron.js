// `npm run test:electron`: the same integration suite in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code. Offline it fails fast with a clear message instead of hanging.
const path = require('node:path');
const dns = require('node:dns/promises');
const { runTests } = require('@vscode/test-electron');
const p = require('./paths');

async function main() {
  try {
    await Promise.race([
      dns.lookup('update.code.visualstudio.com'),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('DNS lookup timed out after 5 s')), 5000),
      ),
    ]);
  } catch (error) {
    console.error(
      `[test:electron] cannot reach update.code.visualstudio.com to download desktop VS Code (${error.code ?? error.message}).\n` +
        '[test:electron] This machine is offline; run the same suite inside code-server instead: npm run test:integration',
    );
    return 1;
  }
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: p.root,
    extensionTestsPath: path.join(p.root, 'out', 'integration', 'index'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: {
      COPERNICA_TEST_RESULTS: path.join(p.resultsDir, 'integration-electron.json'),
    },
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test:electron] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
