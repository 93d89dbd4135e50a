import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer, type FakeBehaviour } from '../fakes/fake-openai-server.js';
import { asked, HOT_FR } from './support/conversation.js';
import { startHardenedApp, type HardenedApp } from './support/hardened-app.js';

// Long enough to go to the model: a short explicit answer ("Je suis directrice commerciale.") costs no call
// (src/extraction/llm-worth-calling.ts), and these tests count calls.
const AUTHORITY_READ_BY_THE_MODEL = "Je suis directrice commerciale et c'est moi qui valide les prestataires chez nous.";

type Readiness = { status: string; checks: Record<string, { ok: boolean; degraded?: boolean; detail?: { breaker?: string; fallback?: string } }> };

const COOL_DOWN_MS = 1200;
const TIMEOUT_MS = 400;

/**
 * The LLM slow, down or talking nonsense: every turn is still answered (by the rules), /readyz tells
 * the breaker's state, and the LLM is used again once it recovers, without a restart.
 * Decision: an open breaker is "degraded", /readyz stays 200 — the rules answer, and every instance
 * shares the same LLM, so pulling this one out of the load balancer would not help anyone.
 */
describe('LLM faults', () => {
  let fake: FakeOpenAiServer;
  let t: HardenedApp;
  type Mode = 'ok' | 'garbage' | 'hang' | 'down' | 'error';
  let mode = 'ok' as Mode;
  const behaviours: Record<Mode, FakeBehaviour> = {
    ok: { json: { facts: {} }, usage: { prompt_tokens: 800, completion_tokens: 40 } },
    garbage: { malformed: true },
    hang: { hang: true },
    down: { destroy: true },
    error: { status: 503 },
  };

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start(() => behaviours[mode]);
    t = await startHardenedApp({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      LLM_TIMEOUT_MS: String(TIMEOUT_MS),
      LLM_BREAKER_COOLDOWN_MS: String(COOL_DOWN_MS),
      RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0',
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const readiness = async () => {
    const response = await t.get('/readyz');
    return { status: response.status, body: response.json() as Readiness };
  };

  /** Answers the question on screen and checks the conversation moved on; returns how long the turn took. */
  async function turn(conversationId: string, text: string, expectedNext: string): Promise<number> {
    const started = Date.now();
    const replies = await t.say(conversationId, text);
    expect(asked(replies)).toBe(expectedNext);
    expect(replies.map((reply) => reply.text).join(' ')).not.toMatch(/hiccup|souci/i);
    return Date.now() - started;
  }

  async function recover(): Promise<void> {
    mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, COOL_DOWN_MS + 100));
    const before = fake.calls;
    // The first turn after the cool-down is the breaker's trial call; it succeeds and closes the circuit.
    await turn(`recover-${randomUUID()}`, HOT_FR.challenge, 'company');
    expect(fake.calls).toBe(before + 1);
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.checks.llm).toEqual({ ok: true, detail: { breaker: 'closed' } });
  }

  it('reports a closed breaker while the LLM answers', async () => {
    await turn(`ok-${randomUUID()}`, HOT_FR.challenge, 'company');
    expect(fake.calls).toBe(1);
    const ready = await readiness();
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { llm: { ok: true, detail: { breaker: 'closed' } }, database: { ok: true } } } });
  });

  it('garbage output: answered by the rules, breaker opens after 3 failures (degraded, 200), then recovers', async () => {
    mode = 'garbage';
    const conversationId = `garbage-${randomUUID()}`;
    const calls = fake.calls;
    await turn(conversationId, HOT_FR.challenge, 'company');
    await turn(conversationId, HOT_FR.company, 'authority');
    await turn(conversationId, AUTHORITY_READ_BY_THE_MODEL, 'money');
    expect(fake.calls).toBe(calls + 3);
    const degraded = await readiness();
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.checks.llm).toMatchObject({ ok: true, degraded: true, detail: { breaker: 'open', fallback: 'rules' } });
    // While open, the LLM is not even called: the visitor gets the rules' answer at once.
    await turn(conversationId, HOT_FR.money, 'prioritization');
    expect(fake.calls).toBe(calls + 3);
    expect(await t.metric('qualibot_llm_errors_total')).toBeGreaterThanOrEqual(4);
    await recover();
  });

  it('a hanging LLM costs one timeout, then the circuit opens and turns are fast again', async () => {
    mode = 'hang';
    const conversationId = `hang-${randomUUID()}`;
    const first = await turn(conversationId, HOT_FR.challenge, 'company');
    expect(first).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(first).toBeLessThan(TIMEOUT_MS + 3000);
    expect((await readiness()).body.checks.llm?.detail?.breaker).toBe('open');
    // Open circuit: the next turn does not wait on the model at all (no call is even made).
    const calls = fake.calls;
    await turn(conversationId, HOT_FR.company, 'authority');
    expect(fake.calls).toBe(calls);
    expect(await t.metric('qualibot_llm_errors_total', { reason: 'timeout' })).toBeGreaterThanOrEqual(1);
    await recover();
  });

  it('an LLM that is down (connection dropped, or 503) fails fast to the rules and recovers', async () => {
    for (const failure of ['down', 'error'] as const) {
      mode = failure;
      const conversationId = `${failure}-${randomUUID()}`;
      await turn(conversationId, HOT_FR.challenge, 'company');
      await turn(conversationId, HOT_FR.company, 'authority');
      await turn(conversationId, AUTHORITY_READ_BY_THE_MODEL, 'money');
      const degraded = await readiness();
      expect(degraded.status).toBe(200);
      expect(degraded.body.checks.llm?.detail?.breaker).toBe('open');
      // The database is fine: only the LLM is named.
      expect(degraded.body.checks.database?.ok).toBe(true);
      await recover();
    }
    expect(t.logs.records().filter((record) => record.msg === 'turn failed')).toEqual([]);
    // /healthz never depended on the LLM.
    expect((await t.get('/healthz')).status).toBe(200);
  });
});
