// Credentials per API version (§1.2-§1.6) and the version-dependent success codes (§2.2).
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator, type SimulatorOptions } from '..';
import { TestApi } from '../testApi';

const INVALID = { error: { message: 'Invalid access token' } };

async function authenticate(
  sim: Simulator,
  body: string,
  contentType = 'application/x-www-form-urlencoded',
): Promise<Response> {
  return fetch(sim.authUrl, { method: 'POST', headers: { 'Content-Type': contentType }, body });
}

async function withSim(
  options: SimulatorOptions,
  run: (sim: Simulator) => Promise<void>,
): Promise<void> {
  const sim = await startSimulator(options);
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

function bearer(sim: Simulator, jwt: string, path = '/v4/identity'): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${jwt}` } });
}

describe('simulator: v4 JWT authentication', function () {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => sim.close());
  afterEach(() => sim.controls.reset());

  it('POST /authenticate returns a three-part JWT as text/plain with exp = now + 24 h', async () => {
    const res = await authenticate(sim, `access_token=${sim.token}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const jwt = await res.text();
    const [header, payload, signature] = jwt.split('.');
    assert.ok(header && payload && signature && /^[A-Za-z0-9_-]+$/.test(signature));
    assert.equal(JSON.parse(Buffer.from(header, 'base64url').toString()).alg, 'HS256');
    const exp = JSON.parse(Buffer.from(payload, 'base64url').toString()).exp as number;
    assert.ok(Math.abs(exp - (Date.now() / 1000 + 86_400)) < 5);
    assert.equal((await bearer(sim, jwt)).status, 200);
  });

  it('also takes the token as JSON body or query string (older doc variants, §1.3)', async () => {
    assert.equal(
      (await authenticate(sim, JSON.stringify({ access_token: sim.token }), 'application/json'))
        .status,
      200,
    );
    assert.equal(
      (await fetch(`${sim.authUrl}?access_token=${sim.token}`, { method: 'POST' })).status,
      200,
    );
  });

  it('a bad token at /authenticate gives 401 with a short text', async () => {
    const res = await authenticate(sim, 'access_token=wrong');
    assert.equal(res.status, 401);
    assert.equal(await res.text(), 'Invalid access token');
  });

  it('v4 without, with a bad or with a tampered JWT: 400 Invalid access token', async () => {
    const jwt = await (await authenticate(sim, `access_token=${sim.token}`)).text();
    const tampered = jwt.replace(
      /\.[^.]+\./,
      `.${Buffer.from('{"exp":9999999999,"jti":"1"}').toString('base64url')}.`,
    );
    for (const res of [
      await fetch(`${sim.url}/v4/identity`),
      await bearer(sim, 'nonsense'),
      await bearer(sim, tampered),
    ]) {
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), INVALID);
    }
  });

  it('v4 refuses the API token in the URL unless acceptQueryTokenOnV4', async () => {
    assert.equal((await fetch(`${sim.url}/v4/identity?access_token=${sim.token}`)).status, 400);
    await withSim({ acceptQueryTokenOnV4: true }, async (other) => {
      assert.equal(
        (await fetch(`${other.url}/v4/identity?access_token=${other.token}`)).status,
        200,
      );
    });
  });

  it('expireJwts() ends every JWT issued so far; new ones work', async () => {
    const old = await (await authenticate(sim, `access_token=${sim.token}`)).text();
    sim.controls.expireJwts();
    assert.equal((await bearer(sim, old)).status, 400);
    const fresh = await (await authenticate(sim, `access_token=${sim.token}`)).text();
    assert.equal((await bearer(sim, fresh)).status, 200);
  });

  it('revokeToken() stops JWTs, the token and /authenticate until restoreToken()', async () => {
    const jwt = await (await authenticate(sim, `access_token=${sim.token}`)).text();
    sim.controls.revokeToken();
    assert.equal((await bearer(sim, jwt)).status, 400);
    assert.equal((await authenticate(sim, `access_token=${sim.token}`)).status, 401);
    assert.equal((await fetch(`${sim.url}/v3/identity?access_token=${sim.token}`)).status, 400);
    sim.controls.restoreToken();
    assert.equal((await bearer(sim, jwt)).status, 200);
  });

  it('JWTs expire after jwtLifetimeSeconds', async function () {
    this.timeout(10_000);
    await withSim({ jwtLifetimeSeconds: 1 }, async (short) => {
      const jwt = await (await authenticate(short, `access_token=${short.token}`)).text();
      assert.equal((await bearer(short, jwt)).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      assert.equal((await bearer(short, jwt)).status, 400);
    });
  });

  it('authFailureStatus: 401 and authEndpointFailureStatus are options', async () => {
    await withSim({ authFailureStatus: 401, authEndpointFailureStatus: 403 }, async (other) => {
      const res = await fetch(`${other.url}/v4/identity`);
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), INVALID);
      assert.equal((await authenticate(other, 'access_token=x')).status, 403);
    });
  });
});

