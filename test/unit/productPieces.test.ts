// Pure pieces of the product that everything else leans on: command arguments, document URIs,
// the conflict rules of a save, and the explorer's pager. Plain Node.
import * as assert from 'node:assert/strict';
import type { Page, Profile } from '../../src/api/types';
import {
  collectionFrom,
  databaseFrom,
  idOf,
  profileIdFrom,
  subprofileIdFrom,
} from '../../src/commands/args';
import { isFolderPath, parseAddress } from '../../src/documents/uris';
import { serverChanges, stillToWrite } from '../../src/profiles/conflicts';
import { Pager, pagedQuery } from '../../src/tree/pager';

const uri = (path: string, scheme = 'copernica'): { scheme: string; path: string } => ({
  scheme,
  path,
});

function profile(
  id: string,
  fields: Record<string, string>,
  extra: Partial<Profile> = {},
): Profile {
  return {
    ID: id,
    fields,
    interests: [],
    database: '1',
    secret: 'abc',
    created: '2024-01-01 00:00:00',
    modified: '2024-01-01 00:00:00',
    removed: false,
    ...extra,
  };
}

describe('command arguments', () => {
  it('reads IDs from strings, numbers, objects and nodes, and nothing else', () => {
    assert.equal(idOf(' 12 '), '12');
    assert.equal(idOf(12), '12');
    assert.equal(idOf({ ID: '7' }), '7');
    assert.equal(idOf({ id: 8 }), '8');
    for (const bad of ['12a', '', -3, 1.5, null, undefined, ['1'], { ID: '..' }])
      assert.equal(idOf(bad), undefined, JSON.stringify(bad));
  });

  it('takes a profile or subprofile ID from a node, an object, or the document URI an editor menu passes', () => {
    assert.equal(profileIdFrom({ profile: { ID: '5' } }), '5');
    assert.equal(profileIdFrom(uri('/Newsletter/profiles/42.json')), '42');
    assert.equal(subprofileIdFrom(uri('/Customers/Orders/subprofiles/77.json')), '77');
    assert.equal(
      profileIdFrom(uri('/Customers/Orders/subprofiles/77.json')),
      undefined,
      'a subprofile URI is no profile',
    );
    assert.equal(
      profileIdFrom(uri('/Newsletter/profiles/new-1.json')),
      undefined,
      'a draft has no ID yet',
    );
    assert.equal(
      profileIdFrom(uri('/Newsletter/profiles/42.json', 'file')),
      undefined,
      'only copernica: URIs',
    );
  });

  it('takes a database by name or ID, and a collection only where one is named', () => {
    assert.equal(databaseFrom('Newsletter'), 'Newsletter');
    assert.equal(databaseFrom({ database: { ID: '3', name: 'X' } }), '3');
    assert.equal(databaseFrom({ ID: '4', name: 'Db', collections: {} }), '4');
    assert.equal(databaseFrom({ profile: { ID: '1' } }), undefined);
    assert.equal(collectionFrom({ collection: 'Orders' }), 'Orders');
    assert.equal(collectionFrom('Orders'), undefined);
  });
});

describe('document URIs', () => {
  it('parses profiles, subprofiles and drafts, with names that hold a slash or a percent sign', () => {
    assert.deepEqual(parseAddress(uri('/News%2Fletter/profiles/12.json')), {
      kind: 'profile',
      database: 'News/letter',
      id: '12',
      draft: false,
    });
    assert.deepEqual(parseAddress(uri('/Shop/Or%25ders/subprofiles/new-3.json')), {
      kind: 'subprofile',
      database: 'Shop',
      collection: 'Or%ders',
      id: 'new-3',
      draft: true,
    });
  });

  it('refuses anything else, so no other path reaches the API', () => {
    for (const path of [
      '/Newsletter/profiles/../1.json',
      '/Newsletter/profiles/1',
      '/profiles/1.json',
      '/Newsletter/other/1.json',
      '//profiles/1.json',
      '/A/B/C/subprofiles/1.json',
    ]) {
      assert.equal(parseAddress(uri(path)), undefined, path);
    }
    assert.equal(parseAddress(uri('/Newsletter/profiles/1.json', 'file')), undefined);
  });

  it('knows the folders on the way to a document', () => {
    assert.equal(isFolderPath(uri('/Newsletter')), true);
    assert.equal(isFolderPath(uri('/Newsletter/profiles/1.json')), false);
  });
});

