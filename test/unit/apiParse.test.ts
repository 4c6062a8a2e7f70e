// Pure parts of the API layer: parsers, filter conditions, URL validation, error classification.
import * as assert from 'node:assert/strict';
import { ApiError, toApiError } from '../../src/api/errors';
import {
  classifyStatus,
  extractApiMessage,
  parseRetryAfter,
  redact,
  responseToApiError,
} from '../../src/api/errors';
import { extractJwt, jwtExpiry } from '../../src/api/auth';
import { formatCondition, parseCondition } from '../../src/api/conditions';
import {
  parseCreatedId,
  parseDatabase,
  parseIdentity,
  parsePage,
  parseProfile,
  parseSubprofile,
} from '../../src/api/parse';
import { profileSearchParams } from '../../src/api/query';
import { isLoopback, validateEndpointUrl } from '../../src/api/url';
import { CONDITION_OPERATORS } from '../../src/api/types';

function expectServerError(fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => error instanceof ApiError && error.kind === 'server');
}

describe('api parsers', () => {
  const field = {
    ID: '20990',
    name: 'birthday',
    type: 'date',
    value: '2018-03-16',
    displayed: true,
    ordered: false,
    length: '100',
    textlines: '3',
    hidden: false,
    index: false,
  };

  it('parses a database with embedded fields, interests and collections (with their fields)', () => {
    const db = parseDatabase({
      ID: '3144',
      name: 'Test',
      description: 'd',
      archived: false,
      created: '2018-03-08 10:47:01',
      fields: { start: 0, limit: 1000, count: 1, data: [field], total: 1 },
      interests: {
        start: 0,
        limit: 1000,
        count: 1,
        data: [{ ID: 3053, name: 'soccer', group: 'sports' }],
        total: 1,
      },
      collections: {
        start: 0,
        limit: 1000,
        count: 1,
        total: 1,
        data: [
          {
            ID: '25935',
            name: 'Orders',
            database: '3144',
            fields: { start: 0, limit: 100, count: 1, data: [field], total: 1 },
            intentions: { email: 1, sms: null },
          },
        ],
      },
      intentions: { email: false, sms: false, fax: false, pdf: true },
    });
    assert.equal(db.fields.data[0]?.name, 'birthday');
    assert.equal(db.interests.data[0]?.ID, '3053', 'a numeric ID is kept as a string');
    assert.equal(db.collections.data[0]?.fields.data[0]?.type, 'date');
    assert.deepEqual(db.collections.data[0]?.intentions, {
      email: true,
      sms: false,
      fax: false,
      pdf: false,
    });
    assert.equal(db.intentions.pdf, true);
  });

  it('parses profiles including dataonly ones and removed ones', () => {
    const full = parseProfile({
      ID: '1',
      fields: { a: 'x', n: 3, z: null },
      interests: ['golf'],
      database: '2',
      secret: 's',
      created: 'c',
      modified: 'm',
      removed: false,
    });
    assert.deepEqual({ ...full.fields }, { a: 'x', n: '3', z: '' });
    assert.equal(full.removed, false);
    const trimmed = parseProfile({ ID: '1', fields: [], interests: [], modified: 'm' });
    assert.deepEqual({ ...trimmed.fields }, {});
    assert.equal(trimmed.secret, '');
    assert.equal(
      parseProfile({ ID: '5', fields: {}, removed: '2024-01-01 10:00:00' }).removed,
      '2024-01-01 10:00:00',
    );
  });

  it('field maps from JSON.parse: no prototype, own "__proto__" and "constructor", strings; a frozen map is copied', () => {
    const text = '{"ID":"7","fields":{"__proto__":"p","constructor":"c","age":41,"none":null}}';
    const fields = parseProfile(JSON.parse(text) as unknown).fields;
    assert.equal(Object.getPrototypeOf(fields), null);
    assert.deepEqual(Object.keys(fields), ['__proto__', 'constructor', 'age', 'none']);
    assert.equal(fields['__proto__'], 'p');
    assert.equal(fields['constructor'], 'c');
    assert.equal(fields['age'], '41');
    assert.equal(fields['none'], '');
    assert.equal(fields['toString'], undefined, 'nothing inherited');
    const frozen = Object.freeze({ a: 1, b: 'x' });
    const copied = parseProfile({ ID: '8', fields: frozen }).fields;
    assert.equal(Object.getPrototypeOf(copied), null);
    assert.deepEqual({ ...copied }, { a: '1', b: 'x' });
    assert.equal(frozen.a, 1, 'the frozen source is untouched');
  });

  it('parses subprofiles, identity and envelopes', () => {
    const sub = parseSubprofile({
      ID: '20285',
      secret: 's',
      fields: { order_id: '12345' },
      profile: '2139358',
      collection: '6312',
      created: 'c',
      modified: 'm',
      removed: false,
    });
    assert.equal(sub.profile, '2139358');
    assert.deepEqual(
      parseIdentity({ id: '34', name: 'Dev', description: 'd', company: 'C', customer: {} }),
      { id: '34', name: 'Dev', description: 'd', company: 'C' },
    );
    const page = parsePage(
      {
        start: 0,
        limit: 2,
        count: 2,
        data: [
          { ID: '1', fields: {} },
          { ID: '2', fields: {} },
        ],
        nextid: 3,
      },
      parseProfile,
    );
    assert.equal(page.total, undefined, 'total is optional (total=false)');
    assert.equal(page.nextId, 3);
    assert.deepEqual(
      page.data.map((p) => p.ID),
      ['1', '2'],
    );
  });

  it('rejects malformed payloads with kind server', () => {
    expectServerError(() => parsePage({ start: 0, data: 'nope' }, parseProfile));
    expectServerError(() => parsePage(null, parseProfile));
    expectServerError(() => parseProfile({ fields: {} }));
    expectServerError(() => parseProfile({ ID: '1', fields: 'x' }));
    expectServerError(() => parseDatabase([]));
    expectServerError(() => parsePage({ start: 'abc', data: [] }, parseProfile));
    expectServerError(() => parseCreatedId(null));
    assert.equal(parseCreatedId(' 123 '), '123');
  });
});

