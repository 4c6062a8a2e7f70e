// Seed data: deterministic, the demo databases as promised, the Big database's generation time,
// and the synthetic `generate` account.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '..';
import { resolveOptions } from '../options';
import { buildStore } from '../seed';
import { TestApi } from '../testApi';

interface Db {
  ID: string;
  name: string;
  fields: { total: number };
  collections: { total: number; data: Array<{ name: string; fields: { total: number } }> };
}

async function snapshot(sim: Simulator): Promise<string> {
  const api = new TestApi(sim);
  const parts = await Promise.all([
    api.get('/databases'),
    api.get('/database/Newsletter/profiles', { limit: 1000 }),
    api.get('/database/Customers/profiles', { limit: 50 }),
    api.get('/collection/1/subprofiles', { limit: 1000 }),
    api.get('/database/Events/profiles'),
  ]);
  return parts.map((p) => p.text).join('\n');
}

describe('simulator: seed data', function () {
  it('is deterministic: two starts answer identically; another seed differs', async () => {
    const [a, b, c] = await Promise.all([
      startSimulator(),
      startSimulator(),
      startSimulator({ seed: 7 }),
    ]);
    try {
      const [sa, sb, sc] = await Promise.all([snapshot(a), snapshot(b), snapshot(c)]);
      assert.equal(sa, sb);
      assert.notEqual(sa, sc);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('has Newsletter (every field type, grouped interests), Customers (Orders, Tickets) and Events (one removed)', async () => {
    const sim = await startSimulator();
    try {
      const api = new TestApi(sim);
      const dbs = await api.getJson<{ data: Db[] }>('/databases');
      assert.deepEqual(
        dbs.data.map((d) => d.name),
        ['Newsletter', 'Customers', 'Events'],
      );
      const fields = await api.getJson<{ data: Array<{ type: string }> }>(
        '/database/Newsletter/fields',
      );
      const types = new Set(fields.data.map((f) => f.type));
      for (const type of [
        'text',
        'email',
        'integer',
        'float',
        'date',
        'empty_date',
        'datetime',
        'empty_datetime',
        'select',
        'big',
      ])
        assert.ok(types.has(type), type);
      const groups = await api.getJson<{ data: Array<{ group: string }> }>(
        '/database/Newsletter/interests',
      );
      assert.ok(new Set(groups.data.map((g) => g.group)).size >= 2);
      assert.deepEqual(
        dbs.data[1]?.collections.data.map((c) => c.name),
        ['Orders', 'Tickets'],
      );
      const orders = await api.getJson<{ total: number }>('/collection/1/subprofiles', {
        limit: 1,
      });
      assert.ok(orders.total > 300);
      const events = await api.getJson<{ total: number }>('/database/Events/profiles');
      assert.equal(events.total, 4);
      const live = (await api.getJson<string[]>('/database/Events/profileids')).map(Number);
      const first = Math.min(...live);
      const removedId = [0, 1, 2, 3, 4].map((i) => first + i).find((id) => !live.includes(id));
      const removed = await api.getJson<{ removed: unknown; fields: Record<string, string> }>(
        `/profile/${removedId}`,
      );
      assert.equal(typeof removed.removed, 'string');
      assert.ok(Object.values(removed.fields).every((v) => v === ''));
    } finally {
      await sim.close();
    }
  });

  it('generates 100,000 profiles quickly and compactly (bigProfiles)', function () {
    this.timeout(60_000);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    const store = buildStore(resolveOptions({ bigProfiles: 100_000 }));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    console.log(
      `      100,000 profiles (+ demo data): ${ms.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB, process RSS ${rssMb.toFixed(0)} MB`,
    );
    const big = [...store.databases.values()].find((d) => d.name === 'Big');
    assert.equal(big?.profiles.length, 100_000);
    assert.ok(ms < 15_000, `took ${ms} ms`);
    assert.ok(heapMb < 500, `used ${heapMb} MB`);
  });

  it('serves the Big database: total, filter and deep page', async function () {
    this.timeout(60_000);
    const sim = await startSimulator({ bigProfiles: 100_000 });
    try {
      const api = new TestApi(sim);
      const page = await api.getJson<{ total: number }>('/database/Big/profiles', { limit: 1000 });
      assert.equal(page.total, 100_000);
      const started = Date.now();
      const filtered = await api.getJson<{
        count: number;
        data: Array<{ fields: Record<string, string> }>;
      }>('/database/Big/profiles', { 'fields[]': ['age>=80', 'city==Utrecht'], limit: 1000 });
      console.log(`      filter over 100,000 profiles: ${Date.now() - started} ms`);
      assert.ok(
        filtered.count > 0 &&
          filtered.data.every((p) => Number(p.fields.age) >= 80 && p.fields.city === 'Utrecht'),
      );
      const deep = await api.getJson<{ count: number }>('/database/Big/profiles', {
        start: 99_990,
        limit: 100,
        orderby: 'lastname',
      });
      assert.equal(deep.count, 10);
    } finally {
      await sim.close();
    }
  });

  it('generate builds a synthetic account (20 databases × 5 collections × 30 fields)', async function () {
    this.timeout(30_000);
    const sim = await startSimulator({
      generate: {
        databases: 20,
        collectionsPerDatabase: 5,
        fieldsPerCollection: 30,
        fieldsPerDatabase: 30,
        profilesPerDatabase: 20,
      },
    });
    try {
      const api = new TestApi(sim);
      const dbs = await api.getJson<{ total: number; data: Db[] }>('/databases');
      assert.equal(dbs.total, 20);
      for (const db of dbs.data) {
        assert.equal(db.fields.total, 30);
        assert.equal(db.collections.total, 5);
        assert.ok(db.collections.data.every((c) => c.fields.total === 30));
      }
      const profiles = await api.getJson<{
        total: number;
        data: Array<{ fields: Record<string, string> }>;
      }>(`/database/${dbs.data[0]?.ID}/profiles`);
      assert.equal(profiles.total, 20);
      assert.equal(Object.keys(profiles.data[0]?.fields ?? {}).length, 30);
    } finally {
      await sim.close();
    }
  });
});
