import type { TurnContext } from '../turn.js';
import { enqueueCrmEvent } from '../../crm/crm-outbox.js';
import { leadEvent } from '../../crm/crm-event.js';
import type { Logger } from '../../logger.js';
import type { Playbook } from '../../playbook/schema.js';
import type { LeadState } from '../../qualification/lead-state.js';
import type { Decision } from '../../qualification/types.js';
import type { LeadRecord, LeadRepository } from '../../storage/ports/leads.js';
import type { OutboxRepository } from '../../storage/ports/outbox.js';
import type { DecisionListener } from '../bot-ports.js';

/**
 * Stores each decided lead (and later contact updates) and queues it for the CRM in the outbox.
 * Disqualified leads are stored but not pushed: the CRM only receives leads worth working.
 */
export class LeadRecorder implements DecisionListener {
  constructor(
    private readonly leads: LeadRepository,
    private readonly outbox: OutboxRepository,
    private readonly playbook: Playbook,
    private readonly logger: Logger,
  ) {}

  async onDecision(lead: LeadState, decision: Decision, context: TurnContext): Promise<void> {
    const record = await this.save(lead, context);
    if (decision.route !== 'disqualify') await enqueueCrmEvent(this.outbox, leadEvent('lead.qualified', record));
  }

  async onLeadChanged(lead: LeadState, context: TurnContext): Promise<void> {
    const record = await this.save(lead, context);
    if (lead.decision && lead.decision.route !== 'disqualify') await enqueueCrmEvent(this.outbox, leadEvent('lead.updated', record));
  }

  private async save(lead: LeadState, context: TurnContext): Promise<LeadRecord> {
    const conversationId = context.activity.conversation?.id ?? 'unknown';
    const record = await this.leads.upsert({
      id: lead.leadId,
      conversationId,
      channel: lead.channel,
      locale: lead.locale ?? 'fr',
      status: lead.status === 'decided' ? 'decided' : 'qualifying',
      facts: lead.sheet.facts,
      knockouts: lead.sheet.knockouts,
      decision: lead.decision ?? null,
      context: lead.context,
      contact: lead.contact,
      usage: lead.usage,
      playbookId: this.playbook.id,
      playbookVersion: this.playbook.version,
      startedAt: lead.startedAt,
      ...(lead.decidedAt ? { decidedAt: lead.decidedAt } : {}),
      visitorMessages: lead.turn,
    });
    this.logger.debug({ conversationId, leadId: record.id, version: record.version }, 'lead stored');
    return record;
  }
}
