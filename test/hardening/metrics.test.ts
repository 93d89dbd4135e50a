import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { answerTo, asked, HOT_FR, qualibotData } from './support/conversation.js';
import { startHardenedApp, sumSamples, type HardenedApp } from './support/hardened-app.js';

const STUDENT = "Bonjour ! Je suis étudiante en master marketing et je prépare un mémoire sur l'externalisation commerciale.";

async function qualifyHot(t: HardenedApp): Promise<string> {
  const conversationId = `metrics-${randomUUID()}`;
  let replies = await t.say(conversationId, HOT_FR.challenge);
  for (let step = 0; step < 6 && asked(replies); step += 1) replies = await t.say(conversationId, answerTo(HOT_FR, asked(replies)));
  expect(replies.map((reply) => qualibotData(reply)?.route).filter(Boolean)).toEqual(['handoff']);
  return conversationId;
}

/** Every metric of /metrics, with values that make sense after real conversations. */
describe('/metrics and structured logs after real conversations', () => {
  describe('rules extractor', () => {
    let t: HardenedApp;
    let hot: string;
    beforeAll(async () => {
      t = await startHardenedApp({ RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
      hot = await qualifyHot(t);
      await t.say(`metrics-student-${randomUUID()}`, STUDENT);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('counts turns and their latency, extractions by extractor, routes by reason, handoffs by state', async () => {
      const text = (await t.get('/metrics')).body;
      const metric = (name: string, labels?: Record<string, string>) => sumSamples(text, name, labels);
      // 5 hot answers + 1 student message.
      expect(metric('qualibot_turns_total', { channel: 'webchat', type: 'message', outcome: 'ok' })).toBe(6);
      expect(metric('qualibot_turns_total', { outcome: 'error' })).toBeNaN();
      expect(metric('qualibot_turn_duration_seconds_count', { channel: 'webchat' })).toBe(6);
      const turnSeconds = metric('qualibot_turn_duration_seconds_sum', { channel: 'webchat' });
      expect(turnSeconds).toBeGreaterThan(0);
      expect(turnSeconds).toBeLessThan(60);
      expect(metric('qualibot_turn_duration_seconds_bucket', { channel: 'webchat', le: '+Inf' })).toBe(6);
      expect(metric('qualibot_extraction_duration_seconds_count', { extractor: 'rules' })).toBeGreaterThanOrEqual(5);
      expect(metric('qualibot_extraction_duration_seconds_sum', { extractor: 'rules' })).toBeGreaterThan(0);
      expect(metric('qualibot_routes_total', { route: 'handoff', reason: 'high_score' })).toBe(1);
      expect(metric('qualibot_routes_total', { route: 'disqualify' })).toBe(1);
      expect(metric('qualibot_handoffs', { status: 'queued' }) + metric('qualibot_handoffs', { status: 'live' })).toBe(1);
      expect(metric('qualibot_handoffs', { status: 'closed' })).toBe(0);
      // Decided leads wait in the outbox (no CRM configured here, so nothing drains it).
      expect(metric('qualibot_outbox_backlog')).toBeGreaterThanOrEqual(1);
      // No LLM here: its counters exist and stay at zero.
      expect(metric('qualibot_llm_calls_total')).toBe(0);
      // Process metrics come along.
      expect(metric('qualibot_process_cpu_seconds_total')).toBeGreaterThan(0);
      expect((await t.get('/metrics')).status).toBe(200);
    });

    it('logs decisions as structured JSON carrying the conversation id', async () => {
      const decided = t.logs.records().filter((record) => record.msg === 'lead decided');
      expect(decided).toContainEqual(expect.objectContaining({ conversationId: hot, route: 'handoff', handoffReason: 'high_score', leadId: expect.any(String), level: 30, service: 'qualibot' }));
      expect(decided.every((record) => typeof record.conversationId === 'string' && typeof record.time === 'number')).toBe(true);
    });
  });

  describe('LLM extractor against the fake OpenAI server', () => {
    let fake: FakeOpenAiServer;
    let t: HardenedApp;
    let failNext = 0;
    beforeAll(async () => {
      fake = await FakeOpenAiServer.start(() => (failNext-- > 0 ? { malformed: true, usage: { prompt_tokens: 700, completion_tokens: 5 } } : { json: { facts: {} }, usage: { prompt_tokens: 800, completion_tokens: 40 } }));
      t = await startHardenedApp({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, LLM_TIMEOUT_MS: '3000', RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await fake?.close();
    });

    it('counts LLM calls, tokens by direction, errors by reason and latency under the llm+rules extractor', async () => {
      await qualifyHot(t);
      failNext = 1;
      await t.say(`metrics-llm-error-${randomUUID()}`, HOT_FR.challenge);
      const text = (await t.get('/metrics')).body;
      const metric = (name: string, labels?: Record<string, string>) => sumSamples(text, name, labels);
      const calls = fake.calls;
      // Six messages read; the short, explicit role answer ("Je suis directrice commerciale, je valide les
      // prestataires.") costs no call (src/extraction/llm-worth-calling.ts).
      expect(calls).toBe(5);
      expect(metric('qualibot_llm_calls_total')).toBe(calls);
      expect(metric('qualibot_llm_tokens_total', { direction: 'in' })).toBe(4 * 800 + 700);
      expect(metric('qualibot_llm_tokens_total', { direction: 'out' })).toBe(4 * 40 + 5);
      expect(metric('qualibot_llm_errors_total')).toBe(1);
      expect(text).toMatch(/qualibot_llm_errors_total\{reason="[a-z_]+"\} 1/);
      expect(metric('qualibot_extraction_duration_seconds_count', { extractor: 'llm+rules' })).toBe(6);
      expect(metric('qualibot_extraction_duration_seconds_sum', { extractor: 'llm+rules' })).toBeGreaterThan(0);
      expect(metric('qualibot_routes_total', { route: 'handoff', reason: 'high_score' })).toBe(1);
    });
  });
});
