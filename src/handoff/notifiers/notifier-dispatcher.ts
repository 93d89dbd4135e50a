import { createHash } from 'node:crypto';
import type { Logger } from '../../logger.js';
import { DeliveryLanes } from '../../delivery/delivery-lanes.js';
import { KeyedLock } from '../../storage/keyed-lock.js';
import type { Database } from '../../storage/ports/database.js';
import type { HandoffRecord } from '../../storage/ports/handoffs.js';
import type { HandoffBusEvent } from '../handoff-events.js';
import { asLeadPacket, type LeadPacket } from '../lead-packet.js';
import type { HandoffNotifier } from './handoff-notifier.js';

export interface NotifierDispatcherDeps {
  db: Pick<Database, 'handoffs' | 'processed'>;
  logger: Logger;
  /** Each notifier is a destination of its own: a Teams or Slack outage costs only its lane. */
  lanes?: DeliveryLanes;
}

/**
 * Turns the handoff bus events (the same ones the SDR consoles get) into notifier calls. Every
 * instance hears every event; the processed-activity table (a unique key shared by all instances)
 * makes each call happen on one instance only. Within a process, the events of one handoff are
 * handled in order, so its card exists before its thread messages.
 */
export class NotifierDispatcher {
  private readonly notifiers: HandoffNotifier[] = [];
  private readonly order = new KeyedLock();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly lanes: DeliveryLanes;

  constructor(private readonly deps: NotifierDispatcherDeps) {
    this.lanes = deps.lanes ?? new DeliveryLanes();
  }

  add(notifier: HandoffNotifier): void {
    this.notifiers.push(notifier);
  }

  get size(): number {
    return this.notifiers.length;
  }

  /** The handler of validated bus events. Never rejects. */
  handle(event: HandoffBusEvent): Promise<void> {
    if (this.notifiers.length === 0) return Promise.resolve();
    const handoffId = event.type === 'queue' ? event.handoff.id : event.handoffId;
    // Taken synchronously, so events keep the order in which the bus delivered them.
    const task = this.order.run(handoffId, () => this.dispatch(handoffId, event)).catch((error: unknown) => {
      this.deps.logger.error({ err: error, handoffId }, 'sdr notifiers: event not dispatched');
    });
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
    return task;
  }

  /** Resolves once every event received so far has been dispatched (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async dispatch(handoffId: string, event: HandoffBusEvent): Promise<void> {
    // Typing and returns are console-only signals (a return's message itself comes as a 'message' event).
    if (event.type === 'visitor-left' || event.type === 'typing' || event.type === 'visitor-returned' || (event.type === 'message' && event.from === 'bot')) return;
    // Always the stored state, not the event's: a late event then renders the latest state, idempotently.
    const handoff = await this.deps.db.handoffs.get(handoffId);
    if (!handoff) return;
    for (const notifier of this.notifiers) {
      try {
        await this.lanes.run(`notifier:${notifier.name}`, () => this.deliver(notifier, event, handoff));
      } catch (error) {
        this.deps.logger.warn({ err: error, handoffId, notifier: notifier.name, event: event.type }, 'sdr notifier failed');
      }
    }
  }

  private async deliver(notifier: HandoffNotifier, event: HandoffBusEvent, handoff: HandoffRecord): Promise<void> {
    if (event.type === 'message') {
      if (!(await this.once(notifier, handoff, `message:${digest(event.from, event.at, event.text)}`))) return;
      if (event.from === 'visitor') await notifier.onVisitorMessage(handoff, event.text);
      else if (event.from === 'sdr') await notifier.onSdrMessage(handoff, event.author ?? handoff.sdrName ?? '', event.text);
      return;
    }
    if (event.type !== 'queue') return;
    const packet = asLeadPacket(handoff.packet) as LeadPacket;
    if (event.change === 'created') {
      if (await this.once(notifier, handoff, 'queued')) await notifier.onQueued(handoff, packet);
      return;
    }
    // One instance takes each state of the handoff; the state first, so no other instance updates it meanwhile.
    if (!(await this.once(notifier, handoff, `changed:${handoff.status}:${handoff.updatedAt}`))) return;
    // A handoff created outside business hours was never announced: its expiry does, as a callback task.
    if (event.change === 'expired' && (await this.once(notifier, handoff, 'queued'))) await notifier.onQueued(handoff, packet);
    else await notifier.onChanged(handoff);
  }

  /** True on the one instance (and the one time) that gets to do `what` for this handoff. */
  private once(notifier: HandoffNotifier, handoff: HandoffRecord, what: string): Promise<boolean> {
    // Keyed by the visitor's conversation, so erasing the person erases these keys too.
    return this.deps.db.processed.claim(handoff.conversationId, `sdr-notify:${notifier.name}:${handoff.id}:${what}`);
  }
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
