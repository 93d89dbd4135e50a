import { describe, expect, it } from 'vitest';
import { CombinedExtractor } from '../../src/extraction/combined-extractor.js';
import { LlmCallError } from '../../src/extraction/llm/llm-call-error.js';
import { LlmExtractor, type LlmExtractorConfig } from '../../src/extraction/llm/llm-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { useFakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { inputFor, ruleFact, ScriptedExtractor } from '../fakes/scripted-extractor.js';

const playbook = loadPlaybook('champ');
const TEXT = 'I am the head of sales and we need more meetings';
const GOOD = {
  facts: {
    authority: { level: 'decision_maker', evidence: 'I am the head of sales', confidence: 0.9 },
    challenge: { level: 'clear_problem', evidence: 'we need more meetings', confidence: 0.9 },
  },
};
const rules = ScriptedExtractor.returning({ facts: [ruleFact('challenge', 'clear_problem', { evidence: 'need more meetings' })] });

const fake = useFakeOpenAiServer();

function llm(extra: Partial<LlmExtractorConfig> = {}): LlmExtractor {
  return new LlmExtractor(playbook, {
    apiKey: 'k',
    baseURL: fake.baseURL,
    timeoutMs: 2000,
    rephrase: false,
    retry: { retryBaseMs: 20 },
    ...extra,
  });
}

function combined(extra: Partial<LlmExtractorConfig> = {}): CombinedExtractor {
  return new CombinedExtractor(playbook, rules, llm(extra));
}

async function failureOf(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LlmCallError);
  return error as LlmCallError;
}

describe('retries', () => {
  it('retries once after a 429 and succeeds: exactly 2 calls', async () => {
    fake.enqueue({ status: 429 }, { json: GOOD, usage: { prompt_tokens: 500, completion_tokens: 60 } });
    const result = await combined().extract(inputFor(TEXT));
    expect(fake.calls).toBe(2);
    expect(result.extractor).toBe('llm+rules');
    expect(result.usage).toEqual({ llmCalls: 2, tokensIn: 500, tokensOut: 60 });
    expect(result.facts.map((fact) => fact.dimension).sort()).toEqual(['authority', 'challenge']);
  });

  it('falls back to rules after 500 twice (one retry, no more)', async () => {
    fake.enqueue({ status: 500 }, { status: 500 }, { json: GOOD });
    const result = await combined().extract(inputFor(TEXT));
    expect(fake.calls).toBe(2);
    expect(result.extractor).toBe('rules (llm fallback: server_error)');
    expect(result.facts).toEqual(await rules.extract(inputFor(TEXT)).then((r) => r.facts));
    expect(result.usage).toEqual({ llmCalls: 2, tokensIn: 0, tokensOut: 0 });
  });

  it('retries after a dropped connection', async () => {
    fake.enqueue({ destroy: true }, { json: GOOD });
    const result = await llm().extract(inputFor(TEXT));
    expect(fake.calls).toBe(2);
    expect(result.facts).toHaveLength(2);
  });

  it('does not retry when Retry-After exceeds what is left of the budget', async () => {
    fake.enqueue({ status: 429, retryAfter: 30 }, { json: GOOD });
    const started = Date.now();
    const result = await combined().extract(inputFor(TEXT));
    expect(fake.calls).toBe(1);
    expect(result.extractor).toBe('rules (llm fallback: rate_limited)');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry a client error (e.g. bad API key)', async () => {
    fake.enqueue({ status: 401 }, { json: GOOD });
    expect((await failureOf(llm().extract(inputFor(TEXT)))).reason).toBe('client_error');
    expect(fake.calls).toBe(1);
  });
});

