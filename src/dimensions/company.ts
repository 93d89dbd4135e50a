import { z } from 'zod';
import { containsCanary } from '../extraction/llm/canary.js';
import { CompanyReader } from '../extraction/rules/readers/company-reader.js';
import type { DimensionKind } from './kind.js';

/** Company: size (employees) and sector, checked against the ICP; the size below the minimum is a knockout. */
export const companyKind: DimensionKind = {
  id: 'company',
  levels: ['in_icp', 'below_icp_size', 'size_unknown'],
  knockoutLevel: 'below_icp_size',
  rulesReader: (_dimension, playbook, extra) => {
    const reader = new CompanyReader(playbook, extra);
    return { read: (reading, asked) => reader.read(reading, asked) };
  },
  llmFields: { headcount: z.number().nullish(), sector: z.string().nullish() },
  llmDetails: (raw, fact) => {
    if (typeof raw.headcount === 'number' && Number.isFinite(raw.headcount) && raw.headcount >= 0) fact.headcount = Math.round(raw.headcount);
    const sector = raw.sector?.replace(/\s+/g, ' ').trim();
    // Free text not grounded verbatim (the model may name the sector), so at least never a prompt leak.
    if (sector && !containsCanary(sector)) fact.sector = sector.slice(0, 80);
  },
  effectiveLevel: (playbook, _dimension, fact) =>
    fact.headcount === undefined ? undefined : { levelId: fact.headcount >= playbook.icp.minEmployees ? 'in_icp' : 'below_icp_size', why: `${fact.headcount} employee(s)` },
};
