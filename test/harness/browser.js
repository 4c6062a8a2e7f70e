// Headless Debian Chromium through playwright-core with the flags this machine needs (without the
// background-networking ones, Chromium's connections are refused by the closed network), and the
// URL that makes code-server load an extension under development with a test module.
const path = require('node:path');
const p = require('./paths');

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A headless browser (a playwright BrowserContext) with its profile in `profileDir` and its own
 * HOME/XDG folders, so nothing is written into the real home.
 * @param {{ profileDir: string, home: string, config: string, cache: string, viewport?: { width: number, height: number } }} options
 */
function launchChromium({
  profileDir,
  home,
  config,
  cache,
  viewport = { width: 1400, height: 900 },
}) {
  const { chromium } = require('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: p.chromium,
    headless: true,
    viewport,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: config, XDG_CACHE_HOME: cache },
    args: FLAGS,
  });
}

/** A run folder's browser (see codeServer.makeRunDir). */
function launchRunBrowser(run) {
  return launchChromium({
    profileDir: run.chromium,
    home: run.home,
    config: run.config,
    cache: run.cache,
  });
}

/**
 * The workbench URL whose payload loads `extensionDir` and runs `testsPath` (no .js) in the extension
 * host. Without code-server's smoke-test-driver option the payload is silently ignored.
 */
function testPayloadUrl(server, workspace, extensionDir, testsPath) {
  const remote = (abs) => `vscode-remote://127.0.0.1:${server.port}${abs}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  return `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = {
  launchChromium,
  launchRunBrowser,
  testPayloadUrl,
  integrationTests: path.join(p.root, 'out', 'integration', 'index'),
};