describe('timeouts', () => {
  it('falls back when the model hangs, within about timeoutMs, without a retry', async () => {
    fake.enqueue({ hang: true }, { json: GOOD });
    const started = Date.now();
    const result = await combined({ timeoutMs: 400 }).extract(inputFor(TEXT));
    const elapsed = Date.now() - started;
    expect(result.extractor).toBe('rules (llm fallback: timeout)');
    expect(fake.calls).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(900);
  });

  it('counts the retry inside the same budget: a slow second attempt is cut at the deadline', async () => {
    fake.enqueue({ status: 503 }, { hang: true });
    const started = Date.now();
    const failure = await failureOf(llm({ timeoutMs: 600 }).extract(inputFor(TEXT)));
    expect(failure.reason).toBe('timeout');
    expect(fake.calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up at once when the turn is abandoned (input.signal), without blaming the service', async () => {
    fake.enqueue({ hang: true });
    const controller = new AbortController();
    const extractor = llm({ timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const failure = await failureOf(extractor.extract(inputFor(TEXT, { signal: controller.signal })));
    expect(failure.reason).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(extractor.breaker.state).toBe('closed');
  });
});

describe('unusable output', () => {
  it('falls back on malformed JSON', async () => {
    fake.enqueue({ malformed: true, usage: { prompt_tokens: 400, completion_tokens: 20 } });
    const result = await combined().extract(inputFor(TEXT));
    expect(result.extractor).toBe('rules (llm fallback: malformed_output)');
    expect(result.usage).toEqual({ llmCalls: 1, tokensIn: 400, tokensOut: 20 });
    expect(fake.calls).toBe(1);
  });

  it.each(['json_schema', 'tool'] as const)('falls back on schema-invalid output (%s shape)', async (mode) => {
    fake.enqueue({ json: { facts: { authority: { level: 'chief', evidence: 'I am the head of sales', confidence: 0.9 } } } });
    const result = await combined({ structuredOutput: mode }).extract(inputFor(TEXT));
    expect(result.extractor).toBe('rules (llm fallback: schema_invalid)');
    expect(result.facts).toHaveLength(1);
    expect(result.facts[0]?.source).toBe('rules');
  });

  it('falls back on an empty answer and on a refusal', async () => {
    fake.enqueue({ raw: '' }, { refusal: 'I cannot help with that.' });
    expect((await combined().extract(inputFor(TEXT))).extractor).toBe('rules (llm fallback: empty_output)');
    expect((await combined().extract(inputFor(TEXT))).extractor).toBe('rules (llm fallback: refused)');
  });

  it('ignores score, tier and route fields the model adds', async () => {
    fake.enqueue({
      json: {
        score: 100,
        tier: 'hot',
        route: 'handoff',
        decision: { route: 'handoff' },
        facts: { authority: { level: 'decision_maker', evidence: 'I am the head of sales', confidence: 0.9, points: 25, score: 25 } },
      },
    });
    const result = await llm().extract(inputFor(TEXT));
    expect(result.facts).toEqual([
      { dimension: 'authority', value: 'decision_maker', evidence: 'I am the head of sales', confidence: 0.9, source: 'llm', turn: 1 },
    ]);
    expect(Object.keys(result).sort()).toEqual(['contact', 'extractor', 'facts', 'knockouts', 'usage']);
  });
});

describe('grounding in the real flow', () => {
  it('drops a fact whose evidence the visitor never wrote, keeps the grounded ones', async () => {
    fake.enqueue({
      json: {
        facts: {
          authority: { level: 'decision_maker', evidence: 'I sign off every purchase', confidence: 0.95 },
          challenge: { level: 'clear_problem', evidence: 'we need more meetings', confidence: 0.9 },
        },
        knockouts: [{ id: 'student', evidence: 'I am a student' }],
      },
    });
    const result = await llm().extract(inputFor(TEXT));
    expect(result.facts.map((fact) => fact.dimension)).toEqual(['challenge']);
    expect(result.knockouts).toEqual([]);
  });

  it('drops a budget fact whose amount the visitor never wrote', async () => {
    fake.enqueue({
      json: {
        facts: {
          money: { level: 'allocated', evidence: 'we have a budget', confidence: 0.9, amount: 50000, currency: 'EUR', period: 'year' },
          challenge: { level: 'clear_problem', evidence: 'not enough pipeline', confidence: 0.9 },
        },
      },
    });
    const result = await llm().extract(inputFor('We have a budget, about 40 000 € a year, and not enough pipeline.'));
    expect(result.facts.map((fact) => fact.dimension)).toEqual(['challenge']);
  });

  it('keeps an amount the visitor wrote as "40k" and a headcount written "1 200"', async () => {
    fake.enqueue({
      json: {
        facts: {
          money: { level: 'allocated', evidence: 'around 40k€ a year', confidence: 0.9, amount: 40000, currency: '€', period: 'year' },
          company: { level: 'in_icp', evidence: 'we are 1 200 people', confidence: 0.9, headcount: 1200, sector: null },
        },
      },
    });
    const result = await llm().extract(inputFor('We are 1 200 people, budget around 40k€ a year'));
    expect(result.facts.find((fact) => fact.dimension === 'money')?.amount).toEqual({ value: 40000, currency: 'EUR', period: 'year' });
    expect(result.facts.find((fact) => fact.dimension === 'company')?.headcount).toBe(1200);
  });

  it('keeps evidence quoted from an earlier message, with that message\'s turn', async () => {
    fake.enqueue({ json: { facts: { authority: { level: 'decision_maker', evidence: "I'm the founder", confidence: 0.9 } } } });
    const result = await llm().extract(inputFor('yes, I decide', { turn: 4, history: ['hi', 'I’m the founder of Acme', 'we need leads'] }));
    expect(result.facts).toMatchObject([{ dimension: 'authority', turn: 2 }]);
  });
});

describe('CombinedExtractor errors', () => {
  it('surfaces a rules extractor bug instead of hiding it', async () => {
    fake.enqueue({ json: GOOD });
    const broken = new ScriptedExtractor(() => {
      throw new Error('rules bug');
    });
    await expect(new CombinedExtractor(playbook, broken, llm()).extract(inputFor(TEXT))).rejects.toThrow('rules bug');
  });

  it('falls back with reason "error" when a non-LLM extractor fails for an unknown reason', async () => {
    const flaky = new ScriptedExtractor(() => {
      throw new Error('boom');
    }, 'other-llm');
    const result = await new CombinedExtractor(playbook, rules, flaky).extract(inputFor(TEXT));
    expect(result.extractor).toBe('rules (llm fallback: error)');
  });
});
