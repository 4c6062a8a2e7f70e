// A minimal raw HTTP caller for the simulator's own tests: no client logic in between, so the
// tests see exactly what the simulator sends.
import type { Simulator } from './types';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (throws when it is not). */
  json<T = unknown>(): T;
}

export interface CallOptions {
  query?: Record<string, string | string[] | number>;
  body?: unknown;
  /** Sent as is instead of JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Leave out credentials entirely. */
  noAuth?: boolean;
}

export class TestApi {
  private jwt: string | undefined;

  constructor(
    readonly sim: Simulator,
    readonly version: 'v1' | 'v2' | 'v3' | 'v4' = 'v4',
  ) {}

  async freshJwt(): Promise<string> {
    const res = await fetch(this.sim.authUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token: this.sim.token }).toString(),
    });
    if (res.status !== 200) throw new Error(`authenticate failed: ${res.status}`);
    this.jwt = await res.text();
    return this.jwt;
  }

  url(path: string, query: CallOptions['query'] = {}, withToken = this.version !== 'v4'): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (Array.isArray(value)) for (const v of value) params.append(key, v);
      else params.append(key, String(value));
    }
    if (withToken) params.append('access_token', this.sim.token);
    const search = params.toString();
    return `${this.sim.url}/${this.version}${path}${search ? `?${search}` : ''}`;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<RawResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.version === 'v4' && !options.noAuth)
      headers.Authorization = `Bearer ${this.jwt ?? (await this.freshJwt())}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(
      this.url(path, options.query, this.version !== 'v4' && !options.noAuth),
      { method, headers, body, redirect: 'manual' },
    );
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  get(path: string, query?: CallOptions['query']): Promise<RawResponse> {
    return this.call('GET', path, { query });
  }

  /** GET and parse, failing loudly on anything but 200. */
  async getJson<T = unknown>(path: string, query?: CallOptions['query']): Promise<T> {
    const res = await this.get(path, query);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${res.text}`);
    return res.json<T>();
  }
}

/** Key order and JSON type of every value, nested; lists are described by their first element. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? ['empty'] : [shapeOf(value[0])];
  if (value === null) return 'null';
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => [k, shapeOf(v)]);
  }
  return typeof value;
}
