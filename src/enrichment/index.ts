import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import type { EnrichmentRepository } from '../storage/ports/enrichments.js';
import { CompanyFileAdapter, loadCompanyFile } from './company-file.js';
import type { EnrichmentConfig } from './enrichment-config.js';
import type { EnrichmentAdapter } from './enrichment.js';
import { Enricher } from './enricher.js';
import { HttpEnrichmentAdapter } from './http-enrichment-adapter.js';
import { LeadEnrichment, type TurnWait } from './lead-enrichment.js';

export { LeadEnrichment, type StoredLookupListener, type TurnWait } from './lead-enrichment.js';

/**
 * The enrichment the app runs: the free-mail and throwaway checks always, then the company file, then the HTTP
 * provider, when configured. An invalid company file stops start-up here, naming the file and the row.
 */
export function createLeadEnrichment(options: {
  config: EnrichmentConfig;
  playbook: Playbook;
  store: EnrichmentRepository;
  logger: Logger;
  wait?: TurnWait;
  fetch?: typeof fetch;
}): LeadEnrichment {
  const { config, logger } = options;
  const adapters: EnrichmentAdapter[] = [];
  if (config.companyFile) {
    const companies = loadCompanyFile(config.companyFile);
    logger.info({ companies: companies.size }, 'enrichment: company file loaded');
    adapters.push(new CompanyFileAdapter(companies));
  }
  if (config.http) adapters.push(new HttpEnrichmentAdapter(config.http, options.fetch));
  return new LeadEnrichment({
    enricher: new Enricher(adapters),
    store: options.store,
    playbook: options.playbook,
    timeoutMs: config.timeoutMs,
    logger,
    ...(options.wait ? { wait: options.wait } : {}),
  });
}
