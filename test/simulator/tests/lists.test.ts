// Listings: paging (§3), `fields[]` conditions (§4.7), orderby/order/dataonly (§4.6), subprofile lists (§4.14).
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '..';
import { TestApi } from '../testApi';

interface Item {
  ID: string;
  fields: Record<string, string>;
  modified: string;
  removed: false | string;
}

interface Page {
  start: number;
  limit: number;
  count: number;
  data: Item[];
  nextid?: number;
  total?: number;
}

describe('simulator: lists', function () {
  let sim: Simulator;
  let api: TestApi;
  let everyone: Item[];

  const list = (
    query: Record<string, string | string[] | number>,
    path = '/database/Newsletter/profiles',
  ): Promise<Page> => api.getJson<Page>(path, query);
  const ids = (page: Page): number[] => page.data.map((p) => Number(p.ID));
  const age = (p: Item): number => Number(p.fields.age);
  const where = (...conditions: string[]): Promise<Page> =>
    list({ 'fields[]': conditions, limit: 1000 });

  before(async () => {
    sim = await startSimulator();
    api = new TestApi(sim);
    const first = await list({ limit: 1000 });
    const second = await list({ limit: 1000, start: 1000 });
    everyone = [...first.data, ...second.data];
  });
  after(async () => sim.close());

  describe('paging', () => {
    it('defaults to start 0, limit 100, with total; at least 1,200 live profiles; removed ones left out', async () => {
      const page = await list({});
      assert.deepEqual([page.start, page.limit, page.count, page.data.length], [0, 100, 100, 100]);
      assert.ok((page.total ?? 0) >= 1200);
      assert.equal(everyone.length, page.total);
      assert.ok(everyone.every((p) => p.removed === false));
      assert.equal(
        typeof (await api.getJson<{ removed: unknown }>('/profile/101')).removed,
        'string',
        'profile 101 is removed',
      );
      assert.ok(!everyone.some((p) => p.ID === '101'));
    });

    it('caps limit at 1000 and pages by offset', async () => {
      const page = await list({ limit: 5000 });
      assert.deepEqual([page.limit, page.count], [1000, 1000]);
      const offset = await list({ start: 10, limit: 5 });
      assert.deepEqual(
        ids(offset),
        everyone.slice(10, 15).map((p) => Number(p.ID)),
      );
    });

    it('total=false omits total; the boolean parser of §3', async () => {
      for (const value of ['false', '0', 'thisisfalse', ' 1', 'no', '0.5']) {
        assert.equal('total' in (await list({ total: value, limit: 1 })), false, value);
      }
      for (const value of ['true', 'YES', '1', '-2', '1.5']) {
        assert.equal(typeof (await list({ total: value, limit: 1 })).total, 'number', value);
      }
    });

    it('negative start or limit <= 0: empty data, values echoed', async () => {
      for (const [start, limit] of [
        [-2, 10],
        [0, 0],
        [0, -5],
      ] as const) {
        const page = await list({ start, limit });
        assert.deepEqual([page.start, page.limit, page.count, page.data], [start, limit, 0, []]);
      }
      assert.equal((await list({ limit: 'true' })).count, 1, 'limit=true counts as 1');
    });

    it('parameter names are case-sensitive; extra path after profiles is ignored', async () => {
      assert.equal((await list({ LIMIT: 3 })).limit, 100);
      assert.equal((await list({ limit: 3 }, '/database/Newsletter/profiles/bogus/path')).count, 3);
    });

    it('nextid is the last ID + 1 in ID order only (§3 [?])', async () => {
      const page = await list({ limit: 2 });
      assert.equal(page.nextid, Number(page.data[1]?.ID) + 1);
      assert.equal('nextid' in (await list({ limit: 2, order: 'desc' })), false);
      const other = await startSimulator({ emitNextId: false });
      try {
        assert.equal(
          'nextid' in (await new TestApi(other).getJson<Page>('/database/Newsletter/profiles')),
          false,
        );
      } finally {
        await other.close();
      }
    });

    it('profileids: bare array of string IDs, paged', async () => {
      const idsPage = await api.getJson<string[]>('/database/Newsletter/profileids', {
        start: 3,
        limit: 4,
      });
      assert.deepEqual(
        idsPage,
        everyone.slice(3, 7).map((p) => p.ID),
      );
    });

    it('database by ID or name, case-insensitively', async () => {
      for (const ref of ['1', 'newsletter', 'NEWSLETTER'])
        assert.equal((await list({ limit: 1 }, `/database/${ref}/profiles`)).count, 1);
    });
  });

  describe('fields[] conditions', () => {
    const matching = (predicate: (p: Item) => boolean): number[] =>
      everyone.filter(predicate).map((p) => Number(p.ID));

    it('== != <> < > <= >= on an integer field, total reflecting the filter', async () => {
      const checks: Array<[string, (p: Item) => boolean]> = [
        ['age==40', (p) => age(p) === 40],
        ['age!=40', (p) => age(p) !== 40],
        ['age<>40', (p) => age(p) !== 40],
        ['age<30', (p) => age(p) < 30],
        ['age>70', (p) => age(p) > 70],
        ['age<=30', (p) => age(p) <= 30],
        ['age>=70', (p) => age(p) >= 70],
      ];
      for (const [condition, predicate] of checks) {
        const page = await where(condition);
        const expected = matching(predicate);
        assert.deepEqual(ids(page), expected.slice(0, 1000), condition);
        assert.equal(page.total, expected.length);
      }
    });

    it('=~ and !~ with % and _ wildcards, case-insensitive', async () => {
      const like = await where('email=~ANNA.%');
      assert.ok(like.count > 0);
      assert.deepEqual(
        ids(like),
        matching((p) => p.fields.email?.startsWith('anna.') === true),
      );
      const notLike = await where('email!~%@example.com');
      assert.deepEqual(
        ids(notLike),
        matching((p) => !p.fields.email?.endsWith('@example.com')),
      );
      const one = await where('Country=~_L');
      assert.deepEqual(
        ids(one),
        matching((p) => p.fields.Country === 'NL'),
      );
    });

    it('text == is case-insensitive; field names are case-insensitive; conditions are ANDed', async () => {
      const sample = everyone[0];
      const email = sample?.fields.email ?? '';
      assert.deepEqual(ids(await where(`EMAIL==${email.toUpperCase()}`)), [Number(sample?.ID)]);
      const both = await where('age>=30', 'age<40', 'country==nl');
      assert.deepEqual(
        ids(both),
        matching((p) => age(p) >= 30 && age(p) < 40 && p.fields.Country === 'NL'),
      );
    });

    it('unknown fields and a space before the operator are ignored; a plain `fields` param too', async () => {
      assert.equal(
        (await where('nosuchfield==1')).count,
        everyone.length > 1000 ? 1000 : everyone.length,
      );
      assert.equal((await where('age ==40')).total, everyone.length);
      assert.equal((await list({ fields: 'age==40', limit: 1 })).total, everyone.length);
    });

    it('special names id, code and modified', async () => {
      assert.deepEqual(
        ids(await where('id>10', 'id<=20')),
        matching((p) => Number(p.ID) > 10 && Number(p.ID) <= 20),
      );
      const profile = await api.getJson<{ ID: string; secret: string }>(
        `/profile/${everyone[5]?.ID}`,
      );
      assert.deepEqual(ids(await where(`code==${profile.secret}`)), [Number(profile.ID)]);
      assert.deepEqual(
        ids(await where('modified<2021-01-01')),
        matching((p) => p.modified < '2021-01-01'),
      );
    });

    it('ID bounds (id>N, id>=N, id<N, id<=N, several, past either end) find what a full scan finds, with and without total', async () => {
      const at = (n: number): number => Number(everyone[n]?.ID);
      // 101 is removed: bounds just below, at and above a gap in the live IDs.
      const cases: Array<[string[], (p: Item) => boolean]> = [
        [['id>100'], (p) => Number(p.ID) > 100],
        [['id>=101'], (p) => Number(p.ID) >= 101],
        [[`id>=${at(10)}`], (p) => Number(p.ID) >= at(10)],
        [[`id>${at(10)}`], (p) => Number(p.ID) > at(10)],
        [[`id>${at(700)}`, 'age>=40'], (p) => Number(p.ID) > at(700) && age(p) >= 40],
        [[`id>=${at(10)}`, `id>${at(20)}`, `id>=${at(5)}`], (p) => Number(p.ID) > at(20)],
        [['id>99999999'], () => false],
        [['id>abc'], (p) => Number(p.ID) > 0],
        [['id<100'], (p) => Number(p.ID) < 100],
        [['id<=101'], (p) => Number(p.ID) <= 101],
        [
          [`id>${at(10)}`, `id<=${at(300)}`],
          (p) => Number(p.ID) > at(10) && Number(p.ID) <= at(300),
        ],
        [
          [`id<${at(900)}`, `id<${at(50)}`, 'age>=40'],
          (p) => Number(p.ID) < at(50) && age(p) >= 40,
        ],
        [[`id>=${at(40)}`, `id<${at(40)}`], () => false],
        [['id<0'], () => false],
      ];
      for (const [conditions, keep] of cases) {
        const expected = matching(keep);
        for (const total of ['true', 'false']) {
          const page = await list({ 'fields[]': conditions, limit: 1000, total });
          assert.deepEqual(
            ids(page),
            expected.slice(0, 1000),
            `${conditions.join(' & ')}, total=${total}`,
          );
          assert.equal(page.total, total === 'true' ? expected.length : undefined);
        }
        const second = await list({ 'fields[]': conditions, start: 3, limit: 4, total: 'false' });
        assert.deepEqual(ids(second), expected.slice(3, 7), `${conditions.join(' & ')}, start=3`);
      }
    });

    it('dates compare as dates; empty value matches empty text', async () => {
      assert.deepEqual(
        ids(await where('birthdate>=1980-01-01')),
        matching((p) => (p.fields.birthdate ?? '') >= '1980-01-01'),
      );
      assert.deepEqual(
        ids(await where('birthdate==')),
        matching((p) => p.fields.birthdate === ''),
      );
    });
  });

  describe('orderby, order, dataonly', () => {
    it('id (default) asc/desc/descending', async () => {
      const asc = ids(await list({ limit: 5 }));
      assert.deepEqual(
        asc,
        [...asc].sort((a, b) => a - b),
      );
      for (const order of ['desc', 'DESCENDING']) {
        assert.deepEqual(
          ids(await list({ limit: 3, order })),
          everyone
            .slice(-3)
            .map((p) => Number(p.ID))
            .reverse(),
        );
      }
    });

    it('id descending with ID and field conditions: the same rows as a full scan, highest first', async () => {
      const at = (n: number): number => Number(everyone[n]?.ID);
      const conditions = [`id>${at(10)}`, `id<=${at(600)}`, 'age>=40'];
      const expected = everyone
        .filter((p) => Number(p.ID) > at(10) && Number(p.ID) <= at(600) && age(p) >= 40)
        .map((p) => Number(p.ID))
        .reverse();
      const page = await list({ 'fields[]': conditions, order: 'desc', limit: 7, total: 'true' });
      assert.deepEqual(ids(page), expected.slice(0, 7));
      assert.equal(page.total, expected.length);
      const later = await list({ 'fields[]': conditions, order: 'desc', start: 7, limit: 5 });
      assert.deepEqual(ids(later), expected.slice(7, 12));
    });

    it('a field by name (case-insensitive) or by field ID, numeric for integers', async () => {
      const byAge = await list({ orderby: 'AGE', limit: 1000 });
      const ages = byAge.data.map(age);
      assert.deepEqual(
        ages,
        [...ages].sort((a, b) => a - b),
      );
      const fields = await api.getJson<{ data: Array<{ ID: string; name: string }> }>(
        '/database/Newsletter/fields',
      );
      const ageId = fields.data.find((f) => f.name === 'age')?.ID ?? '';
      assert.deepEqual(ids(await list({ orderby: ageId, limit: 1000 })), ids(byAge));
      const desc = (await list({ orderby: 'age', order: 'desc', limit: 1000 })).data.map(age);
      assert.deepEqual(
        desc,
        [...desc].sort((a, b) => b - a),
      );
    });

    it('modified, random, and unknown (→ ID order)', async () => {
      const modified = (await list({ orderby: 'modified', limit: 1000 })).data.map(
        (p) => p.modified,
      );
      assert.deepEqual(modified, [...modified].sort());
      const random = ids(await list({ orderby: 'random', limit: 50 }));
      assert.notDeepEqual(
        random,
        [...random].sort((a, b) => a - b),
      );
      assert.deepEqual(
        ids(await list({ orderby: 'nosuchfield', limit: 5 })),
        everyone.slice(0, 5).map((p) => Number(p.ID)),
      );
    });

    it('dataonly keeps ID, fields, interests, modified', async () => {
      const page = await list({ dataonly: 'true', limit: 1 });
      assert.deepEqual(Object.keys(page.data[0] ?? {}), ['ID', 'fields', 'interests', 'modified']);
    });
  });

  describe('subprofile lists', () => {
    let customerId = '';

    before(async () => {
      customerId = (await list({ limit: 1 }, '/database/Customers/profiles')).data[0]?.ID ?? '';
    });

    it('profile/$pid/subprofiles/$cid: envelope, collection by name or ID, paging and filters (subprofileListParams)', async () => {
      const page = await list({}, `/profile/${customerId}/subprofiles/orders`);
      assert.equal(page.count, 100);
      assert.ok((page.total ?? 0) > 100, 'the first customer has more than a page of orders');
      const paid = await list(
        { 'fields[]': 'status==paid', limit: 1000, orderby: 'amount', order: 'desc' },
        `/profile/${customerId}/subprofiles/Orders`,
      );
      assert.ok(paid.data.every((s) => s.fields.status === 'paid'));
      const amounts = paid.data.map((s) => Number(s.fields.amount));
      assert.deepEqual(
        amounts,
        [...amounts].sort((a, b) => b - a),
      );
      const db = await api.getJson<{ collections: { data: Array<{ ID: string; name: string }> } }>(
        '/database/Customers',
      );
      const ordersId = db.collections.data.find((c) => c.name === 'Orders')?.ID ?? '';
      assert.equal(
        (await list({ limit: 1 }, `/profile/${customerId}/subprofiles/${ordersId}`)).total,
        page.total,
      );
    });

    it('without subprofileListParams the parameters are ignored', async () => {
      const other = await startSimulator({ subprofileListParams: false });
      try {
        const page = await new TestApi(other).getJson<Page>(
          `/profile/${customerId}/subprofiles/Orders`,
          { limit: 5, 'fields[]': 'status==paid' },
        );
        assert.deepEqual([page.start, page.limit, page.count], [0, 100, 100]);
      } finally {
        await other.close();
      }
    });

    it('collection/$cid/subprofiles with filters, dataonly; subprofileids', async () => {
      const db = await api.getJson<{ collections: { data: Array<{ ID: string; name: string }> } }>(
        '/database/Customers',
      );
      const tickets = db.collections.data.find((c) => c.name === 'Tickets')?.ID ?? '';
      const high = await list(
        { 'fields[]': 'priority==high', dataonly: 1, limit: 1000 },
        `/collection/${tickets}/subprofiles`,
      );
      assert.ok(high.count > 0 && high.data.every((s) => s.fields.priority === 'high'));
      assert.deepEqual(Object.keys(high.data[0] ?? {}), [
        'ID',
        'fields',
        'profile',
        'collection',
        'modified',
      ]);
      const all = await api.getJson<string[]>(`/collection/${tickets}/subprofileids`);
      assert.ok(all.length >= high.count && all.every((id) => typeof id === 'string'));
    });
  });
});
