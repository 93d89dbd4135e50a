import { z } from 'zod';
import { localizedText } from '../playbook/locale-fields.js';

/**
 * Why an SDR rejects a lead. A playbook may list its own (`rejectionReasons:`); these are the defaults.
 * `route` is the route a good qualifier would have taken for such a lead, used when a judged conversation
 * is exported as a labelled case (absent: the verdict alone does not say).
 */
export const rejectionReasonSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _'),
    label: localizedText,
    route: z.enum(['nurture', 'disqualify']).optional(),
  })
  .strict();

export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

export const DEFAULT_REJECTION_REASONS: readonly RejectionReason[] = [
  { id: 'not_a_buyer', label: { fr: "Pas un acheteur", en: 'Not a buyer', de: 'Kein Käufer' }, route: 'disqualify' },
  { id: 'no_budget', label: { fr: 'Pas de budget', en: 'No budget', de: 'Kein Budget' }, route: 'nurture' },
  { id: 'bad_timing', label: { fr: 'Mauvais moment', en: 'Bad timing', de: 'Falscher Zeitpunkt' }, route: 'nurture' },
  { id: 'wrong_contact', label: { fr: 'Mauvais interlocuteur', en: 'Wrong contact', de: 'Falscher Ansprechpartner' } },
  { id: 'already_customer', label: { fr: 'Déjà client', en: 'Already a customer', de: 'Bereits Kunde' }, route: 'disqualify' },
  { id: 'competitor', label: { fr: 'Concurrent', en: 'Competitor', de: 'Wettbewerber' }, route: 'disqualify' },
  { id: 'spam_test', label: { fr: 'Spam / test', en: 'Spam / test', de: 'Spam / Test' }, route: 'disqualify' },
  { id: 'other', label: { fr: 'Autre', en: 'Other', de: 'Sonstiges' } },
];
