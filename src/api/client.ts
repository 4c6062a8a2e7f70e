// The Copernica REST client: one instance per account, typed methods over transport.ts.
import * as l10n from '@vscode/l10n';
import { JwtAuth, QueryTokenAuth } from './auth';
import type { AuthProvider } from './auth';
import { MAX_ANSWER_BYTES } from './body';
import { ApiError } from './errors';
import { createHttp } from './http';
import {
  parseCollection,
  parseCreatedId,
  parseDatabase,
  parseField,
  parseIdentity,
  parseInterest,
  parsePage,
  parseProfile,
  parseSubprofile,
} from './parse';
import type { Parser } from './parse';
import type { ListGuardOptions } from './listGuard';
import { collectAll, pageAll, profileSearchParams } from './query';
import { Transport } from './transport';
import type { Method, Reply } from './transport';
import type {
  ApiVersion,
  Collection,
  Database,
  Field,
  Identity,
  Interest,
  Page,
  Profile,
  ProfileQuery,
  ProfileUpdate,
  Subprofile,
  SubprofileUpdate,
} from './types';

export const DEFAULT_API_URL = 'https://api.copernica.com';
export const DEFAULT_AUTH_URL = 'https://authenticate.copernica.com';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ClientOptions {
  apiUrl: string;
  authUrl: string;
  apiVersion: ApiVersion;
  token: string;
  /** Per attempt, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** `copernica-vscode/<version>`; the caller knows the version. */
  userAgent?: string;
  fetch?: typeof fetch;
  /** Retries of GET/PUT/DELETE after a transient failure. Default 3. POST is never retried. */
  retryLimit?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Longest wait a `Retry-After` header can impose. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Size cap of every answer, API and authentication. Default MAX_ANSWER_BYTES (64 MiB). */
  maxAnswerBytes?: number;
  /** One redacted line per request/response, e.g. `GET /v4/profile/12 → 200 (12 ms)`. */
  log?: (line: string) => void;
  /** What the server did wrong but the client worked around (a list that repeats itself). Default: log. */
  warn?: (line: string) => void;
}

type InterestsUpdate = ProfileUpdate['interests'];

/**
 * A database ID or name as a path segment; a name may hold spaces or a slash. `.` and `..` would
 * survive any encoding (URL parsers read `%2e` as a dot) and climb out of the path: refused.
 */
export function seg(value: string): string {
  if (value === '' || value === '.' || value === '..') throw badPathValue(value);
  return encodeURIComponent(value);
}

/** Copernica's profile, subprofile and collection IDs are digits; anything else never reaches a path. */
export function idSeg(value: string): string {
  if (!/^\d{1,20}$/.test(value)) throw badPathValue(value);
  return value;
}

function badPathValue(value: string): ApiError {
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return new ApiError({
    kind: 'badRequest',
    message: l10n.t('{0} is not a Copernica ID; nothing was sent', shown),
  });
}

export class CopernicaClient {
  private readonly transport: Transport;
  private readonly auth: AuthProvider;
  private readonly warn: ((line: string) => void) | undefined;

  constructor(options: ClientOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const common = {
      timeoutMs,
      userAgent: options.userAgent ?? 'copernica-vscode',
      fetch: options.fetch,
    };
    const apiUrl = (options.apiUrl === '' ? DEFAULT_API_URL : options.apiUrl).replace(/\/+$/, '');
    const version = options.apiVersion;
    const maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    this.warn = options.warn ?? options.log;
    this.auth =
      version === 'v4'
        ? new JwtAuth({
            authUrl: options.authUrl === '' ? DEFAULT_AUTH_URL : options.authUrl,
            token: options.token,
            http: createHttp(common),
            timeoutMs,
            maxAnswerBytes,
            log: options.log,
          })
        : new QueryTokenAuth(options.token);
    this.transport = new Transport({
      http: createHttp({ ...common, prefixUrl: `${apiUrl}/${version}/` }),
      auth: this.auth,
      version,
      timeoutMs,
      retryLimit: options.retryLimit ?? 3,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 300,
      retryMaxDelayMs: options.retryMaxDelayMs ?? 5000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      maxAnswerBytes,
      log: options.log,
    });
  }

  async identity(signal?: AbortSignal): Promise<Identity> {
    return this.get('identity', undefined, parseIdentity, signal);
  }

