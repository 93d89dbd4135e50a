import { parseArgs } from 'node:util';
import { toCsv, toJsonl, type ExportRow } from '../../crm/export.js';
import type { Logger } from '../../logger.js';
import type { LeadRecord } from '../../storage/index.js';
import { withDatabase } from '../open-database-from-env.js';

const COLUMNS = ['id', 'createdAt', 'updatedAt', 'channel', 'locale', 'status', 'route', 'handoffReason', 'score', 'tier', 'email', 'phone', 'name', 'challenge', 'company', 'authority', 'money', 'prioritization', 'knockouts', 'pageUrl', 'utm_source', 'playbook'];

/** `qualibot export --format csv|jsonl [--since DATE]`: leads to stdout, for spreadsheets and pipelines. */
export async function runExport(args: string[], logger: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'csv' }, since: { type: 'string' } } });
  if (values.format !== 'csv' && values.format !== 'jsonl') {
    console.error('--format must be csv or jsonl');
    return 2;
  }
  const since = values.since ? new Date(values.since) : undefined;
  if (since && Number.isNaN(since.getTime())) {
    console.error(`--since "${values.since}" is not a date (use e.g. 2026-01-31)`);
    return 2;
  }
  const leads = await withDatabase(logger, (db) => db.leads.list({ since }));
  const rows = leads.map(flatten);
  process.stdout.write(values.format === 'csv' ? toCsv(rows, COLUMNS) : toJsonl(leads as unknown as ExportRow[]));
  return 0;
}

/** One flat row per lead: the facts as their levels, with amounts and timelines where known. */
function flatten(lead: LeadRecord): ExportRow {
  const fact = (dimension: string) => {
    const value = lead.facts[dimension];
    if (!value) return '';
    const amount = value.amount ? ` (${value.amount.value} ${value.amount.currency}/${value.amount.period})` : '';
    const months = value.months !== undefined ? ` (${value.months} months)` : '';
    const headcount = value.headcount !== undefined ? ` (${value.headcount} employees)` : '';
    return `${value.value}${amount}${months}${headcount}`;
  };
  return {
    id: lead.id,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
    channel: lead.channel,
    locale: lead.locale,
    status: lead.status,
    route: lead.decision?.route,
    handoffReason: lead.decision?.handoffReason,
    score: lead.decision?.score,
    tier: lead.decision?.tier,
    email: lead.contact.email,
    phone: lead.contact.phone,
    name: lead.contact.name,
    challenge: fact('challenge'),
    company: fact('company'),
    authority: fact('authority'),
    money: fact('money'),
    prioritization: fact('prioritization'),
    knockouts: lead.knockouts.map((hit) => hit.id).join(' '),
    pageUrl: lead.context.pageUrl,
    utm_source: lead.context.utm_source,
    playbook: `${lead.playbookId}@${lead.playbookVersion}`,
  };
}
