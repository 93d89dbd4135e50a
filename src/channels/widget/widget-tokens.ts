import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who a token speaks for: ids are always chosen by the server, never by the browser. */
export interface WidgetClaims {
  visitorId: string;
  conversationId: string;
}

export interface WidgetTokenOptions {
  /** How long a visitor may come back to the same conversation. */
  visitorTtlMs?: number;
  /** How long a socket token may be used to open a socket (each reconnect asks for a new one). */
  socketTtlMs?: number;
  now?: () => number;
}

type TokenKind = 'visitor' | 'socket';

interface TokenPayload {
  k: TokenKind;
  v: string;
  c: string;
  exp: number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A random, URL-safe id with a readable prefix (`v_` visitor, `c_` conversation). */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/**
 * HMAC-signed, self-contained tokens: nothing to store server side, and several instances sharing
 * WIDGET_SECRET accept each other's tokens. The kind is signed too, so a socket token cannot be
 * replayed as a long-lived visitor token.
 */
export class WidgetTokens {
  private readonly visitorTtlMs: number;
  private readonly socketTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly secret: string,
    options: WidgetTokenOptions = {},
  ) {
    if (secret.length < 16) throw new Error('The widget secret must be at least 16 characters long.');
    this.visitorTtlMs = options.visitorTtlMs ?? 30 * DAY_MS;
    this.socketTtlMs = options.socketTtlMs ?? 2 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  issueVisitorToken(claims: WidgetClaims): string {
    return this.sign('visitor', claims, this.visitorTtlMs);
  }

  issueSocketToken(claims: WidgetClaims): string {
    return this.sign('socket', claims, this.socketTtlMs);
  }

  verifyVisitorToken(token: unknown): WidgetClaims | undefined {
    return this.verify('visitor', token);
  }

  verifySocketToken(token: unknown): WidgetClaims | undefined {
    return this.verify('socket', token);
  }

  private sign(kind: TokenKind, claims: WidgetClaims, ttlMs: number): string {
    const payload: TokenPayload = { k: kind, v: claims.visitorId, c: claims.conversationId, exp: this.now() + ttlMs };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  private verify(kind: TokenKind, token: unknown): WidgetClaims | undefined {
    if (typeof token !== 'string' || token.length > 1024) return undefined;
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let payload: Partial<TokenPayload>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenPayload>;
    } catch {
      return undefined;
    }
    if (payload.k !== kind || typeof payload.exp !== 'number' || payload.exp < this.now()) return undefined;
    if (typeof payload.v !== 'string' || typeof payload.c !== 'string') return undefined;
    if (!ID_PATTERN.test(payload.v) || !ID_PATTERN.test(payload.c)) return undefined;
    return { visitorId: payload.v, conversationId: payload.c };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
