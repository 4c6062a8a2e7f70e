// Selections and miniselections in the API layer and the rules document (issue 19), against a
// scripted server: both readings of the undocumented points ([?] in the reference) must work.
import * as assert from 'node:assert/strict';
import { CopernicaClient } from '../../src/api/client';
import { parseView, parseViewRule, miniviewRules, rebuild } from '../../src/api/views';
import type { ApiVersion, View } from '../../src/api/types';
import { rulesDocumentText } from '../../src/selections/rulesText';
import { allViews, MAX_LISTED_VIEWS, ViewLists } from '../../src/tree/viewLists';

type Route = (method: string, path: string) => { status?: number; body?: unknown } | undefined;

/** A client whose fetch answers from `route`; every request is recorded as `METHOD /path`. */
function scripted(route: Route, version: ApiVersion = 'v3') {
  const requests: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/v\d\//, '');
    requests.push(`${request.method} ${path}`);
    const answer = route(request.method, path) ?? {
      status: 400,
      body: { error: { message: 'Invalid method' } },
    };
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = new CopernicaClient({
    apiUrl: 'https://api.example.test',
    authUrl: 'https://auth.example.test',
    apiVersion: version,
    token: 'secret-token',
    fetch,
    retryLimit: 0,
  });
  return { client, requests };
}

const envelope = (data: unknown[]) => ({
  start: 0,
  limit: 1000,
  count: data.length,
  data,
  total: data.length,
});

function viewJson(id: string, parentType: string, parentId: string, hasChildren = false) {
  return {
    ID: id,
    name: `Selection ${id}`,
    description: '',
    'parent-type': parentType,
    'parent-id': parentId,
    'has-children': hasChildren,
    'has-referred': false,
    'has-rules': true,
    database: '7',
    'last-built': '2026-01-02 03:04:05',
    intentions: { email: true, sms: false, fax: false, pdf: false },
  };
}

