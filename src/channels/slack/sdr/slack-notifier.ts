import type { SlackAdapter } from '../index.js';
import { escapeMrkdwn, markdownToMrkdwn } from '../slack-text.js';
import type { Logger } from '../../../logger.js';
import type { HandoffRecord, HandoffRepository } from '../../../storage/ports/handoffs.js';
import type { LeadPacket } from '../../../handoff/lead-packet.js';
import type { HandoffNotifier } from '../../../handoff/notifiers/handoff-notifier.js';
import { describeHandoff, leadCardLabels } from '../../../handoff/notifiers/lead-notification.js';
import type { SlackSdrChannelConfig } from '../../../handoff/notifiers/sdr-channel-config.js';
import { translate } from '../../../i18n/translate.js';
import type { SdrThreadStore } from '../../../handoff/notifiers/sdr-thread-store.js';
import { slackLeadBlocks } from './slack-lead-blocks.js';
import type { RejectionReason } from '../../../feedback/rejection-reasons.js';

export interface SlackNotifierDeps {
  /** The self-hosted Slack adapter: its Web API client and its paced per-channel lane. */
  adapter: Pick<SlackAdapter, 'paced'>;
  config: SlackSdrChannelConfig;
  handoffs: Pick<HandoffRepository, 'get'>;
  threads: SdrThreadStore;
  logger: Logger;
  /** `PUBLIC_URL`, for the "Open in console" button. */
  publicUrl?: string;
  /** The playbook's rejection reasons, offered on live cards. */
  reasons?: readonly RejectionReason[];
}

/** SDR ids of people acting from Slack: `slack:<user id>`. */
export const SLACK_SDR_PREFIX = 'slack:';

/**
 * Posts each handoff as a Block Kit message in the SDR channel, keeps it in step with the handoff
 * (`chat.update`), and writes the visitor's messages (and other SDRs' answers) in its thread.
 * Every call goes through the adapter's per-channel lane: about one message per second, and a
 * rate-limited call waits for Slack's Retry-After. Clicks and replies come back through `SlackSdrDesk`.
 */
export class SlackNotifier implements HandoffNotifier {
  readonly name = 'slack';

  constructor(private readonly deps: SlackNotifierDeps) {}

  async onQueued(handoff: HandoffRecord, _packet: LeadPacket): Promise<void> {
    const { channelId } = this.deps.config;
    const message = this.message(handoff);
    const posted = await this.deps.adapter.paced(channelId, (client) =>
      client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false }),
    );
    if (!posted.ts) throw new Error('Slack posted the SDR card without a ts');
    const thread = { handoffId: handoff.id, conversationId: posted.channel ?? channelId, messageId: posted.ts };
    await this.deps.threads.save(thread);
    this.deps.logger.info({ handoffId: handoff.id, channel: thread.conversationId, ts: thread.messageId }, 'sdr card posted to slack');
    // Claimed (elsewhere) while the card was being posted: that update found no card, so show it now.
    const fresh = await this.deps.handoffs.get(handoff.id);
    if (fresh && fresh.updatedAt !== handoff.updatedAt) await this.update(fresh, thread.conversationId, thread.messageId);
  }

  async onChanged(handoff: HandoffRecord): Promise<void> {
    const thread = await this.deps.threads.byHandoff(handoff.id);
    if (thread) await this.update(handoff, thread.conversationId, thread.messageId);
  }

  async onVisitorMessage(handoff: HandoffRecord, text: string): Promise<void> {
    await this.postInThread(handoff, markdownToMrkdwn(translate('sdr.visitorLine', this.deps.config.locale, { text: neutral(text) })));
  }

  async onSdrMessage(handoff: HandoffRecord, sdrName: string, text: string): Promise<void> {
    // Written in this very thread by a Slack SDR: Slack shows it already.
    if (handoff.sdrId?.startsWith(SLACK_SDR_PREFIX)) return;
    await this.postInThread(handoff, markdownToMrkdwn(translate('sdr.sdrLine', this.deps.config.locale, { sdr: neutral(sdrName), text: neutral(text) })));
  }

  private async postInThread(handoff: HandoffRecord, text: string): Promise<void> {
    const thread = await this.deps.threads.waitByHandoff(handoff.id);
    if (!thread) return;
    await this.deps.adapter.paced(thread.conversationId, (client) =>
      client.chat.postMessage({ channel: thread.conversationId, thread_ts: thread.messageId, text, unfurl_links: false, unfurl_media: false }),
    );
  }

  private async update(handoff: HandoffRecord, channel: string, ts: string): Promise<void> {
    const message = this.message(handoff);
    await this.deps.adapter.paced(channel, (client) => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
  }

  private message(handoff: HandoffRecord) {
    const { locale } = this.deps.config;
    const view = describeHandoff(handoff, locale, this.deps.publicUrl, this.deps.reasons);
    const blocks = slackLeadBlocks(view, leadCardLabels(locale));
    return { text: escapeMrkdwn(view.fallback), blocks };
  }
}

/**
 * Visitor text inside our Markdown line: Markdown link syntax defused (the line goes through
 * `markdownToMrkdwn`, which escapes `<`, `>` and `&`), so a visitor cannot plant a link.
 */
function neutral(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u200B(').replace(/\*\*/g, '*\u200B*');
}
