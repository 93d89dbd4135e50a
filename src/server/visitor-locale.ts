import type { TurnContext } from '../bot/turn.js';
import type { TurnLeads } from '../bot/bot-ports.js';
import { detectLocale } from '../extraction/detect-locale.js';
import { toLocale } from '../i18n/locale-tags.js';
import type { Locale } from '../qualification/types.js';

/** Finds the language to answer a refused message in, without running the bot. */
export type LocaleOf = (context: TurnContext) => Promise<Locale>;

/**
 * The lead's language when the conversation has one; else the activity's, else the language of the
 * message (its start only: it may be huge), else French. Never throws: with the database down, the
 * refusal is still answered.
 */
export function visitorLocale(leads: Pick<TurnLeads, 'get'>): LocaleOf {
  return async (context) => {
    const lead = await leads.get(context).catch(() => undefined);
    return lead?.locale ?? toLocale(context.activity.locale) ?? detectLocale((context.activity.text ?? '').slice(0, 500)) ?? 'fr';
  };
}
