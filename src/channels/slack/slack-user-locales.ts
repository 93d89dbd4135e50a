import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';

/** People rarely change their Slack language; a day-old answer is fine to greet them. */
const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 5000;

/**
 * The locale Slack knows for a user (`users.info` with `include_locale`, scope `users:read`): the
 * language they chose in Slack, else their workspace's. Slack's events carry no locale, and a
 * short first message ("Check time off balance") may tell nothing, so this is asked first.
 * Cached per user; Slack's own answer (a locale, or an error such as `user_not_found` or
 * `missing_scope`) is kept, a timeout or network failure is not. The client given has a short
 * timeout and no retry: a visitor's greeting must not wait on this.
 */
export class SlackUserLocales {
  /** Promises, so two first messages of one user at once make one call. */
  private readonly cache = new Map<string, { locale: Promise<string | undefined>; at: number }>();

  constructor(
    private readonly client: Pick<WebClient, 'users'>,
    private readonly logger: Logger,
  ) {}

  localeOf(userId: string): Promise<string | undefined> {
    const cached = this.cache.get(userId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.locale;
    const locale = this.ask(userId);
    this.cache.delete(userId);
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(userId, { locale, at: Date.now() });
    return locale;
  }

  private async ask(userId: string): Promise<string | undefined> {
    try {
      const { user } = await this.client.users.info({ user: userId, include_locale: true });
      return user?.locale || undefined;
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'slack users.info gave no locale; guessing the language from the message');
      // Slack's own answer stays cached; a timeout or network failure is asked again next time.
      if ((error as { code?: string }).code !== ErrorCode.PlatformError) this.cache.delete(userId);
      return undefined;
    }
  }
}
