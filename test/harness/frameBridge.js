// Lets integration tests, which run in the extension host, read and drive a webview's DOM: a small
// HTTP server on 127.0.0.1 that the harness starts beside the browser. VS Code puts a webview in
// nested iframes; playwright reaches them from the page. The tests find it through the env
// variable COPERNICA_BROWSER_BRIDGE (handed to code-server, inherited by the extension host).
//   POST /  { op: 'eval', fn: '<function source>', arg }  -> { value }  (in the frame holding [role=grid])
//           { op: 'click', selector, dbl? }                -> {}        (a real mouse click in that frame)
//           { op: 'press', key } | { op: 'type', text }    -> {}        (the real keyboard)
const http = require('node:http');

const FRAME_SELECTOR = '[role=grid]';

async function gridFrame(page) {
  for (const frame of page.frames()) {
    const found = await frame
      .evaluate((sel) => {
        const grid = document.querySelector(sel);
        return grid !== null && grid.getClientRects().length > 0;
      }, FRAME_SELECTOR)
      .catch(() => false);
    if (found) return frame;
  }
  throw new Error('no webview frame with a visible grid');
}

async function perform(page, request) {
  switch (request.op) {
    case 'eval': {
      const frame = await gridFrame(page);
      return {
        value: await frame.evaluate(`(${request.fn})(${JSON.stringify(request.arg ?? null)})`),
      };
    }
    case 'click': {
      const frame = await gridFrame(page);
      const target = frame.locator(request.selector).first();
      await (request.dbl ? target.dblclick({ timeout: 5000 }) : target.click({ timeout: 5000 }));
      return {};
    }
    case 'press':
      await page.keyboard.press(request.key);
      return {};
    case 'type':
      await page.keyboard.type(request.text);
      return {};
    default:
      throw new Error(`unknown op ${String(request.op)}`);
  }
}

/** Starts the bridge for `getPage()`; resolves with its URL and a close function. */
function startFrameBridge(getPage) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      Promise.resolve()
        .then(() => perform(getPage(), JSON.parse(body)))
        .then(
          (result) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(result));
          },
          (error) => {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: String(error?.message ?? error) }));
          },
        );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => server.close(() => r(undefined))),
      });
    });
  });
}

module.exports = { startFrameBridge };
