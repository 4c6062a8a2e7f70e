// Test controls, in-process and over HTTP (/__sim/), plus close() with hung sockets.
import * as assert from 'node:assert/strict';
import {
  simulatorControlsOverHttp,
  startSimulator,
  type AsyncSimulatorControls,
  type Simulator,
  type SimulatorControls,
} from '..';
import { TestApi } from '../testApi';

/** The in-process controls behind the async interface, so one suite covers both. */
function asAsync(controls: SimulatorControls): AsyncSimulatorControls {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(controls)) {
    wrapped[name] = async (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args);
  }
  return wrapped as unknown as AsyncSimulatorControls;
}

const MODES: Array<[string, (sim: Simulator) => AsyncSimulatorControls]> = [
  ['in-process', (sim) => asAsync(sim.controls)],
  ['over HTTP', (sim) => simulatorControlsOverHttp(sim.url)],
];

for (const [mode, controlsOf] of MODES) {
  describe(`simulator: controls ${mode}`, function () {
    let sim: Simulator;
    let api: TestApi;
    let controls: AsyncSimulatorControls;

    before(async () => {
      sim = await startSimulator();
      api = new TestApi(sim);
      controls = controlsOf(sim);
      await api.freshJwt();
    });
    after(async () => sim.close());
    afterEach(async () => controls.reset());

    it('latency delays API answers, not control requests', async () => {
      await controls.setLatency(150);
      const started = Date.now();
      assert.equal((await api.get('/identity')).status, 200);
      assert.ok(Date.now() - started >= 140);
      const controlStarted = Date.now();
      await simulatorControlsOverHttp(sim.url).requests();
      assert.ok(Date.now() - controlStarted < 140);
    });

    it('failNext: the Loadbalancer page by default, then normal answers again', async () => {
      await controls.failNext({ path: '^/v4/identity$' });
      const failed = await api.get('/identity');
      assert.equal(failed.status, 503);
      assert.equal(failed.headers.get('content-type'), 'text/html');
      assert.match(failed.text, /Loadbalancer Error/);
      assert.equal((await api.get('/identity')).status, 200);
    });

    it('failNext matches method and path; status, body, content type and headers as given', async () => {
      await controls.failNext({
        count: 2,
        status: 429,
        body: 'slow down',
        contentType: 'text/plain',
        headers: { 'Retry-After': '3' },
        method: 'PUT',
        path: '^/v4/profile/',
      });
      assert.equal((await api.get('/profile/1')).status, 200, 'GET does not match');
      for (let i = 0; i < 2; i++) {
        const res = await api.call('PUT', '/profile/1/fields', { body: {} });
        assert.deepEqual(
          [res.status, res.text, res.headers.get('retry-after'), res.headers.get('content-type')],
          [429, 'slow down', '3', 'text/plain'],
        );
      }
      assert.equal((await api.call('PUT', '/profile/1/fields', { body: {} })).status, 204);
      await controls.failNext({ status: 502 });
      const bad = await api.get('/identity');
      assert.deepEqual([bad.status, /502 Server Error/.test(bad.text)], [502, true]);
    });

    it('dropNext destroys the socket without an answer', async () => {
      await controls.dropNext({ path: 'identity' });
      await assert.rejects(api.get('/identity'));
      assert.equal((await api.get('/identity')).status, 200);
    });

    it('truncateNext answers with cut-off JSON', async () => {
      await controls.truncateNext({ method: 'GET' });
      const res = await api.get('/database/Newsletter/profiles');
      assert.equal(res.status, 200);
      assert.throws(() => res.json());
      assert.ok(res.text.startsWith('{"start":0'));
    });

    it('hangNext never answers until reset', async () => {
      await controls.hangNext({ path: 'identity' });
      const hung = fetch(`${sim.url}/v4/identity`, { headers: { Authorization: 'Bearer x' } });
      const outcome = await Promise.race([
        hung.then(
          () => 'answered',
          () => 'failed',
        ),
        new Promise((r) => setTimeout(() => r('waiting'), 300)),
      ]);
      assert.equal(outcome, 'waiting');
      await controls.reset();
      await assert.rejects(hung);
    });

    it('the request log: method, path, parsed query with fields[] arrays, headers with authorization, body; no control requests', async () => {
      await controls.clearRequests();
      await api.call('PUT', '/database/Events/profiles', {
        query: { 'fields[]': ['name==A', 'email=~%x%'], create: 0 },
        body: { fields: {} },
      });
      await simulatorControlsOverHttp(sim.url).setLatency(0);
      const log = await controls.requests();
      assert.equal(log.length, 1);
      const [entry] = log;
      assert.equal(entry?.method, 'PUT');
      assert.equal(entry?.path, '/v4/database/Events/profiles');
      assert.deepEqual(entry?.query, { 'fields[]': ['name==A', 'email=~%x%'], create: '0' });
      assert.match(entry?.headers.authorization ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal(entry?.body, '{"fields":{}}');
      assert.ok(typeof entry?.time === 'number');
      await controls.clearRequests();
      assert.deepEqual(await controls.requests(), []);
    });

    it('revoke, restore, expire JWTs', async () => {
      await controls.revokeToken();
      assert.equal((await api.get('/identity')).status, 400);
      await controls.restoreToken();
      assert.equal((await api.get('/identity')).status, 200);
      await controls.expireJwts();
      assert.equal((await api.get('/identity')).status, 400);
      await api.freshJwt();
      assert.equal((await api.get('/identity')).status, 200);
    });

    it("changeProfile / changeSubprofile: another user's edit bumps modified", async () => {
      const before = await api.getJson<{ modified: string; fields: Record<string, string> }>(
        '/profile/40',
      );
      await controls.changeProfile('40', { FirstName: 'Changed elsewhere' });
      const after = await api.getJson<{ modified: string; fields: Record<string, string> }>(
        '/profile/40',
      );
      assert.equal(after.fields.firstname, 'Changed elsewhere');
      assert.ok(after.modified > before.modified);
      await controls.changeProfile('40', {});
      assert.ok(
        (await api.getJson<{ modified: string }>('/profile/40')).modified > after.modified,
        'always moves forward',
      );
      const sub = await api.getJson<{ modified: string }>('/subprofile/1');
      await controls.changeSubprofile('1', { status: 'cancelled' });
      const subAfter = await api.getJson<{ modified: string; fields: Record<string, string> }>(
        '/subprofile/1',
      );
      assert.equal(subAfter.fields.status, 'cancelled');
      assert.ok(subAfter.modified > sub.modified);
      await assert.rejects(controls.changeProfile('999999999', {}));
    });

    it('reset({reseed:true}) restores the seed data', async () => {
      const before = await api.getJson('/profile/41');
      await api.call('PUT', '/profile/41/fields', { body: { firstname: 'Temp' } });
      await controls.reset({ reseed: true });
      assert.deepEqual(await api.getJson('/profile/41'), before);
    });
  });
}

describe('simulator: lifecycle', function () {
  it('close() ends hung requests and keep-alive sockets promptly', async () => {
    const sim = await startSimulator();
    sim.controls.hangNext({ count: 3 });
    const hung = [1, 2, 3].map(() => fetch(`${sim.url}/v4/identity`).catch(() => 'failed'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await sim.close();
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(await Promise.all(hung), ['failed', 'failed', 'failed']);
    await assert.rejects(fetch(`${sim.url}/v4/identity`));
  });

  it('unknown control → 404, bad control body → 400', async () => {
    const sim = await startSimulator();
    try {
      assert.equal((await fetch(`${sim.url}/__sim/nothing`, { method: 'POST' })).status, 404);
      assert.equal(
        (await fetch(`${sim.url}/__sim/fail`, { method: 'POST', body: '{"path":"("}' })).status,
        400,
      );
    } finally {
      await sim.close();
    }
  });
});
