// Where a stored API token may be sent: the API URL, the authentication URL and the API version it
// was signed in with. A change of any of them needs the user's word before the token goes there.
// Plain data, no 'vscode': unit-tested in Node.

export interface TokenBinding {
  apiUrl: string;
  authUrl: string;
  apiVersion: string;
}

export type BindingKey = keyof TokenBinding;

const KEYS: readonly BindingKey[] = ['apiUrl', 'authUrl', 'apiVersion'];

export function encodeBinding(binding: TokenBinding): string {
  return JSON.stringify({
    apiUrl: binding.apiUrl,
    authUrl: binding.authUrl,
    apiVersion: binding.apiVersion,
  });
}

/** Undefined for nothing stored or anything unreadable (then the token counts as unbound). */
export function decodeBinding(raw: string | undefined): TokenBinding | undefined {
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const [apiUrl, authUrl, apiVersion] = KEYS.map((k) => record[k]);
    if (typeof apiUrl !== 'string' || typeof authUrl !== 'string' || typeof apiVersion !== 'string')
      return undefined;
    return { apiUrl, authUrl, apiVersion };
  } catch {
    return undefined;
  }
}

/** The settings that differ between where the token was bound and where it would go now. */
export function bindingChanges(bound: TokenBinding, now: TokenBinding): BindingKey[] {
  return KEYS.filter((key) => bound[key] !== now[key]);
}
