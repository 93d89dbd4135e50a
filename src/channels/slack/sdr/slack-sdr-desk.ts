import type { SlackAdapter, SlackBlockActions, SlackEventCallback, SlackSdrRoutes } from '../index.js';
import { slackToPlainText } from '../slack-text.js';
import type { Logger } from '../../../logger.js';
import type { HandoffRepository } from '../../../storage/ports/handoffs.js';
import type { ProcessedActivityRepository } from '../../../storage/ports/processed-activities.js';
import type { SdrIdentity } from '../../../handoff/handoff-state-machine.js';
import type { SdrCardActions } from '../../../handoff/notifiers/sdr-actions.js';
import type { SdrThreadStore } from '../../../handoff/notifiers/sdr-thread-store.js';
import { isSlackSdrActionId, parseSlackRejectOption, parseSlackSdrAction, SLACK_SDR_ACTIONS } from './slack-lead-blocks.js';
import { SLACK_SDR_PREFIX } from './slack-notifier.js';
import type { SlackSdrNames } from './slack-sdr-names.js';

/** Longest SDR reply relayed (the SDR API's limit). */
const MAX_REPLY_CHARS = 4000;
/** Message subtypes that are still a person writing. */
const HUMAN_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

export interface SlackSdrDeskDeps {
  channelId: string;
  adapter: Pick<SlackAdapter, 'paced' | 'botUserId'>;
  actions: SdrCardActions;
  threads: SdrThreadStore;
  handoffs: Pick<HandoffRepository, 'get'>;
  names: SlackSdrNames;
  /** A message arrives twice when it mentions the bot (`message` and `app_mention`): handled once. */
  processed: ProcessedActivityRepository;
  logger: Logger;
}

/**
 * What SDRs do in Slack: lead-card buttons (claim, release, close) and replies in a card's thread,
 * relayed to the visitor signed with their Slack name. Everything in the SDR channel stays here,
 * never reaching visitor qualification. Refusals ("already claimed by Marie") are ephemeral.
 */
export class SlackSdrDesk implements SlackSdrRoutes {
  constructor(private readonly deps: SlackSdrDeskDeps) {}

  async onBlockActions(payload: SlackBlockActions): Promise<boolean> {
    const button = payload.actions.find((action) => isSlackSdrActionId(action.action_id));
    if (!button) return false;
    const picked = button.action_id === SLACK_SDR_ACTIONS.reject ? parseSlackRejectOption(button.selected_option?.value) : undefined;
    const action = picked?.action ?? parseSlackSdrAction(button.action_id);
    const handoffId = picked?.handoffId ?? button.value;
    const channel = payload.channel?.id ?? payload.container?.channel_id;
    // Lead cards live in the SDR channel only: being in that channel is what makes someone an SDR.
    if (!action || !handoffId || channel !== this.deps.channelId) return true; // "Open in console" is a link: nothing to do
    const sdr = await this.identity(payload.user.id, payload.user.name ?? payload.user.username);
    const notice = await this.deps.actions.perform(handoffId, action, sdr);
    if (notice) await this.ephemeral(channel, payload.user.id, notice, payload.message?.thread_ts);
    return true;
  }

  async onEvent(envelope: SlackEventCallback): Promise<boolean> {
    const { event } = envelope;
    if (event.channel !== this.deps.channelId) return false;
    const person = (event.type === 'message' || event.type === 'app_mention') && !event.bot_id && (!event.subtype || HUMAN_SUBTYPES.has(event.subtype));
    if (!person || !event.user || !event.ts || !event.thread_ts || event.thread_ts === event.ts) return true;
    const botUserId = envelope.authorizations?.find((auth) => auth.is_bot)?.user_id ?? (await this.deps.adapter.botUserId());
    if (event.user === botUserId) return true;
    if (!(await this.deps.processed.claim(`slack-sdr:${event.channel}`, `message:${event.ts}`))) return true;
    const handoffId = await this.deps.threads.handoffOf(event.channel, event.thread_ts);
    const text = slackToPlainText(event.text ?? '', botUserId).slice(0, MAX_REPLY_CHARS);
    if (!handoffId || !text) return true;
    const sdr = await this.identity(event.user, profileName(event));
    const mentioned = event.type === 'app_mention' || Boolean(botUserId && event.text?.includes(`<@${botUserId}`));
    // Colleagues talk in the thread too: only the holder's words (or a message addressed to the bot) are for the visitor.
    if (!mentioned && !(await this.isHolder(handoffId, sdr))) return true;
    const notice = await this.deps.actions.reply(handoffId, sdr, text);
    if (notice) await this.ephemeral(event.channel, event.user, notice, event.thread_ts);
    return true;
  }

  private async isHolder(handoffId: string, sdr: SdrIdentity): Promise<boolean> {
    const handoff = await this.deps.handoffs.get(handoffId);
    return handoff?.status === 'live' && handoff.sdrId === sdr.id;
  }

  private async identity(userId: string, fallbackName?: string): Promise<SdrIdentity> {
    return { id: `${SLACK_SDR_PREFIX}${userId}`, name: await this.deps.names.nameOf(userId, fallbackName) };
  }

  private async ephemeral(channel: string, user: string, text: string, threadTs?: string): Promise<void> {
    await this.deps.adapter
      .paced(channel, (client) => client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) }))
      .catch((error: unknown) => this.deps.logger.warn({ err: error, channel }, 'slack ephemeral notice not sent'));
  }
}

/** Message events carry the author's profile (not always): a name without a users.info call. */
function profileName(event: SlackEventCallback['event']): string | undefined {
  const profile = (event as { user_profile?: { display_name?: string; real_name?: string } }).user_profile;
  return profile?.display_name?.trim() || profile?.real_name?.trim() || undefined;
}
