import type { Playbook } from '../../src/playbook/schema.js';
import type { Fact } from '../../src/qualification/types.js';
import { decide } from '../../src/scoring/scorer.js';
import type { Logger } from '../../src/logger.js';
import { openDatabase, type Database, type LeadRecord } from '../../src/storage/index.js';
import { createTestDatabase } from '../storage/pg-test-server.js';

/** A fresh database of the engine (SQLite in memory, or a PostgreSQL database of its own), and how to drop it. */
export async function openEngine(engine: 'sqlite' | 'postgres', logger: Logger): Promise<{ db: Database; close(): Promise<void> }> {
  if (engine === 'sqlite') {
    const db = await openDatabase({ url: ':memory:', dataDir: ':memory:', logger });
    return { db, close: () => db.close() };
  }
  const database = await createTestDatabase();
  const db = await openDatabase({ url: database.url, dataDir: '/nonexistent', logger });
  return {
    db,
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
}

/** A stored lead as the bot records it: facts (dimension → level), the decision the playbook gave them, the playbook. */
export interface SeedLead {
  id: string;
  levels: Record<string, string>;
  /** The visitor's own messages, stored as the transcript. */
  visitor?: string[];
  playbookVersion?: string;
  channel?: string;
  verdict?: 'accepted' | 'rejected';
  crm?: 'won' | 'lost';
}

function fact(dimension: string, value: string): Fact {
  return { dimension, value, evidence: `${dimension} ${value}`, confidence: 0.9, source: 'rules', turn: 1 };
}

export async function seedLead(db: Database, playbook: Playbook, seed: SeedLead): Promise<LeadRecord> {
  const facts = Object.fromEntries(Object.entries(seed.levels).map(([dimension, level]) => [dimension, fact(dimension, level)]));
  const decision = decide(playbook, { facts, knockouts: [], contradictions: {}, unclear: [], complete: true });
  const conversationId = `conv-${seed.id}`;
  const at = new Date().toISOString();
  const lead = await db.leads.upsert({
    id: seed.id,
    conversationId,
    channel: seed.channel ?? 'webchat',
    locale: 'en',
    status: 'decided',
    facts,
    knockouts: [],
    decision,
    context: {},
    contact: {},
    usage: { llmCalls: 0, tokensIn: 0, tokensOut: 0 },
    playbookId: playbook.id,
    playbookVersion: seed.playbookVersion ?? playbook.version,
    startedAt: at,
    decidedAt: at,
  });
  if (seed.visitor) await db.transcripts.appendMany(seed.visitor.map((text, index) => ({ conversationId, from: 'visitor' as const, text, at, activityId: `${seed.id}-${index}` })));
  if (seed.verdict) {
    const handoff = await db.handoffs.create({ id: `handoff-${seed.id}`, conversationId, leadId: lead.id, reason: 'high_score', score: decision.score, tier: decision.tier, packet: {} });
    await db.feedback.recordVerdict({
      handoffId: handoff.id,
      leadId: lead.id,
      conversationId,
      verdict: seed.verdict,
      outcome: seed.verdict,
      missingSignals: [],
      corrections: [],
      via: 'console',
      decidedAt: at,
    });
  }
  if (seed.crm) await db.feedback.recordOutcome({ eventId: `crm-${seed.id}`, leadId: lead.id, kind: seed.crm, occurredAt: at }, new Date());
  return lead;
}
