import { createHmac, timingSafeEqual } from 'node:crypto';

/** SDR sessions last a working day. */
export const TOKEN_TTL_MS = 8 * 60 * 60 * 1000;

export interface TokenClaims {
  sdrId: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

/**
 * Stateless session tokens: `base64url(JSON claims).base64url(HMAC-SHA256)`, signed with
 * `SDR_TOKEN_SECRET` so any instance sharing the secret accepts them.
 */
export class SdrTokens {
  constructor(
    private readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  issue(sdrId: string): { token: string; expiresAt: string } {
    const exp = this.now().getTime() + TOKEN_TTL_MS;
    const body = Buffer.from(JSON.stringify({ sdrId, exp } satisfies TokenClaims)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp).toISOString() };
  }

  /** The claims of a genuine, unexpired token; undefined otherwise. */
  verify(token: string | undefined): TokenClaims | undefined {
    const [body, signature, extra] = (token ?? '').split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: Partial<TokenClaims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    } catch {
      return undefined;
    }
    if (typeof claims.sdrId !== 'string' || typeof claims.exp !== 'number' || claims.exp <= this.now().getTime()) return undefined;
    return { sdrId: claims.sdrId, exp: claims.exp };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
