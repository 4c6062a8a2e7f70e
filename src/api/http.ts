// Creates the ky instances. ky is imported dynamically: the bundle keeps it in a chunk of its own
// that loads with the first request, so a signed-out activation never loads it. Hence instances
// are created asynchronously.

export interface HttpOptions {
  /** Prefix for relative paths, e.g. `https://api.copernica.com/v4/`. */
  prefixUrl?: string;
  timeoutMs: number;
  userAgent: string;
  fetch?: typeof fetch;
}

export type Http = Awaited<ReturnType<typeof createHttp>>;

/**
 * Retries, status checks and redirects are handled by the caller (transport.ts), which must see
 * every response: Copernica's 303 on v2 means success, not "go elsewhere".
 */
export async function createHttp(options: HttpOptions) {
  const { default: ky } = await import('ky');
  return ky.create({
    ...(options.prefixUrl === undefined ? {} : { prefixUrl: options.prefixUrl }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    timeout: options.timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    redirect: 'manual',
    headers: { 'user-agent': options.userAgent, accept: 'application/json' },
  });
}
