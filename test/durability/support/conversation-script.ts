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

/** A lead still shaping its project (score 50: nurture, warm), asked for an email at the end. */
export const WARM_LEAD_FR = [
  'Je me renseigne simplement',
  '10 à 50 salariés',
  "Je recommande, quelqu'un d'autre valide",
  'En cours de discussion',
  'Dans 3 à 6 mois',
] as const;
