import type { ChatPostMessageArguments } from '@slack/web-api';
import type { Activity, Attachment, CardAction } from '../activity.js';
import { REPLY_ACTION_PREFIX, REPLY_BLOCK_ID } from './slack-constants.js';
import { escapeMrkdwn, markdownToMrkdwn, slackLink } from './slack-text.js';

/** Slack Block Kit limits that matter here. */
const SECTION_TEXT_MAX = 3000;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const BUTTONS_PER_BLOCK = 25;

/** A Block Kit block as the Web API client types it. */
export type SlackBlock = NonNullable<Extract<ChatPostMessageArguments, { blocks: unknown }>['blocks']>[number];

/** What goes into chat.postMessage / chat.update for one bot activity. */
export interface SlackMessage {
  /** mrkdwn; also the notification text when there are blocks. */
  text: string;
  blocks?: SlackBlock[];
}

interface Button {
  title: string;
  value: string;
}

/**
 * A bot message for Slack: text as mrkdwn; quick replies (suggested actions, card buttons that post
 * text back) as Block Kit buttons; everything else of a card degrades to text (Slack cannot show
 * Adaptive Cards). Undefined when there is nothing to show.
 */
export function toSlackMessage(activity: Partial<Activity>): SlackMessage | undefined {
  const lines: string[] = [];
  const buttons: Button[] = [];
  if (activity.text?.trim()) lines.push(markdownToMrkdwn(activity.text.trim()));
  for (const attachment of activity.attachments ?? []) collectAttachment(attachment, lines, buttons);
  for (const action of activity.suggestedActions?.actions ?? []) collectAction(action, lines, buttons);

  const text = lines.join('\n');
  if (!text && buttons.length === 0) return undefined;
  if (buttons.length === 0) return { text };
  const blocks: SlackBlock[] = chunk(text, SECTION_TEXT_MAX).map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
  for (let start = 0; start < buttons.length; start += BUTTONS_PER_BLOCK) {
    blocks.push({
      type: 'actions',
      block_id: start === 0 ? REPLY_BLOCK_ID : `${REPLY_BLOCK_ID}.${start / BUTTONS_PER_BLOCK}`,
      elements: buttons.slice(start, start + BUTTONS_PER_BLOCK).map((button, index) => ({
        type: 'button',
        action_id: `${REPLY_ACTION_PREFIX}${start + index}`,
        text: { type: 'plain_text', text: clip(button.title, BUTTON_TEXT_MAX), emoji: true },
        value: clip(button.value, BUTTON_VALUE_MAX),
      })),
    });
  }
  // Slack shows `text` in notifications only; with buttons alone it still needs one.
  return { text: text || buttons.map((button) => button.title).join(' · '), blocks };
}

/** The blocks of an answered question: its text kept, the buttons replaced by the answer chosen. */
export function answeredBlocks(blocks: unknown[] | undefined, fallbackText: string, answer: string): SlackBlock[] {
  const kept = (blocks ?? []).filter((block): block is SlackBlock => isRecord(block) && typeof block.type === 'string' && block.type !== 'actions');
  const body: SlackBlock[] = kept.length > 0 ? kept : [{ type: 'section', text: { type: 'mrkdwn', text: fallbackText || ' ' } }];
  return [...body, { type: 'context', elements: [{ type: 'mrkdwn', text: `✓ *${escapeMrkdwn(answer)}*` }] }];
}

function collectAttachment(attachment: Attachment, lines: string[], buttons: Button[]): void {
  const content = attachment.content as Record<string, unknown> | undefined;
  if (!isRecord(content)) return;
  if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
    collectAdaptiveElements(content.body, lines);
    collectAdaptiveActions(content.actions, lines, buttons);
    return;
  }
  // Hero, thumbnail and similar Bot Framework cards.
  for (const field of ['title', 'subtitle', 'text'] as const) {
    if (typeof content[field] === 'string' && content[field]) lines.push(markdownToMrkdwn(content[field] as string));
  }
  if (Array.isArray(content.buttons)) for (const action of content.buttons as CardAction[]) collectAction(action, lines, buttons);
}

function collectAdaptiveElements(elements: unknown, lines: string[]): void {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (!isRecord(element)) continue;
    if (element.type === 'TextBlock' && typeof element.text === 'string') lines.push(markdownToMrkdwn(element.text));
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts) {
        if (isRecord(fact)) lines.push(`*${escapeMrkdwn(String(fact.title ?? ''))}* ${markdownToMrkdwn(String(fact.value ?? ''))}`);
      }
    }
    // Containers nest their content in items / columns.
    collectAdaptiveElements(element.items, lines);
    collectAdaptiveElements(element.columns, lines);
  }
}

function collectAdaptiveActions(actions: unknown, lines: string[], buttons: Button[]): void {
  if (!Array.isArray(actions)) return;
  for (const action of actions) {
    if (!isRecord(action) || typeof action.title !== 'string') continue;
    if (action.type === 'Action.OpenUrl' && typeof action.url === 'string') {
      lines.push(slackLink(action.url, action.title));
      continue;
    }
    const data = action.data;
    // Our quick-reply card (render.ts): Teams turns `msteams.imBack` into a message with that text.
    const imBack = isRecord(data) && isRecord(data.msteams) && typeof data.msteams.value === 'string' ? data.msteams.value : undefined;
    const value = imBack ?? (typeof data === 'string' ? data : undefined);
    if (action.type === 'Action.Submit' && value) buttons.push({ title: action.title, value });
  }
}

function collectAction(action: CardAction, lines: string[], buttons: Button[]): void {
  const title = action.title ?? (typeof action.value === 'string' ? action.value : '');
  if (action.type === 'openUrl' && typeof action.value === 'string') {
    lines.push(slackLink(action.value, title || action.value));
    return;
  }
  const value = typeof action.value === 'string' ? action.value : action.text;
  if (value && ['imBack', 'postBack', 'messageBack'].includes(action.type)) buttons.push({ title: title || value, value });
}

function chunk(text: string, size: number): string[] {
  if (!text) return [];
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
