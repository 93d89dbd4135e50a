/** Which door a visitor came through. */
export type Door = 'widget' | 'bot-framework';

interface VisitorMessage {
  door: Door;
  conversationId: string;
  sentAt: number;
  repliedAt?: number;
}

interface SdrMessage {
  conversationId: string;
  sentAt: number;
  receivedAt?: number;
}

interface HandoffWatch {
  conversationId: string;
  door: Door;
  /** When the visitor saw the handoff announced (fallback for the deadline when the queue event was missed). */
  announcedAt: number;
  /** The handoff's createdAt, from the SDR stream. */
  createdAt?: number;
  claimed: boolean;
  noSdrNoticeAt?: number;
  /** The visitor stayed until the deadline + the allowed lateness and was never told. */
  noticeMissing?: boolean;
}

/**
 * Everything the soak promised and what arrived. A visitor whose channel is gone (socket closed by the
 * visitor, connector vanished) is owed nothing after that instant; what was owed before is counted.
 */
export class SoakLedger {
  readonly messages: VisitorMessage[] = [];
  readonly sdrMessages = new Map<string, SdrMessage>();
  readonly handoffs = new Map<string, HandoffWatch>();
  /** conversationId → when its channel went away. */
  private readonly goneAt = new Map<string, number>();
  readonly errors = new Map<string, number>();
  conversations = { widget: 0, 'bot-framework': 0 } as Record<Door, number>;
  /** Widget visitors who closed the chat as soon as the handoff was announced. */
  leftAtHandoff = 0;
  /** Conversations whose connector vanished while they were open. */
  vanished = 0;

  constructor(private readonly startedAt: number) {}

  conversationStarted(door: Door): void {
    this.conversations[door] += 1;
  }

  /** The record's `repliedAt` is set when the first bot message after it arrives. */
  visitorSent(door: Door, conversationId: string): VisitorMessage {
    const message: VisitorMessage = { door, conversationId, sentAt: Date.now() };
    this.messages.push(message);
    return message;
  }

  error(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  channelGone(conversationId: string, at = Date.now()): void {
    if (!this.goneAt.has(conversationId)) this.goneAt.set(conversationId, at);
  }

  isLive(conversationId: string): boolean {
    return !this.goneAt.has(conversationId);
  }

  handoffAnnounced(conversationId: string, door: Door): void {
    if (!this.handoffs.has(conversationId)) this.handoffs.set(conversationId, { conversationId, door, announcedAt: Date.now(), claimed: false });
  }

  handoffCreated(conversationId: string, createdAt: number): void {
    const watch = this.handoffs.get(conversationId);
    if (watch) watch.createdAt = createdAt;
    else this.pendingCreated.set(conversationId, createdAt);
  }

  /** Queue events can arrive before the visitor sees the route announced. */
  private readonly pendingCreated = new Map<string, number>();

  handoffClaimed(conversationId: string): void {
    const watch = this.handoffs.get(conversationId);
    if (watch) watch.claimed = true;
  }

  noSdrNotice(conversationId: string): void {
    const watch = this.handoffs.get(conversationId);
    if (watch && watch.noSdrNoticeAt === undefined) watch.noSdrNoticeAt = Date.now();
  }

  noticeMissing(conversationId: string): void {
    const watch = this.handoffs.get(conversationId);
    if (watch) watch.noticeMissing = true;
  }

  sdrSent(token: string, conversationId: string): void {
    this.sdrMessages.set(token, { conversationId, sentAt: Date.now() });
  }

  sdrReceived(token: string): void {
    const message = this.sdrMessages.get(token);
    if (message && message.receivedAt === undefined) message.receivedAt = Date.now();
  }

  /** The deadline of a handoff: its creation (or, failing that, its announcement) + the assignment timeout. */
  deadline(watch: HandoffWatch, timeoutMs: number): number {
    return (watch.createdAt ?? this.pendingCreated.get(watch.conversationId) ?? watch.announcedAt) + timeoutMs;
  }

  /** Counts what was owed and never came, and what came late. */
  summary(timeoutMs: number, lateAllowanceMs: number, replyTimeoutMs: number) {
    const owed = (conversationId: string, from: number) => {
      const gone = this.goneAt.get(conversationId);
      return gone === undefined || gone > from;
    };
    const unanswered = this.messages.filter((message) => message.repliedAt === undefined);
    // A message is owed a reply unless its channel went away before the reply was due.
    const lostVisitor = unanswered.filter((message) => owed(message.conversationId, message.sentAt + replyTimeoutMs));
    const excusedVisitor = unanswered.length - lostVisitor.length;
    const sdr = [...this.sdrMessages.values()];
    const lostSdr = sdr.filter((message) => message.receivedAt === undefined && owed(message.conversationId, message.sentAt + 30_000));
    const unclaimed = [...this.handoffs.values()].filter((watch) => !watch.claimed);
    const lateness = unclaimed
      .filter((watch) => watch.noSdrNoticeAt !== undefined)
      .map((watch) => watch.noSdrNoticeAt! - this.deadline(watch, timeoutMs));
    const missing = unclaimed.filter((watch) => watch.noSdrNoticeAt === undefined && watch.noticeMissing && owed(watch.conversationId, this.deadline(watch, timeoutMs) + lateAllowanceMs));
    return {
      visitorMessages: this.messages.length,
      lostVisitor,
      excusedVisitor,
      sdrMessages: sdr.length,
      sdrOwed: sdr.filter((message) => message.receivedAt !== undefined || owed(message.conversationId, message.sentAt + 30_000)).length,
      lostSdr,
      handoffs: this.handoffs.size,
      claimed: this.handoffs.size - unclaimed.length,
      noSdrNotices: lateness.length,
      lateness,
      late: lateness.filter((ms) => ms > lateAllowanceMs).length,
      missing,
    };
  }

  /** Reply latencies (ms) of the visitor messages sent in [from, to) ms after the start. */
  replyLatencies(fromMs: number, toMs: number): number[] {
    return this.messages
      .filter((message) => message.repliedAt !== undefined && message.sentAt - this.startedAt >= fromMs && message.sentAt - this.startedAt < toMs)
      .map((message) => message.repliedAt! - message.sentAt);
  }
}
