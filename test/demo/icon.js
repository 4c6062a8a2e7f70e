// Renders the marketplace icon media/icon.png (256×256) from the SVG below with headless Chromium.
//   node test/demo/icon.js
// The motif matches the activity-bar icon (media/copernica.svg): Copernicus' sun at the centre,
// a tilted orbit and one planet on it.
const path = require('node:path');
const { root } = require('../harness/paths');
const { launchChromium } = require('./browser');

const SIZE = 256;

const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1f8fe0"/>
      <stop offset="1" stop-color="#0b3f7a"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.4" cy="0.35" r="0.7">
      <stop offset="0" stop-color="#fff6c8"/>
      <stop offset="0.6" stop-color="#ffc93c"/>
      <stop offset="1" stop-color="#f59e0b"/>
    </radialGradient>
    <radialGradient id="planet" cx="0.35" cy="0.3" r="0.8">
      <stop offset="0" stop-color="#ffffff"/>
      <stop offset="1" stop-color="#9fd3ff"/>
    </radialGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="52" fill="url(#sky)"/>
  <g transform="rotate(-28 128 128)">
    <path d="M 228 128 A 100 42 0 0 0 28 128" fill="none" stroke="#ffffff" stroke-opacity="0.4" stroke-width="9"/>
  </g>
  <circle cx="128" cy="128" r="34" fill="url(#sun)"/>
  <g transform="rotate(-28 128 128)">
    <path d="M 28 128 A 100 42 0 0 0 228 128" fill="none" stroke="#ffffff" stroke-width="9" stroke-linecap="round"/>
    <circle cx="192" cy="96" r="19" fill="url(#planet)" stroke="#0b3f7a" stroke-width="4"/>
  </g>
</svg>`;

async function main() {
  const browser = await launchChromium({ viewport: { width: SIZE, height: SIZE } });
  try {
    const { page } = browser;
    await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
    const out = path.join(root, 'media', 'icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${path.relative(root, out)}`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
