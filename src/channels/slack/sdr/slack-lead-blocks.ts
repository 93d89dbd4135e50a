import type { SlackBlock } from '../slack-outbound.js';
import { escapeMrkdwn } from '../slack-text.js';
import type { LeadCardLabels, LeadNotification, SdrAction } from '../../../handoff/notifiers/lead-notification.js';
import { isCloseOutcome } from '../../../handoff/notifiers/lead-notification.js';

/** Action ids of the lead-card buttons; the button's value is the handoff id. */
export const SLACK_SDR_ACTIONS = {
  claim: 'qualibot_claim',
  release: 'qualibot_release',
  /** Followed by `_<outcome>`, e.g. `qualibot_close_meeting_booked`. */
  closePrefix: 'qualibot_close_',
  /** The reason picker of a live card; each option's value is `<handoff id>|<reason id>`. */
  reject: 'qualibot_reject',
  openConsole: 'qualibot_open_console',
} as const;

/** Slack allows at most ten fields per section, 2000 characters each, 3000 per section text. */
const FIELDS_PER_SECTION = 10;
const FIELD_MAX = 2000;
const TEXT_MAX = 3000;

/**
 * The lead card for the SDR channel in Block Kit: headline, score, summary, contact, facts with
 * the visitor's words, the score rule by rule, and the buttons the handoff's status allows.
 */
export function slackLeadBlocks(view: LeadNotification, texts: LeadCardLabels): SlackBlock[] {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(view.scoreLine) }] },
  ];
  if (view.summary) blocks.push(section(escapeMrkdwn(view.summary)));
  const details = [
    ...(view.contact ? [`*${escapeMrkdwn(texts.contact)}*\n${escapeMrkdwn(view.contact)}`] : []),
    ...(view.page ? [`*${escapeMrkdwn(texts.page)}*\n${escapeMrkdwn(view.page)}`] : []),
  ];
  if (details.length) blocks.push(fields(details));
  if (view.facts.length) {
    blocks.push({ type: 'divider' }, section(`*${escapeMrkdwn(texts.factsHeading)}*`));
    const lines = view.facts.map((fact) => `*${escapeMrkdwn(fact.title)}*: ${escapeMrkdwn(fact.value)}${fact.evidence ? `\n> ${escapeMrkdwn(fact.evidence).replace(/\n/g, ' ')}` : ''}`);
    for (let start = 0; start < lines.length; start += FIELDS_PER_SECTION) blocks.push(fields(lines.slice(start, start + FIELDS_PER_SECTION)));
  }
  if (view.reasons.length) {
    const lines = view.reasons.map((reason) => `\`${reason.points}\` ${escapeMrkdwn(reason.text)}`);
    blocks.push(section(`*${escapeMrkdwn(texts.reasonsHeading)}*\n${lines.join('\n')}`));
  }
  if (texts.hint && view.status === 'live') blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(texts.hint) }] });
  const elements: Record<string, unknown>[] = view.buttons.map((button) => ({
    type: 'button',
    action_id: actionId(button.action),
    text: { type: 'plain_text', text: clip(button.label, 75), emoji: true },
    value: view.handoffId,
    ...(button.primary ? { style: 'primary' } : {}),
  }));
  if (view.reject) {
    elements.push({
      type: 'static_select',
      action_id: SLACK_SDR_ACTIONS.reject,
      placeholder: { type: 'plain_text', text: clip(view.reject.label, 150), emoji: true },
      options: view.reject.options.slice(0, 100).map((option) => ({ text: { type: 'plain_text', text: clip(option.label, 75), emoji: true }, value: `${view.handoffId}|${option.id}` })),
    });
  }
  if (view.consoleUrl) elements.push({ type: 'button', action_id: SLACK_SDR_ACTIONS.openConsole, text: { type: 'plain_text', text: texts.openConsole }, url: view.consoleUrl });
  if (elements.length) blocks.push({ type: 'actions', block_id: 'qualibot_sdr', elements } as SlackBlock);
  return blocks;
}

export function actionId(action: SdrAction): string {
  if (action.kind === 'close') return `${SLACK_SDR_ACTIONS.closePrefix}${action.outcome}`;
  return action.kind === 'claim' ? SLACK_SDR_ACTIONS.claim : SLACK_SDR_ACTIONS.release;
}

/** The handoff and the action of a reason picked in a card's reject menu. */
export function parseSlackRejectOption(value: string | undefined): { handoffId: string; action: SdrAction } | undefined {
  const match = value ? /^([^|]+)\|([a-z][a-z0-9_]*)$/.exec(value) : null;
  return match ? { handoffId: match[1]!, action: { kind: 'close', outcome: 'rejected', rejectionReason: match[2]! } } : undefined;
}

/** The SDR action behind a button's action id; undefined for anything else (Open in console included). */
export function parseSlackSdrAction(id: string): SdrAction | undefined {
  if (id === SLACK_SDR_ACTIONS.claim) return { kind: 'claim' };
  if (id === SLACK_SDR_ACTIONS.release) return { kind: 'release' };
  const outcome = id.startsWith(SLACK_SDR_ACTIONS.closePrefix) ? id.slice(SLACK_SDR_ACTIONS.closePrefix.length) : undefined;
  return isCloseOutcome(outcome) ? { kind: 'close', outcome } : undefined;
}

/** True for every button of a lead card (they are the SDRs', never a visitor's answer). */
export function isSlackSdrActionId(id: string): boolean {
  return id.startsWith('qualibot_');
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, TEXT_MAX) } };
}

function fields(texts: string[]): SlackBlock {
  return { type: 'section', fields: texts.map((text) => ({ type: 'mrkdwn', text: clip(text, FIELD_MAX) })) };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
