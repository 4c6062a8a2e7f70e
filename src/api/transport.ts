// Sends one logical request: credentials, per-attempt timeout, retries with backoff, one JWT
// refresh on an auth rejection, sharing of identical GETs, and one redacted log line per attempt.
import { abortable, sleep } from './abort';
import type { AuthProvider, Credentials } from './auth';
import { readBody } from './body';
import {
  ANSWER_TOO_LARGE,
  ApiError,
  extractApiMessage,
  invalidResponseMessage,
  redact,
  responseToApiError,
  toApiError,
} from './errors';
import type { Http } from './http';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportOptions {
  http: Promise<Http>;
  auth: AuthProvider;
  /** The version prefix of every path, e.g. 'v4'. */
  version: string;
  timeoutMs: number;
  retryLimit: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Upper bound on how long a `Retry-After` may make us wait. */
  maxRetryAfterMs: number;
  /** Size cap of every answer's body (body.ts). */
  maxAnswerBytes: number;
  log?: (line: string) => void;
}

export interface SendOptions {
  query?: URLSearchParams;
  json?: unknown;
  signal?: AbortSignal;
}

export interface Reply {
  status: number;
  headers: Headers;
  body: string;
  /** The parsed body of a successful GET. */
  json?: unknown;
}

// 202 is what an async bulk call may give.
const SUCCESS = new Set([200, 201, 202, 204]);

/**
 * A 3xx is success only where the API answers one for a completed request: a v1/v2 PUT, answered
 * `303 See Other` pointing at the entity. Copernica's v3 release notes say v3 answers PUT with
 * 204/201 where v1/v2 gave 200/303, and third-party clients saw the 303 on every v2 PUT
 * (test/simulator/README.md §2.2; https://www.copernica.com/en/documentation/restv4/rest-requests).
 * Anywhere else a 3xx comes from a proxy or gateway and nothing was done, so it must fail: a save
 * then keeps the editor dirty.
 */
export function isSuccess(status: number, method: Method, version: string): boolean {
  if (SUCCESS.has(status)) return true;
  return status === 303 && method === 'PUT' && (version === 'v1' || version === 'v2');
}

const RETRY_STATUSES = new Set([502, 503, 504]);

interface Shared {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

export class Transport {
  private readonly inflight = new Map<string, Shared>();

  constructor(private readonly options: TransportOptions) {}

  get version(): string {
    return this.options.version;
  }

  /** GET returning parsed JSON. Identical concurrent GETs share one request. */
  async getJson(
    path: string,
    query: URLSearchParams | undefined,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const fullPath = this.fullPath(path);
    const key = `${fullPath}?${query?.toString() ?? ''}`;
    if (signal?.aborted === true)
      throw toApiError(signal.reason, this.context('GET', fullPath, signal));
    let shared = this.inflight.get(key);
    if (shared === undefined) shared = this.share(key, path, query);
    shared.waiters++;
    try {
      return await abortable(shared.promise, signal);
    } catch (error) {
      throw toApiError(error, this.context('GET', fullPath, signal));
    } finally {
      shared.waiters--;
      // Nobody waits any more: stop the request instead of letting it run for nothing.
      // (Read through a function: TypeScript would keep the narrowing from before the await.)
      if (shared.waiters === 0 && isAborted(signal)) {
        if (this.inflight.get(key) === shared) this.inflight.delete(key);
        shared.controller.abort();
      }
    }
  }

  /** Any method; resolves with the successful reply (2xx, or a 303 where isSuccess allows it). */
  send(method: Method, path: string, options: SendOptions = {}): Promise<Reply> {
    return this.execute(method, path, options);
  }

  private share(key: string, path: string, query: URLSearchParams | undefined): Shared {
    const controller = new AbortController();
    const promise = this.execute('GET', path, { query, signal: controller.signal }).then(
      (reply) => reply.json,
    );
    const shared: Shared = { promise, controller, waiters: 0 };
    const forget = (): void => {
      if (this.inflight.get(key) === shared) this.inflight.delete(key);
    };
    promise.then(forget, forget);
    this.inflight.set(key, shared);
    return shared;
  }

  private async execute(method: Method, path: string, options: SendOptions): Promise<Reply> {
    const fullPath = this.fullPath(path);
    let authRetried = false;
    for (let attempt = 0; ; attempt++) {
      let error: ApiError;
      try {
        const { reply, credentials } = await this.attempt(method, path, options);
        const failure = this.check(method, fullPath, reply, attempt, options.signal);
        if (failure === undefined) return reply;
        // An auth rejection means nothing was done, so even a POST may go again (once) with a fresh JWT.
        if (failure.kind === 'auth' && !authRetried && this.options.auth.rejected(credentials)) {
          authRetried = true;
          attempt--;
          continue;
        }
        error = failure;
      } catch (caught) {
        error = toApiError(caught, this.context(method, fullPath, options.signal));
      }
      const delay = this.retryDelay(error, method, attempt);
      if (delay === undefined) throw error;
      try {
        await sleep(delay, options.signal);
      } catch (caught) {
        throw toApiError(caught, this.context(method, fullPath, options.signal));
      }
    }
  }

