import type { TurnContext } from 'botbuilder';

export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * The turn logic of a `continueConversationAsync` call, whichever overload the caller used (app id or
 * claims identity, optional audience). Self-hosted channels have no Bot Framework auth to check.
 */
export function continuationLogic(logicOrAudience: TurnLogic | string, logic?: TurnLogic): TurnLogic {
  const run = typeof logicOrAudience === 'function' ? logicOrAudience : logic;
  if (!run) throw new Error('continueConversationAsync needs a logic callback.');
  return run;
}
