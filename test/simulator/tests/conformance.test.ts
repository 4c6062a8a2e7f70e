// The simulator against Copernica's documented API (test/simulator/README.md): payload shapes of the doc examples key for key,
// error messages, auth per API version and success codes per version.
import * as assert from 'node:assert/strict';
import { DEMO_TOKEN, startSimulator, type Simulator } from '..';
import { TestApi } from '../testApi';

const FIELD = {
  ID: '20990',
  name: 'birthday',
  type: 'date',
  value: '2018-03-16',
  displayed: true,
  ordered: false,
  length: '100',
  textlines: '3',
  hidden: false,
  index: false,
};
const INTENTIONS = { email: false, sms: false, fax: false, pdf: false };
const COLLECTION = {
  ID: '25935',
  name: 'Orders',
  database: '7453',
  fields: { start: 0, limit: 100, count: 2, data: [FIELD, FIELD], total: 2 },
  intentions: INTENTIONS,
};
const DOC = {
  identity: {
    id: '34',
    name: 'Development',
    description: 'This is an account to test with',
    company: 'Copernica BV',
    customer: { id: '3871', name: 'Copernica BV', isPartner: false },
    usedBy: [],
    license: { id: '5679', isTrial: false },
  },
  database: {
    ID: '3144',
    name: 'Test_database',
    description: 'This is a test database.',
    archived: false,
    created: '2018-03-08 10:47:01',
    fields: { start: 0, limit: 1000, count: 1, data: [FIELD], total: 1 },
    interests: {
      start: 0,
      limit: 1000,
      count: 1,
      data: [{ ID: '3053', name: 'soccer', group: 'sports' }],
      total: 1,
    },
    collections: { start: 0, limit: 1000, count: 1, data: [COLLECTION], total: 1 },
    intentions: INTENTIONS,
  },
  collection: COLLECTION,
  profile: {
    ID: '18381',
    fields: { firstname: 'John', email: 'test@example.com', age: '0', birthdate: '' },
    interests: ['baseball', 'soccer'],
    database: '7616',
    secret: '6a0f4e1c9b2d3e4f5a6b7c8d9e0f',
    created: '2013-01-06 14:19:51',
    modified: '2019-02-21 13:26:21',
    removed: false,
  },
  subprofile: {
    ID: '20285',
    secret: '132879300b4731870080b1cd301fd43d',
    fields: { order_id: '12345', amount: '49.95' },
    profile: '2139358',
    collection: '6312',
    created: '2008-08-25 16:14:56',
    modified: '2010-08-25 16:15:56',
    removed: false,
  },
  envelope: { start: 0, limit: 100, count: 100, data: [{}], total: 335 },
  error: { error: { message: 'Invalid access token' } },
};

