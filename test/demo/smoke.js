// `npm run demo:smoke` (CI runs it): starts `npm run demo` exactly as a newcomer does, waits for the
// URL it prints, checks that the workbench opens on the Copernica view in headless Chromium and that
// the simulator answers with the printed token, then presses Ctrl+C (SIGINT to the demo's process
// group) and checks that no process of the demo is left and its folder is gone.
//   npm run demo:smoke        (COPERNICA_SMOKE_TIMEOUT: seconds to wait for the URL, default 900)
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const p = require('../harness/paths');
const { launchChromium } = require('./browser');

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (text) => console.log(`[smoke] ${text} (${seconds()})`);

function waitForOutput(child, output, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL from npm run demo within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const check = () => {
      const url = /Open (http:\/\/\S+)/.exec(output.text)?.[1];
      const token = /API token (\S+)/.exec(output.text)?.[1];
      const sim = /Simulator: (http:\/\/\S+)/.exec(output.text)?.[1];
      if (url && token && sim) {
        clearTimeout(timer);
        resolve({ url, token, sim });
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run demo exited with code ${code} before printing its URL`));
    });
  });
}

/** Processes whose command line names the demo's folder or its script (a leftover is a failure). */
function processesOf(marks) {
  const found = [];
  for (const pid of fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid)) {
    let cmd;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // gone meanwhile
    }
    if (marks.some((m) => cmd.includes(m))) found.push(`${pid} ${cmd.slice(0, 160)}`);
  }
  return found;
}

async function checkWorkbench(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the workbench URL answered ${res.status}`);
  const { page, close } = await launchChromium({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(url);
    // The demo opens on the Copernica view: its container is the visible side bar.
    await page
      .locator('.part.sidebar [id="workbench.view.extension.copernica"]')
      .waitFor({ state: 'visible', timeout: 60_000 });
    const shot = path.join(p.resultsDir, 'demo-smoke.png');
    fs.mkdirSync(p.resultsDir, { recursive: true });
    await page.screenshot({ path: shot });
    say(`workbench open on the Copernica view (screenshot ${path.relative(p.root, shot)})`);
  } finally {
    await close();
  }
}

async function checkSimulator(sim, token) {
  const res = await fetch(`${sim}/v3/databases?access_token=${encodeURIComponent(token)}`);
  const body = await res.json();
  if (!res.ok || !Array.isArray(body.data) || body.data.length === 0)
    throw new Error(`the simulator answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
  say(`simulator answers: ${body.data.length} databases`);
}

async function main() {
  const output = { text: '' };
  const child = spawn('npm', ['run', 'demo', '--', '--code-server'], {
    cwd: p.root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      output.text += chunk;
      process.stdout.write(chunk);
    });
  }
  let marks = [path.join(p.root, 'test', 'demo', 'demo.js')];
  try {
    const { url, token, sim } = await waitForOutput(
      child,
      output,
      Number(process.env.COPERNICA_SMOKE_TIMEOUT ?? 900) * 1000,
    );
    say(`npm run demo printed ${url}`);
    const runFolder = /[?&]folder=([^&]+)/.exec(url)?.[1];
    const demoDir = runFolder
      ? path.dirname(path.dirname(decodeURIComponent(runFolder)))
      : undefined;
    if (!demoDir || demoDir.startsWith(p.root))
      throw new Error(`the demo workspace must lie outside the repository: ${runFolder}`);
    marks = [...marks, demoDir];
    await checkSimulator(sim, token);
    await checkWorkbench(url);
    say('pressing Ctrl+C');
    process.kill(-child.pid, 'SIGINT');
    const end = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r(undefined), 30_000)),
    ]);
    if (!end) throw new Error('npm run demo did not stop within 30 s of Ctrl+C');
    const left = processesOf(marks);
    if (left.length > 0)
      throw new Error(`processes of the demo left after Ctrl+C:\n${left.join('\n')}`);
    if (fs.existsSync(demoDir))
      throw new Error(`the demo's folder ${demoDir} is still there after Ctrl+C`);
    say(`stopped (exit ${end.code ?? end.signal}); no process of it left, its folder removed`);
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already stopped
    }
  }
}

main().then(
  () => say('demo smoke passed'),
  (error) => {
    console.error(`[smoke] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
