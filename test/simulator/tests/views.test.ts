// Views (selections), rules and conditions over real HTTP (README §9.1-§9.3): shapes, status
// codes, headers, errors, the seeded tree, the empty-body POST of §6.3.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '..';
import { TestApi, shapeOf } from '../testApi';
import { CONDITION_TYPES } from '../views';
import { create, done, failure, type Page, type RuleJson, type ViewJson } from './viewHelpers';

const today = (): string => new Date().toISOString().slice(0, 4);

describe('simulator: views', function () {
  let sim: Simulator;
  let api: TestApi;
  const view = (id: string): Promise<ViewJson> => api.getJson<ViewJson>(`/view/${id}`);
  const names = (page: Page<ViewJson>): string[] => page.data.map((v) => `${v.ID} ${v.name}`);

  before(async () => {
    sim = await startSimulator();
    api = new TestApi(sim);
  });
  after(async () => sim.close());

  describe('the seeded selections', () => {
    it('database/$db/views lists the top level only, as an envelope', async () => {
      const page = await api.getJson<Page<ViewJson>>('/database/Newsletter/views');
      assert.deepEqual(names(page), [
        '1 Subscribers',
        '4 Tennis fans',
        '5 Over 40',
        '6 Draft',
        '7 Recent signups',
      ]);
      assert.deepEqual([page.start, page.limit, page.count, page.total], [0, 100, 5, 5]);
      const empty = await api.getJson<Page<ViewJson>>('/database/Events/views');
      assert.deepEqual([empty.count, empty.total], [0, 0]);
    });

    it('a view has exactly the documented keys and JSON types', async () => {
      const v = await view('1');
      assert.deepEqual(shapeOf(v), [
        ['ID', 'string'],
        ['name', 'string'],
        ['description', 'string'],
        ['parent-type', 'string'],
        ['parent-id', 'string'],
        ['has-children', 'boolean'],
        ['has-referred', 'boolean'],
        ['has-rules', 'boolean'],
        ['database', 'string'],
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
      assert.deepEqual(
        [v['parent-type'], v['parent-id'], v.database, v['has-children'], v['has-rules']],
        ['database', '1', '1', true, true],
      );
      assert.equal(v['last-built'], '2024-06-01 03:00:00');
    });

    it('nests three levels deep: view/$id/views lists direct children', async () => {
      const children = await api.getJson<Page<ViewJson>>('/view/1/views');
      assert.deepEqual(names(children), ['2 Dutch subscribers']);
      const grand = await api.getJson<Page<ViewJson>>('/view/2/views');
      assert.deepEqual(names(grand), ['3 Dutch sports fans']);
      const leaf = await view('3');
      assert.deepEqual(
        [leaf['parent-type'], leaf['parent-id'], leaf.database, leaf['has-children']],
        ['view', '2', '1', false],
      );
      const draft = await view('6');
      assert.deepEqual([draft['has-rules'], draft['has-children']], [false, false]);
    });

    it('rules embed their conditions as an envelope; a Field condition prints the field object', async () => {
      const rules = await api.getJson<Page<RuleJson>>('/view/1/rules');
      assert.equal(rules.total, 1);
      const rule = rules.data[0] as RuleJson;
      assert.deepEqual(Object.keys(rule), [
        'ID',
        'name',
        'view',
        'conditions',
        'inversed',
        'disabled',
      ]);
      assert.deepEqual([rule.view, rule.inversed, rule.disabled], ['1', false, false]);
      const c = rule.conditions.data[0];
      assert.deepEqual(Object.keys(c ?? {}), [
        'ID',
        'type',
        'rule',
        'comparison',
        'field',
        'value',
        'other-field',
        'numeric-comparison',
      ]);
      assert.deepEqual(
        [c?.type, c?.rule, c?.comparison, c?.value, c?.['other-field']],
        ['Field', rule.ID, 'equals', 'yes', false],
      );
      assert.deepEqual((c?.field as { name: string; ID: string }).name, 'subscribed');
      assert.deepEqual(await api.getJson(`/rule/${rule.ID}`), rule);
      assert.deepEqual(await api.getJson(`/view/1/rule/${rule.ID}`), rule);
      const interest = (await api.getJson<Page<RuleJson>>('/view/4/rules')).data[0];
      assert.deepEqual(interest?.conditions.data[0], {
        ID: interest?.conditions.data[0]?.ID,
        type: 'Interest',
        rule: interest?.ID,
        'match-mode': 'match_profiles_with_interest',
        interest: 'tennis',
      });
    });
  });

  describe('writes', () => {
    it('POST database/$db/views and view/$id/views: 201 with X-Created and X-location', async () => {
      const res = await api.call('POST', '/database/1/views', {
        body: { name: 'Mine', description: 'd' },
      });
      assert.equal(res.status, 201);
      const id = res.headers.get('x-created') ?? '';
      assert.equal(res.headers.get('x-location'), `${sim.url}/v4/view/${id}`);
      const child = await create(api, `/view/${id}/views`, { name: 'Child' });
      const parent = await view(id);
      assert.deepEqual(
        [parent.description, parent['has-children'], parent['has-rules']],
        ['d', true, false],
      );
      assert.equal(parent['last-built'].slice(0, 4), today());
      assert.deepEqual([(await view(child))['parent-id']], [id]);
    });

    it('name is required; unknown IDs get Copernica-style messages', async () => {
      assert.equal(
        await failure(api, 'POST', '/database/1/views', { description: 'x' }),
        'No name supplied',
      );
      assert.equal(await failure(api, 'POST', '/view/1/views', { name: '' }), 'No name supplied');
      assert.equal(await failure(api, 'GET', '/view/9999'), 'No view with supplied ID');
      assert.equal(await failure(api, 'GET', '/view/abc/profiles'), 'No view with supplied ID');
      assert.equal(await failure(api, 'GET', '/database/99/views'), 'No database with supplied ID');
      assert.equal(await failure(api, 'GET', '/view/1/bogus'), 'Invalid method');
      assert.equal(await failure(api, 'GET', '/view/1/x/y'), 'Invalid method');
      assert.equal(await failure(api, 'GET', '/rule/9999'), 'No rule with supplied ID');
      assert.equal(await failure(api, 'GET', '/view/4/rule/1'), 'No rule with supplied ID');
      assert.equal(await failure(api, 'POST', '/view/1/rules', {}), 'No name supplied');
      assert.equal(
        await failure(api, 'GET', '/view'),
        "Invalid request, element 1 is missing in 'directory' path",
      );
    });

    it('PUT view/$id renames (204), intentions set per channel, DELETE removes the subtree', async () => {
      const id = await create(api, '/database/1/views', { name: 'Temp' });
      const child = await create(api, `/view/${id}/views`, { name: 'Temp child' });
      await done(api, 'PUT', `/view/${id}`, { name: 'Renamed', description: 'new' });
      await done(api, 'PUT', `/view/${id}/intentions`, { email: true, sms: false });
      const v = await view(id);
      assert.deepEqual(
        [v.name, v.description, v.intentions.email, v.intentions.sms],
        ['Renamed', 'new', true, false],
      );
      const res = await api.call('DELETE', `/view/${id}`);
      assert.deepEqual([res.status, res.headers.get('x-deleted')], [204, `view ${id}`]);
      assert.equal(await failure(api, 'GET', `/view/${child}`), 'No view with supplied ID');
    });

    it('rebuild (POST, and PUT as on v2) answers 204 and moves last-built', async () => {
      const before = await view('4');
      assert.equal(before['last-built'], '2024-06-01 03:00:00');
      const res = await api.call('POST', '/view/4/rebuild');
      assert.deepEqual([res.status, res.text, res.headers.get('x-created')], [204, '', null]);
      assert.equal((await view('4'))['last-built'].slice(0, 4), today());
      assert.equal((await api.call('PUT', '/view/5/rebuild')).status, 204);
      assert.equal((await api.call('GET', '/view/5/rebuild')).status, 400);
    });

    it('copy: 201 X-Created, rules copied, nested views only with options.views', async () => {
      const shallow = await create(api, '/view/1/copy', { name: 'Copy' });
      const deep = await create(api, '/view/1/copy', { name: 'Deep', options: { views: true } });
      const [s, d] = [await view(shallow), await view(deep)];
      assert.deepEqual([s['has-rules'], s['has-children'], d['has-children']], [true, false, true]);
      const grand = await api.getJson<Page<ViewJson>>(
        `/view/${(await api.getJson<Page<ViewJson>>(`/view/${deep}/views`)).data[0]?.ID}/views`,
      );
      assert.deepEqual(
        grand.data.map((v) => v.name),
        ['Dutch sports fans'],
      );
      assert.equal(await failure(api, 'POST', '/view/1/copy', {}), 'No name supplied');
    });

    it('rules: POST (201), PUT accepts inversed or inverted, DELETE; has-rules follows', async () => {
      const id = await create(api, '/database/1/views', { name: 'Ruled' });
      const rule = await create(api, `/view/${id}/rules`, { name: 'r', inverted: true });
      let json = await api.getJson<RuleJson>(`/rule/${rule}`);
      assert.deepEqual([json.inversed, json.disabled, json.view], [true, false, id]);
      await done(api, 'PUT', `/rule/${rule}`, { inversed: false, disabled: true, name: 'r2' });
      json = await api.getJson<RuleJson>(`/rule/${rule}`);
      assert.deepEqual([json.name, json.inversed, json.disabled], ['r2', false, true]);
      assert.equal((await view(id))['has-rules'], true);
      await done(api, 'DELETE', `/rule/${rule}`);
      assert.equal((await view(id))['has-rules'], false);
      assert.equal(await failure(api, 'GET', `/rule/${rule}`), 'No rule with supplied ID');
    });

    it('conditions: every one of the 15 types stored and returned; $type case-insensitive', async () => {
      const id = await create(api, '/database/1/views', { name: 'Types' });
      const rule = await create(api, `/view/${id}/rules`, { name: 'all' });
      for (const type of CONDITION_TYPES) {
        const body =
          type === 'Field'
            ? { type: 'field', field: 12, value: 'x' }
            : { type: type.toLowerCase(), number: 10, 'before-time': '2024-01-01 00:00:00' };
        await create(api, `/rule/${rule}/conditions`, body);
      }
      const json = await api.getJson<RuleJson>(`/rule/${rule}`);
      assert.deepEqual(
        json.conditions.data.map((c) => c.type),
        [...CONDITION_TYPES],
      );
      const date = json.conditions.data.find((c) => c.type === 'Date');
      assert.deepEqual([date?.number, date?.['before-time']], ['10', '2024-01-01 00:00:00']);
      const field = json.conditions.data[0];
      assert.equal((field?.field as { ID: string }).ID, '12');
      await done(api, 'PUT', `/condition/FIELD/${field?.ID}`, {
        value: 'y',
        comparison: 'contains',
      });
      await done(api, 'PUT', `/condition/date/${date?.ID}`, { 'after-time': '01-01-2000' });
      const after = await api.getJson<RuleJson>(`/rule/${rule}`);
      assert.deepEqual(
        [after.conditions.data[0]?.value, after.conditions.data[0]?.comparison],
        ['y', 'contains'],
      );
      assert.equal(
        after.conditions.data.find((c) => c.type === 'Date')?.['after-time'],
        '01-01-2000',
      );
      assert.equal(
        await failure(api, 'PUT', `/condition/interest/${field?.ID}`, {}),
        'No condition with supplied ID',
      );
      assert.equal(
        await failure(api, 'PUT', `/condition/bogus/${field?.ID}`, {}),
        'Invalid condition type',
      );
      await done(api, 'DELETE', `/condition/Field/${field?.ID}`);
      assert.equal((await api.getJson<RuleJson>(`/rule/${rule}`)).conditions.total, 14);
    });

    it('bad condition bodies: unknown type, unknown field, missing field', async () => {
      assert.equal(
        await failure(api, 'POST', '/rule/1/conditions', { type: 'Bogus' }),
        'Invalid condition type',
      );
      assert.equal(
        await failure(api, 'POST', '/rule/1/conditions', { type: 'Field', field: 'nope' }),
        'Failed to get the field',
      );
      assert.equal(
        await failure(api, 'POST', '/rule/1/conditions', { type: 'Field', value: 'x' }),
        'No field id supplied for the field',
      );
    });

    it('a POST with an empty body to database/$id or collection/$id succeeds without X-Created (§6.3)', async () => {
      for (const path of ['/database/1', '/collection/1', '/database/Newsletter']) {
        const res = await api.call('POST', path);
        assert.deepEqual(
          [res.status, res.headers.get('x-created'), res.text],
          [204, null, ''],
          path,
        );
      }
      assert.equal((await api.call('POST', '/database/1', { body: {} })).status, 204);
      const v2 = await new TestApi(sim, 'v2').call('POST', '/database/1');
      assert.equal(v2.headers.get('x-created'), null);
      assert.ok(v2.status === 303 || v2.status === 200, String(v2.status));
    });
  });

  describe('options', () => {
    it('viewListNested lists every view; emitInverted adds `inverted`; rebuildStatus', async () => {
      const other = await startSimulator({
        viewListNested: true,
        emitInverted: true,
        rebuildStatus: 200,
      });
      try {
        const o = new TestApi(other);
        const page = await o.getJson<Page<ViewJson>>('/database/1/views');
        assert.equal(page.total, 7);
        const rule = (await o.getJson<Page<RuleJson>>('/view/1/rules')).data[0];
        assert.deepEqual([rule?.inversed, rule?.inverted], [false, false]);
        assert.equal((await o.call('POST', '/view/1/rebuild')).status, 200);
      } finally {
        await other.close();
      }
    });
  });
});
