// Where a stored token may be sent (issue 14, item 5): bound to apiUrl, authUrl and API version.
import * as assert from 'node:assert/strict';
import { bindingChanges, decodeBinding, encodeBinding } from '../../src/auth/tokenBinding';

describe('token binding', () => {
  const bound = {
    apiUrl: 'https://api.copernica.com',
    authUrl: 'https://authenticate.copernica.com',
    apiVersion: 'v4',
  };

  it('round-trips through storage; anything unreadable counts as unbound', () => {
    assert.deepEqual(decodeBinding(encodeBinding(bound)), bound);
    for (const raw of [undefined, '', 'not json', 'null', '{"apiUrl":"x"}', '[1,2,3]'])
      assert.equal(decodeBinding(raw), undefined, String(raw));
  });

  it('names each setting that changed since sign-in', () => {
    assert.deepEqual(bindingChanges(bound, { ...bound }), []);
    assert.deepEqual(bindingChanges(bound, { ...bound, authUrl: 'https://evil.example.com' }), [
      'authUrl',
    ]);
    assert.deepEqual(bindingChanges(bound, { ...bound, apiVersion: 'v2' }), ['apiVersion']);
    assert.deepEqual(
      bindingChanges(bound, {
        apiUrl: 'https://rest.copernica.com',
        authUrl: 'https://a.example',
        apiVersion: 'v3',
      }),
      ['apiUrl', 'authUrl', 'apiVersion'],
    );
  });
});
