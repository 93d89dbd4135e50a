import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import type { LeadState } from '../qualification/lead-state.js';
import type { EnrichmentRecord, EnrichmentRepository } from '../storage/ports/enrichments.js';
import { applyEnrichment } from './apply-enrichment.js';
import { lookupTarget } from './email-domain.js';
import type { Enricher } from './enricher.js';

/** Resolves after `ms`, or at once when `signal` aborts: how long a turn waits for a lookup (tests pass one they release). */
export type TurnWait = (ms: number, signal: AbortSignal) => Promise<void>;

const realWait: TurnWait = (ms, signal) => sleep(ms, undefined, { signal, ref: false }).catch(() => undefined);

export interface LeadEnrichmentOptions {
  enricher: Enricher;
  store: Pick<EnrichmentRepository, 'save' | 'forLead'>;
  playbook: Playbook;
  /** ENRICHMENT_TIMEOUT_MS: the longest a turn waits for a lookup; a later result is stored and used afterwards. */
  timeoutMs: number;
  logger: Logger;
  wait?: TurnWait;
}

/** Told about every lookup once stored, `late` when it finished after its turn stopped waiting. */
export type StoredLookupListener = (record: EnrichmentRecord, info: { late: boolean }) => Promise<void> | void;

/**
 * Enriches a lead once its e-mail or website is known, within a bounded wait: a turn never waits longer than
 * `timeoutMs`. A lookup that finishes later is stored (the lead card shows it at once) and folded into the lead on
 * the visitor's next message. Every stored lookup is announced to the listeners (a handoff's packet and suggestion).
 */
export class LeadEnrichment {
  private readonly running = new Set<Promise<void>>();
  private readonly listeners: StoredLookupListener[] = [];
  private readonly wait: TurnWait;

  constructor(private readonly options: LeadEnrichmentOptions) {
    this.wait = options.wait ?? realWait;
  }

  /** E.g. the handoff module: an open handoff of that conversation shows the lookup, an existing customer goes to its owner. */
  onStored(listener: StoredLookupListener): void {
    this.listeners.push(listener);
  }

  /** Resolves when no lookup is running (graceful stop; tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async enrich(lead: LeadState, conversationId: string): Promise<LeadState> {
    let current = await this.pickUpLateResult(lead);
    const target = lookupTarget(current.contact);
    if (!target || current.sheet.enrichment?.domain === target.domain) return current;

    const { enricher, store, logger, playbook } = this.options;
    const email = target.from === 'email' ? current.contact.email : undefined;
    const lookup = enricher.lookup(target).then(async (result) => {
      const record: EnrichmentRecord = { leadId: lead.leadId, conversationId, domain: result.domain, result, lookedUpAt: result.lookedUpAt, ...(email ? { email } : {}) };
      await store.save(record);
      return record;
    });
    const stopWaiting = new AbortController();
    const outcome = await Promise.race([
      lookup.then(
        (record) => ({ record }),
        (error: unknown) => ({ error }),
      ),
      this.wait(this.options.timeoutMs, stopWaiting.signal).then(() => ({ late: true as const })),
    ]);
    stopWaiting.abort();
    if ('record' in outcome) {
      // Never awaited: the turn has its answer; the listeners' work (a handoff's packet) is theirs.
      this.track(this.announce(outcome.record, false));
      return applyEnrichment(playbook, current, outcome.record.result);
    }
    if ('error' in outcome) {
      // The visitor never sees it: the bot asks as it would without enrichment.
      logger.warn({ err: outcome.error, leadId: lead.leadId }, 'enrichment lookup not stored');
      return current;
    }
    this.track(
      lookup.then(
        (record) => this.announce(record, true),
        (error: unknown) => logger.warn({ err: error, leadId: lead.leadId }, 'late enrichment lookup not stored'),
      ),
    );
    logger.debug({ leadId: lead.leadId, timeoutMs: this.options.timeoutMs }, 'enrichment still running: the turn goes on without it');
    current = { ...current, sheet: { ...current.sheet, enrichment: { domain: target.domain, status: 'pending' } } };
    return current;
  }

  /** A lookup that was still running at the last turn and has been stored since: folded in now. */
  private async pickUpLateResult(lead: LeadState): Promise<LeadState> {
    const pending = lead.sheet.enrichment;
    if (pending?.status !== 'pending') return lead;
    try {
      const stored = (await this.options.store.forLead(lead.leadId)).find((record) => record.domain === pending.domain);
      return stored ? applyEnrichment(this.options.playbook, lead, stored.result) : lead;
    } catch (error) {
      this.options.logger.warn({ err: error, leadId: lead.leadId }, 'stored enrichment not read');
      return lead;
    }
  }

  private async announce(record: EnrichmentRecord, late: boolean): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(record, { late });
      } catch (error) {
        this.options.logger.warn({ err: error, leadId: record.leadId }, 'enrichment listener failed');
      }
    }
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }
}
