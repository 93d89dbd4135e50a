import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../logger.js';

/**
 * Retries for a bot reply: a few quick attempts, not the library's default of ten over thirty
 * minutes (an answer half an hour late is worse than a logged failure). On HTTP 429 the client
 * itself waits the `Retry-After` seconds, pausing all its calls, before the attempt is retried.
 */
export const SLACK_RETRY_POLICY = { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5000, randomize: true };

/** The Slack Web API client for the bot token, logging through our (PII-masking) pino logger. */
export function createSlackWebClient(config: SlackConfig, logger: Logger): WebClient {
  return new WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    retryConfig: SLACK_RETRY_POLICY,
    rejectRateLimitedCalls: false,
    timeout: 10_000,
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
