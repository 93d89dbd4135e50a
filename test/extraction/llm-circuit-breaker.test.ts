import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CombinedExtractor } from '../../src/extraction/combined-extractor.js';
import { CircuitBreaker } from '../../src/extraction/llm/circuit-breaker.js';
import { LlmExtractor } from '../../src/extraction/llm/llm-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { FakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { inputFor, ruleFact, ScriptedExtractor } from '../fakes/scripted-extractor.js';

describe('CircuitBreaker', () => {
  function breakerAt(clock: { now: number }, failureThreshold = 3, coolDownMs = 30_000) {
    return new CircuitBreaker({ failureThreshold, coolDownMs, now: () => clock.now });
  }

  it('opens after N consecutive failures, not before', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 2; i += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryInMs).toBe(30_000);
  });

  it('forgets failures after a success', () => {
    const breaker = breakerAt({ now: 0 });
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });

  it('opens at once on a tripping failure (timeouts)', () => {
    const breaker = breakerAt({ now: 0 });
    breaker.failure({ trip: true });
    expect(breaker.state).toBe('open');
  });

  it('lets exactly one trial call through when half-open, then closes on success', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    breaker.failure({ trip: true });
    clock.now = 29_999;
    expect(breaker.tryAcquire()).toBe(false);
    clock.now = 30_000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false); // a second visitor does not join the trial
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('re-opens for a full cool-down when the trial fails', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    breaker.failure({ trip: true });
    clock.now = 30_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    clock.now = 59_999;
    expect(breaker.tryAcquire()).toBe(false);
    clock.now = 60_000;
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('frees the trial slot when the call is released (visitor left)', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    breaker.failure({ trip: true });
    clock.now = 30_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });
});

describe('circuit breaker around the real SDK', () => {
  const playbook = loadPlaybook('champ');
  const rules = ScriptedExtractor.returning({ facts: [ruleFact('challenge', 'clear_problem', { evidence: 'more meetings' })] });
  const GOOD = { facts: { challenge: { level: 'clear_problem', evidence: 'we need more meetings', confidence: 0.9 } } };
  let fake: FakeOpenAiServer;
  let clock: { now: number };

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    clock = { now: Date.parse('2026-11-26T10:00:00Z') };
  });

  function extractors(timeoutMs = 2000) {
    const llm = new LlmExtractor(playbook, {
      apiKey: 'k',
      baseURL: fake.baseURL,
      timeoutMs,
      rephrase: false,
      now: () => new Date(clock.now),
      breaker: { failureThreshold: 3, coolDownMs: 30_000 },
    });
    return { llm, combined: new CombinedExtractor(playbook, rules, llm) };
  }

  it('opens after 3 failed turns; the 4th turn does not hit the server and answers from rules at once', async () => {
    const { llm, combined } = extractors();
    fake.enqueue({ malformed: true }, { malformed: true }, { malformed: true }, { json: GOOD });
    for (let turn = 1; turn <= 3; turn += 1) {
      expect((await combined.extract(inputFor('we need more meetings', { turn }))).extractor).toBe('rules (llm fallback: malformed_output)');
    }
    expect(fake.calls).toBe(3);
    expect(llm.breaker.state).toBe('open');

    const started = Date.now();
    const fourth = await combined.extract(inputFor('we need more meetings', { turn: 4 }));
    expect(fourth.extractor).toBe('rules (llm fallback: circuit_open)');
    expect(fourth.usage.llmCalls).toBe(0);
    expect(fake.calls).toBe(3);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('opens on the first timeout: the next turn does not wait again', async () => {
    const { llm, combined } = extractors(300);
    fake.enqueue({ hang: true }, { hang: true });
    expect((await combined.extract(inputFor('we need more meetings'))).extractor).toBe('rules (llm fallback: timeout)');
    expect(llm.breaker.state).toBe('open');

    const started = Date.now();
    const next = await combined.extract(inputFor('we need more meetings', { turn: 2 }));
    expect(next.extractor).toBe('rules (llm fallback: circuit_open)');
    expect(Date.now() - started).toBeLessThan(100);
    expect(fake.calls).toBe(1);
  });

  it('recovers through half-open: after the cool-down one trial call goes through and closes the circuit', async () => {
    const { llm, combined } = extractors(300);
    fake.enqueue({ hang: true });
    await combined.extract(inputFor('we need more meetings'));
    expect(llm.breaker.state).toBe('open');

    clock.now += 30_000;
    expect(llm.breaker.state).toBe('half-open');
    fake.enqueue({ json: GOOD }, { json: GOOD });
    const trial = await combined.extract(inputFor('we need more meetings', { turn: 2 }));
    expect(trial.extractor).toBe('llm+rules');
    expect(llm.breaker.state).toBe('closed');
    expect((await combined.extract(inputFor('we need more meetings', { turn: 3 }))).extractor).toBe('llm+rules');
    expect(fake.calls).toBe(3);
  });

  it('re-opens when the half-open trial fails', async () => {
    const { llm, combined } = extractors(300);
    fake.enqueue({ hang: true });
    await combined.extract(inputFor('we need more meetings'));
    clock.now += 30_000;
    fake.enqueue({ status: 400 });
    expect((await combined.extract(inputFor('we need more meetings', { turn: 2 }))).extractor).toBe('rules (llm fallback: client_error)');
    expect(llm.breaker.state).toBe('open');
    expect((await combined.extract(inputFor('we need more meetings', { turn: 3 }))).extractor).toBe('rules (llm fallback: circuit_open)');
    expect(fake.calls).toBe(2);
  });
});
