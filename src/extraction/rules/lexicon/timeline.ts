/**
 * Timeline / prioritization phrases and what they mean in months from now. Durations ("sous 3 mois",
 * "within 6 weeks") and dates ("en mars", "by end of June", "Q3", "2027") are read by the timeline
 * reader from the tables at the bottom; this list holds the fixed phrases.
 *
 * Where a phrase counts:
 * - `standalone`: also in a message about something else ("…, budget 500 €/mois, dès que possible");
 * - `anchored`: only next to a start verb ("démarrer maintenant"), never alone ("hard to tell right now");
 * - default: in an answer to the timeline question, or next to a start verb.
 */
/** What a time phrase means, resolved against `now` by the timeline reader. */
export type TimeMeaning =
  | { kind: 'months'; months: number }
  | { kind: 'later' }
  /** Next 1st of this month (1–12), or its `day`. */
  | { kind: 'month'; month: number; day?: number }
  | { kind: 'quarter-end' }
  | { kind: 'year-end' }
  | { kind: 'next-year'; part: 'early' | 'any' | 'late' }
  /** Matched only to hide the words from other readers ("au plus tard", "last month", "par mois"). */
  | { kind: 'ignore' };

/** A fixed time phrase per language and what it means. */
export interface TimePhrase {
  fr?: readonly string[];
  en?: readonly string[];
  meaning: TimeMeaning;
  weak?: boolean;
  standalone?: boolean;
  anchored?: boolean;
}

/** "Next quarter" is read as 3.5 months: past this quarter, not yet half a year away. */
export const NEXT_QUARTER_MONTHS = 3.5;

