import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/bot/build-bot.js';
import { loadConfig } from '../../src/config.js';
import { createExtractor } from '../../src/extraction/create-extractor.js';
import { createLogger } from '../../src/logger.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import type { LabelledCase } from '../../src/replay/labelled-case.js';
import { replayCase, type ReplayResult } from '../../src/replay/replay-engine.js';
import { useFakeOpenAiServer } from '../fakes/fake-openai-server.js';

/**
 * With a model configured, the rules and the model read every message. Where they disagree on a knockout or on a
 * number (headcount, amount, months), neither vetoes the other: the lead goes to a person (handoff/ambiguous)
 * with both readings and both pieces of evidence. Played through the real bot and the real OpenAI SDK against
 * the fake OpenAI-compatible server.
 */
const logger = createLogger('silent');
const playbook = loadPlaybook('champ');
const fake = useFakeOpenAiServer();

type ModelFacts = Record<string, Record<string, unknown>>;

/** The model's answer per asked dimension; what the visitor says is in `answers`. */
function modelAnswers(byDimension: Record<string, { facts?: ModelFacts; knockouts?: Array<{ id: string; evidence: string }> }>): void {
  fake.respondWith((body) => {
    // The user message names the dimension just asked (prompts/extract-facts/user.*.txt).
    const messages = (body as { messages?: Array<{ role: string; content: string }> }).messages ?? [];
    const user = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
    const asked = /^(?:Dimension the bot just asked about|Dimension sur laquelle le bot vient de poser sa question) ?: (.*)$/m.exec(user)?.[1]?.trim();
    const answer = (asked && byDimension[asked]) || {};
    return { json: { facts: answer.facts ?? {}, knockouts: answer.knockouts ?? [] }, usage: { prompt_tokens: 500, completion_tokens: 30 } };
  });
}

async function replay(labelled: LabelledCase): Promise<ReplayResult> {
  const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, LLM_TIMEOUT_MS: '2000', LOG_LEVEL: 'silent', WARM_UP: 'false' });
  return replayCase(buildBot({ playbook, extractor: createExtractor(config, playbook, logger), logger }), labelled, logger);
}

const HOT = {
  challenge: 'Nos commerciaux ne décrochent plus assez de rendez-vous qualifiés.',
  authority: 'Je suis le directeur commercial, je décide.',
  money: 'Nous avons 4 000 € par mois de budget validé.',
  prioritization: 'On veut démarrer le mois prochain.',
};

describe('rules and model disagree: a person decides, with both readings', () => {
  it('a headcount read two ways (rules: 8, below the ICP; model: 80) is ambiguous, not a silent disqualification', async () => {
    // The model's number must be in the visitor's words (grounding): here both 8 and 80 are.
    modelAnswers({ company: { facts: { company: { level: 'in_icp', evidence: '80 au total avec les usines', confidence: 0.9, headcount: 80, sector: null } } } });
    const result = await replay({ id: 'headcount-disputed', locale: 'fr-FR', answers: { ...HOT, company: 'On est 8 ici à Lyon, 80 au total avec les usines.' } });
    expect([result.route, result.handoffReason]).toEqual(['handoff', 'ambiguous']);
    const reason = result.reasons.find((line) => line.rule === 'company:contradictory');
    expect(reason?.detail).toContain('rules: below_icp_size');
    expect(reason?.detail).toContain('model: in_icp');
    expect(result.knockouts).toEqual([]);
  });

  it('a knockout only the rules read (a student) is disputed: ambiguous, with the rules\' words', async () => {
    modelAnswers({ challenge: { facts: { challenge: { level: 'clear_problem', evidence: 'pas assez de rendez-vous', confidence: 0.9 } } } });
    const result = await replay({
      id: 'student-disputed',
      locale: 'fr-FR',
      answers: { ...HOT, challenge: "Je suis étudiant en alternance et on n'a pas assez de rendez-vous.", company: 'Éditeur de logiciel, 120 salariés.' },
    });
    expect([result.route, result.handoffReason]).toEqual(['handoff', 'ambiguous']);
    expect(result.reasons.find((line) => line.rule === 'ambiguous:disputed-knockout')).toMatchObject({ evidence: expect.stringContaining('étudiant') });
  });

  it('a knockout only the model read (a vendor) is disputed too: no silent model veto', async () => {
    modelAnswers({ challenge: { facts: { challenge: { level: 'clear_problem', evidence: 'pas assez de rendez-vous', confidence: 0.9 } }, knockouts: [{ id: 'vendor', evidence: 'on travaille avec des agences' }] } });
    const result = await replay({
      id: 'vendor-disputed',
      locale: 'fr-FR',
      answers: { ...HOT, challenge: "On travaille avec des agences mais on n'a pas assez de rendez-vous.", company: 'Éditeur de logiciel, 120 salariés.' },
    });
    expect([result.route, result.handoffReason]).toEqual(['handoff', 'ambiguous']);
    expect(result.reasons.find((line) => line.rule === 'ambiguous:disputed-knockout')?.detail).toContain('the model read it, the rules did not');
  });

  it('a knockout both read is a knockout', async () => {
    modelAnswers({ challenge: { knockouts: [{ id: 'student', evidence: 'Je suis étudiant' }] } });
    const result = await replay({ id: 'student-agreed', locale: 'fr-FR', answers: { challenge: 'Je suis étudiant, je fais un mémoire sur la prospection.' } });
    expect(result.route).toBe('disqualify');
  });
});
