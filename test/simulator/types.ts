// Public types of the Copernica simulator. Other test suites code against these names,
// so they change only together with every caller (see index.ts for the entry point).
import type { Database as ApiDatabase, Profile as ApiProfile } from '../../src/api/types';

/** Shape of the synthetic account built instead of the demo data (e.g. for the benchmark). */
export interface GenerateSpec {
  databases?: number;
  collectionsPerDatabase?: number;
  fieldsPerCollection?: number;
  fieldsPerDatabase?: number;
  profilesPerDatabase?: number;
  /** Subprofiles per profile in each collection; 0 unless given. */
  subprofilesPerProfile?: number;
  /**
   * Selections on the first generated database (README §9.6): the first, "All profiles", holds
   * every profile (a Field rule `email contains @`); the rest spread evenly over `viewDepth` levels.
   */
  views?: number;
  /** Levels of nesting of the generated selections; default 3. */
  viewDepth?: number;
}

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default; the simulator has no business on a real network. */
  host?: string;
  /** The API (access) token; defaults to DEMO_TOKEN. */
  token?: string;
  /** Delay before every API answer (control requests are never delayed). */
  latencyMs?: number;
  /** Adds a database `Big` with this many profiles. */
  bigProfiles?: number;
  /** Builds a synthetic account instead of the demo data. */
  generate?: GenerateSpec;
  /** Status of an API call with a bad/missing token or JWT (README.md §1.6, not documented); default 400. */
  authFailureStatus?: 400 | 401;
  /** Status of POST /authenticate with a bad token (§1.3 [?]); default 401. */
  authEndpointFailureStatus?: number;
  /** Whether v4 also accepts `?access_token=` (§1.4 [?]); default false. */
  acceptQueryTokenOnV4?: boolean;
  /** Lifetime of issued JWTs; default 86400 (24 h, §1.2). */
  jwtLifetimeSeconds?: number;
  /** Emit `nextid` in (sub)profile lists (§3 [?]); default true. */
  emitNextId?: boolean;
  /** GET /profile/$pid/subprofiles/$cid honours start/limit/total/fields[]/orderby/order (§4.14 [?]); default true. */
  subprofileListParams?: boolean;
  /** Status of a successful v2 PUT (§2.2: 200 documented, 303 observed); default 303. */
  v2PutStatus?: 200 | 303;
  /** profileids/subprofileids elements as strings (the one 3P mock, §3 [?]) or numbers; default true. */
  idsAsStrings?: boolean;
  /** Seed of the data generator; the same seed gives the same data. */
  seed?: number;
  /** Databases to add as given, in the API's own JSON shape, keeping their IDs (e.g. a test fixture). */
  extraDatabases?: ImportedDatabase[];
  /**
   * Keep the rendered GET /databases and GET /database/$id answers until a definition changes, as
   * a server with a response cache would; the bytes sent are the same either way. Default true.
   */
  cacheDefinitionAnswers?: boolean;
  /** GET database/$db/views lists nested views too (§9.1 [?]); default false: top level only. */
  viewListNested?: boolean;
  /** Rules also carry `inverted` beside `inversed` (§9.2 [?]); default false. */
  emitInverted?: boolean;
  /** How the conditions of one rule combine (§9.4 [?]); default 'and'. */
  ruleConditions?: 'and' | 'or';
  /** An inversed rule is OR NOT (default) or AND NOT (§9.4 [?]). */
  inversedRules?: 'or-not' | 'and-not';
  /** Contents of a (mini)view without enabled rules (§9.4 [?]); default 'empty', else all of the parent. */
  viewWithoutRules?: 'empty' | 'parent';
  /** 'live' (default) or 'rebuild': contents frozen at the last rebuild, as the real service builds them (§9.4). */
  viewContents?: 'live' | 'rebuild';
  /** Status of POST/PUT view/$id/rebuild and miniview/$id/rebuild (§9.1 [?]); default 204. */
  rebuildStatus?: 200 | 201 | 204;
  /** The ID key of minirules: `id` (default, most pages) or `ID` (§9.5 [?]). */
  miniruleIdKey?: 'id' | 'ID';
}

/** A database and its profiles as the API returns them (GET /database/$id, GET /profile/$id). */
export interface ImportedDatabase {
  database: ApiDatabase;
  profiles?: ApiProfile[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v4/profile/12`. */
  path: string;
  /** Parsed query; bracketed names (`fields[]`, `fields%5B0%5D`) are collected under `name[]` as arrays. */
  query: Record<string, string | string[]>;
  /** Lower-case header names, values as received (including `authorization`). */
  headers: Record<string, string>;
  body: string;
  /** Date.now() when the request arrived. */
  time: number;
  /** The injected latency as actually slept, in ms (timers overshoot a little). */
  delayMs?: number;
  /** The simulator's own time for the answer, in ms: routing, serializing, writing; the delay excluded. */
  serverMs?: number;
}

export interface FaultSpec {
  /** How many matching requests are affected; default 1. */
  count?: number;
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Only requests with this method (case-insensitive). */
  method?: string;
  /** Only requests whose path (no query string) matches this regex source. */
  path?: string;
}

export type MatchSpec = Omit<FaultSpec, 'status' | 'body' | 'contentType' | 'headers'>;

/** Ways a broken server answers list calls; all off by default and after reset(). */
export interface Quirks {
  /** Every list answers from its start, whatever `start` says. */
  ignoreStart?: boolean;
  /** `fields[]` conditions on `id` (the `id>N` of paging by ID) are ignored. */
  ignoreIdConditions?: boolean;
}

export interface ResetOptions {
  /** Rebuild the data from the seed, dropping every change made since start. */
  reseed?: boolean;
}

export interface SimulatorControls {
  setLatency(ms: number): void;
  failNext(spec: FaultSpec): void;
  dropNext(spec?: MatchSpec): void;
  /** Carries the request out, then resets the connection instead of answering (an answer lost on the way). */
  loseAnswerNext(spec?: MatchSpec): void;
  truncateNext(spec?: MatchSpec): void;
  hangNext(spec?: MatchSpec): void;
  /** Headers and the first half of the real answer, then nothing more: a body that never ends. */
  stallNext(spec?: MatchSpec): void;
  /** 200 with a body that never ends (chunked, no Content-Length), until the client lets go. */
  floodNext(spec?: MatchSpec): void;
  /** A server that pages wrongly (see Quirks); replaces the quirks set before. */
  setQuirks(quirks: Quirks): void;
  revokeToken(): void;
  restoreToken(): void;
  expireJwts(): void;
  changeProfile(id: string, fields: Record<string, string>): void;
  changeSubprofile(id: string, fields: Record<string, string>): void;
  requests(): RecordedRequest[];
  clearRequests(): void;
  reset(options?: ResetOptions): void;
}

export type AsyncSimulatorControls = {
  [K in keyof SimulatorControls]: (
    ...args: Parameters<SimulatorControls[K]>
  ) => Promise<ReturnType<SimulatorControls[K]>>;
};

export interface Simulator {
  /** http://127.0.0.1:PORT; the API lives at url + '/v4/...'. */
  url: string;
  /** url + '/authenticate'. */
  authUrl: string;
  token: string;
  controls: SimulatorControls;
  /** Stops listening and destroys every socket, hung ones included. */
  close(): Promise<void>;
}