describe('api conditions', () => {
  it('parses every operator, longest first', () => {
    for (const operator of CONDITION_OPERATORS) {
      assert.deepEqual(parseCondition(`age${operator}16`), { field: 'age', operator, value: '16' });
    }
    assert.deepEqual(parseCondition('a<=1'), { field: 'a', operator: '<=', value: '1' });
    assert.deepEqual(parseCondition(' email == x@example.com '), {
      field: 'email',
      operator: '==',
      value: 'x@example.com',
    });
    assert.deepEqual(parseCondition('name=~%jan%'), {
      field: 'name',
      operator: '=~',
      value: '%jan%',
    });
    assert.deepEqual(parseCondition('x==a>b'), { field: 'x', operator: '==', value: 'a>b' });
    assert.deepEqual(parseCondition('lastname=='), {
      field: 'lastname',
      operator: '==',
      value: '',
    });
  });

  it('rejects bad conditions with a clear message', () => {
    assert.throws(() => parseCondition('email=x'), /Not a filter.*email==/);
    assert.throws(() => parseCondition('==x'), /Not a filter/);
    assert.throws(() => parseCondition('first name==x'), /field name/);
    assert.throws(() => parseCondition(''), /Not a filter/);
  });

  it('formats conditions back into the wire form', () => {
    assert.equal(
      formatCondition(parseCondition('modified<2017-01-01 00:00:00')),
      'modified<2017-01-01 00:00:00',
    );
    assert.throws(
      () => formatCondition({ field: 'a', operator: '=' as never, value: '' }),
      /operator/,
    );
  });

  it('encodes a profile query as Copernica expects', () => {
    const params = profileSearchParams({
      start: 10,
      limit: 5000,
      total: false,
      orderBy: 'email',
      order: 'desc',
      dataOnly: true,
      conditions: [parseCondition('email==a+b@x.nl'), parseCondition('age>=18')],
    });
    assert.equal(
      params.toString(),
      'start=10&limit=1000&total=false&fields%5B%5D=email%3D%3Da%2Bb%40x.nl&fields%5B%5D=age%3E%3D18&orderby=email&order=desc&dataonly=true',
    );
  });
});

describe('api url validation', () => {
  it('accepts https anywhere and http only on loopback', () => {
    assert.equal(validateEndpointUrl('https://api.copernica.com'), undefined);
    assert.equal(validateEndpointUrl('http://127.0.0.1:8080'), undefined);
    assert.equal(validateEndpointUrl('http://127.4.5.6'), undefined);
    assert.equal(validateEndpointUrl('http://localhost:3000/'), undefined);
    assert.equal(validateEndpointUrl('http://[::1]:9000'), undefined);
    assert.match(validateEndpointUrl('http://api.copernica.com') ?? '', /https/);
    assert.match(validateEndpointUrl('http://128.0.0.1') ?? '', /https/);
    assert.match(validateEndpointUrl('http://127.0.0.1.evil.com') ?? '', /https/);
    assert.match(validateEndpointUrl('ftp://x') ?? '', /protocol/);
    assert.match(validateEndpointUrl('not a url') ?? '', /valid URL/);
    assert.match(validateEndpointUrl('https://u:p@host') ?? '', /password/);
    assert.equal(isLoopback('[::1]'), true);
    assert.equal(isLoopback('10.0.0.1'), false);
  });
});

