// Figures of the reliability suite. Every scenario records what happened as a note
// `reliability: {json}` *before* it asserts, so test/harness/reliability.js can print the whole
// picture (edits lost, duplicate writes, bad inputs sent, token leaks) even when something fails.
import type { RecordedRequest, Simulator } from '../../simulator';
import { note } from './notes';

export const NOTE_PREFIX = 'reliability: ';

export type FaultMode = 'transient' | 'persistent';

/** A load of the explorer under a fault. */
export interface BrowseFigure {
  kind: 'browse';
  fault: string;
  mode: FaultMode;
  expected: 'recovers' | 'one notification';
  /** 'recovered' | 'one notification' | what happened instead. */
  outcome: string;
  errorNotifications: number;
  /** The same load after the fault cleared showed the profiles. */
  recoveredAfterClear: boolean;
}

/** A save of an edited profile under a fault (or a conflict). */
export interface SaveFigure {
  kind: 'save';
  fault: string;
  mode: FaultMode | 'conflict' | 'concurrent';
  firstSave: boolean;
  /** The user's text was gone or changed, or never reached the server in the end. */
  lost: boolean;
  /** Writes the server accepted for this profile, over the failure and the retry. */
  successfulWrites: number;
  /** Write requests sent for this profile, accepted or not. */
  writeRequests: number;
  errorNotifications: number;
  savedInTheEnd: boolean;
}

/** One document of the bad-input corpus saved through VS Code. */
export interface CorpusFigure {
  kind: 'corpus';
  file: string;
  code: string;
  saved: boolean;
  /** A message naming the problem (the expected word) reached the user. */
  clearError: boolean;
  writeRequests: number;
  textKept: boolean;
}

/** One place searched for the API token and the JWTs. */
export interface TokenFigure {
  kind: 'token';
  check: string;
  leaks: number;
  /** Where, never what. */
  where?: string[];
}

/** One case of the "hostile network and server" section: what the user should get, and got. */
export interface HostileFigure {
  kind: 'hostile';
  case: string;
  expected: string;
  outcome: string;
  ok: boolean;
}

export type Figure = BrowseFigure | SaveFigure | CorpusFigure | TokenFigure | HostileFigure;

/** One note per call: several figures go as one JSON array (the corpus would be 90 lines otherwise). */
export function record(...figures: Figure[]): void {
  if (figures.length > 0)
    note(NOTE_PREFIX + JSON.stringify(figures.length === 1 ? figures[0] : figures));
}

// Each test file is bundled on its own: what they share lives on globalThis.
interface Shared {
  jwts: Set<string>;
}

function shared(): Shared {
  const g = globalThis as unknown as Record<string, Shared | undefined>;
  return (g.__copernicaReliability ??= { jwts: new Set() });
}

const BEARER = /^Bearer\s+(\S+)/i;

/** Remembers the JWT of an Authorization header, for the token-leak search at the end. */
export function rememberAuthorization(header: string | string[] | undefined): void {
  const jwt = BEARER.exec(Array.isArray(header) ? header.join(' ') : (header ?? ''))?.[1];
  if (jwt) shared().jwts.add(jwt);
}

/** Remembers every JWT the extension sent. */
export function rememberJwts(requests: readonly RecordedRequest[]): void {
  for (const r of requests) rememberAuthorization(r.headers.authorization);
}

export function jwtsSeen(): string[] {
  return [...shared().jwts];
}

/** The request log, with its JWTs remembered. */
export function requestsOf(sim: Simulator): RecordedRequest[] {
  const requests = sim.controls.requests();
  rememberJwts(requests);
  return requests;
}

/** Clears faults, latency, revocation and the log (its JWTs remembered first). */
export function resetSimulator(sim: Simulator): RecordedRequest[] {
  const requests = requestsOf(sim);
  sim.controls.reset();
  return requests;
}

export function isWrite(r: RecordedRequest): boolean {
  return r.method !== 'GET' && r.path !== '/authenticate';
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