  /** One attempt: credentials, request and full body under one deadline. */
  private async attempt(
    method: Method,
    path: string,
    options: SendOptions,
  ): Promise<{ reply: Reply; credentials: Credentials }> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const signal =
      options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
    const credentials = await this.options.auth.credentials(signal);
    const http = await this.options.http;
    const reply = await this.request(
      http,
      method,
      path,
      { ...options, signal },
      credentials,
      options.signal,
    );
    return { reply, credentials };
  }

  /** The HTTP exchange itself, logged as one line whatever its outcome. */
  private async request(
    http: Http,
    method: Method,
    path: string,
    options: SendOptions,
    credentials: Credentials,
    callerSignal?: AbortSignal,
  ): Promise<Reply> {
    const started = Date.now();
    const fullPath = this.fullPath(path);
    let outcome = 'failed';
    try {
      const searchParams = new URLSearchParams(options.query);
      for (const [name, value] of Object.entries(credentials.query)) searchParams.set(name, value);
      const response = await http(path, {
        method,
        searchParams,
        signal: options.signal,
        headers: credentials.headers,
        ...(options.json === undefined ? {} : { json: options.json }),
      });
      outcome = String(response.status);
      const body = await readBody(response, this.options.maxAnswerBytes);
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      outcome = describeFailure(toApiError(error, this.context(method, fullPath, callerSignal)));
      throw error;
    } finally {
      // Only the caller's query: credentials never reach a log line.
      const query =
        options.query === undefined || options.query.size === 0
          ? ''
          : `?${options.query.toString()}`;
      this.log(`${method} ${fullPath}${query} → ${outcome} (${Date.now() - started} ms)`);
    }
  }

  /** Undefined when the reply is a success; otherwise the error it stands for. */
  private check(
    method: Method,
    fullPath: string,
    reply: Reply,
    attempt: number,
    signal?: AbortSignal,
  ): ApiError | undefined {
    const context = this.context(method, fullPath, signal);
    if (isSuccess(reply.status, method, this.options.version)) {
      if (method !== 'GET') return undefined;
      try {
        reply.json = JSON.parse(reply.body) as unknown;
        return undefined;
      } catch {
        // Falls through: a truncated or non-JSON success body.
      }
      return new ApiError({
        kind: 'server',
        message: `${invalidResponseMessage()} (HTTP ${reply.status}, ${method} ${fullPath})`,
        method,
        path: fullPath,
        status: reply.status,
      });
    }
    // A retried DELETE whose first attempt did arrive: the goal is reached.
    const apiMessage = extractApiMessage(reply.body);
    if (
      method === 'DELETE' &&
      attempt > 0 &&
      apiMessage !== undefined &&
      /already been removed/i.test(apiMessage)
    ) {
      return undefined;
    }
    return responseToApiError(reply, context);
  }

  /** The wait before the next attempt, or undefined when this error is final. */
  private retryDelay(error: ApiError, method: Method, attempt: number): number | undefined {
    // A POST that may have arrived must not be sent twice: it could create a second profile.
    if (method === 'POST' || attempt >= this.options.retryLimit || !isTransient(error, method))
      return undefined;
    if (error.retryAfterMs !== undefined)
      return Math.min(error.retryAfterMs, this.options.maxRetryAfterMs);
    const exponential = this.options.retryBaseDelayMs * 2 ** attempt;
    const capped = Math.min(exponential, this.options.retryMaxDelayMs);
    // Jitter, so that many clients hit by the same outage do not come back in lockstep.
    return Math.round(capped * (0.5 + Math.random() * 0.5));
  }

  private fullPath(path: string): string {
    return `/${this.options.version}/${path}`;
  }

  private context(method: string, path: string, signal: AbortSignal | undefined) {
    return { method, path, signal, secrets: this.options.auth.secrets() };
  }

  private log(line: string): void {
    const sink = this.options.log;
    if (sink === undefined) return;
    sink(redact(line, this.options.auth.secrets()));
  }
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function isTransient(error: ApiError, method: Method): boolean {
  // The same oversized answer would come again.
  if (error.cause === ANSWER_TOO_LARGE) return false;
  switch (error.kind) {
    case 'network':
    case 'rateLimited':
      return true;
    case 'server':
      if (error.status !== undefined && RETRY_STATUSES.has(error.status)) return true;
      // A success with a truncated body: only a GET can simply be asked again.
      return method === 'GET' && (error.status === undefined || error.status < 300);
    default:
      return false;
  }
}

function describeFailure(error: ApiError): string {
  if (error.kind === 'network') return error.cause ?? 'network error';
  if (error.cause === ANSWER_TOO_LARGE) return 'answer too large, cut off';
  return error.kind;
}
