import type { Locale } from '../../qualification/types.js';

/** The Teams channel where SDRs receive handoffs (`TEAMS_SDR_CHANNEL_ID`, `TEAMS_SERVICE_URL`, `TEAMS_TENANT_ID`). */
export interface TeamsSdrChannelConfig {
  /** The channel's conversation id, `19:…@thread.tacv2`. */
  channelId: string;
  /** The Bot Connector of the team's region, e.g. `https://smba.trafficmanager.net/emea/`. */
  serviceUrl: string;
  tenantId?: string;
  /** Language of the cards and notices the SDRs read (`SDR_LOCALE`). */
  locale: Locale;
}

/** The Slack channel where SDRs receive handoffs (`SLACK_SDR_CHANNEL`); needs the self-hosted Slack app. */
export interface SlackSdrChannelConfig {
  /** Channel id (`C…`, or `G…` for a private channel), not its name. */
  channelId: string;
  locale: Locale;
}
