import { escapeRegExp, withoutMentions } from '../mention-text.js';

/**
 * Text between Slack's `mrkdwn` and the plain text / Markdown the bot reads and writes.
 * Slack escapes `&`, `<` and `>` and wraps mentions and links in `<…>`.
 */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * What a person typed, as plain text: the bot's own mentions removed, other mentions and links
 * shown as their labels (`<mailto:a@b.fr|a@b.fr>` → `a@b.fr`), entities decoded. Without a known
 * bot id, leading mentions are removed (an app_mention always starts by addressing the bot).
 */
export function slackToPlainText(text: string, botUserId?: string): string {
  const botMention = botUserId ? new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g') : /^(\s*<@[A-Z0-9]+(\|[^>]*)?>)+/g;
  let result = withoutMentions(text, botMention);
  result = result.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    if (label) return label;
    return target.replace(/^(mailto|tel):/, '');
  });
  result = result.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
  return result.replace(/[ \t]{2,}/g, ' ').trim();
}

/**
 * The bot's Markdown as Slack mrkdwn: `[label](url)` → `<url|label>`, `**bold**` → `*bold*`,
 * `~~x~~` → `~x~`; `_italic_` is the same in both. `&`, `<`, `>` are escaped as Slack requires.
 */
export function markdownToMrkdwn(text: string): string {
  const parts: string[] = [];
  const link = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(link)) {
    parts.push(inlineStyles(escapeMrkdwn(text.slice(last, match.index))));
    const [, label = '', url = ''] = match;
    parts.push(slackLink(url, label));
    last = match.index + match[0].length;
  }
  parts.push(inlineStyles(escapeMrkdwn(text.slice(last))));
  return parts.join('');
}

/** `<url|label>`, with the characters that would end the link escaped in both parts. */
export function slackLink(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inlineStyles(text: string): string {
  return text.replace(/\*\*([^*\n]+)\*\*/g, '*$1*').replace(/__([^_\n]+)__/g, '*$1*').replace(/~~([^~\n]+)~~/g, '~$1~');
}