export const TIME_PHRASES: readonly TimePhrase[] = [
  {
    meaning: { kind: 'months', months: 0.5 },
    standalone: true,
    fr: [String.raw`le plus tot (?:sera|serait) le mieux|des que possible|au plus vite|au plus tot|le plus (?:tot|vite|rapidement) possible|asap|a\.s\.a\.p|sans tarder|en urgence|de toute urgence|pour hier|dans les plus brefs delais|au plus pressant`],
    en: [String.raw`the sooner the better|asap|a\.s\.a\.p|as soon as (?:possible|we can|you can)|right away|straight away|immediately|at once|yesterday|without delay`],
  },
  {
    meaning: { kind: 'months', months: 0.5 },
    fr: [String.raw`tout de suite|immediatement|des maintenant|des aujourd'hui|des demain|urgent|urgente|urgemment|c'est urgent|c'est presse|c'est pressant|c'est une urgence|tres vite|tres rapidement|au plus vite`],
    en: [String.raw`urgent|urgently|this is urgent|it's urgent|it is urgent|pressing|very soon|very quickly`],
  },
  { meaning: { kind: 'months', months: 0.5 }, anchored: true, fr: [String.raw`maintenant|aujourd'hui|demain`], en: [String.raw`right now|now|today|tomorrow`] },
  {
    meaning: { kind: 'months', months: 0.25 },
    fr: [String.raw`cette semaine|la semaine prochaine|semaine prochaine|d'ici (?:la )?fin de (?:la )?semaine|dans les (?:prochains|quelques) jours|dans les jours qui viennent|(?:lundi|mardi|mercredi|jeudi|vendredi) prochain`],
    en: [String.raw`this week|next week|by the end of the week|end of (?:this |the )?week|in the (?:next|coming) (?:few )?days|(?:next|this|coming) (?:monday|tuesday|wednesday|thursday|friday)`],
  },
  {
    meaning: { kind: 'months', months: 0.5 },
    fr: [String.raw`ce mois-ci|ce mois ci|d'ici (?:la )?fin du mois|avant (?:la )?fin du mois|en fin de mois|d'ici une quinzaine|sous quinzaine|dans (?:une |les )?quinzaine(?: de jours)?|sous 15 jours|la semaine d'apres|la semaine suivante|dans deux semaines`],
    en: [String.raw`this month|(?:by|before) the end of (?:the|this) month|end of (?:the|this) month|in a fortnight|within a fortnight|in two weeks' time|the week after next`],
  },
  {
    meaning: { kind: 'months', months: 1 },
    fr: [String.raw`le mois prochain|mois prochain|le mois suivant|dans le mois|courant du mois prochain|debut du mois prochain`],
    en: [String.raw`next month|within the month|early next month|the following month`],
  },
  {
    meaning: { kind: 'months', months: 2 },
    weak: true,
    fr: [String.raw`bientot|prochainement|rapidement|vite|sous peu|d'ici peu|a court terme|court terme|dans les semaines qui viennent|dans les prochaines semaines`],
    en: [String.raw`soon|shortly|quickly|fast|in the (?:coming|next few) weeks|short term|short-term|near term|near-term|in the near future`],
  },
  {
    meaning: { kind: 'quarter-end' },
    fr: [String.raw`ce trimestre|ce trimestre-ci|d'ici (?:la )?fin du trimestre|avant (?:la )?fin du trimestre|en fin de trimestre|fin de trimestre|courant du trimestre`],
    en: [String.raw`this quarter|(?:by|before) (?:the )?end of (?:the |this )?quarter|end of (?:the |this )?quarter|within the quarter|this q`],
  },
  {
    meaning: { kind: 'months', months: NEXT_QUARTER_MONTHS },
    fr: [String.raw`(?:le |au |du |dans le |d'ici le |au cours du )?(?:trimestre prochain|prochain trimestre|trimestre suivant|trimestre qui vient)`],
    en: [String.raw`next quarter|next qtr|next q|the following quarter|early next quarter|in the next quarter|(?:in |during )?the coming quarter|(?:in |during )?the upcoming quarter`],
  },
  {
    meaning: { kind: 'months', months: 3 },
    weak: true,
    fr: [String.raw`dans les (?:prochains|quelques) mois|dans les mois qui viennent|dans quelques mois`],
    en: [String.raw`in the (?:coming|next few) months|in a few months|over the coming months`],
  },
  { meaning: { kind: 'months', months: 6 }, fr: [String.raw`(?:dans|d'ici|sous) (?:six mois|6 mois|un semestre)|a moyen terme|moyen terme`], en: [String.raw`(?:in |within )?half a year(?: from now)?|(?:in|within) six months|six months from now|medium term|mid-term|mid term`] },
  { meaning: { kind: 'month', month: 7 }, fr: [String.raw`(?:au |le |d'ici le |pour le )?(?:second|deuxieme|2e|2eme|2nd) semestre|s2|h2`], en: [String.raw`(?:in |during )?(?:the )?second half(?: of (?:the|this) year)?|h2`] },
  {
    meaning: { kind: 'year-end' },
    fr: [String.raw`(?:d'ici|avant|pour) (?:la )?fin (?:de l'annee|d'annee|de cette annee|de l'an)|en fin d'annee|fin d'annee|fin de l'annee|courant (?:de l'annee|d'annee)|dans l'annee`],
    en: [String.raw`(?:by |before )?eoy|(?:by|before) (?:the )?end of (?:the |this )?year|by year[- ]end|before year[- ]end|end of (?:the |this )?year|year[- ]end|later this year|within the year|sometime this year`],
  },
  { meaning: { kind: 'year-end' }, anchored: true, fr: [String.raw`cette annee|cette annee-ci`], en: [String.raw`this year`] },
  {
    meaning: { kind: 'next-year', part: 'early' },
    fr: [String.raw`(?:en |au |d'ici (?:le )?)?debut (?:d'|de l')?(?:annee|an) prochaine?|(?:en |au )?debut d'annee prochaine|en janvier prochain`],
    en: [String.raw`(?:early|beginning of|start of|first thing) next year|(?:early |in )?q1 next year`],
  },
  {
    meaning: { kind: 'month', month: 1, day: 5 },
    fr: [String.raw`(?:apres|passe|des) (?:le nouvel an|les fetes|les fetes de fin d'annee|la nouvelle annee)|(?:en |a la )?rentree de janvier`],
    en: [String.raw`after (?:the holidays|new year'?s?|the new year|christmas)|in the new year|early in the new year|first week of january`],
  },
  { meaning: { kind: 'month', month: 1, day: 15 }, fr: [String.raw`(?:en |au |des le |d'ici le )?debut (?:d'annee|de l'annee)(?! prochaine)`], en: [String.raw`(?:early in|at the start of|at the beginning of|beginning of|start of) the year`] },
  { meaning: { kind: 'months', months: 3 }, fr: [String.raw`(?:d'ici|sous|dans|en) un trimestre`], en: [String.raw`(?:within|in) (?:a|one) quarter`] },
  {
    meaning: { kind: 'next-year', part: 'late' },
    fr: [String.raw`(?:en |a la |d'ici la )?fin (?:de l'|d')?(?:annee|an) prochaine?|(?:au )?second semestre (?:de l'annee|de l'an) prochaine?`],
    en: [String.raw`(?:late|end of|the end of) next year|(?:in the |sometime in the )?second half of next year|h2 next year`],
  },
  {
    meaning: { kind: 'next-year', part: 'any' },
    fr: [String.raw`(?:l'|d'ici l'|pour l'|dans l'|courant de l'|courant )?(?:an|annee) prochaine?|l'an qui vient|dans un an|d'ici un an|pas avant un an|pas avant l'an prochain`],
    en: [String.raw`next year|in a year(?:'s time)?|within a year|a year from now|not before next year|in twelve months`],
  },
  {
    meaning: { kind: 'later' },
    fr: [
      String.raw`un jour|un de ces jours|a terme|plus tard|a long terme|long terme|dans longtemps|pas avant longtemps|pas (?:pour )?(?:tout de suite|maintenant|immediatement|l'instant|le moment|cette annee|demain|dans l'immediat|l'immediat|avant longtemps)|pas dans l'immediat`,
      String.raw`pas avant (?:plusieurs|quelques|de nombreux|des) mois|dans (?:plusieurs|de nombreux) mois|pas avant un (?:bon )?moment|dans le futur|a l'avenir|pas de date(?: precise| fixee| definie| prevue| arretee)?|aucune date(?: precise| prevue| fixee)?|pas de (?:calendrier|deadline|echeance|timing|delai|planning)(?: precis| defini)?|aucune? (?:echeance|deadline|calendrier|delai)(?: prevue?)?|pas d'echeance`,
      String.raw`pas (?:encore )?de projet(?: date| precis| concret| defini| pour l'instant| pour le moment| a court terme)?|aucun projet|rien de prevu|pas prevu|rien de planifie|jamais|peut-etre jamais|je ne sais pas quand|indefini|pas encore defini`,
    ],
    en: [
      String.raw`someday|some day|one day|eventually|later|later on|long term|long-term|in the long run|down the road|not (?:for )?now|not right now|not (?:immediately|right away|straight away|asap|yet)|not (?:any ?time|anytime) soon|not soon|not this year|not before long`,
      String.raw`not (?:for )?(?:a while|a long time|several months|many months|months)|in several months|in many months|in the future|no (?:set |fixed |specific |firm |real |concrete )?(?:date|deadline|timeline|timeframe|time frame|timing|schedule)s?(?: (?:at all|yet|for now))?|no (?:concrete |real )?(?:project|plans?)(?: (?:yet|for now|at the moment|at all))?|nothing (?:planned|scheduled|set)(?: yet)?|not planned|no idea when|don't know when|not sure when|never|maybe never|undefined|tbd`,
    ],
  },
  {
    meaning: { kind: 'later' },
    weak: true,
    fr: [String.raw`on verra|pas urgent|rien d'urgent|pas presse|pas pressee?s?|rien ne presse|aucune urgence|pas d'urgence|pas de rush|pas de precipitation|on a le temps|on n'est pas presses?`],
    en: [String.raw`we'll see|not urgent|no rush|no hurry|not in a hurry|no urgency|nothing urgent|not a priority|low priority|we have time`],
  },
  {
    // Phrases that look like times but are not a start date.
    meaning: { kind: 'ignore' },
    fr: [
      String.raw`au plus tard|depuis (?:\w+ ){0,2}\w+|il y a (?:\w+ ){0,2}\w+|l'an dernier|l'annee derniere|l'an passe|le mois dernier|la semaine derniere|l'ete dernier|le trimestre dernier|(?:dernier|precedent) trimestre|(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre) dernier`,
      String.raw`par (?:an|mois|annee|trimestre|semaine|jour)|/ ?(?:an|mois|annee|trim)|sur l'? ?annee|sur (?:un|l') an|(?:ce |cet |notre |l')?exercice(?: \w+)?|ans d'experience|annees d'experience|mois d'experience|(?:a|de) (?:\d+|un|une|deux|trois|six|douze) (?:mois|ans|semaines) de (?:contrat|test|pilote|engagement|essai)`,
    ],
    en: [
      String.raw`at the latest|last (?:week|month|year|quarter|summer|spring|fall|autumn|winter|january|february|march|april|may|june|july|august|september|october|november|december)|(?:\w+ ){1,2}ago|since (?:\w+ ){0,2}\w+|in the past (?:\w+ ){0,2}\w+|over the (?:last|past) (?:\w+ ){0,2}\w+`,
      String.raw`(?:a|per|each|every) (?:year|month|quarter|week)|/ ?(?:yr|year|mo|month|q)|for the (?:fiscal )?year|(?:this |next |our )?fiscal year|fy ?\d+|years? of experience|months? of experience|(?:\d+|one|two|three|six|twelve)[- ]month (?:contract|pilot|trial|engagement|commitment|minimum)`,
    ],
  },
];

