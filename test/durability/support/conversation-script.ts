/**
 * A hot French lead, one answer per CHAMP question, in the order the default playbook asks them.
 * The answers are the playbook's quick-reply labels typed as text: the route is exact whichever
 * extractor reads free text, so these scenarios test durability, not extraction.
 */
export const HOT_LEAD_FR = [
  { ask: 'challenge', text: 'Pas assez de rendez-vous commerciaux' },
  { ask: 'company', text: '10 à 50 salariés' },
  { ask: 'authority', text: 'Je décide' },
  { ask: 'money', text: 'Oui, budget validé' },
  { ask: 'prioritization', text: 'Dès que possible' },
] as const;

/** The scripted answer to the question at this index. */
export function answer(index: number): string {
  return HOT_LEAD_FR[index]!.text;
}

/** The question the bot asks after the answer at this index (undefined after the last one). */
export function askAfter(index: number): string | undefined {
  return HOT_LEAD_FR[index + 1]?.ask;
}
