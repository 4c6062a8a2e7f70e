// A hostile network and a broken server (issue 14), against the simulator over real HTTP: stalled
// token exchanges, lists that never end, 3xx answers to writes, dot-segment IDs, endless bodies,
// and tokens whose encoded spelling must not leak. Assertions read what reached the simulator.
import * as assert from 'node:assert/strict';
import { CopernicaClient } from '../../src/api/client';
import type { ClientOptions } from '../../src/api/client';
import { ANSWER_TOO_LARGE, ApiError, redact } from '../../src/api/errors';
import type { ApiErrorKind } from '../../src/api/errors';
import { hasUnusualTokenCharacters } from '../../src/api/auth';
import { ListGuard } from '../../src/api/listGuard';
import { isLoopback, validateEndpointUrl } from '../../src/api/url';
import { Pager, pagedQuery } from '../../src/tree/pager';
import { startSimulator } from '../simulator';
import type { RecordedRequest, Simulator, SimulatorOptions } from '../simulator/types';

describe('api client: hostile network and server', function () {
  this.timeout(30_000);
  let sim: Simulator;
  const logLines: string[] = [];
  const warnings: string[] = [];

  const make = (extra: Partial<ClientOptions> = {}, on: Simulator = sim): CopernicaClient =>
    new CopernicaClient({
      apiUrl: on.url,
      authUrl: on.authUrl,
      apiVersion: 'v4',
      token: on.token,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      log: (line) => logLines.push(line),
      warn: (line) => warnings.push(line),
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
    assert.equal(error.kind, kind, error.message);
    return error;
  };
  const withSimulator = async (
    options: SimulatorOptions,
    body: (other: Simulator) => Promise<void>,
  ): Promise<void> => {
    const other = await startSimulator(options);
    try {
      await body(other);
    } finally {
      await other.close();
    }
  };

  before(async () => {
    sim = await startSimulator({});
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.controls.reset();
    logLines.length = 0;
    warnings.length = 0;
  });

  describe('a stalled token exchange (v4)', () => {
    for (const stall of ['sends no headers', 'sends a body that never ends'] as const) {
      it(`${stall}: a timeout within the request timeout, and the next call exchanges again`, async () => {
        const client = make({ timeoutMs: 400 });
        if (stall === 'sends no headers') sim.controls.hangNext({ path: '^/authenticate' });
        else sim.controls.stallNext({ path: '^/authenticate' });
        const started = Date.now();
        const error = await failure(client.identity(), 'timeout');
        assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
        assert.doesNotMatch(error.message, /cancel/i);
        // The server answers again: the stalled exchange is forgotten, a new one succeeds.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const identity = await client.identity();
        assert.equal(identity.name, 'Demo Account');
        assert.equal(sent('POST', /^\/authenticate/).length, 2);
        assert.equal(sent('GET', /identity$/).length, 1, 'nothing was sent without a JWT');
      });
    }

    it('only a cancel the user made is "cancelled"', async () => {
      const client = make({ timeoutMs: 5000 });
      sim.controls.hangNext({ path: '^/authenticate' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await failure(client.identity(controller.signal), 'cancelled');
    });
  });

  describe('lists that never end', () => {
    it('a server that ignores start: the definitions walker stops, without duplicates, and says so', async () => {
      await withSimulator(
        { generate: { databases: 1, fieldsPerDatabase: 2500, profilesPerDatabase: 3 } },
        async (other) => {
          const client = make({}, other);
          const [database] = await client.databases();
          assert.ok(database);
          other.controls.setQuirks({ ignoreStart: true });
          other.controls.clearRequests();
          const fields = await client.databaseFields(database.ID);
          assert.equal(
            new Set(fields.map((f) => f.ID)).size,
            fields.length,
            'duplicates were kept',
          );
          assert.equal(fields.length, 1000);
          assert.equal(sent('GET', /\/fields$/, other).length, 2, 'one page to find out, no more');
          assert.ok(
            warnings.some((w) => /brought no new items/.test(w)),
            warnings.join('\n'),
          );
        },
      );
    });

    it('a server that ignores start: walking all profiles by offset ends', async () => {
      await withSimulator(
        { generate: { databases: 1, fieldsPerDatabase: 3, profilesPerDatabase: 40 } },
        async (other) => {
          const client = make({}, other);
          const [database] = await client.databases();
          assert.ok(database);
          other.controls.setQuirks({ ignoreStart: true });
          other.controls.clearRequests();
          const ids: string[] = [];
          for await (const profile of client.allProfiles(database.ID, {
            limit: 10,
            orderBy: 'modified',
          }))
            ids.push(profile.ID);
          assert.equal(ids.length, 10);
          assert.equal(sent('GET', /\/profiles$/, other).length, 2);
          assert.ok(warnings.some((w) => /brought no new items/.test(w)));
        },
      );
    });

    it('a server that ignores id>: the explorer pager ends, "Load more" goes away', async () => {
      const client = make();
      sim.controls.setQuirks({ ignoreIdConditions: true });
      const lines: string[] = [];
      const pager = new Pager(
        (after, withTotal, signal) =>
          client.profiles('Newsletter', pagedQuery(5, after, withTotal), signal),
        5,
        { what: 'Newsletter', warn: (l) => lines.push(l) },
      );
      for (let i = 0; i < 5 && !pager.done; i++) await pager.loadNext(new AbortController().signal);
      assert.ok(pager.done, 'the pager would offer "Load more" forever');
      assert.equal(pager.items.length, 5);
      assert.equal(new Set(pager.items.map((p) => p.ID)).size, 5);
      assert.equal(sent('GET', /\/profiles$/).length, 2);
      assert.ok(
        lines.some((l) => /Newsletter.*no new items/.test(l)),
        lines.join('\n'),
      );
    });

    it('a guard drops repeats and has a hard ceiling on pages', () => {
      const lines: string[] = [];
      const guard = new ListGuard({ what: 'test', maxPages: 3, warn: (l) => lines.push(l) });
      const page = (...ids: number[]) => ids.map((id) => ({ ID: String(id) }));
      assert.deepEqual(guard.accept(page(1, 2, 2), true), { fresh: page(1, 2), more: true });
      assert.deepEqual(guard.accept(page(2, 3), true), { fresh: page(3), more: true });
      assert.deepEqual(guard.accept(page(4), true), { fresh: page(4), more: false });
      assert.equal(lines.length, 3, lines.join('\n'));
      assert.match(lines[2] ?? '', /stopped after 3 pages/);
    });
  });

  describe('3xx answers to writes', () => {
    it('a v4 PUT answered 303 by a gateway fails, and is not retried', async () => {
      const client = make();
      sim.controls.failNext({
        status: 303,
        body: '',
        headers: { Location: '/elsewhere' },
        method: 'PUT',
      });
      const error = await failure(
        client.updateProfile('1', { fields: { firstname: 'Gateway' } }),
        'server',
      );
      assert.equal(error.status, 303);
      assert.equal(sent('PUT', /^\/v4\/profile\/1$/).length, 1);
      assert.notEqual(
        (await client.profile('1')).fields['firstname'],
        'Gateway',
        'the 303 was not a real save here',
      );
    });

    it('a v2 PUT answered 303 (as v2 answers every PUT) succeeds', async () => {
      const client = make({ apiVersion: 'v2' });
      await client.updateProfile('1', { fields: { firstname: 'Vee Two' } });
      assert.equal((await client.profile('1')).fields['firstname'], 'Vee Two');
    });

    it('a v2 GET or POST answered 303 fails', async () => {
      const client = make({ apiVersion: 'v2' });
      sim.controls.failNext({ status: 303, body: '', method: 'GET' });
      await failure(client.identity(), 'server');
      sim.controls.failNext({ status: 303, body: '', method: 'POST' });
      await failure(
        client.createProfile('Newsletter', { fields: { email: 'x@example.com' } }),
        'server',
      );
    });
  });

  describe('dot segments in IDs', () => {
    it('an ID of "." or ".." never reaches a path', async () => {
      const client = make();
      await client.identity();
      sim.controls.clearRequests();
      await failure(client.profile('..'), 'badRequest');
      await failure(client.deleteProfile('.'), 'badRequest');
      await failure(client.updateSubprofile('%2e%2e', {}), 'badRequest');
      await failure(client.subprofiles('1', '..'), 'badRequest');
      await failure(client.database('..'), 'badRequest');
      await failure(client.databaseFields('.'), 'badRequest');
      assert.deepEqual(sim.controls.requests(), []);
      // A database name with odd characters still goes, encoded.
      await failure(client.database('a/../b'), 'notFound');
      assert.equal(sim.controls.requests()[0]?.path, '/v4/database/a%2F..%2Fb');
    });
  });

  describe('answers without a size limit', () => {
    it('an endless body is cut off at the cap while streaming, with a clear error, not retried', async () => {
      const client = make({ maxAnswerBytes: 1024 * 1024 });
      await client.identity();
      sim.controls.floodNext({ method: 'GET', path: '/identity$' });
      const error = await failure(client.identity(), 'server');
      assert.equal(error.cause, ANSWER_TOO_LARGE);
      assert.match(error.message, /larger than 1 MB/);
      assert.equal(sent('GET', /identity$/).length, 2, 'the oversized answer was asked for again');
    });

    it('the default cap stops an endless body too', async () => {
      const client = make();
      await client.identity();
      sim.controls.floodNext({ method: 'GET', path: '/identity$' });
      const before = process.memoryUsage().rss;
      const error = await failure(client.identity(), 'server');
      assert.match(error.message, /larger than 64 MB/);
      assert.ok(process.memoryUsage().rss - before < 400 * 1024 * 1024);
    });

    it('an answer announced larger than the cap is not read; the auth answer has the cap too', async () => {
      const client = make({ maxAnswerBytes: 100 });
      sim.controls.failNext({
        status: 200,
        body: 'x'.repeat(5000),
        method: 'POST',
        path: '^/authenticate',
      });
      const error = await failure(client.identity(), 'server');
      assert.equal(error.cause, ANSWER_TOO_LARGE);
      assert.equal(sent('GET', /identity$/).length, 0);
    });
  });

  describe('token redaction covers encodings', () => {
    const token = "tok~en!with'(odd) chars*4567";

    it('redacts the raw, URI-encoded and form-encoded spellings, hex in either case', () => {
      const spellings = [
        token,
        encodeURIComponent(token),
        new URLSearchParams({ t: token }).toString().slice(2),
        new URLSearchParams({ t: token }).toString().slice(2).toLowerCase(),
        encodeURIComponent(token).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`),
      ];
      for (const spelling of spellings) {
        assert.equal(
          redact(`GET /v3/identity?access_token=${spelling}&x=1`, [token]),
          'GET /v3/identity?access_token=***&x=1',
          spelling,
        );
      }
    });

    it('an error echoing the form-encoded token does not show it', async () => {
      await withSimulator({ token }, async (other) => {
        const client = make({ apiVersion: 'v3' }, other);
        const echoed = `${other.url}/v3/identity?${new URLSearchParams({ access_token: token }).toString()}`;
        other.controls.failNext({
          status: 400,
          body: JSON.stringify({ error: { message: `Invalid request: ${echoed}` } }),
        });
        const error = await failure(client.identity(), 'badRequest');
        const encoded = new URLSearchParams({ t: token }).toString().slice(2);
        for (const text of [error.message, error.apiMessage ?? '', ...logLines]) {
          assert.ok(
            !text.includes(token) &&
              !text.includes(encoded) &&
              !text.includes(encodeURIComponent(token)),
            text,
          );
        }
        assert.match(error.apiMessage ?? '', /access_token=\*\*\*/);
        assert.equal((await client.identity()).name, 'Demo Account', 'the odd token itself works');
      });
    });

    it('says when a token has characters a Copernica token never has', () => {
      assert.equal(hasUnusualTokenCharacters('ed430a95c58fd7d2830c9dc453396cf5'), false);
      for (const odd of [token, 'abc def', 'abc~', 'abc+', 'abc%41'])
        assert.equal(hasUnusualTokenCharacters(odd), true, odd);
    });
  });

  describe('http only to this machine', () => {
    it('localhost exactly and literal loopback addresses; names that only look local are refused', () => {
      for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]'])
        assert.equal(isLoopback(host), true, host);
      for (const host of [
        'evil.localhost',
        'localhost.',
        'localhost.example.com',
        '127.0.0.1.nip.io',
        '128.0.0.1',
        '[::2]',
      ]) {
        assert.equal(isLoopback(host), false, host);
      }
      assert.equal(validateEndpointUrl('http://localhost:8080'), undefined);
      assert.equal(validateEndpointUrl('http://127.0.0.1:8080/authenticate'), undefined);
      assert.ok(validateEndpointUrl('http://evil.localhost:8080'));
      assert.ok(validateEndpointUrl('http://api.localhost'));
      assert.equal(
        validateEndpointUrl('https://evil.localhost'),
        undefined,
        'https anywhere is fine',
      );
    });
  });
});

describe('redaction of JWTs the client never held', () => {
  it('an echoed JWT of another session is hidden as well', () => {
    const other = 'eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiI5In0.c2lnbmF0dXJl';
    assert.equal(
      redact(`Invalid access token (JWT ${other})`, ['sometoken']),
      'Invalid access token (JWT ***)',
    );
  });
});