/** Same keys in the same order and the same JSON type for every value, nested; `fields` maps hold strings. */
function assertShape(actual: unknown, expected: unknown, path = '$'): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path} is an array`);
    if (expected.length > 0 && actual.length > 0) assertShape(actual[0], expected[0], `${path}[0]`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(
      actual !== null && typeof actual === 'object' && !Array.isArray(actual),
      `${path} is an object`,
    );
    if (path.endsWith('.fields') && !('start' in expected)) {
      for (const [k, v] of Object.entries(actual))
        assert.equal(typeof v, 'string', `${path}.${k} is a string`);
      return;
    }
    assert.deepEqual(Object.keys(actual), Object.keys(expected), `keys of ${path}`);
    for (const [k, v] of Object.entries(expected))
      assertShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  assert.equal(typeof actual, typeof expected, `type of ${path}`);
}

describe('simulator: conformance with the documented API', function () {
  let sim: Simulator;
  let api: TestApi;

  before(async () => {
    sim = await startSimulator();
    api = new TestApi(sim);
  });
  after(async () => sim.close());

  it('prints the URL, auth URL and token it uses', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sim.authUrl, `${sim.url}/authenticate`);
    assert.equal(sim.token, DEMO_TOKEN);
  });

  it('identity (§4.1)', async () => {
    const identity = await api.getJson<Record<string, unknown>>('/identity');
    assertShape(identity, DOC.identity);
    assert.equal(identity.name, 'Demo Account');
    assert.equal(identity.company, 'Copernica Demo BV');
  });

  it('database with embedded fields, interests and collections (§4.2, §5.1)', async () => {
    const db = await api.getJson('/database/customers');
    assertShape(db, DOC.database);
    const list = await api.getJson<{ data: unknown[] }>('/databases');
    assertShape(list, { ...DOC.envelope, data: [] });
    assert.ok(list.data.length >= 3);
    for (const item of list.data)
      assertShape(item, {
        ...DOC.database,
        collections: { ...DOC.database.collections, data: [] },
      });
  });

  it('collection and field lists (§4.5, §5.1, §5.4)', async () => {
    const db = await api.getJson<{ collections: { data: Array<{ ID: string }> } }>(
      '/database/Customers',
    );
    const id = db.collections.data[0]?.ID ?? '';
    assertShape(await api.getJson(`/collection/${id}`), DOC.collection);
    assertShape(await api.getJson(`/collection/${id}/fields`), { ...DOC.envelope, data: [FIELD] });
    assertShape(await api.getJson('/database/Newsletter/fields'), {
      ...DOC.envelope,
      data: [FIELD],
    });
    assertShape(await api.getJson('/database/Newsletter/interests'), {
      ...DOC.envelope,
      data: [DOC.database.interests.data[0]],
    });
    assertShape(await api.getJson('/database/Customers/collections'), {
      ...DOC.envelope,
      data: [COLLECTION],
    });
  });

  it('profile and subprofile (§4.8, §4.14), secrets of 28 hex chars', async () => {
    const page = await api.getJson<{ data: Array<{ ID: string; interests: string[] }> }>(
      '/database/Newsletter/profiles',
      { limit: 50 },
    );
    const withInterests = page.data.find((p) => p.interests.length > 0);
    const profile = await api.getJson<{ secret: string }>(`/profile/${withInterests?.ID}`);
    assertShape(profile, DOC.profile);
    assert.match(profile.secret, /^[0-9a-f]{28}$/);
    const customer = await api.getJson<{ data: Array<{ ID: string }> }>(
      '/database/Customers/profiles',
      { limit: 1 },
    );
    const orders = await api.getJson<{ data: Array<{ ID: string }> }>(
      `/profile/${customer.data[0]?.ID}/subprofiles/Orders`,
    );
    const sub = await api.getJson(`/subprofile/${orders.data[0]?.ID}`);
    assertShape(sub, DOC.subprofile);
    assert.match((sub as { secret: string }).secret, /^[0-9a-f]{28}$/);
  });

  it('envelope key order start, limit, count, data, nextid, total (§3)', async () => {
    const page = await api.getJson('/database/Newsletter/profiles', { limit: 3 });
    assert.deepEqual(Object.keys(page as object), [
      'start',
      'limit',
      'count',
      'data',
      'nextid',
      'total',
    ]);
    const { start, limit, count, total } = DOC.envelope;
    assertShape(page, { start, limit, count, data: [DOC.profile], nextid: 1, total });
  });

  it('field values are strings in the database field order (§4.8)', async () => {
    const fields = await api.getJson<{ data: Array<{ name: string }> }>(
      '/database/Newsletter/fields',
    );
    const profile = await api.getJson<{ fields: Record<string, unknown> }>('/profile/1');
    assert.deepEqual(
      Object.keys(profile.fields),
      fields.data.map((f) => f.name),
    );
    assert.deepEqual(await api.getJson('/profile/1/fields'), profile.fields);
  });

  it('JSON answers carry Content-Type exactly application/json (§2.2)', async () => {
    for (const res of [await api.get('/identity'), await api.get('/profile/999999999')]) {
      assert.equal(res.headers.get('content-type'), 'application/json');
    }
  });
});

describe('simulator: errors (§2.3)', function () {
  let sim: Simulator;
  let api: TestApi;

  before(async () => {
    sim = await startSimulator();
    api = new TestApi(sim);
  });
  after(async () => sim.close());

  const cases: Array<[string, string, string, unknown?, Record<string, string>?]> = [
    ['GET', '/PROFILE/1', 'Invalid method'],
    ['GET', '/nonsense', 'Invalid method'],
    ['GET', '/profile/1/bogus', 'Invalid method'],
    ['DELETE', '/profile/1/subprofiles/1', 'Invalid method'],
    ['DELETE', '/database/1', 'Invalid method'],
    ['GET', '/profile', "Invalid request, element 1 is missing in 'directory' path"],
    ['GET', '/profile/1/subprofiles', "Invalid request, element 3 is missing in 'directory' path"],
    ['GET', '/database/nosuchdb/profiles', 'No database with supplied ID'],
    ['GET', '/database/424242', 'No database with supplied ID'],
    ['GET', '/collection/424242/subprofiles', 'No collection with given ID'],
    ['GET', '/profile/999999999/bogus', 'No entity with supplied ID'],
    ['GET', '/profile/abc', 'No entity with supplied ID'],
    ['GET', '/subprofile/999999999', 'No subprofile with supplied ID'],
    ['POST', '/profile/1/subprofiles/424242', 'Subprofile could not be created', {}],
    ['POST', '/database/Newsletter/profiles', 'Invalid data provided', { fields: 'blah' }],
    [
      'PUT',
      '/database/Newsletter/profiles',
      'Invalid data provided',
      { fields: true },
      { 'fields[]': 'email==x' },
    ],
    ['PUT', '/database/Newsletter/profiles', 'URL parameter fields is required', { fields: {} }],
  ];
  for (const [method, path, message, body, query] of cases) {
    it(`${method} ${path} → 400 ${message}`, async () => {
      const res = await api.call(method, path, { body, query });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json(), { error: { message } });
      assert.deepEqual(Object.keys(res.json<object>()), Object.keys(DOC.error));
    });
  }

  it('already removed (sub)profiles: checked before the extra-path check', async () => {
    const removed = await api.call('DELETE', '/profile/5');
    assert.equal(removed.status, 204);
    for (const path of ['/profile/5', '/profile/5/bogus']) {
      assert.deepEqual((await api.call('DELETE', path)).json(), {
        error: { message: 'This profile has already been removed' },
      });
    }
    const customer = await api.getJson<{ data: Array<{ ID: string }> }>(
      '/database/Customers/profiles',
      { limit: 1 },
    );
    const sub = await api.getJson<{ data: Array<{ ID: string }> }>(
      `/profile/${customer.data[0]?.ID}/subprofiles/Orders`,
      { limit: 1 },
    );
    const subId = sub.data[0]?.ID ?? '';
    assert.equal((await api.call('DELETE', `/subprofile/${subId}`)).status, 204);
    assert.deepEqual((await api.call('DELETE', `/subprofile/${subId}`)).json(), {
      error: { message: 'This subprofile has already been removed' },
    });
  });
});
