// What the extension costs before it does anything: bundle size, package size, activation time.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BUNDLE_TARGET_KB = 80;
export const ACTIVATION_TARGET_MS = 50;

/** One file of dist/ as `node esbuild.js --production` builds it (minified). */
export interface BundleFile {
  file: string;
  kb: number;
  /** `activation`: required by dist/extension.js when VS Code loads it; otherwise what first imports it. */
  loads: 'activation' | string;
}

export interface Footprint {
  /** What activation loads: dist/extension.js and every chunk it requires, statically, at load. */
  bundleKb: number | undefined;
  bundleNote?: string;
  /** Every file of dist/, the later ones with the module that loads them on first use. */
  bundleFiles?: BundleFile[];
  vsixKb: number | undefined;
  /** Why there is no .vsix size, when there is none. */
  vsixNote?: string;
  /** From test-results/activation.json, written by `node test/bench/activation.js`. */
  activation?: { medianMs: number; runs: number; measuredAt: string; how: string };
}

const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;

/** What the .vsix is made of besides the bundle (the allowlist of .vscodeignore). */
const PACKAGE_FILES = [
  'package.json',
  'package.nls.json',
  '.vscodeignore',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'media',
  'l10n',
];

/**
 * Builds the production bundle with the project's own esbuild.js into a temporary folder (its
 * paths are relative to the working folder; `src` is linked in). dist/ is left alone, so a
 * development build there, or one running meanwhile, can neither skew the figure nor be clobbered.
 */
function buildProduction(root: string, dir: string): { files?: BundleFile[]; note?: string } {
  fs.symlinkSync(path.join(root, 'src'), path.join(dir, 'src'), 'dir');
  const meta = path.join(dir, 'meta.json');
  const res = spawnSync(
    process.execPath,
    [path.join(root, 'esbuild.js'), '--production', '--metafile', meta],
    { cwd: dir, encoding: 'utf8', timeout: 120_000 },
  );
  if (
    res.status === 0 &&
    fs.existsSync(path.join(dir, 'dist', 'extension.js')) &&
    fs.existsSync(meta)
  ) {
    return { files: bundleFiles(dir, JSON.parse(fs.readFileSync(meta, 'utf8')) as Metafile) };
  }
  return {
    note: `the production build failed: ${`${res.stderr}${res.stdout}`.trim().split('\n')[0] ?? `exit ${String(res.status)}`}`,
  };
}

interface Metafile {
  outputs: Record<
    string,
    { imports: Array<{ path: string; kind: string; external?: boolean }>; entryPoint?: string }
  >;
}

/**
 * Which files activation loads: dist/extension.js and what it imports statically, transitively.
 * The rest is loaded by an import() on first use; each is named by the module it starts with.
 * Sizes are of the final CommonJS files in dist/.
 */
/** esbuild names entry points relative to where it ran (a temporary folder): keep the part inside the project. */
function repoPath(file: string | undefined): string | undefined {
  return file === undefined
    ? undefined
    : (/(?:^|\/)((?:src|node_modules)\/.*)$/.exec(file)?.[1] ?? file);
}

export function bundleFiles(dir: string, meta: Metafile): BundleFile[] {
  const outputs = Object.entries(meta.outputs).filter(([file]) => file.endsWith('.js'));
  const byName = new Map(outputs.map(([file, out]) => [path.basename(file), out]));
  const atActivation = new Set<string>();
  const visit = (name: string): void => {
    if (atActivation.has(name)) return;
    atActivation.add(name);
    for (const imported of byName.get(name)?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external)
        visit(path.basename(imported.path));
    }
  };
  visit('extension.js');
  return [...byName.entries()]
    .map(([name, out]) => ({
      file: `dist/${name}`,
      kb: kb(fs.statSync(path.join(dir, 'dist', name)).size),
      loads: atActivation.has(name)
        ? 'activation'
        : `on first use of ${repoPath(out.entryPoint) ?? 'a later chunk (shared code)'}`,
    }))
    .sort(
      (a, b) => Number(b.loads === 'activation') - Number(a.loads === 'activation') || b.kb - a.kb,
    );
}

/** Packages the temporary folder with the project's own vsce; offline it works, or it says why not. */
function vsix(root: string, dir: string): Pick<Footprint, 'vsixKb' | 'vsixNote'> {
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce))
    return { vsixKb: undefined, vsixNote: 'n/a: @vscode/vsce is not installed' };
  const translations = fs.readdirSync(root).filter((name) => /^package\.nls\..+\.json$/.test(name));
  for (const name of [...PACKAGE_FILES, ...translations]) {
    if (fs.existsSync(path.join(root, name)))
      fs.cpSync(path.join(root, name), path.join(dir, name), { recursive: true });
  }
  const out = path.join(dir, 'copernica.vsix');
  const res = spawnSync(
    vsce,
    ['package', '--no-dependencies', '--allow-missing-repository', '-o', out],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (res.status === 0 && fs.existsSync(out)) return { vsixKb: kb(fs.statSync(out).size) };
  const why =
    `${res.stderr}\n${res.stdout}`.split('\n').find((l) => /error/i.test(l)) ??
    res.error?.message ??
    `exit ${String(res.status)}`;
  return { vsixKb: undefined, vsixNote: `n/a: vsce package failed (${why.trim()})` };
}

function activation(root: string): Footprint['activation'] {
  const file = path.join(root, 'test-results', 'activation.json');
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      medianMs?: unknown;
      runs?: unknown;
      measuredAt?: unknown;
      how?: unknown;
    };
    if (typeof json.medianMs !== 'number') return undefined;
    return {
      medianMs: json.medianMs,
      runs: Number(json.runs),
      measuredAt: String(json.measuredAt),
      how: String(json.how),
    };
  } catch {
    return undefined;
  }
}

export function measureFootprint(root: string, packageVsix = true): Footprint {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-bench-'));
  try {
    const built = buildProduction(root, dir);
    if (!built.files)
      return {
        bundleKb: undefined,
        bundleNote: built.note,
        vsixKb: undefined,
        vsixNote: 'n/a: no bundle',
        activation: activation(root),
      };
    const packaged = packageVsix
      ? vsix(root, dir)
      : { vsixKb: undefined, vsixNote: 'skipped (--no-vsix)' };
    const startup = built.files
      .filter((f) => f.loads === 'activation')
      .reduce((sum, f) => sum + f.kb, 0);
    return {
      bundleKb: Math.round(startup * 10) / 10,
      bundleFiles: built.files,
      ...packaged,
      activation: activation(root),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
