import type { TurnContext } from '../bot/turn.js';
import type { Activity, ConversationReference } from '../channels/activity.js';
import { ActivityTypes } from '../channels/protocol.js';
import type { QualibotChannelData } from '../bot/render.js';
import { VISITOR_LEFT_EVENT } from '../bot/bot-ports.js';
import { createTurnErrorHandler } from '../bot/turn-error.js';
import type { BotParts } from '../bot/build-bot.js';
import type { Logger } from '../logger.js';
import type { LeadState } from '../qualification/lead-state.js';
import type { Decision, Fact, KnockoutHit, ScoreReason } from '../qualification/types.js';
import type { LabelledCase } from './labelled-case.js';
import type { BotRuntimeName } from '../runtime/bot-runtime.js';
import { createInProcessTurns } from '../runtime/in-process-turns.js';

/** Guards against a dialog that would loop forever on a scripted visitor. */
const MAX_TURNS = 40;

export interface TranscriptLine {
  from: 'visitor' | 'bot';
  text: string;
  ask?: string;
}

export interface ReplayResult {
  id: string;
  route?: Decision['route'];
  handoffReason?: Decision['handoffReason'];
  score?: number;
  tier?: Decision['tier'];
  facts: Record<string, Pick<Fact, 'value' | 'evidence' | 'confidence'> & Partial<Pick<Fact, 'amount' | 'months' | 'headcount' | 'sector' | 'source'>>>;
  contradictions: LeadState['sheet']['contradictions'];
  unclear: string[];
  knockouts: KnockoutHit[];
  reasons: ScoreReason[];
  turns: number;
  llmCalls: number;
  tokensIn: number;
  /** Of tokensIn, served from the provider's prompt cache. */
  tokensCached: number;
  tokensOut: number;
  complete: boolean;
  locale?: string;
  transcript: TranscriptLine[];
}

/**
 * Plays a labelled conversation through the real bot and dialog code, in-process on the runtime given
 * (botbuilder's TestAdapter, or the Agents SDK's adapter with `expectReplies`), answering each question the way
 * the case says, and reads the decision the bot recorded.
 */
export async function replayCase(parts: BotParts, labelled: LabelledCase, logger: Logger, runtime: BotRuntimeName = 'botbuilder'): Promise<ReplayResult> {
  const conversation: ConversationReference = {
    channelId: 'replay',
    serviceUrl: 'https://replay.invalid',
    conversation: { id: `replay-${labelled.id}-${Date.now()}`, isGroup: false, conversationType: 'personal', name: labelled.id },
    user: { id: 'visitor', name: 'Visitor' },
    bot: { id: 'qualibot', name: 'Qualibot' },
    locale: labelled.locale,
  };
  const adapter = createInProcessTurns(runtime, conversation);
  adapter.onTurnError = createTurnErrorHandler(logger);
  adapter.use(parts.visitorText);
  const logic = (context: TurnContext) => parts.bot.runTurn(context);
  const transcript: TranscriptLine[] = [];
  const visitorLines = [...(labelled.visitor ?? [])];

  const drain = (replies: Partial<Activity>[]): Partial<Activity>[] => {
    for (const reply of replies) {
      if (reply.type === ActivityTypes.Message && reply.text) {
        transcript.push({ from: 'bot', text: reply.text, ask: qualibotData(reply)?.ask });
      }
    }
    return replies;
  };

  let replies = drain(
    await adapter.process(
      {
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [conversation.user!],
        locale: labelled.locale,
        channelData: { qualibot: { context: labelled.context ?? {} } },
      },
      logic,
    ),
  );
  let turns = 0;
  let decided = false;
  while (turns < MAX_TURNS) {
    if (replies.some((reply) => qualibotData(reply)?.route)) {
      decided = true;
      break;
    }
    const ask = [...replies]
      .reverse()
      .map(qualibotData)
      .find((data) => data?.ask)?.ask;
    const answer = labelled.answers ? (ask ? labelled.answers[ask] : undefined) : visitorLines.shift();
    if (answer === undefined) break;
    transcript.push({ from: 'visitor', text: answer });
    turns += 1;
    replies = drain(await adapter.process({ type: ActivityTypes.Message, text: answer, locale: labelled.locale }, logic));
  }
  if (!decided) {
    drain(await adapter.process({ type: ActivityTypes.Event, name: VISITOR_LEFT_EVENT, locale: labelled.locale }, logic));
  }

  const lead = await readLead(parts, conversation);
  const decision = lead?.decision;
  const facts: ReplayResult['facts'] = {};
  for (const [dimension, fact] of Object.entries(lead?.sheet.facts ?? {})) {
    facts[dimension] = {
      value: fact.value,
      evidence: fact.evidence,
      confidence: fact.confidence,
      source: fact.source,
      ...(fact.amount ? { amount: fact.amount } : {}),
      ...(fact.months !== undefined ? { months: fact.months } : {}),
      ...(fact.headcount !== undefined ? { headcount: fact.headcount } : {}),
      ...(fact.sector ? { sector: fact.sector } : {}),
    };
  }
  return {
    id: labelled.id,
    route: decision?.route,
    handoffReason: decision?.handoffReason,
    score: decision?.score,
    tier: decision?.tier,
    facts,
    contradictions: lead?.sheet.contradictions ?? {},
    unclear: lead?.sheet.unclear ?? [],
    knockouts: decision?.knockouts ?? [],
    reasons: decision?.reasons ?? [],
    turns,
    llmCalls: lead?.usage.llmCalls ?? 0,
    tokensIn: lead?.usage.tokensIn ?? 0,
    tokensCached: lead?.usage.tokensCached ?? 0,
    tokensOut: lead?.usage.tokensOut ?? 0,
    complete: decision?.complete ?? false,
    locale: lead?.locale,
    transcript,
  };
}

async function readLead(parts: BotParts, conversation: ConversationReference): Promise<LeadState | undefined> {
  // ConversationState's storage key: channel/conversations/id/namespace (empty namespace).
  const key = `${conversation.channelId}/conversations/${conversation.conversation!.id}/`;
  const items = await parts.storage.read([key]);
  return (items[key] as { lead?: LeadState } | undefined)?.lead;
}

function qualibotData(activity: Partial<Activity>): QualibotChannelData | undefined {
  return (activity.channelData as { qualibot?: QualibotChannelData } | undefined)?.qualibot;
}
