// Headless Debian Chromium through playwright-core, with the flags the harness uses
// (see /work/shared/vscode-harness.md). Used by icon.js and screenshots.js.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const p = require('../harness/paths');

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A headless browser (a playwright BrowserContext) whose HOME and profile live in a temporary folder. */
async function launchChromium({ viewport }) {
  const { chromium } = require('playwright-core');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-chromium-'));
  const context = await chromium.launchPersistentContext(path.join(home, 'profile'), {
    executablePath: p.chromium,
    headless: true,
    viewport,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
    args: FLAGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => undefined);
    fs.rmSync(home, { recursive: true, force: true });
  };
  return { context, page, close };
}

module.exports = { launchChromium };
