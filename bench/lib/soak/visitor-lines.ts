import { WebSocket } from 'ws';
import type { ConnectorActivity, FakeConnector } from './fake-connector.js';
import type { Door } from './ledger.js';

/** A bot message as a visitor sees it, whatever the channel. */
export interface BotMessage {
  text: string;
  ask?: string;
  route?: string;
  fromSdr?: boolean;
}

/** One visitor's end of a conversation: the widget socket or the Bot Framework protocol. */
export interface VisitorLine {
  readonly door: Door;
  readonly conversationId: string;
  /** False once the visitor left or the channel vanished. */
  readonly alive: boolean;
  onMessage: (message: BotMessage) => void;
  /** Connects and makes the bot greet (widget: session + socket; Bot Framework: conversationUpdate). */
  open(): Promise<void>;
  send(text: string): Promise<void>;
  close(): void;
}

let sequence = 0;

/** The website widget's real protocol: POST /api/widget/session, then its WebSocket. */
export class WidgetLine implements VisitorLine {
  readonly door = 'widget';
  conversationId = '';
  onMessage: (message: BotMessage) => void = () => undefined;
  private ws?: WebSocket;
  private closedByUs = false;

  constructor(
    private readonly baseUrl: string,
    private readonly locale: string,
    private readonly onError: (kind: string) => void,
  ) {}

  get alive(): boolean {
    return !this.closedByUs && this.ws?.readyState === WebSocket.OPEN;
  }

  async open(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/widget/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: this.locale, context: { pageUrl: 'https://soak.invalid/pricing' } }),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`widget_session_http_${response.status}`);
    }
    const session = (await response.json()) as { socketToken: string; conversationId: string };
    this.conversationId = session.conversationId;
    const ws = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/api/widget/socket?token=${encodeURIComponent(session.socketToken)}&watermark=0`);
    this.ws = ws;
    ws.on('message', (data) => this.onFrame(JSON.parse(String(data)) as WidgetFrame));
    ws.on('error', () => this.onError('widget_socket_error'));
    ws.on('close', () => {
      if (!this.closedByUs) this.onError('widget_socket_closed_by_server');
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  async send(text: string): Promise<void> {
    if (!this.alive) throw new Error('widget socket not open');
    this.ws!.send(JSON.stringify({ type: 'activity', activity: { type: 'message', text, locale: this.locale, channelData: { clientActivityID: `soak-${(sequence += 1)}` } } }));
  }

  close(): void {
    this.closedByUs = true;
    this.ws?.close();
  }

  private onFrame(frame: WidgetFrame): void {
    if (frame.type === 'error') this.onError(`widget_error_frame_${frame.code}`);
    const activity = frame.activity;
    if (frame.type !== 'activity' || activity?.type !== 'message' || activity.from?.role !== 'bot') return;
    const qualibot = activity.channelData?.qualibot ?? {};
    this.onMessage({ text: activity.text ?? '', ask: qualibot.ask, route: qualibot.route, fromSdr: qualibot.fromSdr });
  }
}

interface WidgetFrame {
  type: string;
  code?: string;
  activity?: { type?: string; text?: string; from?: { role?: string }; channelData?: { qualibot?: { ask?: string; route?: string; fromSdr?: boolean } } };
}

/** A channel behind the Bot Connector: activities POSTed to /api/messages, replies received by a fake connector. */
export class BotFrameworkLine implements VisitorLine {
  readonly door = 'bot-framework';
  readonly conversationId = `soak-bf-${(sequence += 1)}-${Date.now().toString(36)}`;
  private readonly visitorId = `visitor-${this.conversationId}`;
  onMessage: (message: BotMessage) => void = () => undefined;
  private left = false;
  private vanished = false;

  constructor(
    private readonly baseUrl: string,
    private readonly connector: FakeConnector,
    private readonly locale: string,
  ) {}

  get alive(): boolean {
    return !this.left && !this.vanished;
  }

  /** Its connector vanished: nothing reaches this visitor any more. */
  channelVanished(): void {
    this.vanished = true;
  }

  async open(): Promise<void> {
    this.connector.listen(this.conversationId, (activity) => this.onActivity(activity));
    await this.post({ type: 'conversationUpdate', membersAdded: [{ id: this.visitorId }] });
  }

  async send(text: string): Promise<void> {
    if (!this.alive) throw new Error('channel gone');
    await this.post({ type: 'message', text });
  }

  close(): void {
    this.left = true;
    this.connector.forget(this.conversationId);
  }

  private async post(fields: Record<string, unknown>): Promise<void> {
    const activity = {
      id: `a-${(sequence += 1)}`,
      channelId: 'webchat',
      serviceUrl: this.connector.url,
      conversation: { id: this.conversationId },
      from: { id: this.visitorId },
      recipient: { id: 'bot' },
      locale: this.locale,
      timestamp: new Date().toISOString(),
      ...fields,
    };
    const response = await fetch(`${this.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await response.body?.cancel();
    if (response.status >= 300) throw new Error(`bot_framework_http_${response.status}`);
  }

  private onActivity(activity: ConnectorActivity): void {
    if (activity.type !== 'message') return;
    const qualibot = activity.channelData?.qualibot ?? {};
    this.onMessage({ text: activity.text ?? '', ask: qualibot.ask, route: qualibot.route, fromSdr: qualibot.fromSdr });
  }
}
