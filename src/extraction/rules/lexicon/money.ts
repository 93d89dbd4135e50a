/**
 * Currencies, periods and the words that make a number money. Patterns are folded text
 * (lower case, no accents); order matters (CAD before USD: "C$").
 */
export const CURRENCIES: readonly { code: string; after: string; before: string }[] = [
  { code: 'CAD', after: String.raw`cad\b|c\$|ca\$|\$ ?(?:cad|can|ca)\b|dollars? canadiens?\b|canadian dollars?\b`, before: String.raw`c\$|ca\$|cad` },
  { code: 'EUR', after: String.raw`€|eur\b|euros?\b|d'euros\b|de euros\b|balles\b|e\b(?= ?(?:/|par|per|ht|ttc|$))`, before: String.raw`€|eur` },
  { code: 'USD', after: String.raw`\$|usd\b|us\$|us dollars?\b|dollars?\b|de dollars\b|bucks\b`, before: String.raw`us\$|\$|usd` },
  { code: 'GBP', after: String.raw`£|gbp\b|livres?(?: sterling)?\b|pounds?(?: sterling)?\b|quid\b`, before: String.raw`£|gbp` },
  { code: 'CHF', after: String.raw`chf\b|francs? suisses?\b|swiss francs?\b|fr\.? ?s\b`, before: String.raw`chf|sfr` },
];

/** A number followed by one of these is a count of something else, not money. */
export const NOT_MONEY_AFTER =
  /^[\s-]*(?:%|pour ?cent|percent|x\b|fois|times|salari|empl|personnes?|pers\b|people|ppl|staff|collabor|etp|fte|commerciau|sdrs?\b|reps?\b|clients?|customers?|prospects?|leads?|rdv|rendez|meetings?|appels?|calls?|demos?|ans\b|annees?|years?|mois\b|months?|semaines?|weeks?|jours?|days?|heures?|hours?|h\b|min\b|minutes?|km|kg|m2|ko|go|gb|mb|\/ ?100|sur 100|out of|followers|abonnes|contacts|comptes|accounts|pages|visites|visits|emails|mails|produits|products|ref)/;

export const PERIODS: readonly { period: 'month' | 'year' | 'quarter' | 'once'; after: RegExp; before?: RegExp }[] = [
  {
    period: 'month',
    after: /^[^.;!?]{0,24}?(?:par mois|\/ ?mois|\/ ?mo\b|\/ ?month|\/ ?m\b|mensuel\w*|per month|a month|each month|every month|monthly|pm\b|p\/m|chaque mois|le mois)/,
    before: /(?:mensuel\w*|monthly|par mois|per month|each month|chaque mois)\W+(?:\w+\W+){0,4}$/,
  },
  {
    period: 'quarter',
    after: /^[^.;!?]{0,24}?(?:par trimestre|per quarter|a quarter|each quarter|every quarter|quarterly|trimestriel\w*|\/ ?q\b|\/ ?trim\w*)/,
    before: /(?:trimestriel\w*|quarterly|par trimestre|per quarter)\W+(?:\w+\W+){0,4}$/,
  },
  {
    period: 'year',
    after: /^[^.;!?]{0,30}?(?:par an\b|\/ ?an\b|\/ ?yr|\/ ?year|annuel\w*|per year|a year|each year|every year|yearly|annually|par annee|sur l'? ?annee|sur un an|pour l'annee|for the (?:fiscal )?year|this (?:fiscal )?year|fiscal year|pa\b|p\.a\b|\/ ?annee|per annum)/,
    before: /(?:annuel\w*|annual|yearly|par an|per year|a year)\W+(?:\w+\W+){0,4}$/,
  },
  {
    period: 'once',
    after: /^[^.;!?]{0,24}?(?:one-?off|one[- ]time|une fois|ponctuel\w*|au total|in total|pour le projet|for the project|forfait\w*|pour (?:le |ce )?(?:test|pilote)|for (?:the |a )?(?:pilot|test))/,
  },
];

/** Words that make a sentence about money, so "50K" or "c'est validé" in it count. */
export const MONEY_WORDS =
  /\b(?:budg?e?t\w*|budjet|budgt|enveloppe|envelope|funding|funds|financement|financer|money|argent|spend\w*|depens\w*|invest\w*|allou\w*|alloc\w*|earmark\w*|set aside|mis de cote|moyens|tarif\w*|prix|price|pricing|cout|cost|mettre|put|stretch|afford|payer|pay)\b/;

/** Between two numbers: a range ("entre 10 et 20 k€", "5k-10k", "3 000 à 5 000 €"). */
export const RANGE_JOIN = /^ ?[€$£]? ?(?:-|a|à|to|et|and|ou|or|\/|jusqu'a|up to) ?[€$£]? ?$/;
export const RANGE_LEAD = /(?:entre|between|de|from|d') ?[€$£]? ?$/;
