import type { Middleware, TurnContext } from '../../bot/turn.js';
import { ActivityTypes } from '../protocol.js';

/**
 * An Adaptive Card submit arrives as a message with the card's data in `value` and often no text
 * (Teams fills the text only for `msteams.imBack` data). The bot reads text, so a submit that
 * carries an answer is given that answer as its text.
 */
export class CardSubmitTextMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message && !activity.text?.trim()) {
      const text = submittedText(activity.value);
      if (text) activity.text = text;
    }
    await next();
  }
}

/** Keys a card's data may use for the answer, besides Teams' own `msteams.value`. */
const ANSWER_KEYS = ['text', 'value', 'reply', 'answer'] as const;

/** The answer a card submit carries: a string, `msteams.value` (imBack) or a text-like field. */
export function submittedText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const data = value as Record<string, unknown>;
  const teams = data.msteams as Record<string, unknown> | undefined;
  if (teams && typeof teams === 'object') {
    const fromTeams = teams.type === 'messageBack' ? (teams.text ?? teams.displayText) : teams.value;
    if (typeof fromTeams === 'string' && fromTeams.trim()) return fromTeams.trim();
  }
  for (const key of ANSWER_KEYS) {
    const candidate = data[key];
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  }
  return undefined;
}