  /** All databases (every page of GET /databases). */
  async databases(signal?: AbortSignal): Promise<Database[]> {
    return this.listAll('databases', parseDatabase, signal);
  }

  async database(idOrName: string, signal?: AbortSignal): Promise<Database> {
    return this.get(`database/${seg(idOrName)}`, undefined, parseDatabase, signal);
  }

  async databaseFields(db: string, signal?: AbortSignal): Promise<Field[]> {
    return this.listAll(`database/${seg(db)}/fields`, parseField, signal);
  }

  async interests(db: string, signal?: AbortSignal): Promise<Interest[]> {
    return this.listAll(`database/${seg(db)}/interests`, parseInterest, signal);
  }

  async collections(db: string, signal?: AbortSignal): Promise<Collection[]> {
    return this.listAll(`database/${seg(db)}/collections`, parseCollection, signal);
  }

  async collection(collectionId: string, signal?: AbortSignal): Promise<Collection> {
    return this.get(`collection/${idSeg(collectionId)}`, undefined, parseCollection, signal);
  }

  /** The full field list; a collection's embedded `fields` is capped at 100. */
  async collectionFields(collectionId: string, signal?: AbortSignal): Promise<Field[]> {
    return this.listAll(`collection/${idSeg(collectionId)}/fields`, parseField, signal);
  }

  async profiles(db: string, query?: ProfileQuery, signal?: AbortSignal): Promise<Page<Profile>> {
    return this.page(`database/${seg(db)}/profiles`, query, parseProfile, signal);
  }

  allProfiles(
    db: string,
    query?: Omit<ProfileQuery, 'start'>,
    signal?: AbortSignal,
  ): AsyncIterableIterator<Profile> {
    return pageAll(
      (q) => this.profiles(db, q, signal),
      query,
      this.guard(`database/${db}/profiles`),
    );
  }

  async profile(id: string, signal?: AbortSignal): Promise<Profile> {
    return this.get(`profile/${idSeg(id)}`, undefined, parseProfile, signal);
  }

  async updateProfile(id: string, update: ProfileUpdate, signal?: AbortSignal): Promise<void> {
    await this.send('PUT', `profile/${idSeg(id)}`, update, signal);
  }

  /** Replaces the full interest set (PUT): a list turns the rest off. */
  async updateProfileInterests(
    id: string,
    interests: InterestsUpdate,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.send('PUT', `profile/${idSeg(id)}/interests`, interests ?? [], signal);
  }

  /** Creates a profile; resolves with its new ID from `X-Created`. Never retried. */
  async createProfile(
    db: string,
    data: { fields?: Record<string, string>; interests?: InterestsUpdate },
    signal?: AbortSignal,
  ): Promise<string> {
    const reply = await this.send('POST', `database/${seg(db)}/profiles`, data, signal);
    return this.createdId(reply, 'POST', `database/${seg(db)}/profiles`);
  }

  async deleteProfile(id: string, signal?: AbortSignal): Promise<void> {
    await this.send('DELETE', `profile/${idSeg(id)}`, undefined, signal);
  }

  async subprofiles(
    profileId: string,
    collectionId: string,
    query?: ProfileQuery,
    signal?: AbortSignal,
  ): Promise<Page<Subprofile>> {
    return this.page(
      `profile/${idSeg(profileId)}/subprofiles/${idSeg(collectionId)}`,
      query,
      parseSubprofile,
      signal,
    );
  }

  allSubprofiles(
    profileId: string,
    collectionId: string,
    query?: Omit<ProfileQuery, 'start'>,
    signal?: AbortSignal,
  ): AsyncIterableIterator<Subprofile> {
    return pageAll(
      (q) => this.subprofiles(profileId, collectionId, q, signal),
      query,
      this.guard(`profile/${profileId}/subprofiles/${collectionId}`),
    );
  }

  /** Every subprofile of a collection (GET collection/$id/subprofiles): the same paging and `fields[]`. */
  async collectionSubprofiles(
    collectionId: string,
    query?: ProfileQuery,
    signal?: AbortSignal,
  ): Promise<Page<Subprofile>> {
    return this.page(
      `collection/${idSeg(collectionId)}/subprofiles`,
      query,
      parseSubprofile,
      signal,
    );
  }

  async subprofile(id: string, signal?: AbortSignal): Promise<Subprofile> {
    return this.get(`subprofile/${idSeg(id)}`, undefined, parseSubprofile, signal);
  }

