// Builds the extension bundle (dist/) and, with --tests, the test bundles (out/).
//   node esbuild.js               development build: dist/extension.js with source maps
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuilds on change; prints what VS Code's esbuild problem matcher reads
//   node esbuild.js --tests       also builds unit tests, integration tests and the simulator into out/
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints build start/end and errors in the format of the `$esbuild-watch` problem matcher. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's UMD build requires its parts dynamically, which a bundle cannot follow: take its ESM build.
  mainFields: ['module', 'main'],
  logLevel: 'silent',
  plugins: watch ? [problemMatcherPlugin] : [],
};

function configs() {
  const list = [
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      minify: production,
      sourcemap: !production,
      sourcesContent: false,
    },
  ];
  if (tests) {
    list.push({
      ...common,
      entryPoints: listTests('test/unit'),
      outdir: 'out/unit',
      outbase: 'test/unit',
      external: ['vscode', 'mocha'],
      sourcemap: 'inline',
    });
    list.push({
      ...common,
      entryPoints: ['test/integration/index.ts', ...listTests('test/integration')],
      outdir: 'out/integration',
      outbase: 'test/integration',
      external: ['vscode', 'mocha'],
      sourcemap: 'inline',
    });
    list.push({
      ...common,
      entryPoints: ['test/bench/bench.ts'],
      outdir: 'out/bench',
      outbase: 'test/bench',
      external: ['vscode'],
      sourcemap: 'inline',
    });
    list.push({
      ...common,
      entryPoints: ['test/simulator/cli.ts'],
      outdir: 'out/simulator',
      outbase: 'test/simulator',
      sourcemap: 'inline',
    });
  }
  return list.filter((c) => !c.entryPoints || c.entryPoints.every((e) => fs.existsSync(e)) && c.entryPoints.length > 0);
}

async function main() {
  const contexts = await Promise.all(configs().map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    for (const c of contexts) {
      const result = await c.rebuild();
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}${location ? ` (${location.file}:${location.line}:${location.column})` : ''}`);
      }
      if (result.errors.length > 0) process.exitCode = 1;
    }
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
