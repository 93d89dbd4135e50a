import type { Extraction } from '../../src/extraction/extractor.js';
import type { ModelOutput } from '../../src/extraction/llm/extraction-schema.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import type { Locale } from '../../src/qualification/types.js';
import { FakeOpenAiServer, type ChatRequestBody } from '../../test/fakes/fake-openai-server.js';

/** How long the fake model "thinks" before each answer. */
export type LatencyModel = { fixedMs: number } | { minMs: number; maxMs: number };

export interface FakeLlm {
  /** What OPENAI_BASE_URL should be. */
  baseURL: string;
  /** Chat-completion calls answered so far. */
  calls(): number;
  /** The last request body received (to replay the same request through the bare SDK). */
  lastBody(): ChatRequestBody | undefined;
  close(): Promise<void>;
}

const ASKED_LINE = /^(?:Dimension sur laquelle le bot vient de poser sa question|Dimension the bot just asked about) ?: (.*)$/m;
const VISITOR_MESSAGE = /<visitor_message>\n([\s\S]*)\n<\/visitor_message>/;

/**
 * The fake OpenAI-compatible server (test/fakes) with a plausible model behind it: it answers what
 * the rules extractor reads in the fenced visitor message, in the structured-output shape, after the
 * configured latency. So LLM mode takes the same routes as rules mode, and what is measured is the
 * cost of the call path, not the quality of a model. Token counts are the fake's estimate (chars / 4).
 */
export async function startFakeLlm(latency: LatencyModel): Promise<FakeLlm> {
  const playbook = loadPlaybook('champ');
  const rules = new RulesExtractor(playbook);
  // Bench visitors repeat the same lines: the answer of a (locale, question, message) is computed once.
  const answers = new Map<string, ModelOutput>();
  let calls = 0;
  let last: ChatRequestBody | undefined;
  const server = await FakeOpenAiServer.start((body) => {
    calls += 1;
    last = body;
    // The recorded bodies are only for tests; a thousand conversations would keep megabytes of prompts.
    server.requests.length = 0;
    const latencyMs = 'fixedMs' in latency ? latency.fixedMs : latency.minMs + Math.random() * (latency.maxMs - latency.minMs);
    return { latencyMs, json: answer(body) };
  });

  function answer(body: ChatRequestBody): ModelOutput {
    const user = [...body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
    const text = VISITOR_MESSAGE.exec(user)?.[1] ?? '';
    const asked = ASKED_LINE.exec(user)?.[1]?.trim();
    const locale: Locale = /^Dimension sur/m.test(user) ? 'fr' : 'en';
    const key = `${locale}\u0000${asked}\u0000${text}`;
    let output = answers.get(key);
    if (!output) {
      output = toModelOutput(rules.read({ text, locale, askedDimension: asked && asked !== '-' ? asked : undefined, turn: 1, known: {}, history: [] }));
      answers.set(key, output);
    }
    return output;
  }

  return { baseURL: server.baseURL, calls: () => calls, lastBody: () => last, close: () => server.close() };
}

/** A rules extraction in the shape the model is asked for (first fact per dimension). */
function toModelOutput(extraction: Extraction): ModelOutput {
  const facts: NonNullable<ModelOutput['facts']> = {};
  for (const fact of extraction.facts) {
    if (facts[fact.dimension]) continue;
    facts[fact.dimension] = {
      level: fact.value,
      evidence: fact.evidence,
      confidence: fact.confidence,
      ...(fact.amount ? { amount: fact.amount.value, amountUpTo: fact.amount.upTo ?? null, currency: fact.amount.currency, period: fact.amount.period } : {}),
      ...(fact.months !== undefined ? { months: fact.months } : {}),
      ...(fact.headcount !== undefined ? { headcount: fact.headcount } : {}),
      ...(fact.sector ? { sector: fact.sector } : {}),
    };
  }
  const { email, phone, name } = extraction.contact;
  return {
    facts,
    knockouts: extraction.knockouts.map((hit) => ({ id: hit.id, evidence: hit.evidence })),
    contact: email || phone || name ? { email: email ?? null, phone: phone ?? null, name: name ?? null } : null,
  };
}