/** Month names (folded) → month number. English "may"/"march" need a preposition: see the reader. */
export const MONTHS: readonly { names: string; month: number; needsPreposition?: boolean }[] = [
  { names: 'janvier|january|jan', month: 1 },
  { names: 'fevrier|february|feb', month: 2 },
  { names: 'mars', month: 3 },
  { names: 'march|mar', month: 3, needsPreposition: true },
  { names: 'avril|april|apr', month: 4 },
  { names: 'mai', month: 5 },
  { names: 'may', month: 5, needsPreposition: true },
  { names: 'juin|june|jun', month: 6 },
  { names: 'juillet|july|jul', month: 7 },
  { names: 'aout|august|aug', month: 8 },
  { names: 'septembre|september|sept|sep', month: 9 },
  { names: 'octobre|october|oct', month: 10 },
  { names: 'novembre|november|nov', month: 11 },
  { names: 'decembre|december|dec', month: 12 },
];

/**
 * Seasons and school-year landmarks → the month they start for a business, north of the equator.
 * `seasonal`: follows the visitor's hemisphere (six months later in the south); holidays and the French
 * "rentrée de septembre" do not.
 */
export const SEASONS: readonly { names: string; month: number; seasonal?: boolean }[] = [
  { names: "la rentree|rentree(?: de septembre)?", month: 9 },
  { names: "back to school|after the summer|apres l'ete|fin de l'ete|end of (?:the )?summer|late summer|apres les vacances(?: d'ete)?|after the summer holidays", month: 9, seasonal: true },
  { names: "l'ete|cet ete|en ete|summer|summertime|les vacances d'ete", month: 7, seasonal: true },
  { names: "l'automne|automne|autumn|the fall|this fall|next fall|in fall", month: 10, seasonal: true },
  { names: "l'hiver|hiver|winter", month: 1, seasonal: true },
  { names: 'le printemps|printemps|spring', month: 4, seasonal: true },
  { names: 'noel|christmas|xmas', month: 12 },
  { names: 'paques|easter', month: 4 },
];

