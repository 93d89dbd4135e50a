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
  // A site's home (or one level under it: /fr, /about) is the visitor's company; a deep link (an article, a
  // booking page) is more likely someone else's.
  if (contact.website && pathDepth(contact.website) <= 1) {
    const host = getHostname(contact.website)?.toLowerCase();
    const domain = host ? getDomain(host) : null;
    if (host && domain) return { domain, host, from: 'website' };
  }
  return undefined;
}

function pathDepth(website: string): number {
  try {
    return new URL(/^https?:\/\//i.test(website) ? website : `http://${website}`).pathname.split('/').filter(Boolean).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The free-mail and throwaway lists, loaded once (≈ 150,000 domains: about half a second of parsing, off the start-up path). */
export interface DomainLists {
  freeMail: ReadonlySet<string>;
  disposable: ReadonlySet<string>;
}

let lists: Promise<DomainLists> | undefined;

/** Loads the lists on first use; the app calls it at start-up when WARM_UP is on, so no visitor's turn pays for it. */
export function loadDomainLists(): Promise<DomainLists> {
  lists ??= Promise.all([import('free-email-domains-list'), import('mailchecker')]).then(([free, checker]) => ({
    // free-email-domains-list: maintained list of free-mail providers; mailchecker: of throwaway-address providers.
    freeMail: free.DOMAINS,
    disposable: checker.default.blacklist(),
  }));
  return lists;
}

/** Whether the host or its domain is a throwaway-address provider, or a free-mail one (the address says nothing about a company). */
export async function classifyDomain(target: Pick<LookupTarget, 'domain' | 'host'>): Promise<{ freeMail: boolean; disposable: boolean }> {
  const { freeMail, disposable } = await loadDomainLists();
  const listed = (set: ReadonlySet<string>) => set.has(target.host) || set.has(target.domain);
  const isDisposable = listed(disposable);
  // The free-mail list also names throwaway providers: a throwaway address is only that.
  return { disposable: isDisposable, freeMail: !isDisposable && listed(freeMail) };
}
