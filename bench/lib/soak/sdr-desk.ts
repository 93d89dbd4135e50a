import { setTimeout as sleep } from 'node:timers/promises';
import type { SoakLedger } from './ledger.js';

export interface SdrDeskOptions {
  baseUrl: string;
  email: string;
  password: string;
  /** Share of new handoffs an SDR claims (the others time out into the no-SDR path). */
  claimShare: number;
  /** Claims happen this long after the handoff appears (uniform), well before the timeout. */
  claimAfterMs: [number, number];
  ledger: SoakLedger;
}

const OUTCOMES = ['accepted', 'rejected', 'meeting_booked'] as const;

/**
 * An SDR at the console, through the SDR API: logs in, follows the Server-Sent Events stream, claims
 * a share of the new handoffs, writes two messages to the visitor and closes with an outcome.
 */
export async function startSdrDesk(options: SdrDeskOptions): Promise<{ stop(): Promise<void>; stats: { claims: number; conflicts: number; failures: number } }> {
  const { baseUrl, ledger } = options;
  const login = await fetch(`${baseUrl}/api/sdr/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: options.email, password: options.password }) });
  if (login.status !== 200) throw new Error(`SDR login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const stats = { claims: 0, conflicts: 0, failures: 0 };
  const abort = new AbortController();
  const work = new Set<Promise<void>>();
  let tokenSequence = 0;

  const call = async (path: string, body: unknown = {}): Promise<number> => {
    const response = await fetch(`${baseUrl}/api/sdr/handoffs/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    await response.body?.cancel();
    return response.status;
  };

  async function takeOver(handoffId: string, conversationId: string): Promise<void> {
    const [min, max] = options.claimAfterMs;
    await sleep(min + Math.random() * (max - min));
    const claimed = await call(`${handoffId}/claim`);
    if (claimed === 409) {
      stats.conflicts += 1;
      return;
    }
    if (claimed !== 200) {
      stats.failures += 1;
      ledger.error(`sdr claim http ${claimed}`);
      return;
    }
    stats.claims += 1;
    ledger.handoffClaimed(conversationId);
    for (const line of ['Bonjour, je regarde votre dossier', 'Je vous envoie une proposition par e-mail']) {
      await sleep(1500 + Math.random() * 2000);
      const sdrToken = `sdr-${(tokenSequence += 1)}`;
      ledger.sdrSent(sdrToken, conversationId);
      const status = await call(`${handoffId}/messages`, { text: `${line} [${sdrToken}]` });
      if (status !== 200) ledger.error(`sdr message http ${status}`);
    }
    await sleep(2000);
    const closed = await call(`${handoffId}/close`, { outcome: OUTCOMES[Math.floor(Math.random() * OUTCOMES.length)] });
    if (closed !== 200) ledger.error(`sdr close http ${closed}`);
  }

  function onEvent(event: { type: string; change?: string; handoff?: { id: string; conversationId: string; createdAt: string } }): void {
    if (event.type !== 'queue' || event.change !== 'created' || !event.handoff) return;
    const { id, conversationId, createdAt } = event.handoff;
    ledger.handoffCreated(conversationId, Date.parse(createdAt));
    if (Math.random() >= options.claimShare) return;
    const task = takeOver(id, conversationId).catch((error: unknown) => ledger.error(`sdr: ${(error as Error).message}`));
    work.add(task);
    void task.finally(() => work.delete(task));
  }

  const stream = await fetch(`${baseUrl}/api/sdr/stream`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (stream.status !== 200 || !stream.body) throw new Error(`SDR stream failed: ${stream.status}`);
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (data) onEvent(JSON.parse(data.slice('data: '.length)) as Parameters<typeof onEvent>[0]);
        }
      }
      if (!abort.signal.aborted) ledger.error('sdr stream ended');
    } catch (error) {
      if (!abort.signal.aborted) ledger.error(`sdr stream: ${(error as Error).message}`);
    }
  })();

  return {
    stats,
    async stop() {
      await Promise.allSettled([...work]);
      abort.abort();
      await reading;
    },
  };
}
