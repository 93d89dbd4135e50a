import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_EVENTS_TOPIC, handoffBusEventSchema, subscribeValidated, type HandoffBusEvent } from '../../../src/handoff/handoff-events.js';
import type { LeadPacket } from '../../../src/handoff/lead-packet.js';
import { NotifierDispatcher, type HandoffNotifier } from '../../../src/handoff/notifiers/index.js';
import { toSummary } from '../../../src/handoff/queue-view.js';
import { createLogger } from '../../../src/logger.js';
import type { HandoffRecord } from '../../../src/storage/ports/handoffs.js';
import { openSqliteDatabase } from '../../../src/storage/sqlite/open-sqlite.js';

/** A notifier that writes down what it is asked to do, in order. */
class RecordingNotifier implements HandoffNotifier {
  readonly calls: string[] = [];
  constructor(readonly name: string) {}
  async onQueued(handoff: HandoffRecord, packet: LeadPacket) {
    this.calls.push(`queued ${handoff.id} ${handoff.status} ${packet.summary}`);
  }
  async onChanged(handoff: HandoffRecord) {
    this.calls.push(`changed ${handoff.id} ${handoff.status}`);
  }
  async onVisitorMessage(handoff: HandoffRecord, text: string) {
    this.calls.push(`visitor ${handoff.id} ${text}`);
  }
  async onSdrMessage(handoff: HandoffRecord, sdrName: string, text: string) {
    this.calls.push(`sdr ${handoff.id} ${sdrName}: ${text}`);
  }
}

const db = openSqliteDatabase({ filename: ':memory:' });
const logger = createLogger('silent');
// Two instances on one database and one bus, each with its own Teams notifier.
const instances = [new RecordingNotifier('teams'), new RecordingNotifier('teams')];
const dispatchers = instances.map((notifier) => {
  const dispatcher = new NotifierDispatcher({ db, logger });
  dispatcher.add(notifier);
  return dispatcher;
});
const all = () => instances.flatMap((notifier) => notifier.calls);

beforeAll(async () => {
  for (const dispatcher of dispatchers) await subscribeValidated(db.bus, HANDOFF_EVENTS_TOPIC, handoffBusEventSchema, (event) => dispatcher.handle(event), logger);
});
afterAll(() => db.close());

async function publish(...events: HandoffBusEvent[]): Promise<void> {
  for (const event of events) await db.bus.publish(HANDOFF_EVENTS_TOPIC, event);
  await new Promise((resolve) => setImmediate(resolve));
  await Promise.all(dispatchers.map((dispatcher) => dispatcher.idle()));
}

const queue = (change: 'created' | 'claimed' | 'expired' | 'closed', handoff: HandoffRecord): HandoffBusEvent => ({ type: 'queue', change, handoff: toSummary(handoff, new Date()) });
const message = (handoff: HandoffRecord, from: 'visitor' | 'bot' | 'sdr', text: string, at = new Date().toISOString()): HandoffBusEvent => ({
  type: 'message',
  handoffId: handoff.id,
  conversationId: handoff.conversationId,
  from,
  text,
  at,
  ...(from === 'sdr' ? { author: 'Léa' } : {}),
});

async function newHandoff(id: string): Promise<HandoffRecord> {
  return db.handoffs.create({ id, conversationId: `conv-${id}`, leadId: `lead-${id}`, reason: 'high_score', score: 100, tier: 'hot', packet: { summary: `summary ${id}`, locale: 'en' } });
}

describe('NotifierDispatcher', () => {
  it('makes each notification happen once across instances, in the order of the events', async () => {
    const handoff = await newHandoff('h1');
    const at = new Date().toISOString();
    await publish(queue('created', handoff), message(handoff, 'visitor', 'Hello?', at), message(handoff, 'bot', 'An expert is coming'));
    // The bus delivers the same message twice (e.g. a retry): still once.
    await publish(message(handoff, 'visitor', 'Hello?', at));
    const claimed = (await db.handoffs.transition('h1', { from: ['queued'], to: 'live', patch: { sdrId: 'sdr-1', sdrName: 'Léa', claimedAt: new Date().toISOString() } }))!;
    await publish(queue('claimed', claimed), queue('claimed', claimed), message(claimed, 'sdr', 'Hi, Léa here'));
    expect(all().sort()).toEqual(['changed h1 live', 'queued h1 queued summary h1', 'sdr h1 Léa: Hi, Léa here', 'visitor h1 Hello?'].sort());
    // Whoever got them, each instance saw its share in order.
    for (const notifier of instances) expect(notifier.calls).toEqual([...notifier.calls].sort((a, b) => order(a) - order(b)));
  });

  it('announces a callback task that was never queued (created outside business hours), then only changes', async () => {
    await newHandoff('h2');
    const expired = (await db.handoffs.transition('h2', { from: ['queued'], to: 'expired', patch: { endReason: 'outside-business-hours' } }))!;
    await publish(queue('expired', expired));
    expect(all().filter((call) => call.includes('h2'))).toEqual(['queued h2 expired summary h2']);
    const closed = (await db.handoffs.transition('h2', { from: ['expired'], to: 'closed', patch: { outcome: 'accepted', sdrName: 'Léa' } }))!;
    await publish(queue('closed', closed));
    expect(all().filter((call) => call.includes('h2'))).toEqual(['queued h2 expired summary h2', 'changed h2 closed']);
  });

  it('keeps going when one notifier fails', async () => {
    const failing: HandoffNotifier = {
      name: 'broken',
      onQueued: async () => {
        throw new Error('platform down');
      },
      onChanged: async () => undefined,
      onVisitorMessage: async () => undefined,
      onSdrMessage: async () => undefined,
    };
    const working = new RecordingNotifier('slack');
    const dispatcher = new NotifierDispatcher({ db, logger });
    dispatcher.add(failing);
    dispatcher.add(working);
    const handoff = await newHandoff('h3');
    await dispatcher.handle(queue('created', handoff));
    expect(working.calls).toEqual(['queued h3 queued summary h3']);
  });
});

/** queued → visitor → changed → sdr: the order the events were published in. */
function order(call: string): number {
  return ['queued', 'visitor', 'changed', 'sdr'].indexOf(call.split(' ')[0]!);
}
