// The simulator's controls over HTTP (/__sim/…, see controls.ts), for tests in another process
// such as the VS Code extension host. Same methods as SimulatorControls, each returning a promise.
import type {
  AsyncSimulatorControls,
  FaultSpec,
  MatchSpec,
  Quirks,
  RecordedRequest,
} from './types';

export function simulatorControlsOverHttp(url: string): AsyncSimulatorControls {
  const base = url.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const res = await fetch(`${base}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok)
      throw new Error(
        `Simulator control ${method} ${path} failed: ${res.status} ${await res.text()}`,
      );
    return res;
  };
  const post = async (path: string, body?: unknown): Promise<void> => {
    await call('POST', path, body);
  };
  return {
    setLatency: (ms: number) => post('/latency', { ms }),
    failNext: (spec: FaultSpec) => post('/fail', spec),
    dropNext: (spec?: MatchSpec) => post('/drop', spec ?? {}),
    loseAnswerNext: (spec?: MatchSpec) => post('/lose-answer', spec ?? {}),
    truncateNext: (spec?: MatchSpec) => post('/truncate', spec ?? {}),
    hangNext: (spec?: MatchSpec) => post('/hang', spec ?? {}),
    stallNext: (spec?: MatchSpec) => post('/stall', spec ?? {}),
    floodNext: (spec?: MatchSpec) => post('/flood', spec ?? {}),
    setQuirks: (quirks: Quirks) => post('/quirks', quirks),
    revokeToken: () => post('/revoke'),
    restoreToken: () => post('/restore'),
    expireJwts: () => post('/expire-jwts'),
    changeProfile: async (id: string, fields: Record<string, string>) => {
      await call('PUT', `/profile/${encodeURIComponent(id)}`, { fields });
    },
    changeSubprofile: async (id: string, fields: Record<string, string>) => {
      await call('PUT', `/subprofile/${encodeURIComponent(id)}`, { fields });
    },
    requests: async () => (await (await call('GET', '/requests')).json()) as RecordedRequest[],
    clearRequests: async () => {
      await call('DELETE', '/requests');
    },
    reset: (options?: { reseed?: boolean }) => post('/reset', options ?? {}),
  };
}
