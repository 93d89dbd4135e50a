import { BadRequestError } from '../../errors.js';
import type { Locale } from '../../qualification/types.js';
import type { VerdictVia } from '../../storage/ports/feedback.js';
import type { HandoffService } from '../handoff-service.js';
import type { SdrIdentity } from '../handoff-state-machine.js';
import type { SdrAction } from './lead-notification.js';
import { translate } from '../../i18n/translate.js';

/**
 * What SDRs do from a Teams or Slack card, through the same `HandoffService` calls (and so the
 * same rules) as the SDR API. A refusal comes back as a polite notice for that SDR, not an error.
 */
export class SdrCardActions {
  constructor(
    private readonly service: HandoffService,
    private readonly locale: Locale,
    /** Where the verdicts given through these cards come from. */
    private readonly via: VerdictVia,
  ) {}

  /** Undefined when done; otherwise why not (e.g. "already claimed by Marie"). */
  async perform(handoffId: string, action: SdrAction, sdr: SdrIdentity): Promise<string | undefined> {
    try {
      if (action.kind === 'claim') await this.service.claim(handoffId, sdr);
      else if (action.kind === 'release') await this.service.release(handoffId, sdr);
      else await this.service.close(handoffId, sdr, action.outcome, undefined, { details: action.rejectionReason ? { rejectionReason: action.rejectionReason } : {}, via: this.via });
      return undefined;
    } catch (error) {
      return this.refusal(error, handoffId, sdr, action.kind);
    }
  }

  /** Relays the SDR's reply to the visitor; returns a notice when it was refused or not delivered. */
  async reply(handoffId: string, sdr: SdrIdentity, text: string): Promise<string | undefined> {
    try {
      const { delivery } = await this.service.postSdrMessage(handoffId, sdr, text);
      return delivery === 'sent' || delivery === 'relayed' ? undefined : translate('sdr.notDelivered', this.locale, { delivery });
    } catch (error) {
      return this.refusal(error, handoffId, sdr, 'reply');
    }
  }

  private async refusal(error: unknown, handoffId: string, sdr: SdrIdentity, what: SdrAction['kind'] | 'reply'): Promise<string> {
    if (!(error instanceof BadRequestError)) throw error;
    const current = await this.service.require(handoffId).catch(() => undefined);
    if (!current) return translate('sdr.unknownLead', this.locale);
    const values = { sdr: sdr.name, holder: current.sdrName ?? '?', status: current.status };
    if (current.status === 'live') return translate(what === 'claim' ? 'sdr.alreadyClaimed' : 'sdr.notHolder', this.locale, values);
    if ((current.status === 'queued' || current.status === 'expired') && what !== 'claim') return translate('sdr.claimFirst', this.locale, values);
    return translate('sdr.notOpen', this.locale, values);
  }
}
