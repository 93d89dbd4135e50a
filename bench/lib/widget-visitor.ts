import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import type { LabelledCase } from '../../src/replay/labelled-case.js';

/** What a scripted visitor says when the bot asks about `ask` (undefined: the visitor leaves). */
export type Answerer = (ask: string | undefined) => string | undefined;

/** Answers like the replay engine does: `answers[ask]`, or the next `visitor` line. */
export function answererFor(labelled: LabelledCase): Answerer {
  const lines = [...(labelled.visitor ?? [])];
  return (ask) => (labelled.answers ? (ask ? labelled.answers[ask] : undefined) : lines.shift());
}

export interface VisitorOutcome {
  /** postActivity → the server's echo of that message, per message (ms). */
  ackMs: number[];
  /** postActivity → the bot's first message after it, per message (ms). */
  replyMs: number[];
  /** Problems seen: failed session, socket closed or errored, error frames, timeouts. */
  errors: string[];
  /** The route the bot announced, if it did. */
  route?: string;
  /** Visitor messages sent. */
  sent: number;
}

interface Frame {
  type: string;
  code?: string;
  activity?: { type?: string; from?: { role?: string }; channelData?: { clientActivityID?: string; qualibot?: { ask?: string; route?: string } } };
}

/**
 * One website visitor driving the widget protocol from Node, as Web Chat would: opens a session,
 * connects the socket, waits for the bot's question, answers it, measures the echo and the reply.
 */
export class WidgetVisitor {
  readonly outcome: VisitorOutcome = { ackMs: [], replyMs: [], errors: [], sent: 0 };
  private ws?: WebSocket;
  private ready = false;
  private pendingAsk?: string;
  private lastBotMessageAt = 0;
  private echoed = new Set<string>();
  private sentAt?: { id: string; at: bigint; replied: boolean };
  private wake: Array<() => void> = [];
  private closedByUs = false;

  constructor(
    private readonly baseUrl: string,
    private readonly locale: string,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Session + socket + the bot's greeting and first question. False (with the error recorded) when that failed. */
  async connect(): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/api/widget/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ locale: this.locale, context: { pageUrl: 'https://bench.invalid/pricing' } }),
      });
      if (response.status !== 200) {
        this.outcome.errors.push(`session_http_${response.status}`);
        await response.body?.cancel();
        return false;
      }
      const session = (await response.json()) as { socketToken: string };
      const url = `${this.baseUrl.replace(/^http/, 'ws')}/api/widget/socket?token=${encodeURIComponent(session.socketToken)}&watermark=0`;
      const ws = new WebSocket(url);
      this.ws = ws;
      ws.on('message', (data) => this.onFrame(JSON.parse(String(data)) as Frame));
      ws.on('error', (error) => this.outcome.errors.push(`socket_error: ${error.message}`));
      ws.on('close', () => {
        if (!this.closedByUs) this.outcome.errors.push('socket_closed');
        this.notify();
      });
      await this.until(() => this.ready && (this.pendingAsk !== undefined || this.outcome.route !== undefined), 'greeting');
      return true;
    } catch (error) {
      this.outcome.errors.push(`connect: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * Answers every question until the bot announces a route or the script runs out (the visitor leaves).
   * `startDelayMs` is waited once, before the first answer (visitors do not all arrive in the same second).
   */
  async converse(answer: Answerer, thinkMs: () => number, startDelayMs = 0): Promise<void> {
    try {
      if (startDelayMs > 0) await sleep(startDelayMs);
      while (this.outcome.route === undefined) {
        const ask = this.pendingAsk;
        this.pendingAsk = undefined;
        const text = answer(ask);
        if (text === undefined) return;
        await sleep(thinkMs());
        const id = `bench-${this.outcome.sent}`;
        this.sentAt = { id, at: process.hrtime.bigint(), replied: false };
        this.outcome.sent += 1;
        this.ws!.send(JSON.stringify({ type: 'activity', activity: { type: 'message', text, locale: this.locale, channelData: { clientActivityID: id } } }));
        await this.until(() => this.echoed.has(id), 'echo');
        await this.until(() => this.sentAt!.replied, 'reply');
        // The turn is over when the bot asks again or announces the route; silence means it has nothing more to ask.
        await this.until(() => this.pendingAsk !== undefined || this.outcome.route !== undefined || Date.now() - this.lastBotMessageAt > 5000, 'next question');
        if (this.pendingAsk === undefined && this.outcome.route === undefined) return;
      }
    } catch (error) {
      this.outcome.errors.push((error as Error).message);
    }
  }

  close(): void {
    this.closedByUs = true;
    this.ws?.close();
  }

  private onFrame(frame: Frame): void {
    if (frame.type === 'ready') this.ready = true;
    if (frame.type === 'error') this.outcome.errors.push(`error_frame: ${frame.code}`);
    const activity = frame.activity;
    if (frame.type === 'activity' && activity?.type === 'message') {
      const clientId = activity.channelData?.clientActivityID;
      if (activity.from?.role === 'user' && clientId) {
        this.echoed.add(clientId);
        if (this.sentAt?.id === clientId) this.outcome.ackMs.push(msSince(this.sentAt.at));
      } else if (activity.from?.role === 'bot') {
        this.lastBotMessageAt = Date.now();
        if (this.sentAt && !this.sentAt.replied) {
          this.sentAt.replied = true;
          this.outcome.replyMs.push(msSince(this.sentAt.at));
        }
        const { ask, route } = activity.channelData?.qualibot ?? {};
        if (ask) this.pendingAsk = ask;
        if (route) this.outcome.route = route;
      }
    }
    this.notify();
  }

  private notify(): void {
    for (const wake of this.wake.splice(0)) wake();
  }

  /** Waits until `done()` holds (checked on every frame and every second), or fails after the timeout. */
  private async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timeout: ${what}`);
      if (this.ws && this.ws.readyState > WebSocket.OPEN) throw new Error(`socket closed while waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
