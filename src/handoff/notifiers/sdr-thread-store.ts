import { setTimeout as sleep } from 'node:timers/promises';
import type { Storage } from '../../channels/activity.js';

/** Where a handoff's lead card lives on one platform: the card message and the thread under it. */
export interface SdrThread {
  handoffId: string;
  /** Teams: the thread's conversation id (`<channel>;messageid=<card id>`); Slack: the channel id. */
  conversationId: string;
  /** Teams: the card's activity id; Slack: the card message's `ts` (also the thread's `thread_ts`). */
  messageId: string;
}

/**
 * The lead cards posted on one platform, both ways (handoff → card, thread → handoff), in the
 * bot state storage so every instance finds them. Only ids are stored, no personal data.
 */
export class SdrThreadStore {
  constructor(
    private readonly storage: Storage,
    /** `teams` or `slack`. */
    private readonly platform: string,
  ) {}

  async save(thread: SdrThread): Promise<void> {
    await this.storage.write({
      [this.handoffKey(thread.handoffId)]: { ...thread, eTag: '*' },
      [this.threadKey(thread.conversationId, thread.messageId)]: { handoffId: thread.handoffId, eTag: '*' },
    });
  }

  async byHandoff(handoffId: string): Promise<SdrThread | undefined> {
    const key = this.handoffKey(handoffId);
    const item = (await this.storage.read([key]))[key] as Partial<SdrThread> | undefined;
    return item?.conversationId && item.messageId ? { handoffId, conversationId: item.conversationId, messageId: item.messageId } : undefined;
  }

  /**
   * Like `byHandoff`, but gives another instance that is still posting the card a moment
   * (a visitor message can be dispatched elsewhere than the card).
   */
  async waitByHandoff(handoffId: string, timeoutMs = 3000, stepMs = 150): Promise<SdrThread | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const thread = await this.byHandoff(handoffId);
      if (thread || Date.now() >= deadline) return thread;
      await sleep(stepMs);
    }
  }

  /** The handoff whose card heads this thread. */
  async handoffOf(conversationId: string, messageId: string): Promise<string | undefined> {
    const key = this.threadKey(conversationId, messageId);
    const item = (await this.storage.read([key]))[key] as { handoffId?: string } | undefined;
    return item?.handoffId;
  }

  private handoffKey(handoffId: string): string {
    return `qualibot-sdr/${this.platform}/handoff/${handoffId}`;
  }

  private threadKey(conversationId: string, messageId: string): string {
    return `qualibot-sdr/${this.platform}/thread/${conversationId}/${messageId}`;
  }
}