describe('conflict rules of a save', () => {
  const original = profile('1', { a: '1', b: '2' });
  const edited = { kind: 'profile' as const, fields: { a: 'mine', b: '2' } };

  it("someone else's change of another field is a change on the server", () => {
    assert.deepEqual(serverChanges(original, profile('1', { a: '1', b: 'theirs' }), edited), ['b']);
  });

  it("a value that already is what this save sends is not someone else's (a lost answer of its own write)", () => {
    assert.deepEqual(
      serverChanges(
        original,
        profile('1', { a: 'mine', b: '2' }, { modified: '2024-02-02 00:00:00' }),
        edited,
      ),
      [],
    );
  });

  it('a new modification time alone is a change nobody can see, unless this save wrote', () => {
    const touched = profile('1', { a: '1', b: '2' }, { modified: '2024-02-02 00:00:00' });
    assert.deepEqual(serverChanges(original, touched, edited), ['modified']);
    assert.deepEqual(
      serverChanges(original, touched, edited, {
        fields: new Set(['a']),
        interests: false,
        secret: false,
      }),
      [],
    );
  });

  it('what Copernica already holds is not written again', () => {
    const changes = { fields: { a: 'mine', b: 'new' }, interestsChanged: false, empty: false };
    assert.deepEqual(stillToWrite(changes, profile('1', { a: 'mine', b: '2' })).fields, {
      b: 'new',
    });
    assert.equal(stillToWrite(changes, profile('1', { a: 'mine', b: 'new' })).empty, true);
  });
});

describe('explorer pager', () => {
  const page = (ids: string[], limit: number, total?: number): Page<{ ID: string }> => ({
    start: 0,
    limit,
    count: ids.length,
    data: ids.map((ID) => ({ ID })),
    ...(total !== undefined ? { total } : {}),
  });
  const signal = new AbortController().signal;

  it('pages by ID after the last one, asks the total once, and stops at a short page', async () => {
    const asked: (string | undefined)[] = [];
    const pages = [page(['1', '2'], 2, 3), page(['3'], 2)];
    const pager = new Pager<{ ID: string }>(async (after, withTotal) => {
      asked.push(`${after ?? '-'}:${withTotal}`);
      return pages.shift() ?? page([], 2);
    }, 2);
    await pager.loadNext(signal);
    await pager.loadNext(signal);
    assert.deepEqual(asked, ['-:true', '2:false']);
    assert.deepEqual(
      pager.items.map((i) => i.ID),
      ['1', '2', '3'],
    );
    assert.equal(pager.done, true);
  });

  it('keeps each item once when the server repeats one across pages', async () => {
    const pages = [page(['1', '2'], 2), page(['2', '3'], 2), page([], 2)];
    const pager = new Pager<{ ID: string }>(async () => pages.shift() ?? page([], 2), 2);
    while (!pager.done) await pager.loadNext(signal);
    assert.deepEqual(
      pager.items.map((i) => i.ID),
      ['1', '2', '3'],
    );
  });

  it('builds the query of a page: ID order, id > last, the search conditions ANDed', () => {
    assert.deepEqual(pagedQuery(50, '9', false, [{ field: 'age', operator: '>', value: '3' }]), {
      limit: 50,
      total: false,
      orderBy: 'id',
      order: 'asc',
      conditions: [
        { field: 'age', operator: '>', value: '3' },
        { field: 'id', operator: '>', value: '9' },
      ],
    });
  });
});
