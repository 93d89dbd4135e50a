import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { getDomain } from 'tldts';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { CompanyProfile, EnrichmentAdapter } from './enrichment.js';

/**
 * The company's own file of accounts (exported from its CRM): one row per domain with the company's name, size,
 * sector, whether it is already a customer and the e-mail of its account owner. CSV (header row) or JSON (an array
 * of objects), the same columns: domain, name, size, sector, existing_customer, owner_email.
 */
const yes = ['yes', 'y', 'true', '1', 'oui', 'x'];
const no = ['no', 'n', 'false', '0', 'non', ''];
const emptyAsUndefined = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);

const rowSchema = z
  .object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .refine((domain) => getDomain(domain) === domain, { message: 'is not a registrable domain (e.g. acme.com, acme.co.uk)' }),
    name: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
    /** Employees: a number, or a range such as "50-200" (its lower bound counts, as for a visitor's range). */
    size: z.preprocess(
      emptyAsUndefined,
      z
        .union([z.number(), z.string().trim().regex(/^\d[\d\s]*(?:\s*[-–]\s*\d[\d\s]*)?\+?$/, 'must be a number of employees or a range like 50-200')])
        .transform((value) => (typeof value === 'number' ? value : Number(value.split(/[-–]/)[0]!.replace(/\D/g, ''))))
        .pipe(z.number().int().min(0))
        .optional(),
    ),
    sector: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(80).optional()),
    existing_customer: z
      .union([z.boolean(), z.string().trim().toLowerCase().refine((value) => yes.includes(value) || no.includes(value), { message: 'must be yes or no' })])
      .optional()
      .transform((value) => (typeof value === 'string' ? yes.includes(value) : (value ?? false))),
    owner_email: z.preprocess(emptyAsUndefined, z.string().trim().toLowerCase().email().optional()),
  })
  .passthrough();

type CompanyRow = z.infer<typeof rowSchema>;

/** Reads and validates the file; an invalid file fails naming the file, the row and the field. */
export function loadCompanyFile(path: string): Map<string, CompanyProfile> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Company file ${path}: cannot be read (${(error as Error).message})`);
  }
  return parseCompanyFile(text, path);
}

export function parseCompanyFile(text: string, path: string): Map<string, CompanyProfile> {
  const rows = readRows(text, path);
  const companies = new Map<string, CompanyProfile>();
  const problems: string[] = [];
  rows.forEach((raw, index) => {
    // CSV: row 1 is the header, so the first company is on line 2; JSON: the array index.
    const where = extname(path).toLowerCase() === '.json' ? `item ${index}` : `line ${index + 2}`;
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`  - ${where}, ${issue.path.join('.') || 'row'}: ${issue.message}`);
      return;
    }
    if (companies.has(parsed.data.domain)) problems.push(`  - ${where}, domain: ${parsed.data.domain} is listed twice`);
    if (parsed.data.existing_customer && !parsed.data.owner_email) problems.push(`  - ${where}, owner_email: required for an existing customer`);
    companies.set(parsed.data.domain, toProfile(parsed.data));
  });
  if (problems.length > 0) throw new ConfigError(`Company file ${path} is invalid:\n${problems.slice(0, 20).join('\n')}`);
  return companies;
}

function readRows(text: string, path: string): unknown[] {
  if (extname(path).toLowerCase() === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`Company file ${path}: not valid JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(data)) throw new ConfigError(`Company file ${path}: must be a JSON array of companies`);
    return data;
  }
  try {
    return parseCsv(text, { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true }) as unknown[];
  } catch (error) {
    throw new ConfigError(`Company file ${path}: not valid CSV (${(error as Error).message})`);
  }
}

function toProfile(row: CompanyRow): CompanyProfile {
  const profile: CompanyProfile = { existingCustomer: row.existing_customer };
  if (row.name) profile.name = row.name;
  if (row.size !== undefined) profile.employees = row.size;
  if (row.sector) profile.sector = row.sector;
  if (row.owner_email) profile.ownerEmail = row.owner_email;
  return profile;
}

/** The company file as an adapter: in memory, answers at once. */
export class CompanyFileAdapter implements EnrichmentAdapter {
  readonly name = 'company-file';
  constructor(private readonly companies: ReadonlyMap<string, CompanyProfile>) {}

  async lookup(domain: string): Promise<CompanyProfile | undefined> {
    const found = this.companies.get(domain);
    return found ? { ...found } : undefined;
  }
}
