import type { SlackChannel } from '../../channels/slack/index.js';
import type { Logger } from '../../logger.js';
import type { Database } from '../../storage/ports/database.js';
import type { HandoffService } from '../handoff-service.js';
import type { HandoffNotifier } from './handoff-notifier.js';
import { SdrCardActions } from './sdr-actions.js';
import type { SlackSdrChannelConfig, TeamsSdrChannelConfig } from './sdr-channel-config.js';
import { SdrThreadStore } from './sdr-thread-store.js';
import { SlackNotifier } from '../../channels/slack/sdr/slack-notifier.js';
import { SlackSdrDesk } from '../../channels/slack/sdr/slack-sdr-desk.js';
import { SlackSdrNames } from '../../channels/slack/sdr/slack-sdr-names.js';
import { TeamsNotifier, type TeamsProactiveAdapter } from '../../channels/teams/sdr/teams-notifier.js';
import { TeamsSdrDesk, type TeamsSdrGate } from '../../channels/teams/sdr/teams-sdr-desk.js';

export type { HandoffNotifier } from './handoff-notifier.js';
export { NotifierDispatcher } from './notifier-dispatcher.js';
export type { SlackSdrChannelConfig, TeamsSdrChannelConfig } from './sdr-channel-config.js';
export { TeamsSdrGate } from '../../channels/teams/sdr/teams-sdr-desk.js';
export type { TeamsProactiveAdapter } from '../../channels/teams/sdr/teams-notifier.js';

export interface SdrNotifiersOptions {
  db: Pick<Database, 'handoffs' | 'processed' | 'state'>;
  service: HandoffService;
  logger: Logger;
  /** `PUBLIC_URL`, for the cards' "Open in console" button. */
  publicUrl?: string;
  teams?: {
    config: TeamsSdrChannelConfig;
    /** `MicrosoftAppId` (empty in dev mode). */
    appId: string;
    /** A CloudAdapter with the bot's credentials but none of the visitor middleware. */
    adapter: TeamsProactiveAdapter;
    /** The first middleware of the Bot Framework adapter: SDR channel activities are handed to it. */
    gate: TeamsSdrGate;
  };
  slack?: { config: SlackSdrChannelConfig; channel: SlackChannel };
}

/**
 * The Teams and Slack SDR channels that are configured: their notifiers (to add to the handoff
 * module) with their inbound side already routed (Teams gate, Slack SDR routes).
 */
export function createSdrNotifiers(options: SdrNotifiersOptions): HandoffNotifier[] {
  const { db, service, publicUrl } = options;
  const notifiers: HandoffNotifier[] = [];
  if (options.teams) {
    const { config, appId, adapter, gate } = options.teams;
    const logger = options.logger.child({ component: 'sdr-teams' });
    const threads = new SdrThreadStore(db.state, 'teams');
    notifiers.push(new TeamsNotifier({ adapter, appId, config, handoffs: db.handoffs, threads, logger, publicUrl, reasons: service.rejectionReasons }));
    gate.attach(new TeamsSdrDesk({ channelId: config.channelId, actions: new SdrCardActions(service, config.locale, 'teams'), threads, processed: db.processed, locale: config.locale, logger }));
  }
  if (options.slack) {
    const { config, channel } = options.slack;
    const logger = options.logger.child({ component: 'sdr-slack' });
    const threads = new SdrThreadStore(db.state, 'slack');
    const { adapter } = channel;
    notifiers.push(new SlackNotifier({ adapter, config, handoffs: db.handoffs, threads, logger, publicUrl, reasons: service.rejectionReasons }));
    const names = new SlackSdrNames(adapter.client, logger);
    channel.routeSdr(
      new SlackSdrDesk({ channelId: config.channelId, adapter, actions: new SdrCardActions(service, config.locale, 'slack'), threads, handoffs: db.handoffs, names, processed: db.processed, logger }),
    );
  }
  return notifiers;
}
