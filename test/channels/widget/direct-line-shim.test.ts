import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TcpProxy, startTcpProxy } from './tcp-proxy.js';
import { type WidgetTestServer, startWidgetTestServer } from './widget-test-server.js';

/** The browser shim's surface, as Web Chat uses it. */
interface Subscription {
  unsubscribe(): void;
}
interface Observable<T> {
  subscribe(observer: { next?: (value: T) => void; error?: (error: any) => void; complete?: () => void }): Subscription;
}
interface Activity {
  id?: string;
  type: string;
  text?: string;
  locale?: string;
  channelData?: Record<string, unknown>;
}
interface ShimDirectLine {
  activity$: Observable<Activity>;
  connectionStatus$: Observable<number>;
  postActivity(activity: Activity): Observable<string>;
  end(): void;
  readonly conversationId?: string;
  readonly watermark: number;
}
interface ShimOptions {
  baseUrl: string;
  locale: string;
  context?: Record<string, unknown>;
  visitorToken?: string;
  onSession?: (session: { visitorToken: string; conversationId: string }) => void;
  onNotice?: (notice: { code: string }) => void;
  fetch?: typeof fetch;
  backoff?: { initialMs: number; maxMs: number };
  reconnectGraceMs?: number;
}

const SHIM = fileURLToPath(new URL('../../../src/channels/widget/public/direct-line.js', import.meta.url));
let createDirectLine: (options: ShimOptions) => ShimDirectLine;

beforeAll(async () => {
  await import(pathToFileURL(SHIM).href);
  createDirectLine = (options) =>
    (globalThis as any).QualibotDirectLine.createDirectLine({ WebSocket, backoff: { initialMs: 30, maxMs: 200 }, ...options });
});

let server: WidgetTestServer;
let proxy: TcpProxy | undefined;
const lines: ShimDirectLine[] = [];

afterEach(async () => {
  for (const line of lines.splice(0)) line.end();
  await proxy?.close();
  proxy = undefined;
  await server?.close();
  server = undefined as never; // each test starts its own
});

