import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import type { Database } from '../storage/index.js';
import { rulesReextractor } from './reextract.js';
import { whatIf, type WhatIfReport } from './whatif.js';

export interface WhatIfScope {
  /** Leads updated at or after this instant. */
  since?: Date;
  until?: Date;
  channel?: string;
}

/** The what-if over the stored leads of a scope, with their verdicts and CRM outcomes: the CLI and the insights page. */
export async function whatIfFromDatabase(
  db: Pick<Database, 'leads' | 'feedback' | 'transcripts'>,
  playbooks: { baseline: Playbook; candidate: Playbook },
  scope: WhatIfScope,
  logger: Logger,
  onProgress?: (done: number, total: number) => void,
): Promise<WhatIfReport> {
  const leads = (await db.leads.list(scope.since ? { since: scope.since } : {})).filter(
    (lead) => (!scope.channel || lead.channel === scope.channel) && (!scope.until || new Date(lead.updatedAt) < scope.until),
  );
  const feedback = new Map((await db.feedback.labelled()).map((item) => [item.lead.id, item]));
  return whatIf({
    ...playbooks,
    leads,
    feedback,
    reextract: rulesReextractor(playbooks.candidate, (id) => db.transcripts.list(id), logger),
    ...(onProgress ? { onProgress } : {}),
  });
}
