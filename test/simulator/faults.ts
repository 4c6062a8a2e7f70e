// Queued faults for the next matching requests: fail, drop, truncate, hang, stall, flood. Each request
// consumes at most one fault, the oldest that matches.
import type { FaultSpec } from './types';
import type { Reply } from './httpUtil';

export type FaultKind = 'fail' | 'drop' | 'lose' | 'truncate' | 'hang' | 'stall' | 'flood';

export interface Fault {
  kind: FaultKind;
  remaining: number;
  method: string | undefined;
  path: RegExp | undefined;
  reply: Reply;
}

/** What api.copernica.com's load balancer sends when overloaded (§2.3, observed). */
export const LOADBALANCER_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Loadbalancer Error</title></head>' +
  '<body><h1>Loadbalancer Error</h1><p>The loadbalancer received too many requests to handle.</p></body></html>\n';

export const SERVER_ERROR_502 =
  '<html><head><title>502 Server Error</title></head><body><h1>502 Server Error</h1></body></html>\n';

/** Defaults per status: the documented transient errors look like this; others get Copernica's JSON error. */
function defaultBody(status: number): { body: string; contentType: string } {
  if (status === 503 || status === 504)
    return { body: LOADBALANCER_PAGE, contentType: 'text/html' };
  if (status === 502) return { body: SERVER_ERROR_502, contentType: 'text/html' };
  return {
    body: JSON.stringify({ error: { message: 'Simulated failure' } }),
    contentType: 'application/json',
  };
}

export function faultReply(spec: FaultSpec): Reply {
  const status = spec.status ?? 503;
  const fallback = defaultBody(status);
  return {
    status,
    headers: { 'Content-Type': spec.contentType ?? fallback.contentType, ...spec.headers },
    body: spec.body ?? fallback.body,
  };
}

export class Faults {
  private queue: Fault[] = [];

  add(kind: FaultKind, spec: FaultSpec = {}): void {
    this.queue.push({
      kind,
      remaining: spec.count ?? 1,
      method: spec.method?.toUpperCase(),
      path: spec.path === undefined ? undefined : new RegExp(spec.path),
      reply: faultReply(spec),
    });
  }

  /** Consumes one use of the oldest fault matching this request. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.queue.find(
      (f) =>
        f.remaining > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)),
    );
    if (!fault) return undefined;
    fault.remaining--;
    this.queue = this.queue.filter((f) => f.remaining > 0);
    return fault;
  }

  clear(): void {
    this.queue = [];
  }
}
