// A throwaway headless Chromium (test/harness/browser.js) for icon.js and screenshots.js.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launchChromium: launchIn } = require('../harness/browser');

/** A headless browser (a playwright BrowserContext) whose HOME and profile live in a temporary folder. */
async function launchChromium({ viewport }) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-chromium-'));
  const context = await launchIn({
    profileDir: path.join(home, 'profile'),
    home,
    config: path.join(home, 'config'),
    cache: path.join(home, 'cache'),
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => undefined);
    fs.rmSync(home, { recursive: true, force: true });
  };
  return { context, page, close };
}

module.exports = { launchChromium };