/**
 * Regions (ISO 3166 codes, as in a locale tag "en-AU", "pt-BR", "fr-RE") south of the equator, where the
 * summer ends in February. Equatorial regions (Kenya, Indonesia…) keep the default.
 */
export const SOUTHERN_HEMISPHERE_REGIONS: ReadonlySet<string> = new Set([
  'AU', 'NZ', 'ZA', 'AR', 'CL', 'UY', 'PY', 'BR', 'BO', 'PE', 'NA', 'BW', 'LS', 'SZ', 'ZW', 'ZM', 'MZ', 'MG', 'MU', 'RE', 'YT', 'NC', 'PF', 'WF', 'FJ', 'WS', 'TO', 'VU', 'AO', 'MW', 'FK',
]);

export function inSouthernHemisphere(region: string | undefined): boolean {
  return region !== undefined && SOUTHERN_HEMISPHERE_REGIONS.has(region.toUpperCase());
}

/** Duration units → months per unit. */
export const DURATION_UNITS: readonly { names: string; months: number }[] = [
  { names: 'jours?|j|days?|business days|jours ouvres', months: 1 / 30 },
  { names: 'semaines?|sem|weeks?|wks?', months: 0.25 },
  { names: 'mois|months?|mos|mo|mths?', months: 1 },
  { names: 'trimestres?|quarters?', months: 3 },
  { names: 'semestres?', months: 6 },
  { names: 'ans|an|annees?|years?|yrs?', months: 12 },
];

