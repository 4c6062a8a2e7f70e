// Field value coercion per type (§5.3), directly and through the API.
import * as assert from 'node:assert/strict';
import type { FieldType } from '../../../src/api/types';
import { startSimulator, type Simulator } from '..';
import { coerceSecret, coerceValue } from '../coerce';
import { amsterdamWall, formatWall } from '../dates';
import type { FieldOwner } from '../model';
import { DEMO_IDENTITY } from '../seed';
import { Rng } from '../rng';
import { Store } from '../store';
import { TestApi } from '../testApi';

function field(type: FieldType, value = ''): Parameters<typeof coerceValue>[0] {
  const owner: FieldOwner = { fields: [] };
  return new Store(DEMO_IDENTITY, new Rng(1)).addField(owner, { name: 'f', type, value });
}

const TABLE: Array<[FieldType, unknown, string, string?]> = [
  ['text', true, '1'],
  ['text', false, ''],
  ['text', 2.99, '2.99'],
  ['text', ' padded ', ' padded '],
  ['text', ['a'], ''],
  ['text', { a: 1 }, ''],
  ['text', null, ''],
  ['email', 'not an email', 'not an email'],
  ['big', 'line\nline', 'line\nline'],
  ['integer', ' 3 ', '3'],
  ['integer', 'abc', '0'],
  ['integer', 'true', '0'],
  ['integer', true, '1'],
  ['integer', 2.99, '2'],
  ['integer', ['x'], '1'],
  ['integer', [], '0'],
  ['integer', '', '0'],
  ['integer', '-7', '-7'],
  ['integer', '12abc', '12'],
  ['integer', '1e3', '1000'],
  ['float', '2.5', '2.5'],
  ['float', 'abc', '0'],
  ['float', 3, '3'],
  ['float', ' 1.25x', '1.25'],
  ['float', true, '1'],
  ['select', 'B', 'B', 'A\nB\nC*'],
  ['select', 'b', '', 'A\nB\nC*'],
  ['select', 'D', '', 'A\nB\nC*'],
  ['select', 'C', 'C', 'A\nB\nC*'],
  ['date', '2024-02-29', '2024-02-29'],
  ['date', '2024-02-30', '2024-03-01'],
  ['date', '2024-03-05 10:11:12', '2024-03-05'],
  ['date', '', '0000-00-00'],
  ['date', 'garbage', '0000-00-00'],
  ['date', '0000-00-00', '0000-00-00'],
  ['date', 1700000000, '0000-00-00'],
  ['date', '1700000000', '0000-00-00'],
  ['date', true, '0000-00-00'],
  ['date', '31-12-2023', '2023-12-31'],
  ['date', '12/31/2023', '2023-12-31'],
  ['empty_date', '', ''],
  ['empty_date', 'nonsense', ''],
  ['empty_date', '2023-1-5', '2023-01-05'],
  ['empty_date', '0000-00-00', ''],
  ['empty_date', '-0001-01-01', '0000-00-00'],
  ['empty_date', '5 March 2024', '2024-03-05'],
  ['datetime', '2024-03-05 10:11', '2024-03-05 10:11:00'],
  ['datetime', '2024-03-05T10:11:12.345', '2024-03-05 10:11:12'],
  ['datetime', '2024-03-05', '2024-03-05 00:00:00'],
  ['datetime', '', '0000-00-00 00:00:00'],
  ['datetime', 'x', '0000-00-00 00:00:00'],
  ['datetime', '2024-07-01T10:00:00Z', '2024-07-01 12:00:00'],
  ['datetime', '2024-01-01T10:00:00+01:00', '2024-01-01 10:00:00'],
  ['empty_datetime', '', ''],
  ['empty_datetime', '0000-00-00 00:00:00', ''],
  ['empty_datetime', '2024-03-05 25:00:00', ''],
  ['empty_datetime', '2024-03-05 10:11:12', '2024-03-05 10:11:12'],
  ['empty_datetime', [], ''],
];

describe('simulator: value coercion (§5.3)', function () {
  for (const [type, input, expected, choices] of TABLE) {
    it(`${type} ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(coerceValue(field(type, choices), input), expected);
    });
  }

  it('relative dates: today and now, in Amsterdam time', () => {
    const now = formatWall(amsterdamWall(Date.now()));
    assert.equal(coerceValue(field('date'), 'today'), now.slice(0, 10));
    assert.equal(coerceValue(field('datetime'), 'now').slice(0, 13), now.slice(0, 13));
  });

  it('secret: non-ASCII becomes ?, non-scalar becomes 1, empty allowed', () => {
    assert.equal(coerceSecret('abcé'), 'abc?');
    assert.equal(coerceSecret({ a: 1 }), '1');
    assert.equal(coerceSecret(''), '');
    assert.equal(coerceSecret(12), '12');
  });

  describe('through the API', () => {
    let sim: Simulator;
    let api: TestApi;

    before(async () => {
      sim = await startSimulator();
      api = new TestApi(sim);
    });
    after(async () => sim.close());

    it('PUT profile/$id/fields coerces every type; emptying an integer sets 0, not the default', async () => {
      const res = await api.call('PUT', '/profile/7/fields', {
        body: {
          age: '',
          score: '3.50',
          birthdate: '1990-2-3',
          Country: 'nl',
          signup: '2024-05-06T07:08:09.123',
          lastlogin: 'never',
          member_since: '',
          subscribed: 'no',
          notes: true,
          firstname: 42,
        },
      });
      assert.equal(res.status, 204);
      const fields = await api.getJson<Record<string, string>>('/profile/7/fields');
      assert.deepEqual(
        [
          fields.age,
          fields.score,
          fields.birthdate,
          fields.Country,
          fields.signup,
          fields.lastlogin,
          fields.member_since,
          fields.subscribed,
          fields.notes,
          fields.firstname,
        ],
        ['0', '3.5', '1990-02-03', '', '2024-05-06 07:08:09', '', '0000-00-00', 'no', '1', '42'],
      );
    });

    it('select output lists the choices with \\r\\n and without the * marker; create applies it as default', async () => {
      const fields = await api.getJson<{ data: Array<{ name: string; value: string }> }>(
        '/database/Newsletter/fields',
      );
      assert.equal(
        fields.data.find((f) => f.name === 'Country')?.value,
        'NL\r\nBE\r\nDE\r\nFR\r\nGB\r\nUS',
      );
      const created = await api.call('POST', '/database/Newsletter/profiles', { body: {} });
      const profile = await api.getJson<{ fields: Record<string, string> }>(
        `/profile/${created.headers.get('x-created')}`,
      );
      assert.deepEqual(
        [
          profile.fields.Country,
          profile.fields.age,
          profile.fields.signup,
          profile.fields.birthdate,
        ],
        ['NL', '-1', '0000-00-00 00:00:00', ''],
      );
    });
  });
});
