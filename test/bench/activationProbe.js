// The extensionTestsPath module of test/bench/activation.js, run inside VS Code's extension host.
// Plain CommonJS: it is loaded as is, not bundled. It talks to the driver through files next to
// COPERNICA_BENCH_ACTIVATION (the results file): `.ready` (driver: the workbench is up and has
// settled), then the results (probe), then `.done` (driver: it has read the Running Extensions view).
const fs = require('node:fs');
const vscode = require('vscode');

const EXTENSION_ID = 'copernica-vscode.copernica-vscode';

function writeAtomically(file, value) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(value, null, 2));
  fs.renameSync(temp, file);
}

async function waitForFile(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const round = (ms) => Math.round(ms * 10) / 10;

/**
 * Splits the activate() call with VS Code's own performance marks (epoch ms, whole ms): loading
 * the code and creating the ExtensionContext (in parallel), our activate(), and what follows.
 */
function phases(startedEpoch, endedEpoch) {
  const marks = globalThis.MonacoPerformanceMarks?.getMarks?.() ?? [];
  const at = (what) =>
    marks.find((m) => m.name === `code/extHost/${what}/${EXTENSION_ID}`)?.startTime;
  const will = at('willActivateExtension');
  const did = at('didActivateExtension');
  if (will === undefined || did === undefined) return undefined;
  return {
    loadCodeAndContextMs: round(will - startedEpoch),
    activateFunctionMs: round(did - will),
    afterMs: round(endedEpoch - did),
  };
}

async function measure(ext) {
  const packageJson = ext.packageJSON;
  const result = {
    vscodeVersion: vscode.version,
    activationEvents: packageJson.activationEvents ?? [],
    // Nothing has used a view, command or copernica: document yet; the workbench has settled.
    activeBeforeUse: ext.isActive,
    activeExtensionsBeforeUse: vscode.extensions.all.filter((e) => e.isActive).map((e) => e.id),
  };
  const started = performance.now();
  const startedEpoch = performance.timeOrigin + started;
  await ext.activate();
  // Includes reading and evaluating the bundle: VS Code loads it on first activation.
  result.activateCallMs = round(performance.now() - started);
  result.phases = phases(startedEpoch, performance.timeOrigin + performance.now());
  result.activeAfterActivate = ext.isActive;
  await vscode.commands.executeCommand('copernica.showLog');
  await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  return result;
}

exports.run = async function run() {
  const out = process.env.COPERNICA_BENCH_ACTIVATION;
  if (!out) throw new Error('COPERNICA_BENCH_ACTIVATION is not set');
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext)
      throw new Error(
        `${EXTENSION_ID} is not loaded (engines.vscode higher than ${vscode.version}?)`,
      );
    if (!(await waitForFile(`${out}.ready`, 90_000)))
      throw new Error('the driver never said the workbench was ready');
    writeAtomically(out, await measure(ext));
    await waitForFile(`${out}.done`, 30_000);
  } catch (error) {
    writeAtomically(out, { error: error instanceof Error ? error.message : String(error) });
  }
};
