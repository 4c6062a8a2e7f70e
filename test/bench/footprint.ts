// What the extension costs before it does anything: bundle size, package size, activation time.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BUNDLE_TARGET_KB = 80;
export const ACTIVATION_TARGET_MS = 50;

export interface Footprint {
  /** dist/extension.js as `node esbuild.js --production` builds it (minified). */
  bundleKb: number | undefined;
  bundleNote?: string;
  vsixKb: number | undefined;
  /** Why there is no .vsix size, when there is none. */
  vsixNote?: string;
  /** From test-results/activation.json, written by `node test/bench/activation.js`. */
  activation?: { medianMs: number; runs: number; measuredAt: string; how: string };
}

const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;

/** What the .vsix is made of besides the bundle (the allowlist of .vscodeignore). */
const PACKAGE_FILES = ['package.json', 'package.nls.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media', 'l10n'];

/**
 * Builds the production bundle with the project's own esbuild.js into a temporary folder (its
 * paths are relative to the working folder; `src` is linked in). dist/ is left alone, so a
 * development build there, or one running meanwhile, can neither skew the figure nor be clobbered.
 */
function buildProduction(root: string, dir: string): { file?: string; note?: string } {
  fs.symlinkSync(path.join(root, 'src'), path.join(dir, 'src'), 'dir');
  const res = spawnSync(process.execPath, [path.join(root, 'esbuild.js'), '--production'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const file = path.join(dir, 'dist', 'extension.js');
  if (res.status === 0 && fs.existsSync(file)) return { file };
  return { note: `the production build failed: ${`${res.stderr}${res.stdout}`.trim().split('\n')[0] ?? `exit ${String(res.status)}`}` };
}

/** Packages the temporary folder with the project's own vsce; offline it works, or it says why not. */
function vsix(root: string, dir: string): Pick<Footprint, 'vsixKb' | 'vsixNote'> {
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce)) return { vsixKb: undefined, vsixNote: 'n/a: @vscode/vsce is not installed' };
  const translations = fs.readdirSync(root).filter((name) => /^package\.nls\..+\.json$/.test(name));
  for (const name of [...PACKAGE_FILES, ...translations]) {
    if (fs.existsSync(path.join(root, name))) fs.cpSync(path.join(root, name), path.join(dir, name), { recursive: true });
  }
  const out = path.join(dir, 'copernica.vsix');
  const res = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '-o', out], {
    cwd: dir, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (res.status === 0 && fs.existsSync(out)) return { vsixKb: kb(fs.statSync(out).size) };
  const why = `${res.stderr}\n${res.stdout}`.split('\n').find((l) => /error/i.test(l)) ?? res.error?.message ?? `exit ${String(res.status)}`;
  return { vsixKb: undefined, vsixNote: `n/a: vsce package failed (${why.trim()})` };
}

function activation(root: string): Footprint['activation'] {
  const file = path.join(root, 'test-results', 'activation.json');
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { medianMs?: unknown; runs?: unknown; measuredAt?: unknown; how?: unknown };
    if (typeof json.medianMs !== 'number') return undefined;
    return { medianMs: json.medianMs, runs: Number(json.runs), measuredAt: String(json.measuredAt), how: String(json.how) };
  } catch {
    return undefined;
  }
}

export function measureFootprint(root: string, packageVsix = true): Footprint {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-bench-'));
  try {
    const built = buildProduction(root, dir);
    if (!built.file) return { bundleKb: undefined, bundleNote: built.note, vsixKb: undefined, vsixNote: 'n/a: no bundle', activation: activation(root) };
    const packaged = packageVsix ? vsix(root, dir) : { vsixKb: undefined, vsixNote: 'skipped (--no-vsix)' };
    return { bundleKb: kb(fs.statSync(built.file).size), ...packaged, activation: activation(root) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
