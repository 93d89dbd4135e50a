import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startReplySink } from './lib/reply-sink.js';
import { spawnServer } from './lib/spawn-server.js';

/** A realistic qualification, one message per turn; each conversation plays it once, then a new one starts. */
const SCRIPT = [
  "Bonjour, nos commerciaux n'ont plus assez de rendez-vous.",
  'Éditeur de logiciel, 140 salariés.',
  'Je suis directrice commerciale, je valide les prestataires.',
  'Nous avons 4 000 € par mois de budget prévu.',
  "Nous voulons démarrer d'ici un mois.",
];

export interface ThroughputResult {
  name: string;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  replies: number;
}

export interface ThroughputOptions {
  durationSeconds: number;
  connections: number;
}

/** Loads one server's /api/messages with autocannon: each request is the next turn of some conversation. */
async function load(name: string, url: string, serviceUrl: string, options: ThroughputOptions, replies: () => number): Promise<ThroughputResult> {
  let conversation = 0;
  const progress = new Map<number, number>();
  const lanes = options.connections * 4;
  const nextBody = () => {
    // Each lane walks its own conversation through the script, then starts a fresh one.
    const lane = conversation++ % lanes;
    const step = progress.get(lane) ?? 0;
    const id = Math.floor(step / SCRIPT.length);
    progress.set(lane, step + 1);
    return JSON.stringify({
      type: 'message',
      id: `a-${lane}-${step}`,
      channelId: 'webchat',
      serviceUrl,
      conversation: { id: `${name}-${lane}-${id}` },
      from: { id: `visitor-${lane}` },
      recipient: { id: 'bot' },
      locale: 'fr-FR',
      text: SCRIPT[step % SCRIPT.length],
    });
  };
  const before = replies();
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: nextBody() }) }],
  });
  return {
    name,
    turnsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    replies: replies() - before,
  };
}

/** Bare echo bot vs Qualibot (rules mode, SQLite), same machine, same load, same script. */
export async function runThroughput(options: ThroughputOptions): Promise<{ echo: ThroughputResult; qualibot: ThroughputResult; ratio: number }> {
  const sink = await startReplySink();
  const dataDir = mkdtempSync(join(tmpdir(), 'qualibot-bench-'));
  try {
    const echoServer = await spawnServer('bench/lib/echo-server.ts');
    const warm = { durationSeconds: 1, connections: options.connections };
    await load('warmup-echo', echoServer.url, sink.url, warm, sink.replies);
    const echo = await load('echo', echoServer.url, sink.url, options, sink.replies);
    await echoServer.stop();

    const qualibotServer = await spawnServer('bench/lib/qualibot-server.ts', { DATA_DIR: dataDir });
    await load('warmup-qualibot', qualibotServer.url, sink.url, warm, sink.replies);
    const qualibot = await load('qualibot', qualibotServer.url, sink.url, options, sink.replies);
    await qualibotServer.stop();
    return { echo, qualibot, ratio: qualibot.turnsPerSecond / echo.turnsPerSecond };
  } finally {
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
