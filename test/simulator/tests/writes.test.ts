// Creating, updating and deleting (sub)profiles (§4.9-§4.14): bodies, `modified` rules, soft delete.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '..';
import { amsterdamWall, formatWall } from '../dates';
import { TestApi } from '../testApi';

interface ProfileJson {
  ID: string;
  fields: Record<string, string>;
  interests: string[];
  secret: string;
  created: string;
  modified: string;
  removed: false | string;
}

interface Page<T> {
  count: number;
  total?: number;
  data: T[];
}

const today = (): string => formatWall(amsterdamWall(Date.now())).slice(0, 10);

describe('simulator: writes', function () {
  let sim: Simulator;
  let api: TestApi;
  const profile = (id: string): Promise<ProfileJson> => api.getJson<ProfileJson>(`/profile/${id}`);
  const create = async (db: string, body: unknown): Promise<string> => {
    const res = await api.call('POST', `/database/${db}/profiles`, { body });
    assert.equal(res.status, 201, res.text);
    return res.headers.get('x-created') ?? '';
  };

  before(async () => {
    sim = await startSimulator();
    api = new TestApi(sim);
  });
  after(async () => sim.close());

  describe('create', () => {
    it('case-insensitive field names, unknown ones ignored, last case variant wins, secret ignored', async () => {
      const id = await create('Newsletter', {
        fields: { FIRSTNAME: 'Ann', bogus: 'x', lastname: 'A', LastName: '' },
        secret: 'mine',
        FIELDS: {},
      });
      const p = await profile(id);
      assert.deepEqual([p.fields.firstname, p.fields.lastname, p.removed], ['Ann', '', false]);
      assert.match(p.secret, /^[0-9a-f]{28}$/);
      assert.equal(p.created, p.modified);
      assert.equal(p.created.slice(0, 10), today());
    });

    it('interests as a list or an object of flags; same data twice gives two profiles', async () => {
      const a = await create('Newsletter', {
        fields: { email: 'same@example.com' },
        interests: ['tennis', 'news'],
      });
      const b = await create('Newsletter', {
        fields: { email: 'same@example.com' },
        interests: { soccer: 1, hockey: 0, offers: '1' },
      });
      assert.notEqual(a, b);
      assert.deepEqual((await profile(a)).interests, ['tennis', 'news']);
      assert.deepEqual((await profile(b)).interests, ['soccer', 'offers']);
    });

    it('an empty body or form-encoded body works; v1 takes a flat field map', async () => {
      assert.match(await create('Events', undefined), /^\d+$/);
      const form = await api.call('POST', '/database/Events/profiles', {
        rawBody: 'fields[name]=Form+User&fields[email]=form%40example.com',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal((await profile(form.headers.get('x-created') ?? '')).fields.name, 'Form User');
      const v1 = await new TestApi(sim, 'v1').call('POST', '/database/Events/profiles', {
        body: { name: 'Flat' },
      });
      assert.equal((await profile(v1.headers.get('x-created') ?? '')).fields.name, 'Flat');
    });
  });

  describe('update and modified', () => {
    it('PUT profile/$id: fields, interests (list replaces), secret; modified bumps only on a real change', async () => {
      const before = await profile('20');
      assert.equal(
        (
          await api.call('PUT', '/profile/20', {
            body: { fields: { firstname: before.fields.firstname } },
          })
        ).status,
        204,
      );
      assert.equal((await profile('20')).modified, before.modified, 'same value: no bump');
      await api.call('PUT', '/profile/20', { body: { secret: 'newcode' } });
      const afterSecret = await profile('20');
      assert.deepEqual(
        [afterSecret.secret, afterSecret.modified],
        ['newcode', before.modified],
        'secret alone: no bump',
      );
      await api.call('PUT', '/profile/20', {
        body: { fields: { firstname: 'Changed' }, interests: ['hockey'] },
      });
      const changed = await profile('20');
      assert.equal(changed.fields.firstname, 'Changed');
      assert.deepEqual(changed.interests, ['hockey']);
      assert.notEqual(changed.modified, before.modified);
      assert.equal(changed.modified.slice(0, 10), today());
    });

    it('non-object fields on PUT are ignored (still 204); POST profile/$id acts as PUT', async () => {
      assert.equal((await api.call('PUT', '/profile/21', { body: { fields: 'x' } })).status, 204);
      assert.equal(
        (await api.call('POST', '/profile/21', { body: { fields: { lastname: 'ViaPost' } } }))
          .status,
        204,
      );
      assert.equal((await profile('21')).fields.lastname, 'ViaPost');
    });

    it('profile interests: GET names / ids / objects, PUT replaces, POST merges', async () => {
      await api.call('PUT', '/profile/22/interests', { body: ['soccer', 'news'] });
      assert.deepEqual(await api.getJson('/profile/22/interests'), ['soccer', 'news']);
      await api.call('POST', '/profile/22/interests', { body: ['tennis'] });
      await api.call('POST', '/profile/22/interests', { body: { news: 0 } });
      assert.deepEqual(await api.getJson('/profile/22/interests'), ['soccer', 'tennis']);
      const objects = await api.getJson<Array<{ ID: string; name: string; group: string }>>(
        '/profile/22/interests',
        { return: 'objects' },
      );
      assert.deepEqual(
        objects.map((o) => [o.name, o.group]),
        [
          ['soccer', 'sports'],
          ['tennis', 'sports'],
        ],
      );
      assert.deepEqual(
        await api.getJson('/profile/22/interests', { return: 'ids' }),
        objects.map((o) => o.ID),
      );
    });
  });

  describe('bulk PUT database/$db/profiles', () => {
    it('updates every match; create=1 creates (201) when nothing matches', async () => {
      const updated = await api.call('PUT', '/database/Events/profiles', {
        query: { 'fields[]': 'event==Workshop' },
        body: { fields: { date: '2025-12-01' } },
      });
      assert.equal(updated.status, 204);
      const workshop = await api.getJson<Page<ProfileJson>>('/database/Events/profiles', {
        'fields[]': 'event==Workshop',
      });
      assert.ok(workshop.count > 0 && workshop.data.every((p) => p.fields.date === '2025-12-01'));
      const upsert = await api.call('PUT', '/database/Events/profiles', {
        query: { 'fields[]': 'email==nobody@example.com', create: 1 },
        body: { fields: { email: 'nobody@example.com' } },
      });
      assert.equal(upsert.status, 201);
      assert.equal(
        (await profile(upsert.headers.get('x-created') ?? '')).fields.email,
        'nobody@example.com',
      );
      const again = await api.call('PUT', '/database/Events/profiles', {
        query: { 'fields[]': 'email==nobody@example.com', create: 1 },
        body: { fields: { name: 'Found' } },
      });
      assert.equal(again.status, 204);
    });

    it('a filter of only unknown fields updates every profile (§4.11)', async () => {
      await api.call('PUT', '/database/Events/profiles', {
        query: { 'fields[]': 'nosuch==1' },
        body: { fields: { event: 'Webinar' } },
      });
      const all = await api.getJson<Page<ProfileJson>>('/database/Events/profiles');
      assert.ok(all.data.every((p) => p.fields.event === 'Webinar'));
    });
  });

  describe('delete', () => {
    it('soft delete: fields emptied, removed datetime, same secret/created/modified, gone from lists; subprofiles too', async () => {
      const customers = await api.getJson<Page<ProfileJson>>('/database/Customers/profiles', {
        limit: 3,
      });
      const target = customers.data[2];
      assert.ok(target);
      const subs = await api.getJson<Page<{ ID: string }>>(
        `/profile/${target.ID}/subprofiles/Orders`,
      );
      const totalBefore = customers.total ?? 0;
      const res = await api.call('DELETE', `/profile/${target.ID}`);
      assert.deepEqual([res.status, res.headers.get('x-deleted')], [204, `profile ${target.ID}`]);
      const gone = await profile(target.ID);
      assert.ok(
        typeof gone.removed === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(gone.removed),
      );
      assert.ok(Object.values(gone.fields).every((v) => v === ''));
      assert.deepEqual(
        [gone.secret, gone.created, gone.modified],
        [target.secret, target.created, target.modified],
      );
      assert.equal(
        (await api.getJson<Page<ProfileJson>>('/database/Customers/profiles', { limit: 1 })).total,
        totalBefore - 1,
      );
      for (const sub of subs.data) {
        assert.equal(
          typeof (await api.getJson<{ removed: unknown }>(`/subprofile/${sub.ID}`)).removed,
          'string',
        );
      }
      assert.equal(
        (await api.getJson<Page<unknown>>(`/profile/${target.ID}/subprofiles/Orders`)).count,
        0,
      );
    });

    it('updating a removed profile: secret changes, non-empty fields bump modified but stay empty', async () => {
      await api.call('DELETE', '/profile/30');
      const removed = await profile('30');
      await api.call('PUT', '/profile/30', {
        body: { secret: 'still', fields: { firstname: 'Ghost' } },
      });
      const after = await profile('30');
      assert.deepEqual([after.secret, after.fields.firstname], ['still', '']);
      assert.notEqual(after.modified, removed.modified);
    });

    it('DELETE database/$db/profiles with {"profiles":[…]}', async () => {
      const ids = [await create('Events', {}), await create('Events', {})];
      assert.equal(
        (
          await api.call('DELETE', '/database/Events/profiles', {
            body: { profiles: ids.map(Number) },
          })
        ).status,
        204,
      );
      for (const id of ids) assert.equal(typeof (await profile(id)).removed, 'string');
    });
  });

  describe('subprofiles', () => {
    let pid = '';

    before(async () => {
      pid =
        (
          await api.getJson<Page<ProfileJson>>('/database/Customers/profiles', {
            limit: 1,
            start: 5,
          })
        ).data[0]?.ID ?? '';
    });

    it('POST creates from a flat map (201, X-Created, X-location); PUT/fields update; DELETE soft-deletes', async () => {
      const res = await api.call('POST', `/profile/${pid}/subprofiles/Orders`, {
        body: { order_id: 'X-1', AMOUNT: '9.90', bogus: 1 },
      });
      assert.equal(res.status, 201);
      const id = res.headers.get('x-created') ?? '';
      assert.equal(res.headers.get('x-location'), `${sim.url}/v4/subprofile/${id}`);
      const sub = await api.getJson<{
        fields: Record<string, string>;
        profile: string;
        modified: string;
      }>(`/subprofile/${id}`);
      assert.deepEqual(
        [sub.fields.order_id, sub.fields.amount, sub.fields.status, sub.profile],
        ['X-1', '9.9', 'new', pid],
      );
      await api.call('PUT', `/subprofile/${id}`, { body: { secret: 'only' } });
      assert.equal(
        (await api.getJson<{ modified: string }>(`/subprofile/${id}`)).modified,
        sub.modified,
      );
      assert.equal(
        (await api.call('PUT', `/subprofile/${id}/fields`, { body: { status: 'paid' } })).status,
        204,
      );
      assert.equal(
        (await api.getJson<Record<string, string>>(`/subprofile/${id}/fields`)).status,
        'paid',
      );
      const del = await api.call('DELETE', `/subprofile/${id}`);
      assert.deepEqual([del.status, del.headers.get('x-deleted')], [204, `subprofile ${id}`]);
    });

    it("bulk PUT on a profile's subprofiles (flat body) and on a collection (flat or wrapped)", async () => {
      await api.call('POST', `/profile/${pid}/subprofiles/Tickets`, {
        body: { subject: 'Bulk', priority: 'low' },
      });
      const res = await api.call('PUT', `/profile/${pid}/subprofiles/Tickets`, {
        query: { 'fields[]': 'subject==Bulk' },
        body: { priority: 'high' },
      });
      assert.equal(res.status, 204);
      const page = await api.getJson<Page<{ fields: Record<string, string> }>>(
        `/profile/${pid}/subprofiles/Tickets`,
        { 'fields[]': 'subject==Bulk' },
      );
      assert.ok(page.count > 0 && page.data.every((s) => s.fields.priority === 'high'));
      const missing = await api.call('PUT', `/profile/${pid}/subprofiles/Tickets`, {
        body: { priority: 'low' },
      });
      assert.deepEqual(missing.json(), { error: { message: 'URL parameter fields is required' } });
      const created = await api.call('PUT', `/profile/${pid}/subprofiles/Tickets`, {
        query: { 'fields[]': 'subject==Nope', create: 'yes' },
        body: { subject: 'Nope' },
      });
      assert.equal(created.status, 201);
      const tickets =
        page.data.length > 0
          ? (
              await api.getJson<{ collections: { data: Array<{ ID: string; name: string }> } }>(
                '/database/Customers',
              )
            ).collections.data.find((c) => c.name === 'Tickets')?.ID
          : '';
      await api.call('PUT', `/collection/${tickets}/subprofiles`, {
        query: { 'fields[]': 'subject==Bulk' },
        body: { fields: { priority: 'normal' } },
      });
      const again = await api.getJson<Page<{ fields: Record<string, string> }>>(
        `/collection/${tickets}/subprofiles`,
        { 'fields[]': 'subject==Bulk' },
      );
      assert.ok(again.data.every((s) => s.fields.priority === 'normal'));
    });
  });
});
