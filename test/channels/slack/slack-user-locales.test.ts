import { ErrorCode, type WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { SlackUserLocales } from '../../../src/channels/slack/slack-user-locales.js';
import { createLogger } from '../../../src/logger.js';

type Answer = { user?: { locale?: string } } | Error;

/** A `users` API answering from a script, recording what it was asked. */
function scriptedUsers(answers: Answer[]) {
  const asked: Array<Record<string, unknown>> = [];
  const client = {
    users: {
      info: async (args: Record<string, unknown>) => {
        asked.push(args);
        const answer = answers.shift();
        if (!answer || answer instanceof Error) throw answer ?? new Error('no answer scripted');
        return { ok: true, ...answer };
      },
    },
  } as unknown as Pick<WebClient, 'users'>;
  return { client, asked };
}

const platformError = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: ErrorCode.PlatformError, data: { ok: false, error } });
const requestError = () => Object.assign(new Error('A request error occurred: timeout of 1000ms exceeded'), { code: ErrorCode.RequestError });

describe('SlackUserLocales', () => {
  it('asks users.info with include_locale once per user, then answers from its cache', async () => {
    const { client, asked } = scriptedUsers([{ user: { locale: 'en-US' } }, { user: { locale: 'fr-FR' } }]);
    const locales = new SlackUserLocales(client, createLogger('silent'));
    expect(await locales.localeOf('U061F7AUR')).toBe('en-US');
    expect(await locales.localeOf('U061F7AUR')).toBe('en-US');
    expect(await locales.localeOf('U0FRENCH')).toBe('fr-FR');
    expect(asked).toEqual([
      { user: 'U061F7AUR', include_locale: true },
      { user: 'U0FRENCH', include_locale: true },
    ]);
  });

  it('makes one call for two first messages of the same user at once', async () => {
    const { client, asked } = scriptedUsers([{ user: { locale: 'en-US' } }, { user: { locale: 'fr-FR' } }]);
    const locales = new SlackUserLocales(client, createLogger('silent'));
    expect(await Promise.all([locales.localeOf('U061F7AUR'), locales.localeOf('U061F7AUR')])).toEqual(['en-US', 'en-US']);
    expect(asked).toHaveLength(1);
  });

  it("keeps Slack's own refusal (no scope, unknown user) but asks again after a timeout", async () => {
    const { client, asked } = scriptedUsers([platformError('missing_scope'), requestError(), { user: { locale: 'en-GB' } }]);
    const locales = new SlackUserLocales(client, createLogger('silent'));
    expect(await locales.localeOf('U0NOSCOPE')).toBeUndefined();
    expect(await locales.localeOf('U0NOSCOPE')).toBeUndefined();
    expect(await locales.localeOf('U0SLOW')).toBeUndefined();
    expect(await locales.localeOf('U0SLOW')).toBe('en-GB');
    expect(asked.map((args) => args.user)).toEqual(['U0NOSCOPE', 'U0SLOW', 'U0SLOW']);
  });
});
