// API token -> credentials per API version. v4 exchanges the token for a JWT (24 h) and sends it
// as a Bearer header; v2/v3 put the token itself in the `access_token` query parameter.
import * as l10n from '@vscode/l10n';
import { abortable } from './abort';
import { readBody } from './body';
import { ApiError, redact, responseToApiError, toApiError } from './errors';
import type { Http } from './http';

/** What to add to one request. `jwt` is set on v4, so a rejection can be matched to it. */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
  jwt?: string;
}

export interface AuthProvider {
  credentials(signal?: AbortSignal): Promise<Credentials>;
  /** The API rejected `used`. True when fresh credentials might be accepted (worth one retry). */
  rejected(used: Credentials): boolean;
  /** Forgets cached credentials (sign-out). */
  clear(): void;
  /** Every secret currently known, for redaction of messages and log lines. */
  secrets(): string[];
}

/** v2/v3: the token travels in the URL, so every logged URL must be redacted. */
export class QueryTokenAuth implements AuthProvider {
  constructor(private readonly token: string) {}

  credentials(): Promise<Credentials> {
    return Promise.resolve({ headers: {}, query: { access_token: this.token } });
  }

  rejected(): boolean {
    return false;
  }

  clear(): void {
    // Nothing cached: the token itself belongs to the caller.
  }

  secrets(): string[] {
    return [this.token];
  }
}

export interface JwtAuthOptions {
  authUrl: string;
  token: string;
  /** A ky instance without prefix URL, with timeout, user agent and fetch already set. */
  http: Promise<Http>;
  /** Deadline of one exchange, headers and body together (the client's request timeout). */
  timeoutMs: number;
  /** Size cap of the answer (body.ts). */
  maxAnswerBytes: number;
  log?: (line: string) => void;
  now?: () => number;
}

/** Without a readable `exp` the JWT is cached this long; a rejection refreshes it anyway. */
const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;
/** Refresh this much before `exp` (at most), so a request never leaves with a JWT about to lapse. */
const MAX_REFRESH_MARGIN_MS = 60 * 1000;

interface CachedJwt {
  jwt: string;
  refreshAt: number;
}

export class JwtAuth implements AuthProvider {
  private cached: CachedJwt | undefined;
  private pending: Promise<CachedJwt> | undefined;
  private readonly knownJwts = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: JwtAuthOptions) {
    this.now = options.now ?? Date.now;
  }

  async credentials(signal?: AbortSignal): Promise<Credentials> {
    const cached = this.cached;
    if (cached !== undefined && this.now() < cached.refreshAt) return bearer(cached.jwt);
    // Concurrent requests share one exchange; each may stop waiting on its own signal. The
    // exchange has its own deadline, so a stalled one settles and is forgotten: the next call
    // exchanges again.
    this.pending ??= this.exchange().finally(() => {
      this.pending = undefined;
    });
    const fresh = await abortable(this.pending, signal);
    return bearer(fresh.jwt);
  }

  rejected(used: Credentials): boolean {
    if (this.cached !== undefined && this.cached.jwt === used.jwt) this.cached = undefined;
    return true;
  }

  clear(): void {
    this.cached = undefined;
    this.knownJwts.clear();
  }

  secrets(): string[] {
    return [this.options.token, ...this.knownJwts];
  }

  private async exchange(): Promise<CachedJwt> {
    const { authUrl, token, http, log, timeoutMs, maxAnswerBytes } = this.options;
    const path = safePath(authUrl);
    const context = { method: 'POST', path, secrets: this.secrets() };
    const started = this.now();
    // Covers the body too: ky's own timeout ends when the headers arrive.
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number | undefined;
    let failure = 'failed';
    try {
      const response = await (
        await http
      ).post(authUrl, { body: new URLSearchParams({ access_token: token }), signal });
      status = response.status;
      const body = await readBody(response, maxAnswerBytes);
      if (!response.ok)
        throw authFailure(responseToApiError({ status, headers: response.headers, body }, context));
      const jwt = extractJwt(body);
      this.knownJwts.add(jwt);
      this.cached = { jwt, refreshAt: this.refreshAt(jwt) };
      return this.cached;
    } catch (error) {
      const apiError = toApiError(error, context);
      status ??= apiError.status;
      failure = apiError.kind;
      throw apiError;
    } finally {
      const outcome =
        status === undefined
          ? failure
          : `${status}${failure === 'timeout' ? ', then timeout' : ''}`;
      log?.(redact(`POST ${path} → ${outcome} (${this.now() - started} ms)`, this.secrets()));
    }
  }

  private refreshAt(jwt: string): number {
    const now = this.now();
    const exp = jwtExpiry(jwt);
    if (exp === undefined) return now + FALLBACK_LIFETIME_MS;
    const lifetime = exp - now;
    return exp - Math.min(MAX_REFRESH_MARGIN_MS, Math.max(0, lifetime) / 10);
  }
}

function bearer(jwt: string): Credentials {
  return { headers: { authorization: `Bearer ${jwt}` }, query: {}, jwt };
}

/** The authentication service rejecting the token is an auth problem whatever its status says. */
function authFailure(error: ApiError): ApiError {
  // A redirect is a proxy or gateway in the way, not a verdict on the token.
  if (
    error.status === undefined ||
    error.status < 400 ||
    error.status >= 500 ||
    error.status === 429
  )
    return error;
  const verdict =
    error.apiMessage === undefined
      ? l10n.t('Copernica did not accept the API token')
      : l10n.t('Copernica did not accept the API token: {0}', error.apiMessage);
  const message = `${verdict} (HTTP ${error.status}, ${error.method} ${error.path})`;
  return new ApiError({
    kind: 'auth',
    message,
    method: error.method,
    path: error.path,
    status: error.status,
    apiMessage: error.apiMessage,
  });
}

/**
 * The documented answer is the bare JWT; tolerate a JSON string or an object with
 * token/access_token/jwt, as other clients do.
 */
export function extractJwt(body: string): string {
  const text = body.trim();
  let candidate: unknown = text;
  if (text.startsWith('"') || text.startsWith('{')) {
    try {
      candidate = JSON.parse(text);
    } catch {
      candidate = undefined;
    }
  }
  if (typeof candidate === 'object' && candidate !== null) {
    const record = candidate as Record<string, unknown>;
    candidate = record['token'] ?? record['access_token'] ?? record['jwt'];
  }
  if (typeof candidate !== 'string' || candidate.trim() === '' || /\s/.test(candidate.trim())) {
    throw new ApiError({
      kind: 'server',
      message: l10n.t('The authentication service sent no usable token'),
    });
  }
  return candidate.trim();
}

/** The `exp` claim (ms since epoch) of a JWT, or undefined when it cannot be read. */
export function jwtExpiry(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const exp: unknown = (claims as Record<string, unknown>)['exp'];
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The path of a URL, for messages and logs; never its query string. */
export function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '/';
  }
}

/**
 * True when `token` has characters a Copernica API token never has. Its tokens are letters and
 * digits (the examples in Copernica's documentation are hexadecimal); anything else is most
 * likely a copy-and-paste accident, and it would travel URL- or form-encoded.
 */
export function hasUnusualTokenCharacters(token: string): boolean {
  return !/^[A-Za-z0-9]*$/.test(token);
}