function open(options: Partial<ShimOptions> = {}) {
  const line = createDirectLine({ baseUrl: server.url, locale: 'fr-FR', ...options });
  lines.push(line);
  const statuses: number[] = [];
  const activities: Activity[] = [];
  line.connectionStatus$.subscribe({ next: (status) => statuses.push(status) });
  return { line, statuses, activities, start: () => line.activity$.subscribe({ next: (activity) => activities.push(activity) }) };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function post(line: ShimDirectLine, activity: Activity): Promise<string> {
  return new Promise((resolve, reject) => {
    line.postActivity(activity).subscribe({ next: resolve, error: reject });
  });
}

const conversationUpdates = () => server.bot.received.filter((activity) => activity.type === 'conversationUpdate').length;

describe('browser Direct Line shim (run in Node with the ws WebSocket)', () => {
  it('connects only when activity$ is first subscribed, reporting Uninitialized, Connecting, Online', async () => {
    server = await startWidgetTestServer();
    const { statuses, activities, start } = open();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statuses).toEqual([0]);
    expect(conversationUpdates()).toBe(0); // no session before subscription
    start();
    await until(() => activities.length === 3);
    expect(statuses).toEqual([0, 1, 2]);
    expect(activities[0]?.text).toMatch(/^Bonjour/);
  });

  it('shares one connection among subscribers; a late subscriber catches up on the current connection', async () => {
    server = await startWidgetTestServer();
    const { line, activities, start } = open();
    start();
    const second: Activity[] = [];
    line.activity$.subscribe({ next: (activity) => second.push(activity) });
    await until(() => activities.length === 3 && second.length === 3);
    const late: Activity[] = [];
    line.activity$.subscribe({ next: (activity) => late.push(activity) });
    expect(late.map((activity) => activity.id)).toEqual(activities.map((activity) => activity.id));
    expect(second.map((activity) => activity.id)).toEqual(activities.map((activity) => activity.id));
    expect(conversationUpdates()).toBe(1);
  });

  it('resolves postActivity with the server id when the echo (same clientActivityID) arrives; the page locale wins', async () => {
    server = await startWidgetTestServer();
    const { line, activities, start } = open({ locale: 'en-US' });
    start();
    await until(() => activities.length === 3);
    const id = await post(line, { type: 'message', text: 'Not enough sales meetings', locale: 'de-DE', channelData: { clientActivityID: 'wc-1' } });
    const echo = activities.find((activity) => activity.channelData?.clientActivityID === 'wc-1');
    expect(echo?.id).toBe(id);
    await until(() => server.bot.received.some((activity) => activity.type === 'message'));
    expect(server.bot.received.find((activity) => activity.type === 'message')?.locale).toBe('en-US');
    expect(await post(line, { type: 'typing' })).toEqual(expect.any(String)); // typing is not echoed: resolves at once
  });

  it('hides a short network drop from Web Chat: stays Online, delivers what was posted meanwhile once, replays what it missed', async () => {
    server = await startWidgetTestServer();
    proxy = await startTcpProxy(server.url);
    const { line, statuses, activities, start } = open({ baseUrl: proxy.url, reconnectGraceMs: 4000 });
    start();
    await until(() => activities.length === 3);

    proxy.pause(); // network down: the socket dies and reconnecting fails for a while
    const { adapter } = server.channel;
    await adapter.continueConversation(adapter.conversationReference(line.conversationId!), (context) => context.sendActivity('sent while you were away').then(() => undefined));
    const postedDuringDrop = post(line, { type: 'message', text: 'Notre pipeline est trop faible', channelData: { clientActivityID: 'during-drop' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.resume();
    const id = await postedDuringDrop;
    await until(() => activities.some((activity) => activity.text?.startsWith('Parlez-moi')));

    // A drop while a message is in flight: whether or not the server got it, it is handled once.
    const inFlight = post(line, { type: 'message', text: '80 salariés', channelData: { clientActivityID: 'in-flight' } });
    proxy.drop();
    await inFlight;
    await until(() => activities.some((activity) => activity.text === 'Noté : « 80 salariés »'));

    const stored = activities.filter((activity) => activity.type !== 'typing');
    expect(new Set(stored.map((activity) => activity.id)).size).toBe(stored.length); // no duplicates
    const expectedOrder = [/^Bonjour/, /^_Assistant/, /^Qu/, /^sent while you were away$/, /^Notre pipeline/, /^Noté/, /^Parlez-moi/, /^80 salariés$/, /^Noté/, /^Quel est votre rôle/];
    expect(stored).toHaveLength(expectedOrder.length);
    expectedOrder.forEach((pattern, index) => expect(stored[index]?.text).toMatch(pattern));
    expect(stored[4]?.id).toBe(id);
    expect(server.bot.received.filter((activity) => activity.type === 'message').map((activity) => activity.text)).toEqual(['Notre pipeline est trop faible', '80 salariés']);
    expect(line.watermark).toBe(10);
    expect(statuses).toEqual([0, 1, 2]); // Web Chat never saw the drops
  });

  it('reports Connecting after a longer outage, then reconnects with its watermark and gets what it missed', async () => {
    server = await startWidgetTestServer();
    proxy = await startTcpProxy(server.url);
    const { line, statuses, activities, start } = open({ baseUrl: proxy.url, reconnectGraceMs: 100 });
    start();
    await until(() => activities.length === 3);
    proxy.pause();
    await until(() => statuses.at(-1) === 1);
    await expect(post(line, { type: 'message', text: 'lost cause' })).rejects.toThrow(/not connected/);
    const { adapter } = server.channel;
    await adapter.continueConversation(adapter.conversationReference(line.conversationId!), (context) => context.sendActivity('sent while you were away').then(() => undefined));
    proxy.resume();
    await until(() => activities.some((activity) => activity.text === 'sent while you were away'));
    expect(statuses).toEqual([0, 1, 2, 1, 2]);
    expect(activities.map((activity) => activity.text).filter((text) => text === 'sent while you were away')).toHaveLength(1);
    expect(new Set(activities.map((activity) => activity.id)).size).toBe(activities.length);
    expect(line.watermark).toBe(4);
  });

  it('fails the post and raises a notice when the server refuses it (rate limit), and stays online', async () => {
    server = await startWidgetTestServer({ messagesPerMinute: 2 });
    const notices: string[] = [];
    const { line, statuses, activities, start } = open({ onNotice: (notice) => notices.push(notice.code) });
    start();
    await until(() => activities.length === 3);
    await post(line, { type: 'message', text: 'un' });
    await post(line, { type: 'message', text: 'deux' });
    await expect(post(line, { type: 'message', text: 'trois' })).rejects.toMatchObject({ code: 'rate_limited' });
    expect(notices).toEqual(['rate_limited']);
    expect(statuses.at(-1)).toBe(2);
  });

  it('gives up with FailedToConnect when the page origin is refused', async () => {
    server = await startWidgetTestServer({ allowedOrigins: ['https://www.prospekt.example'] });
    const notices: string[] = [];
    const fromEvil: typeof fetch = (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: 'https://evil.example' } });
    const { statuses, start } = open({ fetch: fromEvil, onNotice: (notice) => notices.push(notice.code) });
    start();
    await until(() => statuses.at(-1) === 4);
    expect(notices).toEqual(['origin_not_allowed']);
    expect(conversationUpdates()).toBe(0);
  });

  it('resumes the conversation with the visitor token it was given, history included', async () => {
    server = await startWidgetTestServer();
    let visitorToken = '';
    const first = open({ onSession: (session) => (visitorToken = session.visitorToken) });
    first.start();
    await until(() => first.activities.length === 3);
    first.line.end();
    expect(first.statuses.at(-1)).toBe(5);

    const again = open({ visitorToken });
    again.start();
    await until(() => again.activities.length === 3);
    expect(again.line.conversationId).toBe(first.line.conversationId);
    expect(again.activities.map((activity) => activity.id)).toEqual(first.activities.map((activity) => activity.id));
    expect(conversationUpdates()).toBe(1);
  });

  it('end() reports Ended, completes activity$ and fails posts', async () => {
    server = await startWidgetTestServer();
    const { line, statuses, start } = open();
    let completed = false;
    start();
    line.activity$.subscribe({ complete: () => (completed = true) });
    await until(() => statuses.at(-1) === 2);
    line.end();
    expect(statuses.at(-1)).toBe(5);
    expect(completed).toBe(true);
    await expect(post(line, { type: 'message', text: 'too late' })).rejects.toThrow(/ended/);
  });

  it('drops frames at or below its watermark, even if a server sends them twice', async () => {
    // A minimal fake server that misbehaves on purpose: it repeats and reorders stored frames.
    const http = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ visitorToken: 'v', conversationId: 'c', socketToken: 's', resumed: false }));
    });
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws) => {
      const frame = (watermark: number) => JSON.stringify({ type: 'activity', watermark, activity: { type: 'message', id: `a${watermark}`, text: `#${watermark}` } });
      for (const watermark of [1, 2, 2, 1, 3]) ws.send(frame(watermark));
      ws.send(JSON.stringify({ type: 'activity', activity: { type: 'typing' } }));
      ws.send(JSON.stringify({ type: 'ready', conversationId: 'c', watermark: 3 }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    try {
      const line = createDirectLine({ baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, locale: 'fr-FR' });
      lines.push(line);
      const seen: Activity[] = [];
      line.activity$.subscribe({ next: (activity) => seen.push(activity) });
      await until(() => seen.length === 4);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen.map((activity) => activity.id ?? activity.type)).toEqual(['a1', 'a2', 'a3', 'typing']);
      expect(line.watermark).toBe(3);
    } finally {
      for (const line of lines.splice(0)) line.end();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => http.close(() => resolve())));
    }
  });
});
