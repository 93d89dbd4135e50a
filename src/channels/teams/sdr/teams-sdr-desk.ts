import { ActivityTypes, Channels, TurnContext, type Activity, type InvokeResponse, type Middleware } from 'botbuilder';
import type { Logger } from '../../../logger.js';
import type { Locale } from '../../../qualification/types.js';
import type { ProcessedActivityRepository } from '../../../storage/ports/processed-activities.js';
import type { SdrIdentity } from '../../../handoff/handoff-state-machine.js';
import type { SdrCardActions } from '../../../handoff/notifiers/sdr-actions.js';
import { translate } from '../../../i18n/translate.js';
import type { SdrThreadStore } from '../../../handoff/notifiers/sdr-thread-store.js';
import { parseTeamsSdrAction } from './teams-lead-card.js';
import { TEAMS_SDR_PREFIX } from './teams-notifier.js';

/** Longest SDR reply relayed (the SDR API's limit). */
const MAX_REPLY_CHARS = 4000;

export interface TeamsSdrDeskDeps {
  channelId: string;
  actions: SdrCardActions;
  threads: SdrThreadStore;
  /** Teams retries an activity it thinks was lost: each one is handled once. */
  processed: ProcessedActivityRepository;
  locale: Locale;
  logger: Logger;
}

/**
 * What SDRs send from the Teams SDR channel: card clicks (Action.Submit messages, or
 * `adaptiveCard/action` invokes) and thread replies that mention the bot, relayed to the visitor
 * signed with their Teams display name. Nothing from this channel reaches visitor qualification.
 */
export class TeamsSdrDesk {
  constructor(private readonly deps: TeamsSdrDeskDeps) {}

  /** True for activities of the SDR channel: the channel itself or one of its threads. */
  handles(activity: Partial<Activity>): boolean {
    if (activity.channelId !== Channels.Msteams) return false;
    const channel = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
    const base = activity.conversation?.id?.split(';')[0];
    return channel === this.deps.channelId || base === this.deps.channelId;
  }

  async handle(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Invoke) return this.onInvoke(context);
    if (activity.type !== ActivityTypes.Message) return; // joins, edits, reactions: nothing to do
    if (activity.id && !(await this.deps.processed.claim(activity.conversation.id, activity.id))) return;
    const sdr = sdrOf(activity);
    const clicked = parseTeamsSdrAction(activity.value);
    const notice = clicked ? await this.deps.actions.perform(clicked.handoffId, clicked.action, sdr) : await this.onReply(context, sdr);
    if (notice) await context.sendActivity(notice);
  }

  /** Action.Execute: the answer (a message only the clicker sees) goes in the invoke response. */
  private async onInvoke(context: TurnContext): Promise<void> {
    const { activity } = context;
    const value = activity.value as { action?: { data?: unknown } } | undefined;
    const clicked = activity.name === 'adaptiveCard/action' ? parseTeamsSdrAction(value?.action?.data) : undefined;
    if (!clicked) return respond(context, { status: 200, body: {} });
    const notice = await this.deps.actions.perform(clicked.handoffId, clicked.action, sdrOf(activity));
    await respond(context, { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: notice ?? translate('sdr.done', this.deps.locale) } });
  }

  private async onReply(context: TurnContext, sdr: SdrIdentity): Promise<string | undefined> {
    const { activity } = context;
    TurnContext.removeRecipientMention(activity);
    const text = (activity.text ?? '').replace(/<at>[^<]*<\/at>/g, ' ').trim().slice(0, MAX_REPLY_CHARS);
    if (!text) return undefined;
    const [channel, root] = activity.conversation.id.split(';messageid=');
    const handoffId = channel && root ? await this.deps.threads.handoffOf(activity.conversation.id, root) : undefined;
    if (!handoffId) return translate('sdr.notALeadThread', this.deps.locale);
    this.deps.logger.debug({ handoffId, sdrId: sdr.id }, 'teams sdr reply');
    return this.deps.actions.reply(handoffId, sdr, text);
  }
}

/**
 * First middleware of the Bot Framework adapter: SDR channel activities go to the desk and stop
 * there (no dedupe/transcript of visitor turns, no qualification). Attached once the handoff
 * module exists; until then, and without an SDR channel, everything passes.
 */
export class TeamsSdrGate implements Middleware {
  private desk?: TeamsSdrDesk;

  attach(desk: TeamsSdrDesk): void {
    this.desk = desk;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!this.desk || !this.desk.handles(context.activity)) return next();
    await this.desk.handle(context);
  }
}

/** The SDR behind a Teams activity: their AAD object id (stable across chats) and display name. */
export function sdrOf(activity: Partial<Activity>): SdrIdentity {
  const from = activity.from;
  const id = (from as { aadObjectId?: string } | undefined)?.aadObjectId ?? from?.id ?? 'unknown';
  return { id: `${TEAMS_SDR_PREFIX}${id}`, name: from?.name?.trim() || id };
}

async function respond(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}
