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
// A toast that has finished sliding in.
const TOAST = '.notifications-toasts .notification-toast.notification-fade-in-done';

/** The simulator's test controls (see test/simulator/controls.ts). */
async function control(sim, method, route, body) {
  const res = await fetch(`${sim.url}/__sim${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`simulator control ${method} ${route}: ${res.status} ${await res.text()}`);
}

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
  return page
    .locator(`${VIEW} .monaco-list-row`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
}

async function expand(page, label) {
  const r = row(page, label).first();
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  // By the label alone: a description ("Subscribers of the monthly newsletter") may hold the same words.
  await page
    .locator(`${VIEW} .monaco-list-row[aria-expanded="true"]`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first()
    .waitFor();
}

/** Moves the mouse to an empty spot of the title bar, so no hover highlight or tooltip gets into the picture. */
async function mouseAway(page) {
  await page.mouse.move(1100, 16);
}

async function save(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
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
  await page.locator(TOAST, { hasText: 'Signed in' }).waitFor();
}

async function dismissToasts(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page
    .locator('.notifications-toasts .notification-toast')
    .first()
    .waitFor({ state: 'detached' });
}

async function explorerShot(page) {
  await expand(page, 'Newsletter');
  await expand(page, 'Fields');
  await expand(page, 'Profiles');
  await row(page, 'age').click();
  await mouseAway(page);
  await save(page, 'explorer.png');
}

async function collapse(page, label) {
  const r = row(page, label).first();
  if ((await r.getAttribute('aria-expanded')) === 'true') await r.click();
}

/** Nested selections with their build times, and the rules of one as a read-only document. */
async function selectionsShot(page) {
  await collapse(page, 'Fields');
  await collapse(page, 'Profiles');
  await expand(page, 'Selections');
  await expand(page, 'Subscribers');
  await expand(page, 'Dutch subscribers');
  await row(page, 'Subscribers').click({ button: 'right' });
  await page.locator('.context-view .action-label', { hasText: 'Show Selection Rules' }).click();
  await editorLine(page, '"how-rules-combine"').waitFor();
  await mouseAway(page);
  await save(page, 'selections.png');
  await runCommand(page, 'View: Close All Editors');
  await collapse(page, 'Selections');
}

/** Copernica fails more often than the client retries; then it recovers and the user clicks Retry. */
async function errorShot(page, sim) {
  await control(sim, 'POST', '/fail', { count: 10, status: 503, path: '^/v4/databases' });
  await page.locator('.part.sidebar .title-actions .action-label[aria-label="Refresh"]').click();
  const toast = page.locator(TOAST, { hasText: 'HTTP 503' });
  await toast.waitFor();
  await mouseAway(page);
  await save(page, 'error.png');
  await control(sim, 'POST', '/reset', {});
  await toast.getByRole('button', { name: 'Retry' }).click();
  await row(page, 'Newsletter').waitFor();
}

/** Opens the first profile from the tree; returns its ID (the row's description). */
async function profileShot(page) {
  await expand(page, 'Newsletter');
  await expand(page, 'Profiles');
  const first = page
    .locator(`${VIEW} .monaco-list-row[aria-level="4"]`)
    .filter({ hasText: '@' })
    .first();
  const id = (await first.locator('.label-description').textContent()).trim();
  await first.click();
  await editorLine(page, '"fields"').waitFor();
  await mouseAway(page);
  await save(page, 'profile.png');
  return id;
}

/** The editor line that contains `text`. */
function editorLine(page, text) {
  return page.locator('.editor-instance .monaco-editor .view-line', { hasText: text });
}

/** Retypes the value of `"name": "value",` in the editor: click the line, End, step back over `",`, select the word. */
async function retypeValue(page, name, text) {
  await editorLine(page, `"${name}"`).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.type(text);
}

async function validationShot(page) {
  await retypeValue(page, 'age', 'forty');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'Copernica' }).first().waitFor();
  // The mouse, not locator.hover(): playwright would scroll Monaco's own scrolled DOM out of place.
  const squiggles = page.locator('.editor-instance .squiggly-error');
  await squiggles.first().waitFor();
  const squiggle = await squiggles.first().boundingBox();
  await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
  await page.locator('.monaco-hover', { hasText: 'Copernica' }).first().waitFor();
  await save(page, 'validation.png');
  await page.keyboard.press('Control+J'); // hides the panel again
}

/** Someone else changes the same field in Copernica while the editor has unsaved changes. */
async function conflictShot(page, sim, id) {
  await retypeValue(page, 'age', '43');
  await control(sim, 'PUT', `/profile/${id}`, { fields: { age: '44' } });
  await page.keyboard.press('Control+S');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.getByRole('button', { name: 'Compare' }).click();
  await page.locator('.monaco-diff-editor').waitFor();
  await page.locator(TOAST, { hasText: 'not saved' }).waitFor();
  await mouseAway(page);
  await save(page, 'conflict.png');
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
    await selectionsShot(page);
    await errorShot(page, demo.sim);
    const id = await profileShot(page);
    await validationShot(page);
    await conflictShot(page, demo.sim, id);
  } catch (error) {
    fs.mkdirSync(p.resultsDir, { recursive: true });
    await page
      .screenshot({ path: path.join(p.resultsDir, 'screenshots-failure.png') })
      .catch(() => undefined);
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
