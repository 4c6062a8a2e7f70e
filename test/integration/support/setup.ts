// Shared set-up of the integration suite: one Copernica simulator per run, inside the extension
// host, with the user settings pointing at it; helpers to sign in and to reach the extension.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/app';
import { startSimulator, type Simulator } from '../../simulator';

export const EXTENSION_ID = 'copernica-vscode.copernica-vscode';

interface State {
  sim?: Simulator;
  starting?: Promise<Simulator>;
}

const KEY = '__copernicaSimulator';

function state(): State {
  const g = globalThis as unknown as Record<string, State | undefined>;
  return (g[KEY] ??= {});
}

/** The running simulator (started on first use, with the demo data and the user settings aimed at it). */
export async function simulator(): Promise<Simulator> {
  const s = state();
  if (s.sim) return s.sim;
  s.starting ??= (async () => {
    const sim = await startSimulator({});
    const config = vscode.workspace.getConfiguration('copernica');
    await config.update('apiUrl', sim.url, vscode.ConfigurationTarget.Global);
    await config.update('authUrl', sim.authUrl, vscode.ConfigurationTarget.Global);
    await config.update('apiVersion', 'v4', vscode.ConfigurationTarget.Global);
    s.sim = sim;
    return sim;
  })();
  return s.starting;
}

/** The activated extension's API; fails loudly when the extension did not load. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api, 'the extension returned no test API: is the extension host in test mode?');
  return api;
}

/** Signs in with the simulator's token through the real command (the token as argument, as a script would). */
export async function signIn(): Promise<{ sim: Simulator; api: ExtensionApi }> {
  const sim = await simulator();
  const api = await extensionApi();
  if (api.session.state.kind !== 'signedIn') {
    await vscode.commands.executeCommand('copernica.signIn', sim.token);
  }
  assert.strictEqual(api.session.state.kind, 'signedIn', 'sign-in with the simulator token failed');
  return { sim, api };
}

/** Resolves when `check` returns a truthy value, polling; fails with `what` after the timeout. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * The files of the extension's dist/ that Node has loaded so far (names without hashes, e.g.
 * `extension`, `feature`): the bundle is split so that activation loads only part of it.
 */
export function loadedBundleParts(): string[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const dist = `${ext.extensionPath}/dist/`;
  return Object.keys(require.cache)
    .filter((file) => file.startsWith(dist) && file.endsWith('.js'))
    .map((file) => file.slice(dist.length).replace(/(-[A-Z0-9]+)?\.js$/, ''))
    .sort();
}
