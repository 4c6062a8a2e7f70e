// The simulator keeps its rendered definition answers (GET /databases, GET /database/$id) until a
// definition is added. A client must not be able to tell: the bytes are those of a fresh render,
// and a new field, interest, collection or database shows up in the very next answer.
import * as assert from 'node:assert/strict';
import { startSimulator } from '..';
import { listDatabases, routeDatabase } from '../databaseRoutes';
import { parseQuery } from '../httpUtil';
import { resolveOptions } from '../options';
import type { ApiEnv } from '../replies';
import { buildStore } from '../seed';
import { TestApi } from '../testApi';

const DEFINITION_CALLS: Array<[string, Record<string, string>]> = [
  ['/databases', {}],
  ['/databases', { limit: '2' }],
  ['/databases', { start: '1', limit: '1', total: 'false' }],
  ['/databases', { start: '-1' }],
  ['/database/1', {}],
  ['/database/Newsletter', {}],
  ['/database/2', {}],
];

function envWith(cache: boolean): ApiEnv {
  const options = resolveOptions({ cacheDefinitionAnswers: cache });
  return { store: buildStore(options), options, baseUrl: 'http://127.0.0.1:1' };
}

function get(env: ApiEnv, path: string, search = ''): string {
  const segments = path.split('/').filter((s) => s !== '');
  const req = {
    version: 4,
    method: 'GET',
    segments,
    query: parseQuery(search),
    body: undefined,
    resourcePath: path,
    search,
  };
  const reply = segments[0] === 'databases' ? listDatabases(req, env) : routeDatabase(req, env);
  assert.equal(reply.status, 200, reply.body);
  return reply.body;
}

interface Db {
  ID: string;
  name: string;
  fields: { data: Array<{ name: string }> };
  interests: { data: Array<{ name: string }> };
  collections: { data: Array<{ name: string; fields: { data: Array<{ name: string }> } }> };
}

describe('simulator: cached definition answers', function () {
  it('are byte for byte what a simulator without the cache sends, asked once or twice (v4 and v1)', async () => {
    const [cached, fresh] = await Promise.all([
      startSimulator(),
      startSimulator({ cacheDefinitionAnswers: false }),
    ]);
    try {
      for (const version of ['v4', 'v1'] as const) {
        const [a, b] = [new TestApi(cached, version), new TestApi(fresh, version)];
        for (const [path, query] of DEFINITION_CALLS) {
          const first = await a.get(path, query);
          const again = await a.get(path, query);
          const expected = await b.get(path, query);
          assert.equal(first.status, expected.status, `${version} ${path}`);
          assert.equal(first.text, expected.text, `${version} ${path} ${JSON.stringify(query)}`);
          assert.equal(
            again.text,
            expected.text,
            `${version} ${path} ${JSON.stringify(query)}, asked again`,
          );
          assert.equal(first.headers.get('content-type'), 'application/json');
        }
      }
    } finally {
      await Promise.all([cached.close(), fresh.close()]);
    }
  });

  it('show a field, interest, collection or database added after they were rendered', () => {
    const env = envWith(true);
    const db = env.store.findDatabase('Newsletter');
    assert.ok(db);
    const listed = (): Db[] =>
      (JSON.parse(get(env, '/databases', '?limit=1000')) as { data: Db[] }).data;
    const one = (): Db => JSON.parse(get(env, `/database/${db.id}`)) as Db;
    const before = get(env, '/databases', '?limit=1000');
    assert.equal(get(env, '/databases', '?limit=1000'), before, 'a second render is identical');
    one();

    env.store.addField(db, { name: 'added_field', type: 'text' });
    assert.ok(
      listed()
        .find((d) => d.ID === String(db.id))
        ?.fields.data.some((f) => f.name === 'added_field'),
    );
    assert.ok(one().fields.data.some((f) => f.name === 'added_field'));

    env.store.addInterest(db, 'added_interest', 'g');
    assert.ok(one().interests.data.some((i) => i.name === 'added_interest'));

    const collection = env.store.addCollection(db, 'Added collection');
    assert.ok(one().collections.data.some((c) => c.name === 'Added collection'));
    env.store.addField(collection, { name: 'in_collection', type: 'text' });
    const shown = listed()
      .find((d) => d.ID === String(db.id))
      ?.collections.data.find((c) => c.name === 'Added collection');
    assert.deepEqual(
      shown?.fields.data.map((f) => f.name),
      ['in_collection'],
    );

    env.store.addDatabase('Added database', '', '2026-01-01 00:00:00');
    assert.ok(listed().some((d) => d.name === 'Added database'));

    // Each answer equals a fresh render of the changed account.
    const uncached: ApiEnv = { ...env, options: { ...env.options, cacheDefinitionAnswers: false } };
    assert.equal(get(env, '/databases', '?limit=1000'), get(uncached, '/databases', '?limit=1000'));
    assert.equal(get(env, `/database/${db.id}`), get(uncached, `/database/${db.id}`));
  });
});
