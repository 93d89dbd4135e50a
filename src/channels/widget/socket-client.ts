import type { WebSocket } from 'ws';
import type { StoredActivity } from './widget-history.js';
import type { ServerFrame } from './wire-protocol.js';

/** The frame carrying a stored activity; also used for replays, so live and replayed frames are identical. */
export function activityFrame(stored: StoredActivity): ServerFrame {
  const { activity, seq } = stored;
  // Web Chat orders its transcript by this number; an updated activity keeps the one it was first shown with.
  const sequenceId = (activity.channelData as Record<string, unknown> | undefined)?.['webchat:sequence-id'] ?? seq;
  return { type: 'activity', watermark: seq, activity: { ...activity, channelData: { ...activity.channelData, 'webchat:sequence-id': sequenceId } } };
}

/**
 * One open socket of a conversation. While its missed activities are being read from the history,
 * live frames are held back; then both are delivered in sequence order, each at most once.
 */
export class SocketClient {
  private lastSentSeq: number;
  private replaying = true;
  private held: Array<{ frame: ServerFrame; seq?: number }> = [];

  constructor(
    readonly socket: WebSocket,
    watermark: number,
  ) {
    this.lastSentSeq = watermark;
  }

  get watermark(): number {
    return this.lastSentSeq;
  }

  /** A live frame; `seq` for stored activities (deduplicated), none for typing and errors. */
  push(frame: ServerFrame, seq?: number): void {
    if (this.replaying) this.held.push({ frame, seq });
    else this.deliver(frame, seq);
  }

  /** Sends what the client missed, then whatever arrived meanwhile, and goes live. */
  finishReplay(missed: readonly StoredActivity[]): void {
    for (const stored of missed) this.deliver(activityFrame(stored), stored.seq);
    for (const { frame, seq } of this.held) this.deliver(frame, seq);
    this.held = [];
    this.replaying = false;
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private deliver(frame: ServerFrame, seq?: number): void {
    if (seq !== undefined) {
      if (seq <= this.lastSentSeq) return;
      this.lastSentSeq = seq;
    }
    this.send(frame);
  }
}
