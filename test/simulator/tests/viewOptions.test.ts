// Membership options (README §9.4): how conditions and inversed rules combine, views without
// rules, contents frozen at the last rebuild.
import * as assert from 'node:assert/strict';
import { startSimulator, type SimulatorOptions } from '..';
import { TestApi } from '../testApi';
import { create, done, everything, idsOf, type Page } from './viewHelpers';

interface Item {
  ID: string;
  fields: Record<string, string>;
}

describe('simulator: view membership options', function () {
  const withSim = async (
    options: SimulatorOptions,
    run: (api: TestApi) => Promise<void>,
  ): Promise<void> => {
    const sim = await startSimulator(options);
    try {
      await run(new TestApi(sim));
    } finally {
      await sim.close();
    }
  };
  const twoNames = async (
    api: TestApi,
    rule: Record<string, unknown>,
    names: string[],
  ): Promise<string> => {
    const view = await create(api, '/database/1/views', { name: 'v' });
    const id = await create(api, `/view/${view}/rules`, { name: 'r', ...rule });
    for (const value of names)
      await create(api, `/rule/${id}/conditions`, { type: 'Field', field: 'firstname', value });
    return view;
  };

  it('ruleConditions "or": a rule matches when any of its conditions does', async () => {
    await withSim({ ruleConditions: 'or' }, async (api) => {
      const a = await create(api, '/database/1/profiles', { fields: { firstname: 'Qa1' } });
      const b = await create(api, '/database/1/profiles', { fields: { firstname: 'Qb2' } });
      const view = await twoNames(api, {}, ['Qa1', 'Qb2']);
      assert.deepEqual(await idsOf(api, `/view/${view}/profileids`), [Number(a), Number(b)]);
    });
    await withSim({}, async (api) => {
      await create(api, '/database/1/profiles', { fields: { firstname: 'Qa1' } });
      const view = await twoNames(api, {}, ['Qa1', 'Qb2']);
      assert.deepEqual(await idsOf(api, `/view/${view}/profileids`), []);
    });
  });

  it('inversedRules "and-not": the other rules minus the inversed one', async () => {
    await withSim({ inversedRules: 'and-not' }, async (api) => {
      const view = await create(api, '/database/1/views', { name: 'v' });
      const plain = await create(api, `/view/${view}/rules`, { name: 'subscribers' });
      await create(api, `/rule/${plain}/conditions`, {
        type: 'Field',
        field: 'subscribed',
        value: 'yes',
      });
      const minus = await create(api, `/view/${view}/rules`, { name: 'not NL', inversed: true });
      await create(api, `/rule/${minus}/conditions`, {
        type: 'Field',
        field: 'Country',
        value: 'NL',
      });
      const all = await everything<Item>(api, '/database/1/profiles');
      const want = all
        .filter((p) => p.fields.subscribed === 'yes' && p.fields.Country !== 'NL')
        .map((p) => Number(p.ID));
      assert.deepEqual(await idsOf(api, `/view/${view}/profileids`), want);
    });
  });

  it('viewWithoutRules "parent": a view without enabled rules holds its whole parent', async () => {
    await withSim({ viewWithoutRules: 'parent' }, async (api) => {
      const draft = await idsOf(api, '/view/6/profileids');
      const db = await api.getJson<Page<Item>>('/database/1/profiles', { limit: 1 });
      assert.equal(draft.length, db.total);
      const child = await create(api, '/view/2/views', { name: 'no rules' });
      assert.deepEqual(
        await idsOf(api, `/view/${child}/profileids`),
        await idsOf(api, '/view/2/profileids'),
      );
    });
  });

  it('viewContents "rebuild": contents frozen until the next rebuild', async () => {
    await withSim({ viewContents: 'rebuild' }, async (api) => {
      const before = await idsOf(api, '/view/4/profileids');
      const target = before[0] ?? 0;
      await done(api, 'PUT', `/profile/${target}/interests`, ['news']);
      assert.deepEqual(await idsOf(api, '/view/4/profileids'), before);
      await done(api, 'POST', '/view/4/rebuild');
      assert.deepEqual(
        await idsOf(api, '/view/4/profileids'),
        before.filter((id) => id !== target),
      );
      await done(api, 'DELETE', `/profile/${before[1] ?? 0}`);
      assert.ok(
        !(await idsOf(api, '/view/4/profileids')).includes(before[1] ?? 0),
        'removed never counts',
      );
      const view = await create(api, '/database/1/views', { name: 'fresh' });
      const rule = await create(api, `/view/${view}/rules`, { name: 'r' });
      await create(api, `/rule/${rule}/conditions`, { type: 'Interest', interest: 'tennis' });
      assert.deepEqual(await idsOf(api, `/view/${view}/profileids`), []);
      await done(api, 'PUT', `/view/${view}/rebuild`);
      assert.equal((await idsOf(api, `/view/${view}/profileids`)).length, before.length - 2);
    });
  });
});
