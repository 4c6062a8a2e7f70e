// Runs the mocha integration suite (out/integration) inside a real VS Code: code-server's Node
// extension host, driven by headless Debian Chromium through playwright-core. Offline.
//   node test/harness/run.js            (after `node esbuild.js --tests`)
// Env: COPERNICA_TEST_TIMEOUT (seconds, default 600), COPERNICA_TEST_GREP (mocha grep),
//      COPERNICA_KEEP_RUN=1 keeps the run folder (user data, logs) for inspection.
const fs = require('node:fs');
const path = require('node:path');
const p = require('./paths');
const { ensureInstalled } = require('./install');
const { makeRunDir, startCodeServer } = require('./codeServer');
const { printResults } = require('./report');
const { integrationTests, launchRunBrowser, testPayloadUrl } = require('./browser');
const { startFrameBridge } = require('./frameBridge');

const timeoutMs = Number(process.env.COPERNICA_TEST_TIMEOUT ?? 600) * 1000;

/** Waits for the results file; takes the screenshot when the suite asks for it (while views still live). */
async function waitForResults({ page, resultsFile, exitCode }) {
  const deadline = Date.now() + timeoutMs;
  const screenshot = path.join(p.resultsDir, 'workbench.png');
  let shot = false;
  while (Date.now() < deadline) {
    if (!shot && fs.existsSync(`${resultsFile}.screenshot-request`)) {
      await page.screenshot({ path: screenshot }).catch(() => undefined);
      fs.writeFileSync(`${resultsFile}.screenshot-done`, '');
      shot = true;
    }
    if (fs.existsSync(resultsFile)) {
      if (!shot) await page.screenshot({ path: screenshot }).catch(() => undefined);
      return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    }
    if (exitCode.value !== undefined && !fs.existsSync(resultsFile)) {
      await new Promise((r) => setTimeout(r, 1000));
      if (fs.existsSync(resultsFile)) continue;
      throw new Error(
        `the extension host ended the tests with exit code ${exitCode.value} but wrote no results (did the test bundle load?)`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await page.screenshot({ path: screenshot }).catch(() => undefined);
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for the integration suite to finish inside VS Code (no ${path.basename(resultsFile)} written); screenshot at ${screenshot}`,
  );
}

function copyLogs(run) {
  const target = path.join(p.resultsDir, 'vscode-logs');
  fs.rmSync(target, { recursive: true, force: true });
  const logs = path.join(run['user-data'], 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, target, { recursive: true });
  const cs = path.join(run.dir, 'code-server.log');
  if (fs.existsSync(cs)) fs.copyFileSync(cs, path.join(p.resultsDir, 'code-server.log'));
  return target;
}

async function main() {
  try {
    ensureInstalled();
  } catch (error) {
    // Loud and actionable: the message names the step that failed and the command that retries it.
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    fs.mkdirSync(p.resultsDir, { recursive: true });
    fs.writeFileSync(
      path.join(p.resultsDir, 'integration.json'),
      JSON.stringify({ passed: 0, failed: 1, tests: [], error: String(error) }),
    );
    return 1;
  }
  if (
    !fs.existsSync(path.join(p.root, 'out', 'integration', 'index.js')) ||
    !fs.existsSync(path.join(p.root, 'dist', 'extension.js'))
  ) {
    throw new Error(
      'the extension and test bundles are not built: run `node esbuild.js --tests` first',
    );
  }
  fs.mkdirSync(p.resultsDir, { recursive: true });
  const run = makeRunDir();
  const resultsFile = path.join(run.dir, 'results.json');
  let server;
  let browser;
  let page;
  const started = Date.now();
  // Webview tests read the table's DOM through this bridge (see frameBridge.js).
  const bridge = await startFrameBridge(() => page);
  try {
    server = await startCodeServer({
      run,
      env: { COPERNICA_TEST_RESULTS: resultsFile, COPERNICA_BROWSER_BRIDGE: bridge.url },
    });
    console.log(
      `[harness] code-server on ${server.url} (run folder ${path.relative(p.root, run.dir)})`,
    );
    browser = await launchRunBrowser(run);
    page = browser.pages()[0] ?? (await browser.newPage());
    const exitCode = { value: undefined };
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode.value = code;
    });
    await page.goto(testPayloadUrl(server, run.workspace, p.root, integrationTests));
    const results = await waitForResults({ page, resultsFile, exitCode });
    fs.writeFileSync(path.join(p.resultsDir, 'integration.json'), JSON.stringify(results, null, 2));
    printResults(results, Date.now() - started);
    if (results.failed > 0 || results.passed === 0) {
      console.log(`[harness] VS Code logs copied to ${path.relative(p.root, copyLogs(run))}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    console.error(`[harness] VS Code logs copied to ${path.relative(p.root, copyLogs(run))}`);
    fs.writeFileSync(
      path.join(p.resultsDir, 'integration.json'),
      JSON.stringify({ passed: 0, failed: 1, tests: [], error: String(error) }),
    );
    return 1;
  } finally {
    await bridge.close();
    if (browser) await browser.close().catch(() => undefined);
    if (server) await server.stop();
    if (process.env.COPERNICA_KEEP_RUN !== '1')
      fs.rmSync(run.dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[harness] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
