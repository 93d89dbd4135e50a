import { ActivityHandler, ConversationState, MemoryStorage, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';

/**
 * Baseline bot: a bare two-question waterfall (WaterfallDialog + TextPrompt, MemoryStorage unless given
 * another Storage), the smallest bot that keeps dialog state per conversation like Qualibot does. When it
 * is done it starts over.
 */
export class WaterfallBot extends ActivityHandler {
  private readonly conversationState: ConversationState;
  private readonly dialogs: DialogSet;

  constructor(storage: Storage = new MemoryStorage()) {
    super();
    this.conversationState = new ConversationState(storage);
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new TextPrompt('text'));
    this.dialogs.add(
      new WaterfallDialog('qualify', [
        (step) => step.prompt('text', 'What challenge are you facing?'),
        (step) => {
          (step.values as Record<string, unknown>).challenge = step.result;
          return step.prompt('text', 'When do you want to start?');
        },
        async (step) => {
          await step.context.sendActivity(`Thanks: ${String((step.values as Record<string, unknown>).challenge)} / ${String(step.result)}`);
          return step.endDialog();
        },
      ]),
    );
    this.onMessage(async (context, next) => {
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('qualify');
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
