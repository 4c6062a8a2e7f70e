// One error type for everything the Copernica client can fail with, and one converter into it.
// The UI decides what to show from `kind` alone; `apiMessage` is Copernica's own text.
// `message` can reach the user (inside the UI's advice) and is translated; the request context
// in parentheses and the cancelled/timeout texts, which only the log shows, are not.
import * as l10n from '@vscode/l10n';

export type ApiErrorKind =
  | 'auth'
  | 'notFound'
  | 'badRequest'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  method?: string;
  /** Path only (`/v4/profile/12`): never the query string, which may hold the token. */
  path?: string;
  status?: number;
  apiMessage?: string;
  /** Low-level error code of a network failure (ECONNREFUSED, ENOTFOUND, ECONNRESET, ...). */
  cause?: string;
  /** How long the server asked us to wait (429/503 `Retry-After`), in ms. */
  retryAfterMs?: number;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;
  readonly method: string;
  readonly path: string;
  /** A code such as 'ECONNREFUSED' for network errors, so the UI can give advice. */
  override readonly cause: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.method = init.method ?? '';
    this.path = init.path ?? '';
    this.cause = init.cause;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The same error, attributed to a request (parsers throw without knowing which one). */
  withRequest(method: string, path: string): ApiError {
    if (this.method !== '' && this.path !== '') return this;
    const context = `${method} ${path}`;
    return new ApiError({
      ...this.toInit(),
      method,
      path,
      message: `${this.message} (${context})`,
    });
  }

  private toInit(): ApiErrorInit {
    return {
      kind: this.kind,
      message: this.message,
      method: this.method,
      path: this.path,
      status: this.status,
      apiMessage: this.apiMessage,
      cause: this.cause,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** Network code of an answer cut off at the size cap; such an answer is not asked for again. */
export const ANSWER_TOO_LARGE = 'EANSWERTOOLARGE';

/** Thrown by the body reader when an answer passes the size cap (see body.ts). */
export class AnswerTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`answer larger than ${limitBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Looked up per error, not at load time: the translations are configured after modules load. */
export function invalidResponseMessage(): string {
  return l10n.t('Copernica sent an incomplete or invalid response');
}

/** What the converter needs to know about the request that failed. */
export interface RequestContext {
  method: string;
  path: string;
  /** The caller's own signal: if it fired, the failure is a cancellation, whatever the error says. */
  signal?: AbortSignal;
  /** Secrets that must never appear in the message (token, JWT). */
  secrets?: readonly string[];
}

/** A response that came back with a failing status, already read. */
export interface FailedResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * The one converter from whatever went wrong (ky/fetch errors, DOM exceptions, failed responses,
 * parser errors) into an ApiError carrying the request's method and path.
 */
export function toApiError(error: unknown, context: RequestContext): ApiError {
  const { method, path } = context;
  if (error instanceof ApiError)
    return redactError(error.withRequest(method, path), context.secrets);
  if (error instanceof AnswerTooLargeError) {
    const megabytes = Math.round(error.limitBytes / (1024 * 1024));
    const message = `${l10n.t('Copernica sent an answer larger than {0} MB, the most this extension reads; it was not used', megabytes)} (${method} ${path})`;
    return new ApiError({ kind: 'server', message, method, path, cause: ANSWER_TOO_LARGE });
  }
  if (context.signal?.aborted === true) {
    return new ApiError({
      kind: 'cancelled',
      message: `Request cancelled (${method} ${path})`,
      method,
      path,
    });
  }
  if (isTimeout(error)) {
    return new ApiError({
      kind: 'timeout',
      message: `Copernica did not answer in time (${method} ${path})`,
      method,
      path,
    });
  }
  if (isAbort(error)) {
    return new ApiError({
      kind: 'cancelled',
      message: `Request cancelled (${method} ${path})`,
      method,
      path,
    });
  }
  if (error instanceof SyntaxError) {
    return new ApiError({
      kind: 'server',
      message: `${invalidResponseMessage()} (${method} ${path})`,
      method,
      path,
    });
  }
  const code = networkCode(error);
  const message = `${l10n.t('Could not reach Copernica: {0}', describeCode(code))} (${method} ${path})`;
  return new ApiError({
    kind: 'network',
    message: redact(message, context.secrets),
    method,
    path,
    cause: code,
  });
}

/** Converts a response with a failing status; Copernica answers 400 for nearly everything. */
export function responseToApiError(response: FailedResponse, context: RequestContext): ApiError {
  const { method, path } = context;
  const { status } = response;
  const apiMessage = extractApiMessage(response.body);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (apiMessage === undefined && status === 400) {
    // A 400 without Copernica's error envelope is not something the user did wrong.
    const message = `${invalidResponseMessage()} (HTTP ${status}, ${method} ${path})`;
    return new ApiError({ kind: 'server', message, method, path, status });
  }
  const kind = classifyStatus(status, apiMessage);
  const safeApiMessage = apiMessage === undefined ? undefined : redact(apiMessage, context.secrets);
  const text = safeApiMessage ?? defaultStatusText(status);
  const message = `Copernica: ${text} (HTTP ${status}, ${method} ${path})`;
  return new ApiError({
    kind,
    message,
    method,
    path,
    status,
    apiMessage: safeApiMessage,
    retryAfterMs,
  });
}

export function classifyStatus(status: number, apiMessage: string | undefined): ApiErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  if (status >= 400) {
    if (apiMessage !== undefined && isAuthMessage(apiMessage)) return 'auth';
    if (apiMessage !== undefined && isNotFoundMessage(apiMessage)) return 'notFound';
    return 'badRequest';
  }
  // An unexpected 1xx/3xx: the request did not do what we asked.
  return 'server';
}

/** "Invalid access token" on v2/v3; v4's wording is undocumented, so match loosely. */
export function isAuthMessage(message: string): boolean {
  return /access token|unauthori[sz]ed|\bjwt\b|authori[sz]ation|authenticat/i.test(message);
}

/** "No entity with supplied ID", "No database with supplied ID", "No collection with given ID". */
export function isNotFoundMessage(message: string): boolean {
  return /^no \w+ with (supplied|given) id\b/i.test(message.trim());
}

/** Copernica's error envelope is `{"error":{"message":"…"}}`; anything else yields undefined. */
export function extractApiMessage(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const error: unknown = (parsed as Record<string, unknown>)['error'];
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const message: unknown = (error as Record<string, unknown>)['message'];
  return typeof message === 'string' ? message : undefined;
}

/** `Retry-After` is either delta-seconds or an HTTP date; returns ms, or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Replaces every secret in `text`, in each spelling it can take on the way: raw, as
 * encodeURIComponent writes it, as a form or URLSearchParams writes it (`+` for a space, `%7E`,
 * `%21`…), fully percent-encoded, with hex digits in either case. Secrets shorter than 4
 * characters are not worth hiding.
 */
export function redact(text: string, secrets: Iterable<string> | undefined): string {
  let result = text;
  for (const secret of secrets ?? []) {
    if (secret.length < 4) continue;
    result = result.split(secret).join('***');
    for (const spelling of encodedSpellings(secret)) result = result.replace(spelling, '***');
  }
  // A JWT this client never held (an earlier session's, echoed by a server) is a secret too.
  return result.replace(JWT_SHAPE, '***');
}

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** Case-insensitive patterns of the encoded spellings that differ from the raw secret. */
function encodedSpellings(secret: string): RegExp[] {
  const strict = encodeURIComponent(secret).replace(
    /[!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const spellings = new Set([
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    strict,
    strict.replace(/%20/g, '+'),
  ]);
  spellings.delete(secret);
  return [...spellings].map((s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
}

function redactError(error: ApiError, secrets: readonly string[] | undefined): ApiError {
  const message = redact(error.message, secrets);
  const apiMessage = error.apiMessage === undefined ? undefined : redact(error.apiMessage, secrets);
  if (message === error.message && apiMessage === error.apiMessage) return error;
  return new ApiError({
    kind: error.kind,
    message,
    method: error.method,
    path: error.path,
    status: error.status,
    apiMessage,
    cause: error.cause,
    retryAfterMs: error.retryAfterMs,
  });
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Node's fetch (undici) hides the socket error in `cause`, sometimes one level deeper. */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return normaliseCode(code, current);
    const errors: unknown = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      current = errors[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  if (
    error instanceof Error &&
    /terminated|other side closed|socket hang up/i.test(error.message)
  ) {
    return 'ECONNRESET';
  }
  return undefined;
}

function normaliseCode(code: string, error: object): string {
  // undici reports a dropped connection as UND_ERR_SOCKET; the UI knows it as a reset.
  if (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'ECONNRESET';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'ETIMEDOUT';
  if (
    code === 'ERR_INVALID_URL' ||
    (error instanceof TypeError && code === 'ERR_INVALID_ARG_VALUE')
  )
    return 'EINVALIDURL';
  return code;
}

function describeCode(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('connection refused');
    case 'ENOTFOUND':
      return l10n.t('host not found');
    case 'ECONNRESET':
      return l10n.t('connection reset');
    case 'ETIMEDOUT':
      return l10n.t('connection timed out');
    case 'EAI_AGAIN':
      return l10n.t('DNS lookup failed');
    case undefined:
      return l10n.t('network error');
    default:
      return code;
  }
}

function defaultStatusText(status: number): string {
  switch (status) {
    case 401:
      return l10n.t('Unauthorized');
    case 403:
      return l10n.t('Forbidden');
    case 404:
      return l10n.t('Not found');
    case 429:
      return l10n.t('Too many requests');
    case 502:
      return l10n.t('Bad gateway');
    case 503:
      return l10n.t('Service unavailable');
    case 504:
      return l10n.t('Gateway timeout');
    default:
      if (status >= 300 && status < 400)
        return l10n.t(
          'a redirect (HTTP {0}) instead of an answer, probably from a proxy or gateway',
          status,
        );
      return status >= 500 ? l10n.t('Server error') : l10n.t('Unexpected response');
  }
}
