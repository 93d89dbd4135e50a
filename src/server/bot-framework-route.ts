import type { TurnContext } from '../bot/turn.js';
import type { Request, Response, Server } from 'restify';
import { BadRequestError } from '../errors.js';
import type { BotFrameworkAdapter } from '../runtime/bot-framework-adapter.js';
import { guardActivity, type ServiceUrlPolicy } from './activity-guard.js';
import { adapterResponse } from '../runtime/adapter-response.js';
import { sendError } from './send-error.js';

/**
 * `POST /api/messages`: the Bot Framework protocol (Azure Bot Service, Teams, Slack via Azure, Emulator).
 * Bad requests are answered here with a 4xx and a message; only sound activities reach the adapter.
 */
export function mountBotFrameworkRoute(server: Server, adapter: BotFrameworkAdapter, bot: { run(context: TurnContext): Promise<void> }, policy: ServiceUrlPolicy): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      if (!req.is('application/json')) {
        throw new BadRequestError('Content-Type must be application/json.', 415, 'unsupported_media_type');
      }
      guardActivity(req.body, policy);
    } catch (error) {
      return sendError(res, error);
    }
    // Hardening: the adapter's own 5xx bodies carry raw error messages; adapterResponse replaces them.
    await adapter.process(req, adapterResponse(res), (context) => bot.run(context));
  });
}
