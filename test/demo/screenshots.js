// `npm run screenshots`: drives the demo (demo.js: simulator + code-server with the packaged
// extension) in headless Chromium with keyboard and mouse, like a person, and saves the README's
// screenshots to media/screenshots/ (1400×900). On a failure the page is saved to
// test-results/screenshots-failure.png.
//   npm run screenshots
const fs = require('node:fs');
const path = require('node:path');
const p = require('../harness/paths');
const { startDemo } = require('./demo');
const { launchChromium } = require('./browser');

const OUT = path.join(p.root, 'media', 'screenshots');
const VIEW = '[id="workbench.view.extension.copernica"]';

/** Runs a command through the palette, as typed by a person. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor();
  await page.keyboard.press('Enter');
}

/** The tree row whose label is exactly `label`. */
function row(page, label) {
  return page.locator(`${VIEW} .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
}

async function expand(page, label) {
  const r = row(page, label);
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  await page.locator(`${VIEW} .monaco-list-row[aria-expanded="true"]`, { hasText: label }).waitFor();
}

async function save(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.mouse.move(1390, 890); // no hover highlight or tooltip in the picture
  await page.screenshot({ path: path.join(OUT, name) });
  console.log(`saved media/screenshots/${name}`);
}

/** Drags the sash at the sidebar's right edge, so long labels fit. */
async function widenSidebar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

async function signIn(page, token) {
  await page.locator('.activitybar a[aria-label^="Copernica"]').click();
  await runCommand(page, 'Copernica: Sign In');
  await page.locator('.quick-input-widget input[type="password"]').waitFor();
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await row(page, 'Demo Account').waitFor();
}

async function dismissToasts(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
}

async function explorerShot(page) {
  await expand(page, 'Newsletter');
  await expand(page, 'Fields');
  await expand(page, 'Profiles');
  await row(page, 'age').click();
  await save(page, 'explorer.png');
}

async function errorShot(page, sim) {
  // More failures than the client retries, so the refresh really fails.
  await control(sim, 'POST', '/fail', { count: 10, status: 503, path: '^/v4/databases', body: 'Service temporarily unavailable' });
  await page.locator('.part.sidebar .title-actions .action-label[aria-label="Refresh"]').click();
  await page.locator('.notifications-toasts .notification-toast', { hasText: /./ }).first().waitFor();
  await save(page, 'error.png');
  await control(sim, 'POST', '/reset', {});
}

async function control(sim, method, route, body) {
  const res = await fetch(`${sim.url}/__sim${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`simulator control ${method} ${route}: ${res.status} ${await res.text()}`);
}

async function main() {
  const demo = await startDemo();
  const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  const { page } = browser;
  try {
    await page.goto(demo.url);
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    await signIn(page, demo.sim.token);
    await widenSidebar(page, 440);
    await dismissToasts(page);
    await explorerShot(page);
    await errorShot(page, demo.sim);
  } catch (error) {
    fs.mkdirSync(p.resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(p.resultsDir, 'screenshots-failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
