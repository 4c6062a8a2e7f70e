// Builds the production bundle, packages the extension with vsce into .vscode-test/copernica-vscode.vsix,
// lists what is inside and fails when anything but the allowed run-time files got in.
//   node test/demo/package.js [--out <file.vsix>]
// Works offline. Also used by demo.js, which installs the fresh .vsix into code-server.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { root, cache } = require('../harness/paths');

const DEFAULT_OUT = path.join(cache, 'copernica-vscode.vsix');

// What the .vsix may hold (paths inside it; vsce renames README/CHANGELOG/LICENSE).
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/dist\/[\w-]+\.js$/, // extension.js and the chunks it loads
  /^extension\/dist\/webview\/[\w-]+\.js$/, // the profiles table's webview script
  /^extension\/media\/(?!screenshots\/)[\w/.-]+\.(svg|png|md)$/, // icons, walkthrough pages; not the README's screenshots
  /^extension\/media\/language\/[\w.-]+\.json$/, // the profile language: grammar and language configuration
  /^extension\/package(\.nls(\.[\w-]+)?)?\.json$/,
  /^extension\/l10n\/[^/]+\.json$/,
  /^extension\/(readme\.md|changelog\.md|LICENSE\.txt)$/,
];
const REQUIRED = [
  'extension/dist/extension.js',
  'extension/dist/webview/table.js',
  'extension/package.json',
  'extension/media/icon.png',
];

function node(args) {
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
}

/** Names and sizes from the zip's central directory (no unzip tool or extra dependency needed). */
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const entries = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, size: zip.readUInt32LE(at + 24) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Every chunk a dist/ file requires (statically or on first use) must ship with it. */
function requiredChunks() {
  const dist = path.join(root, 'dist');
  const chunks = new Set();
  for (const name of fs.readdirSync(dist).filter((n) => n.endsWith('.js'))) {
    for (const m of fs
      .readFileSync(path.join(dist, name), 'utf8')
      .matchAll(/require\("\.\/([\w-]+\.js)"\)/g))
      chunks.add(`extension/dist/${m[1]}`);
  }
  return [...chunks];
}

function checkEntries(entries) {
  const names = entries.map((e) => e.name);
  const unexpected = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
  const missing = [...REQUIRED, ...requiredChunks()].filter((n) => !names.includes(n));
  const problems = [
    ...unexpected.map((n) => `unexpected file in the .vsix: ${n}`),
    ...missing.map((n) => `missing from the .vsix: ${n}`),
  ];
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n(check .vscodeignore)`);
}

function packageVsix(out = DEFAULT_OUT) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  node(['esbuild.js', '--production']);
  // Recursive: the table's webview script lives in dist/webview/.
  const built = fs
    .readdirSync(path.join(root, 'dist'), { recursive: true })
    .map(String)
    .filter((name) => fs.statSync(path.join(root, 'dist', name)).isFile());
  for (const name of built) {
    if (
      name.endsWith('.map') ||
      fs.readFileSync(path.join(root, 'dist', name), 'utf8').includes('sourceMappingURL')
    ) {
      throw new Error(`dist/${name}: the production build should have no source maps`);
    }
  }
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // Without a `repository` in package.json vsce would stop and ask on a terminal.
  node([vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out]);
  const entries = zipEntries(out);
  for (const e of entries) console.log(`${String(e.size).padStart(9)}  ${e.name}`);
  checkEntries(entries);
  console.log(
    `${path.relative(root, out)}: ${entries.length} files, ${(fs.statSync(out).size / 1024).toFixed(1)} KB`,
  );
  return out;
}

module.exports = { packageVsix };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  try {
    packageVsix(i > 0 ? path.resolve(process.argv[i + 1]) : undefined);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
