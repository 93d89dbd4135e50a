import type { Playbook } from '../playbook/schema.js';
import type { FactSheet, KnockoutHit, ScoreReason } from '../qualification/types.js';

/**
 * What the playbook's rules make of a lookup — pure, used by the scorer. Knockouts with an `enrichment` condition
 * fire on it; the lookup itself brings no points: a free-mail address lowers nothing by itself.
 */
export function enrichmentKnockouts(playbook: Playbook, sheet: FactSheet): KnockoutHit[] {
  const result = sheet.enrichment?.result;
  if (!result) return [];
  const sector = result.company?.sector?.toLowerCase();
  return playbook.knockouts.flatMap((knockout): KnockoutHit[] => {
    const when = knockout.enrichment;
    if (!when) return [];
    const matches =
      (when.existingCustomer === undefined || result.company?.existingCustomer === true) &&
      (when.disposableEmail === undefined || result.disposable) &&
      (when.sectors === undefined || (sector !== undefined && when.sectors.some((name) => name.toLowerCase() === sector)));
    return matches ? [{ id: knockout.id, evidence: evidenceOf(result.domain, result.company?.name), turn: 0, source: 'enrichment' }] : [];
  });
}

/** The lookup's lines in the score explanation (0 points each): what it said, and what it does here. */
export function enrichmentReasons(playbook: Playbook, sheet: FactSheet): ScoreReason[] {
  const result = sheet.enrichment?.result;
  if (!result) return [];
  const reasons: ScoreReason[] = [];
  if (result.freeMail) reasons.push({ rule: 'enrichment:free_mail', points: 0, detail: `free-mail address (${result.domain}): marked, lowers nothing by itself`, evidence: result.domain });
  if (result.disposable) reasons.push({ rule: 'enrichment:disposable_email', points: 0, detail: `throwaway address (${result.domain})`, evidence: result.domain });
  if (result.company?.existingCustomer) {
    const routed = playbook.enrichment.existingCustomer === 'route_to_owner' && result.company.ownerEmail;
    reasons.push({
      rule: 'enrichment:existing_customer',
      points: 0,
      detail: routed ? `existing customer: suggested to the account owner (${result.company.ownerEmail})` : 'existing customer',
      evidence: evidenceOf(result.domain, result.company.name),
    });
  }
  return reasons;
}

/** The account owner a handoff of this lead is suggested to, when the playbook routes existing customers to them. */
export function accountOwnerOf(playbook: Playbook, sheet: FactSheet): string | undefined {
  const company = sheet.enrichment?.result?.company;
  return playbook.enrichment.existingCustomer === 'route_to_owner' && company?.existingCustomer ? company.ownerEmail : undefined;
}

function evidenceOf(domain: string, name: string | undefined): string {
  return name ? `${name} — ${domain}` : domain;
}
