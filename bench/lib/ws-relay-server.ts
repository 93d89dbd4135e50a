// Baseline for the widget: a bare `ws` server speaking the same wire protocol with no bot behind it.
// It echoes each visitor message at once and answers after the same simulated model latency
// (BENCH_REPLY_MIN_MS..BENCH_REPLY_MAX_MS), asking the five CHAMP questions in order, then a route.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { answerBenchProbes } from './server-probe.js';

answerBenchProbes();
const MIN_MS = Number(process.env.BENCH_REPLY_MIN_MS ?? 1000);
const MAX_MS = Number(process.env.BENCH_REPLY_MAX_MS ?? 3000);
const ASKS = ['challenge', 'company', 'authority', 'money', 'prioritization'];
const BOT = { id: 'bot', role: 'bot' };
let conversations = 0;

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/api/widget/session') {
    req.resume();
    req.on('end', () => {
      conversations += 1;
      const id = `c${conversations}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ visitorToken: id, conversationId: id, socketToken: id, resumed: false }));
    });
    return;
  }
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  if (!req.url?.startsWith('/api/widget/socket')) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
});

function accept(ws: WebSocket): void {
  let seq = 0;
  let asked = 0;
  const send = (activity: Record<string, unknown>) => ws.send(JSON.stringify({ type: 'activity', watermark: ++seq, activity: { id: `a${seq}`, ...activity } }));
  const question = () => send({ type: 'message', from: BOT, text: `Question ${asked + 1}`, channelData: { qualibot: { ask: ASKS[asked] } } });
  send({ type: 'message', from: BOT, text: 'Bonjour' });
  send({ type: 'message', from: BOT, text: 'Notice' });
  question();
  ws.send(JSON.stringify({ type: 'ready', conversationId: 'c', watermark: seq }));
  ws.on('message', (data) => {
    const { activity } = JSON.parse(String(data)) as { activity: Record<string, unknown> };
    send({ ...activity, from: { id: 'visitor', role: 'user' } });
    setTimeout(() => {
      asked += 1;
      if (asked < ASKS.length) question();
      else send({ type: 'message', from: BOT, text: 'Merci', channelData: { qualibot: { route: 'nurture' } } });
    }, MIN_MS + Math.random() * (MAX_MS - MIN_MS));
  });
}

server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`));
