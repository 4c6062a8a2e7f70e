// Everything one running simulator holds: data, credentials, faults, the request log.
import type { ServerResponse } from 'node:http';
import { Auth } from './auth';
import { Faults } from './faults';
import type { ResolvedOptions } from './options';
import { buildStore } from './seed';
import type { Store } from './store';
import type { Quirks, RecordedRequest } from './types';

export class SimState {
  store: Store;
  readonly auth: Auth;
  readonly faults = new Faults();
  log: RecordedRequest[] = [];
  latencyMs: number;
  quirks: Quirks = {};
  /** Requests held open by hangNext(), stallNext(), floodNext(); destroyed on reset/close. */
  readonly hung = new Set<ServerResponse>();
  baseUrl = '';

  constructor(readonly options: ResolvedOptions) {
    this.store = buildStore(options);
    this.auth = new Auth(options.token, options.jwtLifetimeSeconds, this.store.identity.id);
    this.latencyMs = options.latencyMs;
  }

  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** Faults, quirks, log and hung requests cleared; latency back to the start option; token restored. */
  reset(reseed: boolean): void {
    this.faults.clear();
    this.log = [];
    this.latencyMs = this.options.latencyMs;
    this.quirks = {};
    this.auth.restore();
    this.releaseHung();
    if (reseed) this.store = buildStore(this.options);
  }
}