  async updateSubprofile(
    id: string,
    update: SubprofileUpdate,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.send('PUT', `subprofile/${idSeg(id)}`, update, signal);
  }

  /** The body is a flat field map: subprofile POST has no `fields` wrapper. Never retried. */
  async createSubprofile(
    profileId: string,
    collectionId: string,
    fields: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<string> {
    const path = `profile/${idSeg(profileId)}/subprofiles/${idSeg(collectionId)}`;
    const reply = await this.send('POST', path, fields, signal);
    return this.createdId(reply, 'POST', path);
  }

  async deleteSubprofile(id: string, signal?: AbortSignal): Promise<void> {
    await this.send('DELETE', `subprofile/${idSeg(id)}`, undefined, signal);
  }

  /**
   * A page of a selection's profiles. The page documents `fields[]` (so `id>…` works, and the
   * explorer pages by ID as for a database) but not `orderby`, which is sent anyway: Copernica
   * ignores a parameter it does not know, and the ListGuard ends a walk that goes wrong
   * (https://www.copernica.com/en/documentation/restv4/rest-get-view-profiles). The other
   * selection calls are in ./views.ts, loaded when first needed.
   */
  async viewProfiles(
    viewId: string,
    query?: ProfileQuery,
    signal?: AbortSignal,
  ): Promise<Page<Profile>> {
    return this.page(`view/${idSeg(viewId)}/profiles`, query, parseProfile, signal);
  }

  /** A page of a miniselection's subprofiles; `fields[]` is documented as for selections. */
  async miniviewSubprofiles(
    miniviewId: string,
    query?: ProfileQuery,
    signal?: AbortSignal,
  ): Promise<Page<Subprofile>> {
    return this.page(`miniview/${idSeg(miniviewId)}/subprofiles`, query, parseSubprofile, signal);
  }

  /** Every page of a plain listing at `path` (built with seg/idSeg), for the modules beside this one. */
  listAt<T extends { ID: string }>(
    path: string,
    item: Parser<T>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    return this.listAll(path, item, signal);
  }

  /** One entity at `path` (built with seg/idSeg), for the modules beside this one. */
  getAt<T>(path: string, parser: Parser<T>, signal?: AbortSignal): Promise<T> {
    return this.get(path, undefined, parser, signal);
  }

  /** A call without an answer to read, for the modules beside this one. */
  async callAt(method: Method, path: string, signal?: AbortSignal): Promise<void> {
    await this.send(method, path, undefined, signal);
  }

  get apiVersion(): string {
    return this.transport.version;
  }

  /** Forgets the cached JWT (sign-out); the next call exchanges the token again. */
  clearCredentials(): void {
    this.auth.clear();
  }

  private async get<T>(
    path: string,
    query: URLSearchParams | undefined,
    parser: Parser<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const json = await this.transport.getJson(path, query, signal);
    try {
      return parser(json);
    } catch (error) {
      throw this.attribute(error, 'GET', path);
    }
  }

  private async page<T>(
    path: string,
    query: ProfileQuery | undefined,
    item: Parser<T>,
    signal?: AbortSignal,
  ): Promise<Page<T>> {
    return this.get(path, profileSearchParams(query), (json) => parsePage(json, item), signal);
  }

  private async listAll<T extends { ID: string }>(
    path: string,
    item: Parser<T>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    return collectAll((start, limit) => {
      const query = new URLSearchParams({ start: String(start), limit: String(limit) });
      return this.get(path, query, (json) => parsePage(json, item), signal);
    }, this.guard(path));
  }

  /** The brakes of a list walk, logging to `warn` what the server did wrong. */
  private guard(path: string): ListGuardOptions {
    return { what: `GET /${this.transport.version}/${path}`, warn: this.warn };
  }

  private async send(
    method: Method,
    path: string,
    json: unknown,
    signal?: AbortSignal,
  ): Promise<Reply> {
    return this.transport.send(method, path, { json, signal });
  }

  private createdId(reply: Reply, method: Method, path: string): string {
    try {
      return parseCreatedId(reply.headers.get('x-created'));
    } catch (error) {
      throw this.attribute(error, method, path);
    }
  }

  private attribute(error: unknown, method: string, path: string): unknown {
    return error instanceof ApiError
      ? error.withRequest(method, `/${this.transport.version}/${path}`)
      : error;
  }
}
