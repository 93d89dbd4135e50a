/** The insights bench's data set: 100,000 conversations over a year on both engines, the same rows for each. */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

const DAY_MS = 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32): both engines get the same data. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, string | number | null>;
export interface Dataset {
  leads: Row[];
  handoffs: Row[];
  verdicts: Row[];
  missing: Row[];
  corrections: Row[];
  outcomes: Row[];
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export function generate(count: number, now: number): Dataset {
  const rand = random(15);
  const data: Dataset = { leads: [], handoffs: [], verdicts: [], missing: [], corrections: [], outcomes: [] };
  const levels = { authority: ['decision_maker', 'influencer', 'no_role'], money: ['allocated', 'possible', 'none'], prioritization: ['within_3_months', '3_to_6_months', 'later'] };
  for (let i = 0; i < count; i++) {
    const decided = now - Math.floor(rand() * 365 * DAY_MS);
    const started = decided - Math.floor(60_000 + rand() * 600_000);
    const score = Math.floor(rand() * 101);
    const knockout = rand() < 0.12;
    const route = knockout ? 'disqualify' : score >= 70 || rand() < 0.08 ? 'handoff' : 'nurture';
    const handoffReason = route === 'handoff' ? (score >= 70 ? 'high_score' : 'ambiguous') : null;
    const facts = Object.fromEntries(Object.entries(levels).map(([dimension, list]) => [dimension, { dimension, value: pick(rand, list), evidence: '…', confidence: 0.9, source: 'rules', turn: 1 }]));
    const id = `lead-${i}`;
    const conversationId = `conv-${i}`;
    const llmCalls = rand() < 0.3 ? 1 + Math.floor(rand() * 4) : 0;
    const utm = pick(rand, ['linkedin', 'google', 'newsletter', null, null]);
    const decision = { route, ...(handoffReason ? { handoffReason } : {}), score, tier: score >= 70 ? 'hot' : 'warm', reasons: [], knockouts: [], complete: rand() < 0.85 };
    data.leads.push({
      id, conversation_id: conversationId, channel: pick(rand, ['webchat', 'webchat', 'msteams', 'slack']), locale: pick(rand, ['fr', 'en']), status: 'decided',
      facts: JSON.stringify(facts), knockouts: knockout ? '[{"id":"student"}]' : '[]', decision: JSON.stringify(decision), context: JSON.stringify(utm ? { utm_source: utm } : {}),
      contact: '{}', usage: JSON.stringify({ llmCalls, tokensIn: llmCalls * 700, tokensOut: llmCalls * 90 }), playbook_id: 'champ', playbook_version: pick(rand, ['2026-06.1', '2026-11.2']),
      version: 1, created_at: new Date(decided).toISOString(), updated_at: new Date(decided).toISOString(), route, handoff_reason: handoffReason, score,
      complete: decision.complete ? 1 : 0, knockout_count: knockout ? 1 : 0, utm_source: utm, llm_calls: llmCalls, tokens: llmCalls * 790,
      visitor_messages: 2 + Math.floor(rand() * 8), started_at: new Date(started).toISOString(), decided_at: new Date(decided).toISOString(),
    });
    if (route !== 'handoff') continue;
    const handoffId = `handoff-${i}`;
    const claimed = rand() < 0.8 ? decided + Math.floor(rand() * 300_000) : null;
    data.handoffs.push({
      id: handoffId, conversation_id: conversationId, lead_id: id, status: claimed ? 'closed' : 'expired', reason: handoffReason, score, tier: 'hot', packet: '{}',
      end_reason: claimed ? 'sdr-closed' : 'assignment-timeout', created_at: new Date(decided).toISOString(), claimed_at: claimed ? new Date(claimed).toISOString() : null, updated_at: new Date(decided).toISOString(),
    });
    if (!claimed) continue;
    const accepted = rand() < score / 120;
    data.verdicts.push({
      handoff_id: handoffId, lead_id: id, conversation_id: conversationId, verdict: accepted ? 'accepted' : 'rejected', outcome: accepted ? pick(rand, ['accepted', 'meeting_booked']) : 'rejected',
      reason_id: accepted ? null : pick(rand, ['not_a_buyer', 'no_budget', 'bad_timing', 'wrong_contact', 'already_customer', 'competitor', 'spam_test', 'other']), via: pick(rand, ['console', 'slack', 'teams']),
      decided_at: new Date(claimed + 600_000).toISOString(),
    });
    if (rand() < 0.2) data.missing.push({ handoff_id: handoffId, lead_id: id, dimension: pick(rand, Object.keys(levels)) });
    if (rand() < 0.15) data.corrections.push({ handoff_id: handoffId, lead_id: id, dimension: 'authority', extracted: (facts.authority as { value: string }).value, corrected: 'influencer', created_at: new Date(claimed).toISOString() });
    if (accepted && rand() < 0.5) {
      data.outcomes.push({ event_id: `opp-${i}`, lead_id: id, kind: 'opportunity_created', occurred_at: new Date(decided + 7 * DAY_MS).toISOString(), amount: null, currency: null, reason: null, received_at: new Date(decided + 7 * DAY_MS).toISOString() });
      if (rand() < 0.5) data.outcomes.push({ event_id: `won-${i}`, lead_id: id, kind: 'won', occurred_at: new Date(decided + 40 * DAY_MS).toISOString(), amount: 12000, currency: 'EUR', reason: null, received_at: new Date(decided + 40 * DAY_MS).toISOString() });
    }
  }
  return data;
}

const TABLES: Array<[keyof Dataset, string]> = [
  ['leads', 'leads'], ['handoffs', 'handoffs'], ['verdicts', 'verdicts'], ['missing', 'verdict_missing_signals'], ['corrections', 'fact_corrections'], ['outcomes', 'crm_outcomes'],
];

export function seedSqlite(file: string, data: Dataset): void {
  const db = new BetterSqlite3(file);
  db.transaction(() => {
    for (const [key, table] of TABLES) {
      const rows = data[key];
      if (!rows.length) continue;
      const columns = Object.keys(rows[0]!);
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(...columns.map((column) => row[column] ?? null));
    }
  })();
  db.exec('ANALYZE');
  db.close();
}

/** jsonb columns: objects in the recordset, not JSON text. */
const JSON_COLUMNS = new Set(['facts', 'knockouts', 'decision', 'context', 'contact', 'usage', 'packet']);

export async function seedPostgres(url: string, data: Dataset): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [key, table] of TABLES) {
      const rows = data[key];
      if (!rows.length) continue;
      const columns = Object.keys(rows[0]!);
      // One statement per 2,000 rows: json_populate_recordset casts every column to the table's own type.
      for (let start = 0; start < rows.length; start += 2000) {
        const batch = rows.slice(start, start + 2000).map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, JSON_COLUMNS.has(column) && typeof value === 'string' ? JSON.parse(value) : value])));
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1)`, [JSON.stringify(batch)]);
      }
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