describe('selections: reading what Copernica sends', () => {
  it('reads a view with its hyphenated keys, and a miniview without has-*/database', () => {
    const view = parseView(viewJson('10', 'database', '7', true));
    assert.equal(view.parentType, 'database');
    assert.equal(view.parentId, '7');
    assert.equal(view.hasChildren, true);
    assert.equal(view.lastBuilt, '2026-01-02 03:04:05');
    const mini = parseView({
      ID: '1525',
      name: 'Mini',
      description: '',
      'parent-type': 'collection',
      'parent-id': '21',
      collection: '21',
      'last-built': false,
    });
    assert.equal(mini.collection, '21');
    assert.equal(mini.hasRules, false);
    assert.equal(mini.lastBuilt, '', 'a view never built has no build time, not "false"');
  });

  it('reads a rule written with `inverted` and `id`, its conditions as a list or an envelope', () => {
    const listed = parseViewRule({
      id: '5',
      name: 'r',
      inverted: true,
      disabled: false,
      conditions: [{ ID: '1', type: 'Field', rule: '5', comparison: 'equals', value: 'x' }],
    });
    assert.equal(listed.ID, '5');
    assert.equal(listed.inversed, true);
    assert.equal(listed.conditions[0]?.properties['comparison'], 'equals');
    const enveloped = parseViewRule({
      ID: '6',
      name: 'r',
      inversed: false,
      conditions: envelope([{ ID: '2', type: 'Interest', interest: 'tennis' }]),
    });
    assert.equal(enveloped.conditions[0]?.type, 'Interest');
  });

  it('keeps a condition key named __proto__ as data', () => {
    const rule = parseViewRule({
      ID: '6',
      name: 'r',
      conditions: [JSON.parse('{"ID":"3","type":"Part","__proto__":{"polluted":true}}')],
    });
    const properties = rule.conditions[0]?.properties ?? {};
    assert.deepEqual(Object.keys(properties), ['__proto__']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});

describe('selections: finding them with one request per expanded level', () => {
  it('with top-level-only lists: asks view/$id/views only for a selection with children', async () => {
    const { client, requests } = scripted((method, path) => {
      if (path === 'database/7/views')
        return {
          body: envelope([viewJson('10', 'database', '7', true), viewJson('11', 'database', '7')]),
        };
      if (path === 'view/10/views') return { body: envelope([viewJson('12', 'view', '10')]) };
      return undefined;
    });
    const lists = new ViewLists(() => client);
    const top = await lists.topLevel('7');
    assert.deepEqual(
      top.map((v) => v.ID),
      ['10', '11'],
    );
    assert.deepEqual(
      (await lists.nested(top[0] as View)).map((v) => v.ID),
      ['12'],
    );
    assert.deepEqual(await lists.nested(top[1] as View), []);
    assert.deepEqual(requests, ['GET database/7/views', 'GET view/10/views']);
  });

  it('with lists that hold nested selections too: places them by parent, with no further request', async () => {
    const { client, requests } = scripted((_method, path) =>
      path === 'database/7/views'
        ? {
            body: envelope([
              viewJson('10', 'database', '7', true),
              viewJson('12', 'view', '10', true),
              viewJson('13', 'view', '12'),
            ]),
          }
        : undefined,
    );
    const lists = new ViewLists(() => client);
    const [top] = await lists.topLevel('7');
    assert.equal(top?.ID, '10');
    const [child] = await lists.nested(top as View);
    assert.equal(child?.ID, '12');
    assert.deepEqual(
      (await lists.nested(child as View)).map((v) => v.ID),
      ['13'],
    );
    assert.deepEqual(requests, ['GET database/7/views']);
  });

  it('walks every selection for the palette once, even when the server nests them in a circle', async () => {
    const { client, requests } = scripted((_method, path) => {
      if (path === 'database/7/views')
        return { body: envelope([viewJson('10', 'database', '7', true)]) };
      if (path === 'view/10/views')
        return {
          body: envelope([viewJson('11', 'view', '10', true), viewJson('10', 'view', '10', true)]),
        };
      if (path === 'view/11/views') return { body: envelope([viewJson('10', 'view', '11', true)]) };
      return undefined;
    });
    const all = await allViews(client, '7');
    assert.deepEqual(
      all.map((e) => e.path.join(' › ')),
      ['Selection 10', 'Selection 10 › Selection 11'],
    );
    assert.ok(requests.length <= 4, requests.join(', '));
    assert.ok(MAX_LISTED_VIEWS >= 50);
  });
});

describe('selections: calls whose form the documentation leaves open', () => {
  it('asks miniview/$id/minirules, then miniview/$id/rules when that is no method', async () => {
    const { client, requests } = scripted((_method, path) =>
      path === 'miniview/4/rules'
        ? { body: envelope([{ id: '9', name: 'r', inversed: false, conditions: [] }]) }
        : undefined,
    );
    const rules = await miniviewRules(client, '4');
    assert.equal(rules[0]?.ID, '9');
    assert.deepEqual(requests, ['GET miniview/4/minirules', 'GET miniview/4/rules']);
  });

  it('rebuilds with POST on v3 and PUT on v2, and refuses an ID that is not digits', async () => {
    for (const [version, method] of [
      ['v3', 'POST'],
      ['v2', 'PUT'],
    ] as const) {
      const { client, requests } = scripted(() => ({ status: 204 }), version);
      await rebuild(client, 'view', '10');
      await rebuild(client, 'miniview', '4');
      assert.deepEqual(requests, [`${method} view/10/rebuild`, `${method} miniview/4/rebuild`]);
    }
    const { client, requests } = scripted(() => ({ status: 204 }));
    await assert.rejects(rebuild(client, 'view', '../databases'));
    assert.deepEqual(requests, []);
  });
});

describe('selections: the rules document', () => {
  const view = parseView(viewJson('10', 'database', '7'));
  const rules = [
    parseViewRule({
      ID: '1',
      name: 'Subscribed',
      inversed: false,
      disabled: false,
      conditions: envelope([
        {
          ID: '2',
          type: 'Field',
          rule: '1',
          comparison: 'equals',
          field: { ID: '22', name: 'subscribed', type: 'text' },
          value: 'yes',
          'other-field': false,
          'numeric-comparison': false,
        },
        {
          ID: '3',
          type: 'Interest',
          rule: '1',
          'match-mode': 'match_profiles_with_interest',
          interest: 'tennis',
        },
        { ID: '4', type: 'Date', rule: '1', field: 'birthday', 'compare-mode': 'ignoreyear' },
      ]),
    }),
  ];

  it('names each condition as Copernica does, reads Field and Interest conditions in words', () => {
    const text = rulesDocumentText({ view, rules, parent: 'database Demo' });
    const doc = JSON.parse(text) as {
      selection: string;
      rules: { conditions: Record<string, unknown>[] }[];
    };
    assert.equal(doc.selection, 'Selection 10');
    const [field, interest, date] = doc.rules[0]?.conditions ?? [];
    assert.equal(field?.['reads'], 'subscribed equals "yes"');
    assert.equal(field?.['field'], 'subscribed', 'the field object is shown by its name');
    assert.equal(interest?.['reads'], 'match_profiles_with_interest "tennis"');
    assert.equal(date?.['reads'], undefined, 'a type not read in words is shown by its keys');
    assert.equal(date?.['compare-mode'], 'ignoreyear');
    assert.ok(text.endsWith('}\n'));
  });

  it('says when there are no rules', () => {
    const doc = JSON.parse(
      rulesDocumentText({ view, rules: [], parent: 'database Demo' }),
    ) as Record<string, unknown>;
    assert.equal(doc['how-rules-combine'], 'There are no rules.');
    assert.deepEqual(doc['rules'], []);
  });
});
