// Builds the extension bundle (dist/) and, with --tests, the test bundles (out/).
//   node esbuild.js               development build: dist/extension.js (+ chunks) with source maps
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuilds on change; prints what VS Code's esbuild problem matcher reads
//   node esbuild.js --tests       also builds unit tests, integration tests and the simulator into out/
//   node esbuild.js --metafile F  writes esbuild's metafile of the split extension build to F (the bench reads it)
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const metafileArg = process.argv.indexOf('--metafile');
const metafile = metafileArg < 0 ? undefined : process.argv[metafileArg + 1];

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

/**
 * The extension is split: dist/extension.js and the chunks it requires at activation hold what
 * the explorer needs; what only profile documents need (their model, jsonc-parser, the editor
 * features) is in a chunk loaded on the first `copernica:` document or document command.
 * esbuild splits only ES modules and VS Code loads CommonJS, so the split ES modules are built in
 * memory first and then turned into CommonJS files one by one; their source maps are carried through.
 */
function splitToCommonJs(outdir) {
  return {
    name: 'split-to-commonjs',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length > 0 || !result.outputFiles) return;
        if (metafile && result.metafile)
          fs.writeFileSync(metafile, JSON.stringify(result.metafile));
        const esm = new Map(
          result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [f.path, f.text]),
        );
        const cjs = await esbuild.build({
          entryPoints: [...esm.keys()],
          outdir,
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          // import() of a chunk becomes require(): VS Code's extension host loads CommonJS.
          supported: { 'dynamic-import': false },
          // The clock of src/loadStart.ts, started before dist/extension.js requires its chunks.
          banner: { js: 'var __copernicaLoadStart = performance.now();' },
          minify: production,
          sourcemap: !production,
          sourcesContent: false,
          write: false,
          logLevel: 'silent',
          plugins: [
            {
              name: 'split-esm-in-memory',
              setup(b) {
                b.onResolve({ filter: /.*/ }, (args) =>
                  esm.has(args.path) ? { path: args.path, namespace: 'split-esm' } : undefined,
                );
                b.onLoad({ filter: /.*/, namespace: 'split-esm' }, (args) => ({
                  contents: esm.get(args.path),
                  loader: 'js',
                  resolveDir: outdir,
                }));
              },
            },
          ],
        });
        fs.mkdirSync(outdir, { recursive: true });
        // Chunk names carry a content hash: drop the previous build's files so no stale chunk ships.
        for (const name of fs.readdirSync(outdir)) {
          if (/\.js(\.map)?$/.test(name)) fs.rmSync(path.join(outdir, name));
        }
        for (const file of cjs.outputFiles) fs.writeFileSync(file.path, file.contents);
      });
    },
  };
}

function configs() {
  const dist = path.resolve('dist');
  const list = [
    {
      ...common,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: dist,
      format: 'esm',
      splitting: true,
      chunkNames: '[name]-[hash]',
      external: ['vscode'],
      minify: production,
      // Inline for the second pass, which reads it and writes the final dist/*.js.map files.
      sourcemap: production ? false : 'inline',
      sourcesContent: false,
      write: false,
      metafile: metafile !== undefined,
      // First, so that the watch output says "finished" only once dist/ is written.
      plugins: [splitToCommonJs(dist), ...common.plugins],
    },
  ];
  // The profiles table's webview script: a browser bundle of its own, loaded only when a table opens.
  list.push({
    ...common,
    entryPoints: { table: 'src/table/webview/main.ts' },
    outdir: path.join(dist, 'webview'),
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'inline',
  });
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
      // The simulator's own tests live beside it and run as their own suite.
      entryPoints: listTests('test/simulator/tests'),
      outdir: 'out/simulator-tests',
      outbase: 'test/simulator/tests',
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
  return list.filter((c) => {
    const entries = Object.values(c.entryPoints);
    return entries.length > 0 && entries.every((e) => fs.existsSync(e));
  });
}

async function main() {
  // A test file that was deleted must not live on as a stale bundle that the runners still load.
  if (tests)
    for (const dir of ['out/unit', 'out/simulator-tests', 'out/integration'])
      fs.rmSync(dir, { recursive: true, force: true });
  const contexts = await Promise.all(configs().map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    for (const c of contexts) {
      const result = await c.rebuild();
      for (const { text, location } of result.errors) {
        console.error(
          `✘ [ERROR] ${text}${location ? ` (${location.file}:${location.line}:${location.column})` : ''}`,
        );
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
