// Validation of the API and authentication URLs: the token is sent there, so only over TLS,
// except to this machine (the simulator, a local proxy) where plain http cannot be sniffed.
import * as l10n from '@vscode/l10n';

/**
 * True for `localhost` exactly, 127.0.0.0/8 and [::1]. `hostname` as URL.hostname gives it. Any
 * other name (`evil.localhost`, `localhost.`) may be resolved through DNS, so it does not count.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4 === null) return false;
  const octets = v4.slice(1).map(Number);
  return octets.every((o) => o <= 255) && octets[0] === 127;
}

/** Returns an error message for a URL the token must not be sent to, or undefined when fine. */
export function validateEndpointUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return l10n.t('Not a valid URL: {0}', url);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return l10n.t('The URL must not contain a user name or password.');
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return l10n.t('The URL must not contain a query string or fragment.');
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') {
    if (isLoopback(parsed.hostname)) return undefined;
    return l10n.t(
      'Use https: plain http is only allowed to this machine (localhost, 127.0.0.1, [::1]).',
    );
  }
  return l10n.t('Unsupported protocol {0} — use https.', parsed.protocol);
}
