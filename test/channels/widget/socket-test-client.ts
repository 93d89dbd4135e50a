import type { Activity } from 'botbuilder';
import { WebSocket } from 'ws';
import type { SessionResponse } from '../../../src/channels/widget/widget-sessions.js';
import type { ServerFrame } from '../../../src/channels/widget/wire-protocol.js';

export async function postSession(baseUrl: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${baseUrl}/api/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export async function openSession(baseUrl: string, body: Record<string, unknown> = { locale: 'fr-FR' }): Promise<SessionResponse> {
  const { status, body: session } = await postSession(baseUrl, body);
  if (status !== 200) throw new Error(`session failed: ${status} ${JSON.stringify(session)}`);
  return session as SessionResponse;
}

export function socketUrl(baseUrl: string, token: string, watermark = 0): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/widget/socket?token=${encodeURIComponent(token)}&watermark=${watermark}`;
}

/** A raw protocol client: records every frame, waits for the ones a test expects. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      for (const wake of [...this.waiters]) wake();
    });
    ws.on('close', () => {
      for (const wake of [...this.waiters]) wake();
    });
  }

  static open(baseUrl: string, session: SessionResponse, watermark = 0, headers: Record<string, string> = {}): Promise<TestSocket> {
    const ws = new WebSocket(socketUrl(baseUrl, session.socketToken, watermark), { headers });
    return new Promise((resolve, reject) => {
      const client = new TestSocket(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Activity frames received so far (optionally only stored ones, i.e. with a watermark). */
  activities(options: { storedOnly?: boolean } = {}): Array<Extract<ServerFrame, { type: 'activity' }>> {
    return this.frames.filter((frame): frame is Extract<ServerFrame, { type: 'activity' }> => frame.type === 'activity' && (!options.storedOnly || frame.watermark !== undefined));
  }

  messages(): Partial<Activity>[] {
    return this.activities().map((frame) => frame.activity).filter((activity) => activity.type === 'message');
  }

  sendActivity(activity: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ type: 'activity', activity }));
  }

  async waitFor<T extends ServerFrame>(predicate: (frame: ServerFrame) => frame is T, timeoutMs?: number): Promise<T>;
  async waitFor(predicate: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  async waitFor(predicate: (frame: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames.map((f) => f.type === 'activity' ? `${f.watermark}:${f.activity.type}:${f.activity.text ?? ''}` : f.type))}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((waiter) => waiter !== wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(1, deadline - Date.now()));
        this.waiters.push(wake);
      });
    }
  }

  /** Waits until `count` stored activities have arrived. */
  async waitForStored(count: number, timeoutMs = 5000): Promise<void> {
    await this.waitFor(() => this.activities({ storedOnly: true }).length >= count, timeoutMs);
  }

  close(): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Refused handshake: resolves with the HTTP status the server answered. */
export function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the socket was accepted'));
    });
    ws.once('error', () => undefined);
  });
}
