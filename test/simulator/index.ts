// Entry point of the Copernica simulator: a real HTTP server on loopback that behaves like the
// Copernica REST API as described in README.md beside this file (v1-v4, JWT auth), with test controls.
import type { AddressInfo } from 'node:net';
import { createControls } from './controls';
import { resolveOptions } from './options';
import { createSimServer } from './server';
import { SimState } from './state';
import type { Simulator, SimulatorOptions } from './types';

export { DEMO_TOKEN } from './options';
export { simulatorControlsOverHttp } from './httpControls';
export type {
  AsyncSimulatorControls,
  FaultSpec,
  GenerateSpec,
  MatchSpec,
  Quirks,
  RecordedRequest,
  ResetOptions,
  Simulator,
  SimulatorControls,
  SimulatorOptions,
} from './types';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const state = new SimState(resolved);
  const controls = createControls(state);
  const server = createSimServer(state, controls);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  const url = `http://${host}:${port}`;
  state.baseUrl = url;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      state.releaseHung();
      server.close(() => resolve());
      // Keep-alive and hung sockets would otherwise hold the process open.
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, authUrl: `${url}/authenticate`, token: resolved.token, controls, close };
}
