import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../logger.js';

/**
 * Retries for a bot reply: a few quick attempts, not the library's default of ten over thirty
 * minutes (an answer half an hour late is worse than a logged failure). On HTTP 429 the client
 * itself waits the `Retry-After` seconds, pausing all its calls, before the attempt is retried.
 */
export const SLACK_RETRY_POLICY = { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5000, randomize: true };

/** Lookups a turn waits for (the user's locale): one short attempt, never a wait for Retry-After. */
export const SLACK_LOOKUP_POLICY = { timeoutMs: 1000, retries: 0 };

/**
 * The Slack Web API client for the bot token, logging through our (PII-masking) pino logger.
 * `lookup` gives the client for the lookups a turn waits for (SLACK_LOOKUP_POLICY).
 */
export function createSlackWebClient(config: SlackConfig, logger: Logger, use: 'send' | 'lookup' = 'send'): WebClient {
  const lookup = use === 'lookup';
  return new WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    retryConfig: lookup ? { retries: SLACK_LOOKUP_POLICY.retries } : SLACK_RETRY_POLICY,
    rejectRateLimitedCalls: lookup,
    timeout: lookup ? SLACK_LOOKUP_POLICY.timeoutMs : 10_000,
    logger: slackLogger(logger.child({ component: 'slack-web-api' })),
  });
}

function slackLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => logger.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => logger.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => logger.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => logger.error(msg.map(String).join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