describe('simulator: v1-v3 query token and success codes per version', function () {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => sim.close());

  it('v3 takes ?access_token=, rejects a wrong one and a Bearer header alone', async () => {
    const v3 = new TestApi(sim, 'v3');
    assert.equal((await v3.get('/identity')).status, 200);
    const wrong = await fetch(`${sim.url}/v3/identity?access_token=nope`);
    assert.equal(wrong.status, 400);
    assert.deepEqual(await wrong.json(), INVALID);
    const jwt = await new TestApi(sim).freshJwt();
    assert.equal((await bearer(sim, jwt, '/v3/identity')).status, 400);
  });

  it('v3/v4: POST 201 + X-Created + X-location, PUT 204, DELETE 204 + X-deleted', async () => {
    for (const version of ['v3', 'v4'] as const) {
      const api = new TestApi(sim, version);
      const created = await api.call('POST', '/database/Events/profiles', {
        body: { fields: { name: 'New' } },
      });
      assert.equal(created.status, 201);
      assert.equal(created.text, '');
      const id = created.headers.get('x-created') ?? '';
      assert.match(id, /^\d+$/);
      assert.equal(created.headers.get('x-location'), `${sim.url}/${version}/profile/${id}`);
      const put = await api.call('PUT', `/profile/${id}/fields`, { body: { name: 'Renamed' } });
      assert.equal(put.status, 204);
      assert.equal(put.text, '');
      const del = await api.call('DELETE', `/profile/${id}`);
      assert.equal(del.status, 204);
      assert.equal(del.headers.get('x-deleted'), `profile ${id}`);
    }
  });

  it('v2: PUT 303 See Other to the URL minus the version, DELETE 200 + X-deleted, identity without v3 keys', async () => {
    const v2 = new TestApi(sim, 'v2');
    const put = await v2.call('PUT', '/profile/2/fields', { body: { firstname: 'Via v2' } });
    assert.equal(put.status, 303);
    assert.equal(
      put.headers.get('location'),
      `${sim.url}/profile/2/fields?access_token=${sim.token}`,
    );
    const followed = await fetch(put.headers.get('location') ?? '');
    assert.equal(followed.status, 200, 'the old-style URL without version works as v2');
    assert.equal(((await followed.json()) as Record<string, string>).firstname, 'Via v2');
    const del = await v2.call('DELETE', '/profile/3');
    assert.equal(del.status, 200);
    assert.equal(del.headers.get('x-deleted'), 'profile 3');
    assert.deepEqual(Object.keys(await v2.getJson<object>('/identity')), [
      'id',
      'name',
      'description',
      'company',
    ]);
  });

  it('v2PutStatus: 200 and v1 list cap 100', async () => {
    await withSim({ v2PutStatus: 200 }, async (other) => {
      assert.equal(
        (await new TestApi(other, 'v2').call('PUT', '/profile/2', { body: { fields: {} } })).status,
        200,
      );
      const page = await new TestApi(other, 'v1').getJson<{ limit: number; count: number }>(
        '/database/Newsletter/profiles',
        { limit: 500 },
      );
      assert.deepEqual([page.limit, page.count], [100, 100]);
    });
  });
});
