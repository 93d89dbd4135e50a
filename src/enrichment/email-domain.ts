import { DOMAINS as FREE_MAIL_DOMAINS } from 'free-email-domains-list';
import MailChecker from 'mailchecker';
import { getDomain, getHostname } from 'tldts';

/** What to look up: the registrable domain of an e-mail address or a website, and where it came from. */
export interface LookupTarget {
  domain: string;
  /** The full host (`mail.acme.co.uk`): free-mail and throwaway lists name hosts as well as domains. */
  host: string;
  from: 'email' | 'website';
}

/**
 * The domain behind a contact: the e-mail's, else the website's (the public suffix list, through tldts, knows
 * that `acme.co.uk` is the company and `co.uk` is not). Undefined when neither holds a registrable domain.
 */
export function lookupTarget(contact: { email?: string; website?: string }): LookupTarget | undefined {
  if (contact.email) {
    const host = contact.email.slice(contact.email.lastIndexOf('@') + 1).trim().toLowerCase().replace(/\.$/, '');
    const domain = getDomain(host);
    if (domain) return { domain, host, from: 'email' };
  }
  if (contact.website) {
    const host = getHostname(contact.website)?.toLowerCase();
    const domain = host ? getDomain(host) : null;
    if (host && domain) return { domain, host, from: 'website' };
  }
  return undefined;
}

/** A throwaway-address provider (mailchecker's maintained list). */
export function isDisposable(target: Pick<LookupTarget, 'domain' | 'host'>): boolean {
  const blocked = MailChecker.blacklist();
  return blocked.has(target.host) || blocked.has(target.domain);
}

/** A free-mail provider (free-email-domains-list): the address says nothing about a company. */
export function isFreeMail(target: Pick<LookupTarget, 'domain' | 'host'>): boolean {
  return FREE_MAIL_DOMAINS.has(target.host) || FREE_MAIL_DOMAINS.has(target.domain);
}