/** Words before a duration that make it a start ("dans 3 mois", "within 6 weeks"). */
export const START_PREPOSITIONS = String.raw`(?:between|entre|dans|d'ici|d'ici a|sous|en moins de|moins de|au plus tard dans|au bout de|within|in|in about|in around|inside|in less than|less than|under|over the next|in the next|within the next|in the coming|starting in|start in|begin in|kick off in|go live in|a horizon|horizon|a horizon de|a|pas avant|not before|not for|no sooner than|after|apres|au moins|at least|max|maximum|plutot d'ici|plutot dans|idealement dans|ideally in|ideally within)`;
/** Filler words between that preposition and the number. */
export const DURATION_FILLER = String.raw`(?:(?:environ|about|around|approximately|approx|roughly|a peu pres|les|the|the next|next|les prochains|prochains|un peu plus de|un peu moins de|a bit more than|a bit less than|moins de|less than|max|maximum|~|maybe|peut-etre|probably) )*`;
/** Words after a duration that make it something else ("6 mois de test", "3 years ago"). */
export const DURATION_NOT_START = String.raw`(?:ago|d'experience|of experience|de contrat|contract|minimum|min|d'engagement|engagement|trial|pilot|de test|d'essai|old|de retard|late|de campagne|campaign|project|projet|de projet|de mission|mission|d'anciennete)`;

/** Verbs and nouns that make a time phrase a start date ("on veut démarrer en mars", "go live in May"). */
export const START_CONTEXT =
  /\b(?:demarr\w*|commenc\w*|lancer|lancement|lance|lancerait|debuter|debut du projet|mettre en place|mise en place|operationnel\w*|go[- ]live|going live|live|start\w*|begin\w*|kick(?:ing)? off|kick-?off|launch\w*|roll(?:ing)? out|rollout|up and running|onboard\w*|s'y mettre|get going|get started|be ready|ready by|in place by|deadline|echeance|timeline|timing|delai|horizon|need it|want it|besoin pour|en place)\b/;

/** Words that tie a time phrase to money or goals instead of a start ("budget acté pour l'an prochain", "Q3 targets"). */
export const NOT_START_CONTEXT =
  /\b(?:budg?e?t\w*|budjet|enveloppe|approved|approuve|valide|acte|earmarked|fiscal|exercice|objectifs?|targets?|quotas?|chiffres|numbers|results|resultats|revenue|depuis|since|ago|ans d'experience|experience|founded|cree|creee|fondee)\b|[€$£]|\d+ ?k\b/;
/**
 * The pipeline is what the visitor lacks: a date next to it is when they want it ("pipeline for next year"),
 * not a start; but urgency said about it is ("we need more pipeline asap").
 */
export const PIPELINE_CONTEXT = /\b(?:pipeline|pipe|pipline)\b/;
