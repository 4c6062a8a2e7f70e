// The bench's selections (README §9.6): GenerateSpec.views builds a three-level tree of 50
// selections whose first holds every profile; the `Big` database has "All profiles" and "VIP".
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '..';
import { TestApi } from '../testApi';
import { everything, type Page, type ViewJson } from './viewHelpers';

describe('simulator: selections for the bench', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: TestApi;

  before(async () => {
    sim = await startSimulator({
      generate: { databases: 2, profilesPerDatabase: 100_000, fieldsPerDatabase: 3, views: 50 },
      bigProfiles: 1000,
    });
    api = new TestApi(sim);
  });
  after(async () => sim.close());

  it('50 selections, three levels deep, on the first generated database only', async () => {
    const all = await startSimulator({
      generate: { databases: 1, profilesPerDatabase: 10, views: 50 },
      viewListNested: true,
    });
    try {
      const views = await everything<ViewJson>(new TestApi(all), '/database/1/views');
      assert.equal(views.length, 50);
      const depth = (v: ViewJson): number =>
        v['parent-type'] === 'database'
          ? 1
          : 1 + depth(views.find((p) => p.ID === v['parent-id']) as ViewJson);
      assert.deepEqual([...new Set(views.map(depth))].sort(), [1, 2, 3]);
    } finally {
      await all.close();
    }
    const top = await api.getJson<Page<ViewJson>>('/database/1/views');
    assert.equal(top.data[0]?.name, 'All profiles');
    assert.equal((await api.getJson<Page<ViewJson>>('/database/2/views')).total, 0);
  });

  it('"All profiles" holds all 100,000 profiles; a page of it is quick', async () => {
    const started = Date.now();
    const page = await api.getJson<Page<{ ID: string }>>('/view/1/profiles', { limit: 1000 });
    assert.deepEqual([page.total, page.count], [100_000, 1000]);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    const next = await api.getJson<Page<{ ID: string }>>('/view/1/profiles', {
      'fields[]': [`id>${page.data[999]?.ID}`],
      total: 'false',
    });
    assert.equal(Number(next.data[0]?.ID), Number(page.data[999]?.ID) + 1);
  });

  it('the Big database: "All profiles" and its child "VIP" (every fifth profile)', async () => {
    const big = (await api.getJson<Page<{ ID: string; name: string }>>('/databases')).data.find(
      (d) => d.name === 'Big',
    );
    const views = await api.getJson<Page<ViewJson>>(`/database/${big?.ID}/views`);
    const root = views.data[0];
    assert.equal(root?.name, 'All profiles');
    assert.equal((await api.getJson<Page<unknown>>(`/view/${root?.ID}/profiles`)).total, 1000);
    const vip = (await api.getJson<Page<ViewJson>>(`/view/${root?.ID}/views`)).data[0];
    assert.equal(vip?.name, 'VIP');
    assert.equal((await api.getJson<Page<unknown>>(`/view/${vip?.ID}/profiles`)).total, 200);
  });
});
