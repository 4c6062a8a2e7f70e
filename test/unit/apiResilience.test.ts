// Authentication, versions, error kinds, retries, timeouts, cancellation, request sharing and
// redaction, against the simulator's faults; assertions read what reached the simulator.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { CopernicaClient } from '../../src/api/client';
import type { ClientOptions } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import type { ApiErrorKind } from '../../src/api/errors';
import { startSimulator } from '../simulator';
import type { RecordedRequest, Simulator, SimulatorOptions } from '../simulator/types';

const LOADBALANCER_PAGE =
  '<html><head><title>Loadbalancer Error</title></head><body>too many requests to handle</body></html>';

describe('api client: auth, errors, retries', function () {
  this.timeout(30_000);
  let sim: Simulator;
  const logLines: string[] = [];
  const messages: string[] = [];
  const secrets = new Set<string>();
  /** Every JWT and token that reached a simulator, for the redaction check at the end. */
  const collectSecrets = (from: Simulator): void => {
    secrets.add(from.token);
    for (const r of from.controls.requests()) {
      const bearer = /^Bearer (\S+)$/.exec(r.headers['authorization'] ?? '');
      if (bearer?.[1] !== undefined) secrets.add(bearer[1]);
    }
  };

  const make = (extra: Partial<ClientOptions> = {}) =>
    new CopernicaClient({
      apiUrl: sim.url,
      authUrl: sim.authUrl,
      apiVersion: 'v4',
      token: sim.token,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      log: (line) => logLines.push(line),
      ...extra,
    });
  const sent = (method: string, path: RegExp, from = sim): RecordedRequest[] =>
    from.controls.requests().filter((r) => r.method === method && path.test(r.path));
  const failure = async (promise: Promise<unknown>, kind: ApiErrorKind): Promise<ApiError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    messages.push(error.message, error.apiMessage ?? '');
    assert.equal(error.kind, kind, error.message);
    return error;
  };
  const withSimulator = async (
    options: SimulatorOptions,
    body: (other: Simulator) => Promise<void>,
  ) => {
    const other = await startSimulator(options);
    try {
      await body(other);
    } finally {
      collectSecrets(other);
      await other.close();
    }
  };

  before(async () => {
    sim = await startSimulator({});
  });
  after(async () => {
    await sim.close();
    // Nothing secret in any log line or error message of the whole suite.
    assert.ok(secrets.size > 3 && logLines.length > 20 && messages.length > 10);
    for (const text of [...logLines, ...messages]) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `leaked in: ${text}`);
    }
  });
  afterEach(() => collectSecrets(sim));
  beforeEach(() => {
    sim.controls.reset();
    sim.controls.clearRequests();
  });

  describe('v4 JWT', () => {
    it('exchanges the token once for many requests', async () => {
      const client = make();
      await Promise.all([
        client.identity(),
        client.databases(),
        client.profile('1').catch(() => undefined),
      ]);
      await client.identity();
      const auth = sent('POST', /authenticate/);
      assert.equal(auth.length, 1);
      assert.equal(new URLSearchParams(auth[0]?.body).get('access_token'), sim.token);
      assert.match(auth[0]?.headers['content-type'] ?? '', /x-www-form-urlencoded/);
      assert.match(sent('GET', /identity/)[0]?.headers['user-agent'] ?? '', /^copernica-vscode/);
    });

    it('fetches a fresh JWT after expiry', async () => {
      await withSimulator({ jwtLifetimeSeconds: 2 }, async (short) => {
        const client = make({ apiUrl: short.url, authUrl: short.authUrl, token: short.token });
        await client.identity();
        await client.identity();
        assert.equal(sent('POST', /authenticate/, short).length, 1);
        await new Promise((resolve) => setTimeout(resolve, 2100));
        await client.identity();
        assert.equal(sent('POST', /authenticate/, short).length, 2);
        assert.equal(
          sent('GET', /identity/, short).length,
          3,
          'no request was rejected on the way',
        );
      });
    });

    for (const status of [400, 401] as const) {
      it(`refreshes once and retries once when JWTs are rejected (${status})`, async () => {
        await withSimulator({ authFailureStatus: status }, async (other) => {
          const client = make({ apiUrl: other.url, authUrl: other.authUrl, token: other.token });
          await client.identity();
          other.controls.expireJwts();
          await client.identity();
          assert.equal(sent('POST', /authenticate/, other).length, 2);
          const gets = sent('GET', /identity/, other).map((r) => r.headers['authorization']);
          assert.equal(gets.length, 3);
          assert.equal(gets[1], gets[0], 'the rejected request used the old JWT');
          assert.notEqual(gets[2], gets[1], 'the retry used the fresh one');
        });
      });
    }

    it('gives kind auth when the token itself is revoked, without looping', async () => {
      const client = make();
      await client.identity();
      sim.controls.revokeToken();
      sim.controls.expireJwts();
      await failure(client.identity(), 'auth');
      assert.equal(sent('POST', /authenticate/).length, 2, 'one refresh attempt');
      sim.controls.restoreToken();
      await client.identity();
    });

    it('drops the JWT on clearCredentials', async () => {
      const client = make();
      await client.identity();
      client.clearCredentials();
      await client.identity();
      assert.equal(sent('POST', /authenticate/).length, 2);
    });
  });

  describe('older versions', () => {
    it('v3 sends the token as a query parameter and never logs it', async () => {
      const client = make({ apiVersion: 'v3' });
      await client.profiles('Newsletter', { limit: 2 });
      const [request] = sent('GET', /^\/v3\/database\/Newsletter\/profiles$/);
      assert.equal(request?.query['access_token'], sim.token);
      assert.equal(request?.headers['authorization'], undefined);
      assert.equal(sent('POST', /authenticate/).length, 0);
      assert.ok(
        logLines.some((l) => l.startsWith('GET /v3/database/Newsletter/profiles?limit=2 → 200')),
      );
    });

    it('v2 takes a 303 as success without following it', async () => {
      const client = make({ apiVersion: 'v2' });
      const id = await client.createProfile('Newsletter', {});
      sim.controls.clearRequests();
      await client.updateProfile(id, { secret: 'abc' });
      const requests = sim.controls.requests();
      assert.deepEqual(
        requests.map((r) => `${r.method} ${r.path}`),
        [`PUT /v2/profile/${id}`],
      );
      assert.equal((await client.profile(id)).secret, 'abc');
      await client.deleteProfile(id);
    });

    it('v3 gives kind auth for a bad token', async () => {
      const error = await failure(
        make({ apiVersion: 'v3', token: 'not-the-token-123' }).identity(),
        'auth',
      );
      assert.equal(error.apiMessage, 'Invalid access token');
      assert.ok(!error.message.includes('not-the-token-123'));
    });
  });

  describe('error kinds', () => {
    it('badRequest, rateLimited, server', async () => {
      const client = make({ retryLimit: 1 });
      const profileId = await client.createProfile('Customers', {});
      const bad = await failure(client.createSubprofile(profileId, '987654321', {}), 'badRequest');
      assert.equal(bad.apiMessage, 'Subprofile could not be created');
      sim.controls.failNext({ status: 429, count: 5, path: 'identity' });
      assert.equal((await failure(client.identity(), 'rateLimited')).status, 429);
      sim.controls.reset();
      sim.controls.failNext({
        status: 500,
        count: 5,
        body: '{"error":{"message":"Internal"}}',
        contentType: 'application/json',
      });
      const server = await failure(client.identity(), 'server');
      assert.equal(server.apiMessage, 'Internal');
    });

    it('network: refused connection and dropped connections, with their code', async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address() as net.AddressInfo;
          probe.close(() => resolve(free));
        });
      });
      const refused = await failure(
        make({ apiUrl: `http://127.0.0.1:${port}`, apiVersion: 'v3', retryLimit: 0 }).identity(),
        'network',
      );
      assert.equal(refused.cause, 'ECONNREFUSED');
      assert.equal(refused.status, undefined);
      sim.controls.dropNext({ count: 10, path: 'identity' });
      const dropped = await failure(make({ retryLimit: 1 }).identity(), 'network');
      assert.equal(dropped.cause, 'ECONNRESET');
      assert.equal(sent('GET', /identity/).length, 2, 'retried once');
    });

    it('server: a truncated JSON body is an invalid response, retried for GET', async () => {
      const client = make();
      sim.controls.truncateNext({ path: '/profiles$' });
      const page = await client.profiles('Newsletter', { limit: 50 });
      assert.equal(page.count, 50);
      assert.equal(sent('GET', /\/profiles$/).length, 2);
      sim.controls.truncateNext({ count: 10, path: '/profiles$' });
      const error = await failure(make({ retryLimit: 1 }).profiles('Newsletter'), 'server');
      assert.match(error.message, /incomplete or invalid response/);
    });

    it('timeout: a hung request gives kind timeout', async () => {
      sim.controls.hangNext({ path: 'identity' });
      const started = Date.now();
      await failure(make({ timeoutMs: 200 }).identity(), 'timeout');
      assert.ok(Date.now() - started < 2000);
    });

    it('cancelled: an aborted call gives kind cancelled, distinct from timeout', async () => {
      const client = make();
      await client.identity();
      sim.controls.setLatency(1000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      await failure(client.identity(controller.signal), 'cancelled');
      assert.ok(Date.now() - started < 800);
      await failure(client.identity(AbortSignal.abort()), 'cancelled');
    });
  });

  describe('retries', () => {
    it('retries a GET on 503 Loadbalancer Error until it succeeds', async () => {
      sim.controls.failNext({
        status: 503,
        count: 2,
        body: LOADBALANCER_PAGE,
        contentType: 'text/html',
        path: 'identity',
      });
      await make().identity();
      assert.equal(sent('GET', /identity/).length, 3);
    });

    it('retries a PUT and a DELETE on 502/504', async () => {
      const client = make();
      const id = await client.createProfile('Newsletter', {});
      sim.controls.failNext({ status: 502, method: 'PUT' });
      await client.updateProfile(id, { secret: 'x' });
      assert.equal(sent('PUT', /profile/).length, 2);
      sim.controls.failNext({ status: 504, method: 'DELETE' });
      await client.deleteProfile(id);
      assert.equal(sent('DELETE', /profile/).length, 2);
    });

    it('honours Retry-After on 429', async () => {
      sim.controls.failNext({ status: 429, headers: { 'retry-after': '1' }, path: 'identity' });
      await make().identity();
      const [first, second] = sent('GET', /identity/);
      assert.ok(first !== undefined && second !== undefined);
      assert.ok(second.time - first.time >= 900, `waited ${second.time - first.time} ms`);
    });

    it('never retries a POST', async () => {
      const client = make();
      await client.identity();
      sim.controls.failNext({
        status: 503,
        method: 'POST',
        body: LOADBALANCER_PAGE,
        contentType: 'text/html',
      });
      await failure(client.createProfile('Newsletter', { fields: {} }), 'server');
      assert.equal(sent('POST', /\/profiles$/).length, 1);
      sim.controls.dropNext({ method: 'POST', path: '/profiles$' });
      await failure(client.createProfile('Newsletter', {}), 'network');
      assert.equal(sent('POST', /\/profiles$/).length, 2);
    });
  });

  describe('shared requests', () => {
    it('identical concurrent GETs make one request; one caller may stop waiting alone', async () => {
      const client = make();
      await client.identity();
      sim.controls.clearRequests();
      sim.controls.setLatency(200);
      const controller = new AbortController();
      const calls = [
        client.profile('1'),
        client.profile('1'),
        client.profile('1', controller.signal),
      ];
      controller.abort();
      const results = await Promise.allSettled(calls);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'fulfilled', 'rejected'],
      );
      assert.equal(sent('GET', /^\/v4\/profile\/1$/).length, 1);
      await client.profile('1');
      assert.equal(sent('GET', /^\/v4\/profile\/1$/).length, 2, 'finished requests are not cached');
    });
  });

  describe('log', () => {
    it('writes one redacted line per request', async () => {
      const from = logLines.length;
      const client = make();
      await client.profiles('Newsletter', {
        limit: 100,
        conditions: [{ field: 'id', operator: '>', value: '5' }],
      });
      const lines = logLines.slice(from);
      assert.equal(lines.length, 2);
      assert.match(lines[0] ?? '', /^POST \/authenticate → 200 \(\d+ ms\)$/);
      assert.match(
        lines[1] ?? '',
        /^GET \/v4\/database\/Newsletter\/profiles\?limit=100&fields%5B%5D=id%3E5 → 200 \(\d+ ms\)$/,
      );
    });
  });
});
