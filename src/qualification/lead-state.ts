import { randomUUID } from 'node:crypto';
import { emptyFactSheet } from './fact-sheet.js';
import { NO_USAGE, type Contact, type Decision, type FactSheet, type LlmUsage, type Locale, type PageContext } from './types.js';

/** How many earlier visitor messages extractors may quote as evidence. */
export const HISTORY_LIMIT = 20;

/** Everything the bot knows about one conversation's lead; kept in ConversationState. */
export interface LeadState {
  leadId: string;
  channel: string;
  locale?: Locale;
  /** The region of the channel's locale tag ("AU" for en-AU), when it had one: dates such as seasons depend on it. */
  region?: string;
  /** Where the locale came from: a default may still be corrected by the first message. */
  localeSource?: 'activity' | 'detected' | 'default';
  status: 'new' | 'qualifying' | 'decided';
  /** Number of visitor messages read so far. */
  turn: number;
  sheet: FactSheet;
  /** Dimensions asked at least once. */
  asked: string[];
  /** Dimensions whose one clarification was already asked. */
  clarified: string[];
  contact: Contact;
  context: PageContext;
  /** Recent visitor messages (oldest first), for grounding. */
  history: string[];
  usage: LlmUsage;
  /**
   * A free-text answer no extractor could read (a language without a rules lexicon, no LLM): `due` until the bot has
   * said once that picking a suggested answer works best, then `told`.
   */
  unreadLanguageNotice?: 'due' | 'told';
  decision?: Decision;
  startedAt: string;
  decidedAt?: string;
}

export function newLeadState(channel: string, now = new Date()): LeadState {
  return {
    leadId: randomUUID(),
    channel,
    status: 'new',
    turn: 0,
    sheet: emptyFactSheet(),
    asked: [],
    clarified: [],
    contact: {},
    context: {},
    history: [],
    usage: { ...NO_USAGE },
    startedAt: now.toISOString(),
  };
}
