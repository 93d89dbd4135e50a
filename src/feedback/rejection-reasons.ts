import { z } from 'zod';
import { CATALOGUE, type TextKey } from '../i18n/catalogue.js';
import { localizedText } from '../playbook/locale-fields.js';
import { LOCALES } from '../qualification/types.js';

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

/** The defaults' labels are catalogue texts (`sdr.rejection.<id>`), in every language the catalogue has. */
const label = (key: TextKey): RejectionReason['label'] => Object.fromEntries(LOCALES.map((locale) => [locale, CATALOGUE[locale][key]])) as RejectionReason['label'];

export const DEFAULT_REJECTION_REASONS: readonly RejectionReason[] = [
  { id: 'not_a_buyer', label: label('sdr.rejection.not_a_buyer'), route: 'disqualify' },
  { id: 'no_budget', label: label('sdr.rejection.no_budget'), route: 'nurture' },
  { id: 'bad_timing', label: label('sdr.rejection.bad_timing'), route: 'nurture' },
  { id: 'wrong_contact', label: label('sdr.rejection.wrong_contact') },
  { id: 'already_customer', label: label('sdr.rejection.already_customer'), route: 'disqualify' },
  { id: 'competitor', label: label('sdr.rejection.competitor'), route: 'disqualify' },
  { id: 'spam_test', label: label('sdr.rejection.spam_test'), route: 'disqualify' },
  { id: 'other', label: label('sdr.rejection.other') },
];
