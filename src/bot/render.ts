import type { Activity, CardAction } from '../channels/activity.js';
import { ActionTypes, ActivityTypes, adaptiveCard, buttonsCard, InputHints } from '../channels/protocol.js';
import { render } from '../playbook/queries.js';
import type { Dimension, Playbook } from '../playbook/schema.js';
import type { Decision, Locale } from '../qualification/types.js';

/** What channels and host pages read to react to the conversation (analytics, handoff UIs). */
export interface QualibotChannelData {
  ask?: string;
  clarification?: boolean;
  route?: Decision['route'];
  handoffReason?: Decision['handoffReason'];
  score?: number;
  tier?: Decision['tier'];
}

/**
 * A question about one dimension, with quick replies. Teams shows suggested actions only in
 * personal chats, so there the replies become an Adaptive Card whose buttons post the same text.
 */
export function questionActivity(options: {
  playbook: Playbook;
  dimension: Dimension;
  locale: Locale;
  channelId: string;
  clarification: boolean;
  prefix?: string;
  text?: string;
}): Partial<Activity> {
  const { dimension, locale, clarification } = options;
  const question = options.text ?? render(options.playbook, clarification ? dimension.clarification : dimension.question, locale);
  const text = options.prefix ? `${options.prefix} ${question}` : question;
  const labels = dimension.quickReplies.map((reply) => reply.label[locale]);
  const channelData: { qualibot: QualibotChannelData } = { qualibot: { ask: dimension.id, ...(clarification ? { clarification: true } : {}) } };
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text, inputHint: InputHints.ExpectingInput, channelData };
  if (labels.length === 0) return activity;
  if (options.channelId === 'msteams') {
    activity.attachments = [quickReplyCard(labels)];
    return activity;
  }
  const actions: CardAction[] = labels.map((label) => ({ type: ActionTypes.ImBack, title: label, value: label }));
  if (options.channelId === 'slack') {
    // Slack shows no suggested actions (Azure's channel drops them); card buttons become Slack buttons.
    activity.attachments = [buttonsCard(actions)];
    return activity;
  }
  activity.suggestedActions = { actions, to: [] };
  return activity;
}

export function outcomeActivity(text: string, decision: Decision): Partial<Activity> {
  const qualibot: QualibotChannelData = { route: decision.route, score: decision.score, tier: decision.tier };
  if (decision.handoffReason) qualibot.handoffReason = decision.handoffReason;
  return { type: ActivityTypes.Message, text, inputHint: InputHints.AcceptingInput, channelData: { qualibot } };
}

function quickReplyCard(labels: string[]) {
  return adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.4',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    body: [],
    actions: labels.map((label) => ({ type: 'Action.Submit', title: label, data: { msteams: { type: 'imBack', value: label } } })),
  });
}
