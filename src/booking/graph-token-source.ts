import { calendarErrorFor, CalendarError } from './calendar-port.js';

export interface GraphTokenOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** e.g. `https://graph.microsoft.com/.default`. */
  scope: string;
  timeoutMs: number;
  now?: () => number;
}

/** App-only tokens (OAuth 2.0 client credentials) for Graph, kept until a minute before they expire. */
export class GraphTokenSource {
  private cached?: { value: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(private readonly options: GraphTokenOptions) {}

  async token(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && this.cached.expiresAt > now) return this.cached.value;
    this.pending ??= this.fetchToken(now).finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** After a 401: the next call asks for a new token. */
  forget(): void {
    this.cached = undefined;
  }

  private async fetchToken(now: number): Promise<string> {
    const response = await fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret, scope: this.options.scope }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    // The identity platform answers a wrong secret or client id with 400/401 `invalid_client`.
    if (response.status === 400 || response.status === 401) {
      const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string };
      throw new CalendarError('calendar_unauthorized', `Graph token: ${body.error ?? `HTTP ${response.status}`} (check BOOKING_GRAPH_CLIENT_ID / BOOKING_GRAPH_CLIENT_SECRET)`);
    }
    const error = calendarErrorFor(response.status, 'Graph token');
    if (error) throw error;
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new CalendarError('calendar_failed', 'Graph token: no access_token in the answer');
    this.cached = { value: body.access_token, expiresAt: now + Math.max(0, (body.expires_in ?? 3600) - 60) * 1000 };
    return body.access_token;
  }
}
