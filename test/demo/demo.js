// `npm run demo`: try the extension in a real VS Code against the local Copernica simulator.
//   npm run demo                          code-server on 127.0.0.1, a free port
//   npm run demo -- --port 8080 --host 0.0.0.0   (another host than loopback gets a password)
//   npm run demo -- --code-server         code-server even when a desktop `code` is on PATH
// Starts the simulator with the demo data, packages a fresh .vsix, installs it into code-server
// (VS Code 1.139.1, set up in .vscode-test/ on first use) and prints the URL to open and the API
// token to sign in with. With a desktop `code` on PATH it opens that instead, with
// --extensionDevelopmentPath and a throwaway user-data folder. Ctrl+C stops everything.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const p = require('../harness/paths');
const { ensureInstalled } = require('../harness/install');
const { makeRunDir, isolatedEnv, startCodeServer } = require('../harness/codeServer');
const { packageVsix } = require('./package');
const { loadSimulator } = require('./simulator');

/** User settings: the extension aimed at the simulator, and a workbench without first-run clutter. */
function writeUserSettings(userDataDir, sim) {
  const settings = {
    'copernica.apiUrl': sim.url,
    'copernica.authUrl': sim.authUrl,
    'copernica.apiVersion': 'v4',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.ignoreRecommendations': true,
    'remote.autoForwardPorts': false,
  };
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

function installVsix(run, vsix) {
  const args = [
    '--user-data-dir',
    run['user-data'],
    '--extensions-dir',
    run.extensions,
    '--install-extension',
    vsix,
  ];
  execFileSync(p.node24Bin, [p.codeServerEntry, ...args], { env: isolatedEnv(run), stdio: 'pipe' });
}

/** The demo's helper extension (test/demo/opener) that shows the Copernica view at startup. */
function packageOpener(run) {
  const out = path.join(run.dir, 'copernica-demo-opener.vsix');
  const vsce = path.join(p.root, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--skip-license',
      '--out',
      out,
    ],
    {
      cwd: path.join(__dirname, 'opener'),
      stdio: 'pipe',
    },
  );
  return out;
}

const isLoopback = (host) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Simulator + code-server with the freshly packaged extension; also used by screenshots.js. */
async function startDemo({ host = '127.0.0.1', port } = {}) {
  ensureInstalled();
  const vsix = packageVsix();
  const { startSimulator } = await loadSimulator();
  // Outside the repository: VS Code would otherwise find this git repository above the workspace.
  const run = makeRunDir(fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-demo-')));
  const removeRun = () => fs.rmSync(path.dirname(run.dir), { recursive: true, force: true });
  let sim;
  try {
    installVsix(run, vsix);
    installVsix(run, packageOpener(run));
    sim = await startSimulator();
  } catch (error) {
    removeRun();
    throw error;
  }
  const cleanUp = async () => {
    await sim.close();
    removeRun();
  };
  try {
    writeUserSettings(run['user-data'], sim);
    // Anyone who reaches code-server gets a shell on this machine: off loopback it needs a password.
    const password = isLoopback(host) ? undefined : crypto.randomBytes(12).toString('base64url');
    const server = await startCodeServer({
      run,
      testMode: false,
      host,
      port,
      auth: password ? 'password' : 'none',
      env: password ? { PASSWORD: password } : {},
    });
    const url = `${server.url}/?folder=${encodeURIComponent(run.workspace).replace(/%2F/g, '/')}`;
    const stop = async () => {
      await server.stop();
      await cleanUp();
    };
    return { sim, url, password, stop };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function desktopCode() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'code');
    if (dir && fs.existsSync(file) && !dir.includes('code-server')) return file;
  }
  return undefined;
}

/** Desktop VS Code: --extensionDevelopmentPath with a throwaway user-data folder; ends when its window closes. */
async function runDesktop(code) {
  execFileSync(process.execPath, ['esbuild.js'], { cwd: p.root, stdio: 'inherit' });
  const { startSimulator } = await loadSimulator();
  const sim = await startSimulator();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-demo-'));
  writeUserSettings(path.join(dir, 'user-data'), sim);
  fs.mkdirSync(path.join(dir, 'workspace'));
  const child = spawn(
    code,
    [
      '--wait',
      '--new-window',
      '--disable-workspace-trust',
      '--user-data-dir',
      path.join(dir, 'user-data'),
      '--extensions-dir',
      path.join(dir, 'extensions'),
      `--extensionDevelopmentPath=${p.root}`,
      path.join(dir, 'workspace'),
    ],
    { stdio: 'inherit' },
  );
  printReady({
    open: 'Desktop VS Code is opening',
    sim,
    stop: 'Close its window or press Ctrl+C to stop.',
  });
  const stop = () => child.kill();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise((resolve) => child.once('exit', resolve));
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

function printReady({ open, password, sim, stop }) {
  console.log(
    [
      '',
      'Copernica demo',
      `  ${open}`,
      ...(password ? [`  code-server password: ${password}`] : []),
      `  Sign in: F1 → "Copernica: Sign In", API token ${sim.token}`,
      `  Simulator: ${sim.url} (controls under ${sim.url}/__sim/)`,
      stop,
      '',
    ].join('\n'),
  );
}

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const code = process.argv.includes('--code-server') ? undefined : desktopCode();
  if (code) return runDesktop(code);
  const port = option('--port') === undefined ? undefined : Number(option('--port'));
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new Error('--port needs a port number');
  const demo = await startDemo({ host: option('--host') ?? '127.0.0.1', port });
  printReady({
    open: `Open ${demo.url}`,
    password: demo.password,
    sim: demo.sim,
    stop: 'Press Ctrl+C to stop.',
  });
  const stop = () => {
    console.log('Stopping…');
    demo.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

module.exports = { startDemo };

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
