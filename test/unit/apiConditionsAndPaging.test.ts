// Issue 20.7 and 20.8: a condition that would be sent as a different filter, query numbers that
// would be sent or read as something else, and offset paging against a server that ignores `start`.
import * as assert from 'node:assert';
import { ApiError } from '../../src/api/errors';
import { formatCondition, parseCondition } from '../../src/api/conditions';
import { parsePage, parseProfile } from '../../src/api/parse';
import { pageAll, profileSearchParams } from '../../src/api/query';
import type { Page, ProfileQuery } from '../../src/api/types';

describe('api conditions: sent as written (issue 20.7)', () => {
  it('refuses an operator with a space inside it, which would be sent as another operator', () => {
    for (const text of ['age < =5', 'age > =5', 'age < >5', 'age< =5', 'age <  = 5']) {
      assert.throws(
        () => parseCondition(text),
        /would be sent as "age[<>]=? ?[>=]?5".*operator/,
        text,
      );
    }
  });

  it('accepts what reads back as itself', () => {
    for (const text of ['age<5', 'age <= 5', 'a==<5', 'a== =x', 'a<>b', 'x!~%y%', 'a==']) {
      const condition = parseCondition(text);
      assert.deepStrictEqual(parseCondition(formatCondition(condition)), condition, text);
    }
  });

  it('formatCondition refuses a condition that would be read as another', () => {
    assert.throws(
      () => formatCondition({ field: 'age', operator: '<', value: '=5' }),
      /different condition/,
    );
    assert.throws(
      () => formatCondition({ field: 'age', operator: '>', value: '=5' }),
      /different condition/,
    );
    assert.strictEqual(formatCondition({ field: 'age', operator: '<=', value: '=5' }), 'age<==5');
  });
});

describe('api query numbers (issue 20.8)', () => {
  it('sends start as plain digits', () => {
    assert.strictEqual(profileSearchParams({ start: Number.NaN }).get('start'), '0');
    assert.strictEqual(
      profileSearchParams({ start: 1e21 }).get('start'),
      String(Number.MAX_SAFE_INTEGER),
    );
    assert.strictEqual(
      profileSearchParams({ start: Number.POSITIVE_INFINITY }).get('start'),
      String(Number.MAX_SAFE_INTEGER),
    );
    assert.strictEqual(profileSearchParams({ start: -3 }).get('start'), '0');
    assert.strictEqual(profileSearchParams({ start: 12.7 }).get('start'), '12');
  });

  it('refuses a paging number beyond what a double holds exactly', () => {
    const huge = '9'.repeat(400);
    for (const key of ['count', 'total', 'start', 'limit']) {
      assert.throws(
        () => parsePage({ [key]: huge, data: [] }, parseProfile),
        (e: unknown) => e instanceof ApiError && e.kind === 'server',
        key,
      );
    }
    assert.throws(
      () => parsePage(JSON.parse(`{"total": 1e400, "data": []}`) as unknown, parseProfile),
      ApiError,
    );
    assert.strictEqual(parsePage({ total: '12', count: 3, data: [] }, parseProfile).total, 12);
  });

  it('offset paging ends against a server that ignores start, without repeating a profile', async () => {
    const requests: ProfileQuery[] = [];
    const ignoresStart = (query: ProfileQuery): Promise<Page<{ ID: string }>> => {
      requests.push(query);
      // Without a guard the walk would never end: fail instead of hanging the suite.
      if (requests.length > 50) throw new Error('the walk did not stop');
      const data = Array.from({ length: query.limit ?? 0 }, (_, i) => ({ ID: String(i + 1) }));
      return Promise.resolve({ start: 0, limit: query.limit ?? 0, count: data.length, data });
    };
    const seen: string[] = [];
    for await (const item of pageAll(ignoresStart, { orderBy: 'email', limit: 10 }))
      seen.push(item.ID);
    assert.strictEqual(seen.length, 10);
    assert.strictEqual(new Set(seen).size, 10);
    assert.strictEqual(requests.length, 2);
  });

  it('offset paging still walks every page of a well-behaved server', async () => {
    const all = Array.from({ length: 25 }, (_, i) => ({ ID: String(100 - i) }));
    const honest = (query: ProfileQuery): Promise<Page<{ ID: string }>> => {
      const data = all.slice(query.start ?? 0, (query.start ?? 0) + (query.limit ?? 0));
      return Promise.resolve({
        start: query.start ?? 0,
        limit: query.limit ?? 0,
        count: data.length,
        data,
      });
    };
    const seen: string[] = [];
    for await (const item of pageAll(honest, { orderBy: 'modified', limit: 10 }))
      seen.push(item.ID);
    assert.deepStrictEqual(
      seen,
      all.map((p) => p.ID),
    );
  });
});
