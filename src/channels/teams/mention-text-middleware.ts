import type { Middleware, TurnContext } from '../../bot/turn.js';
import type { Activity } from '../activity.js';
import { ActivityTypes } from '../protocol.js';
import { escapeRegExp, withoutMentions } from '../mention-text.js';

/** The protocol's mention entity: who was mentioned, and how it reads in the text. */
interface Mention {
  type: string;
  mentioned?: { id?: string };
  text?: unknown;
}

/** Teams wraps a mention in `<at>Name</at>`; other channels write it as plain text. */
const TEAMS_MENTION = /<at>([^<]*)<\/at>/g;

/**
 * What the person said, once, for everyone after it (transcript, bot, SDR relay): the mentions of the
 * bot removed with the punctuation they leave ("What time is it, <at>Qualibot</at>?" → "What time is
 * it?") and the other people mentioned in Teams as `@Name`, so no `<at>` markup is stored or read.
 * Runs before the transcript middleware, on the Bot Framework adapter (Slack cleans its own text).
 */
export class MentionTextMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message && typeof activity.text === 'string' && activity.text) activity.text = spokenText(activity);
    await next();
  }
}

function spokenText(activity: Partial<Activity>): string {
  const recipientId = activity.recipient?.id;
  // Entities come from the sender: a mention whose text is not a string is not one (the fuzz test sends such).
  const entities = Array.isArray(activity.entities) ? activity.entities : [];
  const botMentions = entities
    .filter((entity): entity is Mention => typeof entity?.type === 'string' && entity.type.toLowerCase() === 'mention')
    .flatMap((mention) => (recipientId && mention.mentioned?.id === recipientId && typeof mention.text === 'string' && mention.text ? [escapeRegExp(mention.text)] : []));
  let text = activity.text ?? '';
  if (botMentions.length > 0) text = withoutMentions(text, new RegExp([...new Set(botMentions)].join('|'), 'g'));
  return activity.channelId === 'msteams' ? text.replace(TEAMS_MENTION, (_markup, name: string) => `@${name.trim()}`) : text;
}
