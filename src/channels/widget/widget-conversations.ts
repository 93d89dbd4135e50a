import type { PageContext } from '../../qualification/types.js';
import type { WidgetLocale } from './page-context.js';
import { SerialQueue } from './serial-queue.js';
import type { SocketClient } from './socket-client.js';

/** A widget conversation as this process knows it: who the visitor is and which sockets are open. */
export interface WidgetConversation {
  readonly id: string;
  readonly visitorId: string;
  locale: WidgetLocale;
  /** The latest page context, attached to every turn so the bot knows where the visitor is now. */
  context: PageContext;
  readonly clients: Set<SocketClient>;
  /** Bot turns, one at a time. */
  readonly turns: SerialQueue;
  /** History appends and socket pushes, one at a time, so sockets see sequence numbers in order. */
  readonly outbox: SerialQueue;
  /** Sequence number each published activity id was first shown with (keeps order on update, finds reply targets). */
  readonly sequenceIds: Map<string, number>;
  /** Client ids of recent visitor messages: a browser resends unconfirmed ones after a reconnect. */
  readonly clientActivityIds: Set<string>;
  /** Highest sequence number known for it (stored activities so far): the storage quota counts on it. */
  lastSeq: number;
  lastUsedAt: number;
}

export interface NewConversation {
  id: string;
  visitorId: string;
  locale: WidgetLocale;
  context: PageContext;
}

const MAX_REMEMBERED_CLIENT_IDS = 500;

/** The in-process registry of widget conversations; rebuilt from tokens and history after a restart. */
export class WidgetConversations {
  private readonly byId = new Map<string, WidgetConversation>();

  constructor(private readonly now: () => number = Date.now) {}

  get(id: string): WidgetConversation | undefined {
    const conversation = this.byId.get(id);
    if (conversation) conversation.lastUsedAt = this.now();
    return conversation;
  }

  create(init: NewConversation): WidgetConversation {
    const conversation: WidgetConversation = {
      ...init,
      clients: new Set(),
      turns: new SerialQueue(),
      outbox: new SerialQueue(),
      sequenceIds: new Map(),
      clientActivityIds: new Set(),
      lastSeq: 0,
      lastUsedAt: this.now(),
    };
    this.byId.set(init.id, conversation);
    return conversation;
  }

  /** Remembers a visitor message's client id; false when it was already seen (a resend). */
  static rememberClientActivity(conversation: WidgetConversation, clientActivityId: string): boolean {
    if (conversation.clientActivityIds.has(clientActivityId)) return false;
    conversation.clientActivityIds.add(clientActivityId);
    // A Set iterates in insertion order: drop the oldest beyond what a reconnect could resend.
    if (conversation.clientActivityIds.size > MAX_REMEMBERED_CLIENT_IDS) {
      const oldest = conversation.clientActivityIds.values().next().value;
      if (oldest !== undefined) conversation.clientActivityIds.delete(oldest);
    }
    return true;
  }

  all(): IterableIterator<WidgetConversation> {
    return this.byId.values();
  }

  /** Forgets conversations nobody is connected to and nothing is running for; returns how many. */
  sweep(idleMs: number): number {
    let removed = 0;
    for (const [id, conversation] of this.byId) {
      const idle = conversation.clients.size === 0 && conversation.turns.idle && conversation.outbox.idle;
      if (idle && this.now() - conversation.lastUsedAt > idleMs) {
        this.byId.delete(id);
        removed += 1;
      }
    }
    return removed;
  }
}
