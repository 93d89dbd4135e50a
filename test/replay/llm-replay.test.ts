import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/bot/build-bot.js';
import { loadConfig } from '../../src/config.js';
import { createExtractor } from '../../src/extraction/create-extractor.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { createLogger } from '../../src/logger.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { readLabelledCase, routeLabel, type LabelledCase } from '../../src/replay/labelled-case.js';
import { replayCase, type ReplayResult } from '../../src/replay/replay-engine.js';
import { type FakeBehaviour, useFakeOpenAiServer } from '../fakes/fake-openai-server.js';

const logger = createLogger('silent');
const playbook = loadPlaybook('champ');
const rules = new RulesExtractor(playbook);
const caseFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readLabelledCase(join(dir, name)));

const fake = useFakeOpenAiServer();

/** The real bot with the LLM extractor pointed at the fake (a fresh breaker per conversation). */
async function replayWithLlm(labelled: LabelledCase, rephrase = false): Promise<ReplayResult> {
  const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, LLM_TIMEOUT_MS: '600', LLM_REPHRASE: String(rephrase), LOG_LEVEL: 'silent' });
  return replayCase(buildBot({ playbook, extractor: createExtractor(config, playbook, logger), logger }), labelled, logger);
}

async function replayWithRules(labelled: LabelledCase): Promise<ReplayResult> {
  return replayCase(buildBot({ playbook, extractor: rules, logger }), labelled, logger);
}

const asks = (result: ReplayResult) => result.transcript.filter((line) => line.from === 'bot' && line.ask).map((line) => line.ask);

describe('labelled conversations replayed with the LLM extractor against the fake server', () => {
  it('makes at most one LLM call per visitor message and, when the model finds nothing, routes exactly as the rules do', async () => {
    fake.respondWith(() => ({ json: { facts: {}, knockouts: [] }, usage: { prompt_tokens: 700, completion_tokens: 20 } }));
    const cases = caseFiles('test/conversations').filter((_, index) => index % 3 === 0);
    let calls = 0;
    let messages = 0;
    for (const labelled of cases) {
      const [withLlm, withRules] = [await replayWithLlm(labelled), await replayWithRules(labelled)];
      expect(withLlm.llmCalls, labelled.id).toBeLessThanOrEqual(withLlm.turns);
      expect(withLlm.tokensIn).toBe(withLlm.llmCalls * 700);
      expect(routeLabel(withLlm.route, withLlm.handoffReason), labelled.id).toBe(routeLabel(withRules.route, withRules.handoffReason));
      calls += withLlm.llmCalls;
      messages += withLlm.turns;
    }
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(messages);
    expect(fake.calls).toBe(calls);
  });

  const hot = caseFiles('test/conversations').find((labelled) => labelled.id === 'fr-example-hot')!;
  const failures: Array<[string, FakeBehaviour]> = [
    ['429 twice', { status: 429, retryAfter: 0 }],
    ['500', { status: 500 }],
    ['a hang (timeout)', { hang: true }],
    ['malformed JSON', { malformed: true }],
    ['schema-invalid output', { raw: '{"facts": {"money": {"level": "millions", "evidence": 42}}}' }],
    ['evidence not in the text', { json: { facts: { authority: { level: 'decision_maker', evidence: 'I am the CEO and I sign', confidence: 1 } }, knockouts: [] } }],
  ];
  it.each(failures)('on %s the visitor still gets the right next questions and the rules route', async (_name, behaviour) => {
    fake.respondWith(() => behaviour);
    const expected = await replayWithRules(hot);
    const result = await replayWithLlm(hot);
    expect(asks(result)).toEqual(asks(expected));
    expect(routeLabel(result.route, result.handoffReason)).toBe('handoff/high_score');
    expect(result.score).toBe(expected.score);
    expect(result.transcript.filter((line) => line.from === 'bot').map((line) => line.text).join('\n')).not.toMatch(/error|erreur|stack/i);
  });

  it('LLM_REPHRASE: an accepted rephrasing replaces the next question, the playbook text comes back otherwise', async () => {
    fake.respondWith((body) => {
      // A line of the user prompt (prompts/extract-facts/user.*.txt) names the dimension just asked.
      const asked = /^Dimension[^:\n]*: (\w+)/m.exec(body.messages.at(-1)?.content ?? '')?.[1];
      return asked === 'challenge'
        ? { json: { facts: {}, knockouts: [], rephrasedQuestion: { dimension: 'company', text: 'Merci ! Et votre entreprise, elle compte combien de personnes ?' } } }
        : { json: { facts: {}, knockouts: [] } };
    });
    const result = await replayWithLlm(hot, true);
    const questions = result.transcript.filter((line) => line.from === 'bot' && line.ask);
    expect(questions.find((line) => line.ask === 'company')?.text).toBe('Merci ! Et votre entreprise, elle compte combien de personnes ?');
    expect(questions.find((line) => line.ask === 'authority')?.text).toMatch(/Quel est votre rôle/);
    expect(routeLabel(result.route, result.handoffReason)).toBe('handoff/high_score');
  });
});