describe('api error classification', () => {
  const context = { method: 'GET', path: '/v4/profile/12' };
  const reply = (status: number, body: string, headers: Record<string, string> = {}) =>
    responseToApiError({ status, body, headers: new Headers(headers) }, context);

  it('maps Copernica 400 messages and statuses to kinds', () => {
    assert.equal(reply(400, '{"error":{"message":"No entity with supplied ID"}}').kind, 'notFound');
    assert.equal(
      reply(400, '{"error":{"message":"No collection with given ID"}}').kind,
      'notFound',
    );
    assert.equal(
      reply(400, '{"error":{"message":"No database with supplied ID"}}').kind,
      'notFound',
    );
    assert.equal(reply(400, '{"error":{"message":"Invalid access token"}}').kind, 'auth');
    assert.equal(reply(400, '{"error":{"message":"Invalid method"}}').kind, 'badRequest');
    assert.equal(reply(401, 'Unauthorized').kind, 'auth');
    assert.equal(reply(403, '').kind, 'auth');
    assert.equal(reply(429, '', { 'retry-after': '2' }).retryAfterMs, 2000);
    assert.equal(reply(503, '<html><title>Loadbalancer Error</title></html>').kind, 'server');
    assert.equal(classifyStatus(429, undefined), 'rateLimited');
  });

  it('treats a 400 without the error envelope as an invalid response', () => {
    const error = reply(400, '{"error":{"mess');
    assert.equal(error.kind, 'server');
    assert.match(error.message, /incomplete or invalid response/);
  });

  it('keeps method, path, status and apiMessage', () => {
    const error = reply(400, '{"error":{"message":"No entity with supplied ID"}}');
    assert.equal(error.method, 'GET');
    assert.equal(error.path, '/v4/profile/12');
    assert.equal(error.status, 400);
    assert.equal(error.apiMessage, 'No entity with supplied ID');
  });

  it('converts fetch failures with their network code', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const error = toApiError(refused, context);
    assert.equal(error.kind, 'network');
    assert.equal(error.cause, 'ECONNREFUSED');
    assert.equal(error.status, undefined);
    const reset = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    assert.equal(toApiError(reset, context).cause, 'ECONNRESET');
    assert.equal(toApiError(new DOMException('x', 'TimeoutError'), context).kind, 'timeout');
    assert.equal(toApiError(new DOMException('x', 'AbortError'), context).kind, 'cancelled');
    const aborted = AbortSignal.abort();
    assert.equal(
      toApiError(new DOMException('x', 'TimeoutError'), { ...context, signal: aborted }).kind,
      'cancelled',
    );
  });

  it('redacts secrets, also URL-encoded ones', () => {
    assert.equal(redact('a secret+token b secret%2Btoken', ['secret+token']), 'a *** b ***');
    const error = responseToApiError(
      { status: 400, headers: new Headers(), body: '{"error":{"message":"bad token abcd1234"}}' },
      { ...context, secrets: ['abcd1234'] },
    );
    assert.ok(!error.message.includes('abcd1234'));
    assert.ok(!(error.apiMessage ?? '').includes('abcd1234'));
  });

  it('reads Retry-After as seconds or an HTTP date, and the error envelope', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 5_000), 5000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(extractApiMessage('<html>'), undefined);
  });
});

describe('api JWT helpers', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${b64({ alg: 'HS256' })}.${b64({ exp: 1_700_000_000 })}.sig`;

  it('reads the exp claim', () => {
    assert.equal(jwtExpiry(jwt), 1_700_000_000_000);
    assert.equal(jwtExpiry('opaque'), undefined);
  });

  it('accepts the JWT as text, JSON string or object', () => {
    assert.equal(extractJwt(` ${jwt}\n`), jwt);
    assert.equal(extractJwt(JSON.stringify(jwt)), jwt);
    assert.equal(extractJwt(JSON.stringify({ token: jwt })), jwt);
    assert.equal(extractJwt(JSON.stringify({ access_token: jwt })), jwt);
    assert.equal(extractJwt(JSON.stringify({ jwt })), jwt);
    assert.throws(() => extractJwt('{}'), ApiError);
    assert.throws(() => extractJwt('<html> error </html>'), ApiError);
  });
});
