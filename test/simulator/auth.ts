// Credentials (§1.2-§1.6): v1-v3 send the API token as `?access_token=`, v4 sends a JWT obtained
// from POST /authenticate as `Authorization: Bearer`. JWTs are real HS256 tokens with an `exp`.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseBody, type Query } from './httpUtil';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function decodeClaims(payload: string): { exp?: unknown; jti?: unknown } {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' ? claims : {};
  } catch {
    return {};
  }
}

export class Auth {
  private readonly key = randomBytes(32);
  private revoked = false;
  private nextJti = 1;
  /** JWTs with a lower jti were expired by expireAll(). */
  private firstValidJti = 1;

  constructor(
    readonly token: string,
    private readonly lifetimeSeconds: number,
    private readonly accountId: string,
  ) {}

  revoke(): void {
    this.revoked = true;
  }

  restore(): void {
    this.revoked = false;
  }

  expireAll(): void {
    this.firstValidJti = this.nextJti;
  }

  tokenValid(candidate: string | undefined): boolean {
    return !this.revoked && candidate === this.token;
  }

  issue(): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        iss: 'copernica-simulator',
        sub: this.accountId,
        iat: now,
        exp: now + this.lifetimeSeconds,
        jti: String(this.nextJti++),
      }),
    );
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }

  jwtValid(jwt: string): boolean {
    if (this.revoked) return false;
    const [header, payload, signature, ...rest] = jwt.split('.');
    if (!header || !payload || !signature || rest.length > 0) return false;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    const claims = decodeClaims(payload);
    return (
      typeof claims.exp === 'number' &&
      Date.now() < claims.exp * 1000 &&
      Number(claims.jti) >= this.firstValidJti
    );
  }

  /** v4: Bearer JWT (optionally also the query token); older versions: the query token only. */
  authorizeApi(
    version: number,
    authorization: string | undefined,
    query: Query,
    acceptQueryTokenOnV4: boolean,
  ): boolean {
    const queryToken = typeof query.access_token === 'string' ? query.access_token : undefined;
    if (version < 4) return this.tokenValid(queryToken);
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (bearer?.[1] && this.jwtValid(bearer[1])) return true;
    return acceptQueryTokenOnV4 && this.tokenValid(queryToken);
  }

  /** POST /authenticate: form field `access_token` (lenient: JSON body or query string too, §1.3). */
  authenticate(
    bodyText: string,
    contentType: string | undefined,
    query: Query,
  ): string | undefined {
    const body = parseBody(bodyText, contentType);
    const fromBody =
      body !== null && typeof body === 'object'
        ? (body as Record<string, unknown>).access_token
        : undefined;
    const candidate =
      typeof fromBody === 'string'
        ? fromBody
        : typeof query.access_token === 'string'
          ? query.access_token
          : undefined;
    return this.tokenValid(candidate) ? this.issue() : undefined;
  }
}
