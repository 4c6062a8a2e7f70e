// Shared by the view and miniview conformance tests: create calls that must answer 201, lists.
import * as assert from 'node:assert/strict';
import type { TestApi } from '../testApi';

export interface Page<T> {
  start: number;
  limit: number;
  count: number;
  data: T[];
  total?: number;
}

export interface ViewJson {
  ID: string;
  name: string;
  description: string;
  'parent-type': string;
  'parent-id': string;
  'has-children': boolean;
  'has-referred': boolean;
  'has-rules': boolean;
  database: string;
  'last-built': string;
  intentions: { email: boolean; sms: boolean; fax: boolean; pdf: boolean };
}

export interface ConditionJson {
  ID: string;
  type: string;
  rule: string;
  [key: string]: unknown;
}

export interface RuleJson {
  ID?: string;
  id?: string;
  name: string;
  view: string;
  conditions: Page<ConditionJson>;
  inversed: boolean;
  inverted?: boolean;
  disabled: boolean;
}

/** POST that must create: 201, empty body, a digits-only X-Created. */
export async function create(api: TestApi, path: string, body: unknown): Promise<string> {
  const res = await api.call('POST', path, { body });
  assert.equal(res.status, 201, `${path}: ${res.text}`);
  assert.equal(res.text, '');
  const id = res.headers.get('x-created') ?? '';
  assert.match(id, /^\d+$/);
  return id;
}

/** PUT/DELETE that must succeed with 204 (v4). */
export async function done(
  api: TestApi,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const res = await api.call(method, path, body === undefined ? {} : { body });
  assert.equal(res.status, 204, `${method} ${path}: ${res.text}`);
}

/** The 400 error message of a call that must fail. */
export async function failure(
  api: TestApi,
  method: string,
  path: string,
  body?: unknown,
): Promise<string> {
  const res = await api.call(method, path, body === undefined ? {} : { body });
  assert.equal(res.status, 400, `${method} ${path}: ${res.text}`);
  return res.json<{ error: { message: string } }>().error.message;
}

/** The IDs of `ids` endpoints, as numbers, sorted. */
export async function idsOf(api: TestApi, path: string): Promise<number[]> {
  const list = await api.getJson<Array<string | number>>(path);
  return list.map(Number).sort((a, b) => a - b);
}

/** Every page of a list call. */
export async function everything<T>(
  api: TestApi,
  path: string,
  query: Record<string, string | string[]> = {},
): Promise<T[]> {
  const all: T[] = [];
  for (let start = 0; ; start += 1000) {
    const page = await api.getJson<Page<T>>(path, {
      ...query,
      limit: '1000',
      start: String(start),
    });
    all.push(...page.data);
    if (page.count < 1000) return all;
  }
}
