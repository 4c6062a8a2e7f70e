// Miniviews (miniselections) and minirules over real HTTP (README §9.5).
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '..';
import { TestApi, shapeOf } from '../testApi';
import {
  create,
  done,
  everything,
  failure,
  idsOf,
  type Page,
  type RuleJson,
  type ViewJson,
} from './viewHelpers';

interface MiniJson {
  ID: string;
  name: string;
  'parent-type': string;
  'parent-id': string;
  collection: string;
  'last-built': string;
}

interface Sub {
  ID: string;
  fields: Record<string, string>;
}

describe('simulator: miniviews', function () {
  let sim: Simulator;
  let api: TestApi;
  const total = async (
    path: string,
    query: Record<string, string | string[]> = {},
  ): Promise<number> => (await api.getJson<Page<Sub>>(path, { ...query, limit: '1' })).total ?? -1;

  before(async () => {
    sim = await startSimulator();
    api = new TestApi(sim);
  });
  after(async () => sim.close());

  it('the seeded miniviews on Orders: list, shape, single GET', async () => {
    const page = await api.getJson<Page<MiniJson>>('/collection/1/miniviews');
    assert.deepEqual(
      page.data.map((m) => `${m.ID} ${m.name}`),
      ['1 Paid orders', '2 Large orders'],
    );
    assert.deepEqual(shapeOf(page.data[0]), [
      ['ID', 'string'],
      ['name', 'string'],
      ['description', 'string'],
      ['parent-type', 'string'],
      ['parent-id', 'string'],
      ['collection', 'string'],
      ['last-built', 'string'],
      [
        'intentions',
        [
          ['email', 'boolean'],
          ['sms', 'boolean'],
          ['fax', 'boolean'],
          ['pdf', 'boolean'],
        ],
      ],
    ]);
    const one = await api.getJson<MiniJson>('/miniview/1');
    assert.deepEqual(
      [one['parent-type'], one['parent-id'], one.collection],
      ['collection', '1', '1'],
    );
    assert.equal((await api.getJson<Page<MiniJson>>('/collection/2/miniviews')).total, 0);
  });

  it('members follow the Field minirules (text and numeric), with paging, fields[] and dataonly', async () => {
    const paid = await total('/collection/1/subprofiles', { 'fields[]': ['status==paid'] });
    const large = await total('/collection/1/subprofiles', { 'fields[]': ['amount>500'] });
    assert.ok(paid > 10 && large > 10);
    assert.equal(await total('/miniview/1/subprofiles'), paid);
    assert.equal(await total('/miniview/2/subprofiles'), large);
    const both = await total('/collection/1/subprofiles', {
      'fields[]': ['status==paid', 'amount>500'],
    });
    assert.equal(await total('/miniview/1/subprofiles', { 'fields[]': ['amount>500'] }), both);
    assert.equal((await idsOf(api, '/miniview/1/subprofileids')).length, paid);
    const lean = await api.getJson<Page<Record<string, unknown>>>('/miniview/1/subprofiles', {
      dataonly: '1',
      limit: '2',
      start: '1',
    });
    assert.deepEqual([lean.start, lean.count], [1, 2]);
    assert.deepEqual(Object.keys(lean.data[0] ?? {}), [
      'ID',
      'fields',
      'profile',
      'collection',
      'modified',
    ]);
  });

  it("an Interest minicondition looks at the interests of the subprofile's profile", async () => {
    const id = await create(api, '/collection/1/miniviews', { name: 'B2B orders' });
    const rule = await create(api, `/miniview/${id}/minirules`, { name: 'b2b' });
    await create(api, `/minirule/${rule}/conditions`, { type: 'Interest', interest: 'b2b' });
    const customers = await everything<{ ID: string; interests: string[] }>(
      api,
      '/database/2/profiles',
    );
    const b2b = new Set(customers.filter((p) => p.interests.includes('b2b')).map((p) => p.ID));
    const orders = await everything<{ ID: string; profile: string }>(
      api,
      '/collection/1/subprofiles',
    );
    const want = orders.filter((o) => b2b.has(o.profile)).map((o) => Number(o.ID));
    assert.ok(want.length > 10 && want.length < orders.length);
    assert.deepEqual(await idsOf(api, `/miniview/${id}/subprofileids`), want);
  });

  it('minirules under both spellings; `id` and `inversed` keys by default', async () => {
    const a = await api.getJson<Page<RuleJson>>('/miniview/1/minirules');
    const b = await api.getJson<Page<RuleJson>>('/miniview/1/rules');
    assert.deepEqual(a, b);
    const rule = a.data[0] as RuleJson;
    assert.deepEqual(Object.keys(rule), [
      'id',
      'name',
      'description',
      'view',
      'conditions',
      'inversed',
      'disabled',
    ]);
    assert.equal(rule.view, '1');
    assert.equal((rule.conditions.data[0]?.field as { name: string }).name, 'status');
    assert.deepEqual(await api.getJson(`/miniview/1/minirule/${rule.id}`), rule);
    assert.deepEqual(await api.getJson(`/miniview/1/rule/${rule.id}`), rule);
    assert.deepEqual(await api.getJson(`/minirule/${rule.id}`), rule);
    assert.equal(
      await failure(api, 'GET', `/miniview/2/minirule/${rule.id}`),
      'No rule with supplied ID',
    );
  });

  it('create, rules, conditions, update, intentions, rebuild, delete', async () => {
    const id = await create(api, '/collection/1/miniviews', { name: 'Mine' });
    assert.deepEqual(await idsOf(api, `/miniview/${id}/subprofileids`), []);
    const rule = await create(api, `/miniview/${id}/minirules`, { name: 'new ones' });
    const cond = await create(api, `/minirule/${rule}/conditions`, {
      type: 'field',
      field: 'status',
      value: 'new',
    });
    const fresh = await total('/collection/1/subprofiles', { 'fields[]': ['status==new'] });
    assert.equal(await total(`/miniview/${id}/subprofiles`), fresh);
    await done(api, 'PUT', `/minicondition/Field/${cond}`, { value: 'cancelled' });
    const cancelled = await total('/collection/1/subprofiles', {
      'fields[]': ['status==cancelled'],
    });
    assert.equal(await total(`/miniview/${id}/subprofiles`), cancelled);
    await done(api, 'PUT', `/minirule/${rule}`, { inverted: true });
    assert.equal((await api.getJson<RuleJson>(`/minirule/${rule}`)).inversed, true);
    await done(api, 'PUT', `/minirule/${rule}`, { inverted: false, disabled: true });
    assert.equal(await total(`/miniview/${id}/subprofiles`), 0);
    const second = await create(api, `/miniview/${id}/rules`, { name: 'via rules' });
    await done(api, 'DELETE', `/minirule/${second}`);
    await done(api, 'DELETE', `/minicondition/field/${cond}`);
    await done(api, 'PUT', `/miniview/${id}`, { name: 'Renamed' });
    await done(api, 'PUT', `/miniview/${id}/intentions`, { email: 1 });
    const json = await api.getJson<MiniJson & { intentions: { email: boolean } }>(
      `/miniview/${id}`,
    );
    assert.deepEqual([json.name, json.intentions.email], ['Renamed', true]);
    for (const method of ['POST', 'PUT']) {
      const res = await api.call(method, `/miniview/${id}/rebuild`);
      assert.deepEqual([res.status, res.headers.get('x-created')], [204, null]);
    }
    assert.equal((await api.getJson<MiniJson>('/miniview/2'))['last-built'], '2024-06-01 03:00:00');
    await done(api, 'POST', '/miniview/2/rebuild');
    const rebuilt = await api.getJson<MiniJson>('/miniview/2');
    assert.equal(rebuilt['last-built'].slice(0, 4), new Date().toISOString().slice(0, 4));
    const res = await api.call('DELETE', `/miniview/${id}`);
    assert.deepEqual([res.status, res.headers.get('x-deleted')], [204, `miniview ${id}`]);
    assert.equal(await failure(api, 'GET', `/miniview/${id}`), 'No miniview with supplied ID');
  });

  it('miniview/$id/views lists the views with a MiniView condition on it; has-referred for ReferView', async () => {
    const view = await create(api, '/database/Customers/views', { name: 'Buyers' });
    const rule = await create(api, `/view/${view}/rules`, { name: 'paid' });
    await create(api, `/rule/${rule}/conditions`, {
      type: 'MiniView',
      'mini-view': 1,
      'min-subprofiles': 1,
    });
    const views = await api.getJson<Page<ViewJson>>('/miniview/1/views');
    assert.deepEqual(
      views.data.map((v) => v.ID),
      [view],
    );
    const other = await create(api, '/database/Customers/views', { name: 'Refers' });
    const r2 = await create(api, `/view/${other}/rules`, { name: 'refer' });
    await create(api, `/rule/${r2}/conditions`, {
      type: 'ReferView',
      'refer-view': view,
      'check-type': 'yes',
    });
    assert.equal((await api.getJson<ViewJson>(`/view/${view}`))['has-referred'], true);
  });

  it('errors: unknown miniview, missing name, unknown collection field', async () => {
    assert.equal(
      await failure(api, 'GET', '/miniview/999/subprofiles'),
      'No miniview with supplied ID',
    );
    assert.equal(await failure(api, 'POST', '/collection/1/miniviews', {}), 'No name supplied');
    assert.equal(
      await failure(api, 'GET', '/collection/99/miniviews'),
      'No collection with given ID',
    );
    assert.equal(
      await failure(api, 'POST', '/minirule/1/conditions', { type: 'Field', field: 'email' }),
      'Failed to get the field',
    );
    assert.equal(await failure(api, 'GET', '/minirule/999'), 'No rule with supplied ID');
    assert.equal(
      await failure(api, 'DELETE', '/minicondition/field/999'),
      'No condition with supplied ID',
    );
  });

  it('viewContents "rebuild" freezes miniviews too', async () => {
    const other = await startSimulator({ viewContents: 'rebuild' });
    try {
      const o = new TestApi(other);
      const before = await idsOf(o, '/miniview/1/subprofileids');
      const first = before[0] ?? 0;
      await done(o, 'PUT', `/subprofile/${first}`, { fields: { status: 'new' } });
      assert.deepEqual(await idsOf(o, '/miniview/1/subprofileids'), before);
      await done(o, 'POST', '/miniview/1/rebuild');
      assert.deepEqual(await idsOf(o, '/miniview/1/subprofileids'), before.slice(1));
    } finally {
      await other.close();
    }
  });

  it('miniruleIdKey "ID"', async () => {
    const other = await startSimulator({ miniruleIdKey: 'ID', emitInverted: true });
    try {
      const rule = (await new TestApi(other).getJson<Page<RuleJson>>('/miniview/2/minirules'))
        .data[0];
      assert.deepEqual([rule?.ID, rule?.id, rule?.inverted], ['2', undefined, false]);
    } finally {
      await other.close();
    }
  });
});
