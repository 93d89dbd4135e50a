/**
 * CPU per reply on the Bot Connector path, in this process against a loopback connector that only acknowledges:
 * a new ConnectorClient per reply (what botbuilder's CloudAdapter did per turn), one kept client with the generated
 * Activity serialisation, the same kept client sending plain JSON bodies (what Qualibot does), and bare
 * `http.request` with keep-alive as the floor. The figures behind src/runtime/reused-connector-clients.ts and
 * plain-json-activity-bodies.ts. The sink runs in this process too, so each figure includes its (equal) share.
 * Run: node --import tsx bench/reply-path.ts [--replies 3000]
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { sendPlainJsonActivities } from '../src/runtime/plain-json-activity-bodies.js';
import { fmt } from './lib/stats.js';

const { values } = parseArgs({ options: { replies: { type: 'string', default: '3000' } } });
const replies = Number(values.replies);

const sink = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
});
sink.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const baseUri = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

// A question as the bot sends it: text, suggested actions, the bot's channel data.
const activity: Partial<Activity> = {
  type: 'message',
  text: 'Merci. Avez-vous un budget prévu pour ce projet ?',
  from: { id: 'bot', name: 'Qualibot' },
  recipient: { id: 'visitor-1', name: 'Visitor' },
  conversation: { id: 'conversation-1' } as Activity['conversation'],
  replyToId: 'activity-1',
  channelId: 'webchat',
  serviceUrl: baseUri,
  locale: 'fr-FR',
  inputHint: 'expectingInput',
  suggestedActions: { to: ['visitor-1'], actions: [{ type: 'imBack', title: 'Oui', value: 'Oui' }, { type: 'imBack', title: 'Non', value: 'Non' }] },
  channelData: { qualibot: { ask: 'money' } },
};
const credentials = new MicrosoftAppCredentials('', '');
const reply = (client: ConnectorClient) => client.conversations.replyToActivity('conversation-1', 'activity-1', activity);

const agent = new Agent({ keepAlive: true });
const bareReply = () =>
  new Promise<void>((resolve, reject) => {
    const body = JSON.stringify(activity);
    const req = request(`${baseUri}/v3/conversations/conversation-1/activities/activity-1`, { method: 'POST', agent, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });

const kept = new ConnectorClient(credentials, { baseUri });
const keptPlain = sendPlainJsonActivities(new ConnectorClient(credentials, { baseUri }));
const ways: Array<[string, () => Promise<unknown>]> = [
  ['new ConnectorClient per reply (botbuilder per turn)', () => reply(new ConnectorClient(credentials, { baseUri }))],
  ['kept client, generated Activity serialisation', () => reply(kept)],
  ['kept client, plain JSON body (Qualibot)', () => reply(keptPlain)],
  ['bare http.request, keep-alive (floor)', bareReply],
];

console.log(`| way of sending one reply | CPU ms per reply (${replies} replies, after ${replies / 10} warm-up) |\n| --- | ---: |`);
for (const [name, send] of ways) {
  for (let warm = 0; warm < replies / 10; warm++) await send();
  const before = process.cpuUsage();
  for (let n = 0; n < replies; n++) await send();
  const used = process.cpuUsage(before);
  console.log(`| ${name} | ${fmt((used.user + used.system) / 1000 / replies, 3)} |`);
}
await new Promise<void>((resolve) => sink.close(() => resolve()));
agent.destroy();
