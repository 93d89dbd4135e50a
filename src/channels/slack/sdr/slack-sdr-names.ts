import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../logger.js';

/** Names change rarely; an hour-old one is fine for signing messages. */
const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 1000;

/**
 * The name SDRs know a Slack user by (display name, else real name), from `users.info`
 * (scope `users:read`), cached. When Slack cannot tell, the fallback (from the payload) is used.
 */
export class SlackSdrNames {
  private readonly cache = new Map<string, { name: string; at: number }>();

  constructor(
    private readonly client: Pick<WebClient, 'users'>,
    private readonly logger: Logger,
  ) {}

  async nameOf(userId: string, fallback?: string): Promise<string> {
    const cached = this.cache.get(userId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.name;
    try {
      const { user } = await this.client.users.info({ user: userId });
      const name = user?.profile?.display_name?.trim() || user?.profile?.real_name?.trim() || user?.real_name?.trim() || user?.name?.trim();
      if (name) {
        if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(userId, { name, at: Date.now() });
        return name;
      }
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'slack users.info failed; signing with the name from the payload');
    }
    return fallback?.trim() || userId;
  }
}
