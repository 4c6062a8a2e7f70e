// Starts code-server (a real VS Code, here 1.139.1) on loopback with an isolated HOME, user data
// and extensions folder, and stops its whole process group.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const p = require('./paths');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh folder for one run: HOME, XDG folders, user data, extensions, workspace, browser profile.
 * Test runs live under .vscode-test/runs; the demo puts its run outside the repository (`parent`),
 * or VS Code would find this repository above the workspace and ask about it at every start.
 */
function makeRunDir(parent = p.runsDir) {
  const dir = path.join(parent, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  const sub = {};
  for (const name of [
    'home',
    'config',
    'cache',
    'data',
    'runtime',
    'user-data',
    'extensions',
    'workspace',
    'chromium',
  ]) {
    sub[name] = path.join(dir, name);
    fs.mkdirSync(sub[name], { recursive: true, mode: 0o700 });
  }
  return { dir, ...sub };
}

function isolatedEnv(run, extra = {}) {
  return {
    ...process.env,
    HOME: run.home,
    XDG_CONFIG_HOME: run.config,
    XDG_CACHE_HOME: run.cache,
    XDG_DATA_HOME: run.data,
    XDG_RUNTIME_DIR: run.runtime,
    TMPDIR: run.runtime,
    ...extra,
  };
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for code-server to answer ${url}/healthz`,
  );
}

/**
 * @param {object} options
 * @param {ReturnType<typeof makeRunDir>} options.run
 * @param {Record<string,string>} [options.env]
 * @param {boolean} [options.testMode]  enable the smoke-test driver, without which the test payload is ignored
 * @param {string} [options.logFile]
 * @param {string} [options.host]  where to listen; loopback unless told otherwise
 * @param {number} [options.port]  a free one unless given
 * @param {'none'|'password'} [options.auth]  'password' takes the password from env.PASSWORD
 */
async function startCodeServer({
  run,
  env = {},
  testMode = true,
  logFile,
  host = '127.0.0.1',
  port,
  auth = 'none',
}) {
  port ??= await freePort();
  const args = [
    p.codeServerEntry,
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    auth,
    '--user-data-dir',
    run['user-data'],
    '--extensions-dir',
    run.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
  ];
  if (testMode) args.push('--vscode-option', 'enable-smoke-test-driver');
  const out = fs.openSync(logFile ?? path.join(run.dir, 'code-server.log'), 'a');
  const child = spawn(p.node24Bin, args, {
    cwd: run.workspace,
    env: isolatedEnv(run, env),
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await Promise.race([
      waitForHealth(url, 60_000),
      exited.then((code) => {
        throw new Error(
          `code-server exited early with code ${code}; see ${logFile ?? path.join(run.dir, 'code-server.log')}`,
        );
      }),
    ]);
  } catch (error) {
    await stopProcessGroup(child);
    throw error;
  }
  return { url, port, child, stop: () => stopProcessGroup(child) };
}

/** Signals the whole process group: killing only the main process leaves a file watcher behind. */
async function stopProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child.pid, 'SIGKILL');
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  // Children that outlive the leader (the extension host, watchers) still carry the group id.
  killGroup(child.pid, 'SIGKILL');
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

module.exports = { freePort, makeRunDir, isolatedEnv, startCodeServer, stopProcessGroup };
