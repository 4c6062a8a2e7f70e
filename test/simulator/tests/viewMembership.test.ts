// Who is in a view (README §9.4): the seeded rules against the data, every evaluated comparison
// and interest match mode, nesting, inversed and disabled rules, the options, materialising.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '..';
import { TestApi } from '../testApi';
import { create, done, everything, idsOf, type Page } from './viewHelpers';

interface Item {
  ID: string;
  fields: Record<string, string>;
  interests: string[];
}

const SPORTS = ['soccer', 'tennis', 'hockey'];

describe('simulator: view membership', function () {
  let sim: Simulator;
  let api: TestApi;
  let everyone: Item[];
  const where = (test: (p: Item) => boolean): number[] =>
    everyone.filter(test).map((p) => Number(p.ID));

  before(async () => {
    sim = await startSimulator();
    api = new TestApi(sim);
    everyone = await everything<Item>(api, '/database/1/profiles');
  });
  after(async () => sim.close());

  it('the seeded views hold what their rules say; nested views intersect with their parents', async () => {
    const subscribed = (p: Item): boolean => p.fields.subscribed === 'yes';
    const dutch = (p: Item): boolean => subscribed(p) && p.fields.Country === 'NL';
    const expected: Record<string, number[]> = {
      1: where(subscribed),
      2: where(dutch),
      3: where((p) => dutch(p) && p.interests.some((i) => SPORTS.includes(i))),
      4: where((p) => p.interests.includes('tennis')),
      5: where((p) => Number(p.fields.age) > 40),
      6: [],
      7: [],
    };
    for (const [id, ids] of Object.entries(expected)) {
      assert.ok(id === '6' || id === '7' || ids.length > 10, `view ${id} is not trivial`);
      assert.deepEqual(await idsOf(api, `/view/${id}/profileids`), ids, `view ${id}`);
      const page = await api.getJson<Page<Item>>(`/view/${id}/profiles`, { limit: 5 });
      assert.deepEqual([page.total, page.count], [ids.length, Math.min(5, ids.length)]);
      assert.deepEqual(
        page.data.map((p) => Number(p.ID)),
        ids.slice(0, 5),
      );
    }
  });

  it('view profiles take start, limit, total, fields[] (id> included), orderby and dataonly', async () => {
    const all = await idsOf(api, '/view/4/profileids');
    const third = String(all[2]);
    const page = await api.getJson<Page<Item>>('/view/4/profiles', {
      'fields[]': [`id>${third}`, 'age>=30'],
      limit: 3,
      start: 1,
    });
    const adults = new Set(where((p) => Number(p.fields.age) >= 30));
    const wanted = all.filter((id) => id > Number(third) && adults.has(id));
    assert.deepEqual(
      [page.total, page.data.map((p) => Number(p.ID))],
      [wanted.length, wanted.slice(1, 4)],
    );
    const lean = await api.getJson<Page<Record<string, unknown>>>('/view/4/profiles', {
      dataonly: 'true',
      limit: 1,
      total: 'false',
    });
    assert.deepEqual(Object.keys(lean.data[0] ?? {}), ['ID', 'fields', 'interests', 'modified']);
    assert.equal(lean.total, undefined);
    const desc = await api.getJson<Page<Item>>('/view/4/profiles', {
      orderby: 'id',
      order: 'desc',
      limit: 1,
    });
    assert.equal(Number(desc.data[0]?.ID), all[all.length - 1]);
  });

  describe('evaluated conditions', () => {
    const marker = 'zz-membership';
    const people: Record<string, string> = {};
    /** A view whose one rule is "marked profile" AND the given condition; returns member letters. */
    const members = async (condition: Record<string, unknown>): Promise<string[]> => {
      const view = await create(api, '/database/1/views', { name: 'cmp' });
      const rule = await create(api, `/view/${view}/rules`, { name: 'r' });
      await create(api, `/rule/${rule}/conditions`, {
        type: 'Field',
        field: 'notes',
        comparison: 'contains',
        value: marker,
      });
      await create(api, `/rule/${rule}/conditions`, condition);
      const ids = new Set((await idsOf(api, `/view/${view}/profileids`)).map(String));
      return Object.keys(people).filter((k) => ids.has(people[k] ?? ''));
    };

    before(async () => {
      const rows: Array<[string, Record<string, unknown>, string[]]> = [
        [
          'A',
          { firstname: 'Alice', lastname: '100', email: 'alice@example.com', age: 30 },
          ['tennis'],
        ],
        ['B', { firstname: 'bob', lastname: '20', email: 'not-an-email', age: 45 }, ['hockey']],
        [
          'C',
          { firstname: 'Carol', lastname: 'abc', email: 'carol@example.org', age: 9 },
          ['news'],
        ],
        ['D', { firstname: 'Dana', lastname: 'dana', email: '', age: 40 }, []],
      ];
      for (const [key, fields, interests] of rows)
        people[key] = await create(api, '/database/1/profiles', {
          fields: { ...fields, notes: marker },
          interests,
        });
    });

    it('comparisons: equals, not equals, contains, not contains, less, more', async () => {
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ field: 'firstname', value: 'alice' }, ['A']],
        [{ field: 'firstname', comparison: 'not equals', value: 'alice' }, ['B', 'C', 'D']],
        [{ field: 'firstname', comparison: 'contains', value: 'O' }, ['B', 'C']],
        [{ field: 'firstname', comparison: 'not contains', value: 'o' }, ['A', 'D']],
        [{ field: 'age', comparison: 'less', value: '40' }, ['A', 'C']],
        [{ field: 'age', comparison: 'more', value: '40' }, ['B']],
        [{ field: 'age', comparison: 'equals', value: '40.0' }, ['D']],
      ];
      for (const [condition, expected] of cases)
        assert.deepEqual(
          await members({ type: 'Field', ...condition }),
          expected,
          JSON.stringify(condition),
        );
    });

    it('numeric-comparison, is_email, regexp, is-numeric, other-field, field by ID', async () => {
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ field: 'lastname', comparison: 'more', value: '25' }, ['C', 'D']],
        [{ field: 'lastname', comparison: 'more', value: '25', 'numeric-comparison': true }, ['A']],
        [{ field: 'email', comparison: 'is_email' }, ['A', 'C']],
        [{ field: 'firstname', comparison: 'regexp', value: '^[ab]' }, ['A', 'B']],
        [{ field: 'lastname', comparison: 'is-numeric' }, ['A', 'B']],
        [{ field: 'firstname', comparison: 'equals', 'other-field': 'lastname' }, ['D']],
        [{ field: 2, value: 'carol' }, ['C']],
        [{ field: 'firstname', comparison: 'no such comparison', value: 'x' }, []],
      ];
      for (const [condition, expected] of cases)
        assert.deepEqual(
          await members({ type: 'Field', ...condition }),
          expected,
          JSON.stringify(condition),
        );
    });

    it('interest match modes, both spellings of the group mode', async () => {
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ 'match-mode': 'match_profiles_with_interest', interest: 'Tennis' }, ['A']],
        [{ 'match-mode': 'match_profiles_without_interest', interest: 'tennis' }, ['B', 'C', 'D']],
        [
          { 'match-mode': 'match_profiles_with_interest_group', 'interest-group': 'sports' },
          ['A', 'B'],
        ],
        [
          { 'match-mode': 'match_profiles_with_interestgroup', 'interest-group': 'sports' },
          ['A', 'B'],
        ],
        [
          { 'match-mode': 'match_profiles_without_interestgroup', 'interest-group': 'sports' },
          ['C', 'D'],
        ],
      ];
      for (const [condition, expected] of cases)
        assert.deepEqual(
          await members({ type: 'interest', ...condition }),
          expected,
          JSON.stringify(condition),
        );
    });

    it('types that are not evaluated match nobody', async () => {
      assert.deepEqual(
        await members({ type: 'Date', field: 'signup', 'after-time': '2000-01-01 00:00:00' }),
        [],
      );
    });

    it('rules OR, inversed is OR NOT, disabled rules are skipped, removed profiles never count', async () => {
      const view = await create(api, '/database/1/views', { name: 'logic' });
      const addRule = async (
        body: Record<string, unknown>,
        conditions: Array<Record<string, unknown>>,
      ): Promise<string> => {
        const rule = await create(api, `/view/${view}/rules`, { name: 'r', ...body });
        for (const c of conditions)
          await create(api, `/rule/${rule}/conditions`, { type: 'Field', ...c });
        return rule;
      };
      const marked = { field: 'notes', comparison: 'contains', value: marker };
      const letters = async (): Promise<string[]> => {
        const ids = new Set((await idsOf(api, `/view/${view}/profileids`)).map(String));
        return Object.keys(people).filter((k) => ids.has(people[k] ?? ''));
      };
      await addRule({}, [marked, { field: 'firstname', value: 'Alice' }]);
      const bob = await addRule({}, [marked, { field: 'firstname', value: 'bob' }]);
      assert.deepEqual(await letters(), ['A', 'B']);
      await done(api, 'PUT', `/rule/${bob}`, { disabled: true });
      assert.deepEqual(await letters(), ['A']);
      const notMarked = await addRule({ inversed: true }, [marked]);
      const live = (await api.getJson<Page<Item>>('/database/1/profiles', { limit: 1 })).total ?? 0;
      assert.deepEqual(await letters(), ['A']);
      assert.equal((await idsOf(api, `/view/${view}/profileids`)).length, live - 4 + 1);
      await done(api, 'DELETE', `/rule/${notMarked}`);
      await done(api, 'DELETE', `/profile/${people.A}`);
      assert.deepEqual(await letters(), []);
    });
  });
});
