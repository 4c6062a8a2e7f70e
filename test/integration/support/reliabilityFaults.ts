// The faults of the network and the server, each injected through the simulator's controls, with
// what the user should see when the client's retries cannot hide it, and a way to tell which
// requests it made fail (to count the writes the server really accepted).
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/app';
import type { MatchSpec, RecordedRequest, Simulator } from '../../simulator';
import { LOADBALANCER_PAGE } from '../../simulator/faults';
import { TestApi } from '../../simulator/testApi';
import { waitFor } from './setup';

/** Which of the given requests (the log while the fault was active) the fault made fail. */
export type Rejected = (requests: readonly RecordedRequest[]) => RecordedRequest[];

export interface FaultCase {
  name: string;
  /** The client retries it by itself (GET, PUT), so one occurrence is invisible to the user. */
  retried: boolean;
  /** What the one notification says when retries cannot hide it. */
  says: RegExp;
  /** An action the notification must offer. */
  action?: string;
  inject(sim: Simulator, match: MatchSpec, count: number): Promise<Rejected>;
  /** What a test needs before it opens anything, and its undoing. */
  setUp?(api: ExtensionApi): Promise<void>;
  tearDown?(api: ExtensionApi): Promise<void>;
}

function matches(match: MatchSpec): (r: RecordedRequest) => boolean {
  const path = match.path === undefined ? undefined : new RegExp(match.path);
  return (r) =>
    (!match.method || r.method === match.method.toUpperCase()) && (!path || path.test(r.path));
}

/** A fault queued for the next `count` matching requests fails exactly those. */
function counted(match: MatchSpec, count: number): Rejected {
  return (requests) => requests.filter(matches(match)).slice(0, count);
}

function jtiOf(r: RecordedRequest): number {
  const payload = /^Bearer\s+[^.]+\.([^.]+)\./i.exec(r.headers.authorization ?? '')?.[1];
  if (payload === undefined) return Number.POSITIVE_INFINITY;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: string };
  return Number(claims.jti);
}

const G = vscode.ConfigurationTarget.Global;

/** Sets copernica.requestTimeoutSeconds and waits until the session's client uses it. */
export async function useRequestTimeout(
  api: ExtensionApi,
  seconds: number | undefined,
): Promise<void> {
  await vscode.workspace.getConfiguration('copernica').update('requestTimeoutSeconds', seconds, G);
  const wanted = seconds ?? 30;
  await waitFor(
    `a client with a ${wanted} s timeout`,
    () =>
      api.session.state.kind === 'signedIn' &&
      api.session.state.settings.requestTimeoutSeconds === wanted,
  );
}

const fail =
  (
    status: number,
    extra: { body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ) =>
  (sim: Simulator, match: MatchSpec, count: number): Promise<Rejected> => {
    sim.controls.failNext({ ...match, count, status, ...extra });
    return Promise.resolve(counted(match, count));
  };

export const FAULTS: readonly FaultCase[] = [
  {
    name: '502 Bad Gateway',
    retried: true,
    says: /Copernica had a problem .*502/,
    inject: fail(502),
  },
  {
    name: '503 Loadbalancer Error page',
    retried: true,
    says: /Copernica had a problem .*503/,
    inject: fail(503, {
      body: LOADBALANCER_PAGE,
      contentType: 'text/html',
      headers: { 'X-Loadbalancer': 'too many requests to handle' },
    }),
  },
  {
    name: '429 with Retry-After',
    retried: true,
    says: /too many requests/i,
    inject: fail(429, {
      body: JSON.stringify({ error: { message: 'Too many requests' } }),
      contentType: 'application/json',
      headers: { 'Retry-After': '1' },
    }),
  },
  {
    name: 'timeout',
    retried: false,
    says: /did not answer in time/,
    inject: (sim, match, count) => {
      sim.controls.hangNext({ ...match, count });
      return Promise.resolve(counted(match, count));
    },
    setUp: (api) => useRequestTimeout(api, 1),
    tearDown: (api) => useRequestTimeout(api, undefined),
  },
  {
    name: 'connection reset',
    retried: true,
    says: /interrupted|could not be reached/,
    inject: (sim, match, count) => {
      sim.controls.dropNext({ ...match, count });
      return Promise.resolve(counted(match, count));
    },
  },
  {
    // The server did its work; only the answer is cut. A GET is asked again, a write is not affected.
    name: 'truncated JSON',
    retried: true,
    says: /incomplete or invalid response/,
    inject: (sim, match, count) => {
      sim.controls.truncateNext({ ...match, count });
      return Promise.resolve(() => []);
    },
  },
  {
    name: '400 with a message',
    retried: false,
    says: /Copernica says: Field "firstname" is locked by an import/,
    inject: fail(400, {
      body: JSON.stringify({ error: { message: 'Field "firstname" is locked by an import' } }),
      contentType: 'application/json',
    }),
  },
  {
    // Every JWT issued so far stops working; the client exchanges the token again, once.
    name: 'expired JWT',
    retried: true,
    says: /did not accept the API token/,
    inject: async (sim) => {
      const newest = await new TestApi(sim).freshJwt();
      const limit = jtiOf({
        headers: { authorization: `Bearer ${newest}` },
      } as unknown as RecordedRequest);
      sim.controls.expireJwts();
      return (requests) => requests.filter((r) => jtiOf(r) <= limit);
    },
  },
  {
    name: 'revoked token',
    retried: false,
    says: /did not accept the API token/,
    action: 'Sign In',
    inject: (sim) => {
      sim.controls.revokeToken();
      // Until the test restores it, every request with credentials is refused.
      return Promise.resolve((requests) =>
        requests.filter((r) => r.headers.authorization !== undefined),
      );
    },
  },
];

export function fault(name: string): FaultCase {
  const found = FAULTS.find((f) => f.name === name);
  if (!found) throw new Error(`no fault "${name}"`);
  return found;
}
