import { randomUUID } from 'node:crypto';
import type { HandoffInput } from '../../src/storage/ports/handoffs.js';
import type { LeadInput } from '../../src/storage/ports/leads.js';

/** A unique id with a readable prefix, so tests never collide on a shared store. */
export const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export function leadInput(overrides: Partial<LeadInput> = {}): LeadInput {
  return {
    id: uid('lead'),
    conversationId: uid('conv'),
    channel: 'webchat',
    locale: 'fr',
    status: 'qualifying',
    facts: {
      challenge: { dimension: 'challenge', value: 'pipeline', evidence: 'pas assez de rendez-vous', confidence: 0.9, source: 'rules', turn: 1 },
    },
    knockouts: [],
    decision: null,
    context: { pageUrl: 'https://example.test/pricing', visitedPricing: true },
    contact: { email: 'Visitor@Example.test', name: 'Ada' },
    usage: { llmCalls: 1, tokensIn: 120, tokensOut: 30 },
    playbookId: 'champ-outsourced-prospecting',
    playbookVersion: '2026-11-26.1',
    ...overrides,
  };
}

export function handoffInput(overrides: Partial<HandoffInput> = {}): HandoffInput {
  return {
    id: uid('handoff'),
    conversationId: uid('conv'),
    leadId: uid('lead'),
    reason: 'high_score',
    score: 82.5,
    tier: 'hot',
    packet: { summary: 'Needs 20 meetings a month', facts: ['challenge'] },
    ...overrides,
  };
}

/** Retries `fn` while it throws an eTag conflict (with a little jitter so contenders spread out). */
export async function retryOnConflict<T>(fn: () => Promise<T>, isConflict: (error: unknown) => boolean, attempts = 500): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `predicate` holds, or rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await sleep(10);
  }
}
