import type { Activity, ConversationReference } from 'botbuilder';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_EVENTS_TOPIC, handoffBusEventSchema, subscribeValidated, VISITOR_DELIVERY_TOPIC, type HandoffBusEvent } from '../../src/handoff/handoff-events.js';
import type { VisitorChannel } from '../../src/handoff/visitor-channel.js';
import { VisitorCourier } from '../../src/handoff/visitor-courier.js';
import type { HandoffSummary } from '../../src/handoff/queue-view.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/open-database.js';
import { BUS_CHANNEL } from '../../src/storage/postgres/pg-event-bus.js';
import type { Database } from '../../src/storage/ports/database.js';
import { createTestDatabase } from '../storage/pg-test-server.js';
import { eventually } from './helpers/handoff-harness.js';

/**
 * Events crossing instances arrive through PostgreSQL LISTEN/NOTIFY, where another version of Qualibot or anyone
 * with database access may have written them. Malformed ones are logged and dropped; the listener goes on.
 */
describe('cross-instance events on PostgreSQL are validated on receipt', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: Database;
  let sender: pg.Client;
  const warnings: string[] = [];
  const logger = createLogger('silent');
  logger.warn = ((object: object, message?: string) => void warnings.push(`${message} ${JSON.stringify(object)}`)) as typeof logger.warn;

  /** A raw NOTIFY in the bus's envelope, as a foreign writer would send it. */
  const notify = (topic: string, payload: unknown) => sender.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, JSON.stringify({ t: topic, p: payload })]);

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await openDatabase({ url: database.url, dataDir: '/nonexistent', logger });
    sender = new pg.Client({ connectionString: database.url });
    await sender.connect();
  });

  afterAll(async () => {
    await sender?.end();
    await receiver?.close();
    await database?.drop();
  });

  it('drops malformed handoff events with a warning and still delivers the valid one that follows', async () => {
    const received: HandoffBusEvent[] = [];
    const unsubscribe = await subscribeValidated(receiver.bus, HANDOFF_EVENTS_TOPIC, handoffBusEventSchema, (event) => void received.push(event), logger);
    const before = warnings.length;
    await sender.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, '{not json']);
    await notify(HANDOFF_EVENTS_TOPIC, null);
    await notify(HANDOFF_EVENTS_TOPIC, { type: 'queue', change: 'exploded', handoff: { id: 'h-1' } });
    await notify(HANDOFF_EVENTS_TOPIC, { type: 'message', handoffId: 'h-1', conversationId: 'c-1', from: 'visitor', at: '2026-12-07T00:00:00Z' });
    await notify(HANDOFF_EVENTS_TOPIC, { type: 'visitor-left', handoffId: 42, conversationId: 'c-1', at: '2026-12-07T00:00:00Z' });
    const valid: HandoffBusEvent = { type: 'message', handoffId: 'h-1', conversationId: 'c-1', from: 'sdr', text: 'Bonjour', at: '2026-12-07T00:00:00Z', author: 'Marie' };
    await notify(HANDOFF_EVENTS_TOPIC, valid);
    await eventually(() => expect(received).toEqual([valid]));
    // Four malformed events named by the subscriber, the unreadable one by the bus itself.
    await eventually(() => expect(warnings.slice(before).filter((line) => line.startsWith('event bus: malformed event dropped'))).toHaveLength(4));
    expect(warnings.slice(before).some((line) => line.startsWith('event bus: unreadable notification ignored'))).toBe(true);
    await unsubscribe();
  });

  it('a relayed delivery that is malformed never reaches the visitor channel; a valid one does', async () => {
    const sent: Array<{ conversationId?: string; activities: Partial<Activity>[] }> = [];
    const here: VisitorChannel = {
      reach: () => 'here',
      send: async (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => void sent.push({ conversationId: reference.conversation?.id, activities }),
    };
    await receiver.references.save('conv-relay', { channelId: 'widget', conversation: { id: 'conv-relay' } as ConversationReference['conversation'] });
    const courier = new VisitorCourier(receiver, here, logger);
    await courier.start();
    const before = warnings.length;
    await notify(VISITOR_DELIVERY_TOPIC, { conversationId: 'conv-relay', activities: 'Bonjour' });
    await notify(VISITOR_DELIVERY_TOPIC, { conversationId: 'conv-relay', activities: [null] });
    await notify(VISITOR_DELIVERY_TOPIC, { activities: [{ type: 'message', text: 'to nobody' }] });
    await notify(VISITOR_DELIVERY_TOPIC, { conversationId: 'conv-relay', activities: [{ type: 'message', text: 'Bonjour' }] });
    await eventually(() => expect(sent).toEqual([{ conversationId: 'conv-relay', activities: [{ type: 'message', text: 'Bonjour' }] }]));
    await eventually(() => expect(warnings.slice(before).filter((line) => line.startsWith('event bus: malformed event dropped'))).toHaveLength(3));
    await courier.stop();
  });
});

describe('the live-chat events (#22) cross instances whole', () => {
  const summary: HandoffSummary = {
    id: 'h-1',
    conversationId: 'c-1',
    status: 'closed',
    callback: false,
    reason: 'high_score',
    score: 82,
    tier: 'hot',
    createdAt: '2026-12-07T00:00:00Z',
    waitingSeconds: 12,
    summary: 'Acme, 50 people',
    sdrId: 's-1',
    sdrName: 'Marie',
    suggestedSdr: { id: 's-1', name: 'Marie' },
    visitor: { name: 'Jean Dupont', email: 'jean@acme.example', company: 'Acme', headcount: 50, words: 'we need it by March' },
    levels: [{ dimension: 'budget', value: 'confirmed' }],
    online: false,
  };

  it('typing and visitor-returned pass validation with every field the console reads', () => {
    const typing: HandoffBusEvent = { type: 'typing', handoffId: 'h-1', conversationId: 'c-1', at: '2026-12-07T00:00:00Z' };
    const returned: HandoffBusEvent = { type: 'visitor-returned', handoffId: 'h-1', conversationId: 'c-1', text: 'Still there?', at: '2026-12-07T00:01:00Z', handoff: summary };
    const queue: HandoffBusEvent = { type: 'queue', change: 'updated', handoff: summary };
    for (const event of [typing, returned, queue]) expect(handoffBusEventSchema.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('refuses malformed ones, and gives an older instance\'s summary the triage defaults', () => {
    expect(handoffBusEventSchema.safeParse({ type: 'typing', handoffId: 'h-1', at: '2026-12-07T00:00:00Z' }).success).toBe(false);
    expect(handoffBusEventSchema.safeParse({ type: 'visitor-returned', handoffId: 'h-1', conversationId: 'c-1', text: 'x', at: 'now', handoff: { id: 'h-1' } }).success).toBe(false);
    expect(handoffBusEventSchema.safeParse({ type: 'queue', change: 'updated', handoff: { ...summary, online: 'yes' } }).success).toBe(false);
    const { visitor: _visitor, levels: _levels, online: _online, ...older } = summary;
    const parsed = handoffBusEventSchema.parse({ type: 'queue', change: 'created', handoff: older });
    expect(parsed).toEqual({ type: 'queue', change: 'created', handoff: { ...older, visitor: { words: '' }, levels: [], online: true } });
  });
});
