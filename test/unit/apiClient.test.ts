// Every client method against the simulator over loopback; assertions read the simulator's own
// request log and state, not mocks.
import * as assert from 'node:assert/strict';
import { CopernicaClient } from '../../src/api/client';
import type { ClientOptions } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { parseCondition } from '../../src/api/conditions';
import { CONDITION_OPERATORS } from '../../src/api/types';
import { startSimulator } from '../simulator';
import type { RecordedRequest, Simulator } from '../simulator/types';

describe('api client: methods against the simulator', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: CopernicaClient;

  const make = (extra: Partial<ClientOptions> = {}) =>
    new CopernicaClient({
      apiUrl: sim.url,
      authUrl: sim.authUrl,
      apiVersion: 'v4',
      token: sim.token,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      ...extra,
    });
  const sent = (method: string, path: RegExp): RecordedRequest[] =>
    sim.controls.requests().filter((r) => r.method === method && path.test(r.path));
  const fieldsParam = (r: RecordedRequest | undefined): string[] => {
    const value = r?.query['fields[]'];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };

  before(async () => {
    sim = await startSimulator({ bigProfiles: 2500 });
  });
  after(async () => sim.close());
  beforeEach(() => {
    sim.controls.reset();
    sim.controls.clearRequests();
    client = make();
  });

  it('reads the identity with a Bearer JWT', async () => {
    const identity = await client.identity();
    assert.ok(identity.id !== '');
    const [request] = sent('GET', /^\/v4\/identity$/);
    assert.match(request?.headers['authorization'] ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(request?.query['access_token'], undefined, 'the token never travels in a v4 URL');
  });

  it('lists every database with embedded fields, interests and collections', async () => {
    const databases = await client.databases();
    const names = databases.map((d) => d.name);
    for (const name of ['Newsletter', 'Customers', 'Events', 'Big'])
      assert.ok(names.includes(name), name);
    const customers = databases.find((d) => d.name === 'Customers');
    assert.ok((customers?.fields.data.length ?? 0) > 0);
    assert.deepEqual(customers?.collections.data.map((c) => c.name).sort(), ['Orders', 'Tickets']);
    assert.ok(
      (customers?.collections.data[0]?.fields.data.length ?? 0) > 0,
      'collections carry their fields',
    );
    assert.equal(sent('GET', /^\/v4\/databases$/)[0]?.query['limit'], '1000');
  });

  it('reads one database by name or ID, its fields, interests and collections', async () => {
    const byName = await client.database('customers');
    const byId = await client.database(byName.ID);
    assert.equal(byId.name, 'Customers');
    const fields = await client.databaseFields(byName.ID);
    assert.deepEqual(
      fields.map((f) => f.ID),
      byName.fields.data.map((f) => f.ID),
    );
    const newsletter = await client.database('Newsletter');
    const interests = await client.interests('Newsletter');
    assert.deepEqual(
      interests.map((i) => i.name),
      newsletter.interests.data.map((i) => i.name),
    );
    const collections = await client.collections(byName.ID);
    assert.deepEqual(collections.map((c) => c.name).sort(), ['Orders', 'Tickets']);
    const orders = collections.find((c) => c.name === 'Orders');
    assert.ok(orders !== undefined);
    const collectionFields = await client.collectionFields(orders.ID);
    assert.deepEqual(
      collectionFields.map((f) => f.name),
      orders.fields.data.map((f) => f.name),
    );
    assert.equal((await client.collection(orders.ID)).name, 'Orders');
  });

  it('reads one page of profiles with start, limit, total and ordering', async () => {
    const page = await client.profiles('Newsletter', {
      start: 5,
      limit: 10,
      orderBy: 'id',
      order: 'desc',
      dataOnly: true,
    });
    assert.equal(page.count, 10);
    assert.equal(page.start, 5);
    assert.ok((page.total ?? 0) >= 1200);
    const ids = page.data.map((p) => Number(p.ID));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    const query = sent('GET', /\/profiles$/)[0]?.query;
    assert.deepEqual(
      { ...query },
      { start: '5', limit: '10', orderby: 'id', order: 'desc', dataonly: 'true' },
    );
    const noTotal = await client.profiles('Newsletter', { limit: 1, total: false });
    assert.equal(noTotal.total, undefined);
  });

  it('pages through 2,500 profiles by ID, each exactly once, at constant cost', async () => {
    const seen = new Map<string, number>();
    for await (const profile of client.allProfiles('Big', { limit: 1000 })) {
      seen.set(profile.ID, (seen.get(profile.ID) ?? 0) + 1);
    }
    assert.equal(seen.size, 2500);
    assert.ok([...seen.values()].every((n) => n === 1));
    const requests = sent('GET', /\/database\/[^/]+\/profiles$/);
    assert.equal(requests.length, 3);
    assert.deepEqual(fieldsParam(requests[0]), []);
    const ids = [...seen.keys()].map(Number).sort((a, b) => a - b);
    assert.deepEqual(fieldsParam(requests[1]), [`id>${ids[999]}`]);
    assert.deepEqual(fieldsParam(requests[2]), [`id>${ids[1999]}`]);
    for (const r of requests) {
      assert.equal(r.query['start'], undefined, 'no offsets: a deep page costs what the first did');
      assert.equal(r.query['orderby'], 'id');
    }
  });

  it('sends every filter operator correctly encoded', async () => {
    for (const operator of CONDITION_OPERATORS) {
      sim.controls.clearRequests();
      const condition = parseCondition(`email${operator}a+b%@x.nl`);
      await client.profiles('Newsletter', {
        limit: 1,
        conditions: [condition, parseCondition('id>=1')],
      });
      assert.deepEqual(fieldsParam(sent('GET', /\/profiles$/)[0]), [
        `email${operator}a+b%@x.nl`,
        'id>=1',
      ]);
    }
  });

  it('applies filters on the server', async () => {
    const page = await client.profiles('Newsletter', {
      conditions: [parseCondition('id<=20'), parseCondition('id>10')],
      limit: 100,
    });
    assert.ok(page.data.length > 0);
    assert.ok(page.data.every((p) => Number(p.ID) > 10 && Number(p.ID) <= 20));
    const first = page.data[0];
    assert.ok(first !== undefined);
    const email = first.fields['email'] ?? Object.values(first.fields)[0] ?? '';
    const key = 'email' in first.fields ? 'email' : (Object.keys(first.fields)[0] ?? '');
    const exact = await client.profiles('Newsletter', {
      conditions: [{ field: key, operator: '==', value: email }],
    });
    assert.ok(exact.data.some((p) => p.ID === first.ID));
  });

  it('creates, reads, updates and deletes a profile', async () => {
    const db = await client.database('Newsletter');
    const [textField] = db.fields.data.filter((f) => f.type === 'text');
    const interest = db.interests.data[0]?.name;
    assert.ok(textField !== undefined && interest !== undefined);
    const id = await client.createProfile('Newsletter', {
      fields: { [textField.name]: 'Created' },
      interests: [interest],
    });
    assert.match(id, /^\d+$/);
    const post = sent('POST', /\/database\/[^/]+\/profiles$/);
    assert.equal(post.length, 1);
    assert.deepEqual(JSON.parse(post[0]?.body ?? ''), {
      fields: { [textField.name]: 'Created' },
      interests: [interest],
    });
    let profile = await client.profile(id);
    assert.equal(profile.fields[textField.name], 'Created');
    assert.deepEqual(profile.interests, [interest]);

    await client.updateProfile(id, { fields: { [textField.name]: 'Updated' }, secret: 'newcode' });
    profile = await client.profile(id);
    assert.equal(profile.fields[textField.name], 'Updated');
    assert.equal(profile.secret, 'newcode');

    await client.updateProfileInterests(id, []);
    assert.deepEqual((await client.profile(id)).interests, []);
    await client.updateProfileInterests(id, { [interest]: 1 });
    assert.deepEqual((await client.profile(id)).interests, [interest]);

    await client.deleteProfile(id);
    profile = await client.profile(id);
    assert.notEqual(profile.removed, false);
    const listed = await client.profiles('Newsletter', {
      conditions: [{ field: 'id', operator: '==', value: id }],
    });
    assert.equal(listed.count, 0);
  });

  it('creates, lists, reads, updates and deletes subprofiles', async () => {
    const customers = await client.database('Customers');
    const orders = customers.collections.data.find((c) => c.name === 'Orders');
    const fieldName = orders?.fields.data[0]?.name;
    assert.ok(orders !== undefined && fieldName !== undefined);
    const profileId = await client.createProfile('Customers', {});
    const ids: string[] = [];
    for (const n of [1, 2, 3])
      ids.push(await client.createSubprofile(profileId, orders.ID, { [fieldName]: `v${n}` }));
    const post = sent('POST', /\/subprofiles\//)[0];
    assert.deepEqual(
      JSON.parse(post?.body ?? ''),
      { [fieldName]: 'v1' },
      'flat field map, no fields wrapper',
    );

    const page = await client.subprofiles(profileId, orders.ID, { limit: 2 });
    assert.equal(page.count, 2);
    assert.equal(page.total, 3);
    sim.controls.clearRequests();
    const all: string[] = [];
    for await (const sub of client.allSubprofiles(profileId, orders.ID, { limit: 2 }))
      all.push(sub.ID);
    assert.deepEqual(all, ids);
    assert.deepEqual(fieldsParam(sent('GET', /\/subprofiles\//)[1]), [`id>${ids[1]}`]);

    const [first] = ids;
    assert.ok(first !== undefined);
    await client.updateSubprofile(first, { fields: { [fieldName]: 'changed' } });
    const sub = await client.subprofile(first);
    assert.equal(sub.fields[fieldName], 'changed');
    assert.equal(sub.profile, profileId);
    await client.deleteSubprofile(first);
    assert.notEqual((await client.subprofile(first)).removed, false);
    assert.equal((await client.subprofiles(profileId, orders.ID)).count, 2);
  });

  it('yields each subprofile once even when the server ignores paging parameters', async () => {
    const plain = await startSimulator({ subprofileListParams: false });
    try {
      const other = new CopernicaClient({
        apiUrl: plain.url,
        authUrl: plain.authUrl,
        apiVersion: 'v4',
        token: plain.token,
      });
      const orders = (await other.collections('Customers')).find((c) => c.name === 'Orders');
      assert.ok(orders !== undefined);
      const profileId = await other.createProfile('Customers', {});
      const ids = [
        await other.createSubprofile(profileId, orders.ID, {}),
        await other.createSubprofile(profileId, orders.ID, {}),
        await other.createSubprofile(profileId, orders.ID, {}),
      ];
      const all: string[] = [];
      for await (const sub of other.allSubprofiles(profileId, orders.ID, { limit: 2 }))
        all.push(sub.ID);
      assert.deepEqual(all, ids);
    } finally {
      await plain.close();
    }
  });

  it('reports an unknown ID as notFound with method and path', async () => {
    const error = await client.profile('987654321').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.kind, 'notFound');
    assert.equal(error.status, 400);
    assert.equal(error.apiMessage, 'No entity with supplied ID');
    assert.equal(error.method, 'GET');
    assert.equal(error.path, '/v4/profile/987654321');
    const collection = await client.collectionFields('987654321').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.equal((collection as ApiError).kind, 'notFound');
  });
});
