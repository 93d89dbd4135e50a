import { z } from 'zod';

/**
 * Why an SDR rejects a lead. A playbook may list its own (`rejectionReasons:`); these are the defaults.
 * `route` is the route a good qualifier would have taken for such a lead, used when a judged conversation
 * is exported as a labelled case (absent: the verdict alone does not say).
 */
export const rejectionReasonSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _'),
    label: z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict(),
    route: z.enum(['nurture', 'disqualify']).optional(),
  })
  .strict();

export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

export const DEFAULT_REJECTION_REASONS: readonly RejectionReason[] = [
  { id: 'not_a_buyer', label: { fr: "Pas un acheteur", en: 'Not a buyer' }, route: 'disqualify' },
  { id: 'no_budget', label: { fr: 'Pas de budget', en: 'No budget' }, route: 'nurture' },
  { id: 'bad_timing', label: { fr: 'Mauvais moment', en: 'Bad timing' }, route: 'nurture' },
  { id: 'wrong_contact', label: { fr: 'Mauvais interlocuteur', en: 'Wrong contact' } },
  { id: 'already_customer', label: { fr: 'Déjà client', en: 'Already a customer' }, route: 'disqualify' },
  { id: 'competitor', label: { fr: 'Concurrent', en: 'Competitor' }, route: 'disqualify' },
  { id: 'spam_test', label: { fr: 'Spam / test', en: 'Spam / test' }, route: 'disqualify' },
  { id: 'other', label: { fr: 'Autre', en: 'Other' } },
];
