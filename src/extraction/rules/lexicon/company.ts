import type { CueSpec } from '../engine/cue.js';

/**
 * Company: headcount and sector. Numbers become a headcount only next to an employee word
 * ("140 salariés", "35 ppl", "a 40-person company") or after "on est / we're / team of…";
 * sales-team sizes ("nos 6 commerciaux") and client counts are not headcounts.
 */

/** Words after a number that make it a headcount (typos included). */
export const HEADCOUNT_UNIT = String.raw`(?:of us|salari\w*|empl\w*|collaborat\w*|collabs?|personnes?|pers|people|ppl|persons|staff|etp|fte|ftes|team members|membres|gens|agents|equipiers|workers|headcount|tetes|consultants?|consultantes|ingenieurs|engineers|heads|folks|associes|associees|partners|co-?founders|cofondateurs|co-?fondateurs)`;
/** Partner/founder units: used only when no employee count is given. */
export const PARTNER_UNIT = /^(?:associes|associees|partners|co-?founders|cofondateurs|co-?fondateurs)/;
/** "40-person", "200-employee", "a 40-strong team". */
export const HEADCOUNT_COMPOUND = String.raw`(?:-| )(?:person|people|employee|employees|strong|man|men|staff|seat|salaries)\b`;
/** Words before a bare number that make it a headcount ("on est 12", "team of 35", "effectif : 50"). */
export const HEADCOUNT_LEAD = String.raw`(?:on est|on sait|nous sommes|we are|we're|were|we r|on compte|nous comptons|we employ|employs|employ|team of|equipe de|company of|entreprise de|societe de|structure de|boite de|pme de|tpe de|eti de|startup de|start-up de|agence de|cabinet de|esn de|groupe de|business of|firm of|agency of|startup of|effectifs?(?: total)?(?: de| :|:)?|headcount(?: of| is)? ?:?|taille ?:|size ?:|employees ?:|salaries ?:|staff ?:|with|avec|compte|counts)`;
export const HEADCOUNT_APPROX = String.raw`(?:(?:environ|about|around|approximately|approx|roughly|a peu pres|presque|almost|nearly|pres de|plus de|more than|over|quelque|some|~|un peu plus de|a bit over|just over|bientot|au moins|at least|jusqu'a|up to|close to|circa|ca\.|tout juste) ?)*`;
/** "moins de 10 salariés", "fewer than 10 people": an upper bound, not a count. */
export const HEADCOUNT_BELOW = String.raw`(?:moins de|less than|fewer than|under|below|pas plus de|no more than|max|maximum|<) ?$`;
/** Counts of something else: never a headcount. */
export const NOT_HEADCOUNT_UNIT = /^[\s-]*(?:commerciau\w*|commerciales?|sales|sdrs?|bdrs?|reps?|representatives|vendeurs|vendeuses|business developers?|bizdevs?|account executives|aes?|clients?|customers?|prospects?|leads?|rdv|rendez-vous|meetings?|appels|calls|demos?|%|pour ?cent|percent|ans|annees?|years?|mois|months?|semaines?|weeks?|jours?|days?|heures?|hours?|k\b|€|\$|£|eur|euros?|usd|dollars?|chf|gbp|x\b|fois|times|magasins|stores|sites|agences|bureaux|offices|pays|countries|produits|products|references|filiales)/;
/** A sales or marketing team, not the company ("une équipe commerciale de 3 personnes"). */
export const SUB_TEAM = /(?:equipe (?:commerciale|de vente|marketing|sdr|de prospection)|sales team|sdr team|marketing team|service commercial|force de vente|commerciaux)\W*(?:\w+\W+){0,2}$/;

/** Solo and two-person businesses: a headcount, and the below-ICP-size knockout. */
export const SOLO_CUES: readonly CueSpec[] = [
  {
    level: '1',
    fr: [
      String.raw`{je_suis} (?:un |une )?(?:freelance|freelanceur|freelanceuse|independant|independante|auto-?entrepreneur|auto-?entrepreneuse|micro-?entrepreneur|micro-?entrepreneuse|consultant independant|consultante independante|travailleur independant|travailleuse independante|entrepreneur individuel|entrepreneuse individuelle|seul|seule|a mon compte|a mon propre compte|solo|en solo|en freelance|en independant|en auto-?entreprise|en micro-?entreprise|tout seul|toute seule)`,
      String.raw`je (?:travaille|bosse|suis) (?:seul|seule|en solo|en freelance|en independant|a mon compte|tout seul|toute seule)`,
      String.raw`(?:tout |toute )?seule? dans (?:ma|mon|l') ?(?:boite|entreprise|societe|structure|agence|cabinet)`,
      String.raw`{clause_start}(?:freelance|independant|independante|auto-?entrepreneur|auto-?entrepreneuse|micro-?entrepreneur|consultant independant|consultante independante)(?= *(?:$|[,.;!?]|de|en|ici))`,
      String.raw`(?:ma|mon) (?:micro-?entreprise|auto-?entreprise|entreprise individuelle)|entreprise unipersonnelle|en nom propre|juste moi(?! et)|moi seule?(?: dans| a| au|$)|que moi(?: dans| a| au|$)`,
    ],
    en: [
      String.raw`{i_am} (?:a |an )?(?:freelance|freelancer|independent consultant|independent contractor|self-employed|sole trader|sole proprietor|one-man band|solopreneur|solo founder|solo consultant|solo entrepreneur|on my own|by myself|alone|one-?(?:man|person|woman) (?:band|show|business|company|shop|team|consultancy|agency|operation|consulting business))`,
      String.raw`(?:it's|its|it is) (?:just|only) me|just me(?! and)|only me|just myself|only myself|myself only|i work (?:alone|on my own|by myself|solo|freelance)|one-?(?:man|person|woman) (?:band|show|business|company|shop|team|consultancy|agency|operation|consulting business)|as a freelance\w*|freelance [a-z]+ here|self-employed`,
      String.raw`{clause_start}(?:freelancer|freelance|self-employed|solopreneur|solo (?:consultant|founder|entrepreneur)|independent (?:consultant|contractor)|sole (?:trader|proprietor)|one-man band)(?= *(?:$|[,.;!?]))`,
    ],
  },
  {
    level: '2',
    fr: [String.raw`juste (?:moi et mon associee?|mon associee? et moi|nous deux)|(?:nous sommes|on est) (?:que )?(?:deux|2)(?: personnes)?(?= *(?:$|[,.;!?]|dans|au|a |en tout))|(?:moi et mon associee?|mon associee? et moi)(?:,? (?:et )?c'est tout| seulement| uniquement|,? point|(?= *[.!]? *$)|,? (?:pas plus|personne d'autre|on est deux|deux personnes))`],
    en: [String.raw`just (?:me and my (?:co-?founder|partner|associate|business partner|wife|husband)|the two of us|two of us)|(?:it's|its) (?:just )?(?:me and my (?:co-?founder|partner|associate)|the two of us)(?= *(?:$|[.;!?…]|, ))|(?:my (?:co-?founder|partner) and (?:i|me)) (?:only|alone|that's it)|we(?:'re| are) (?:just )?(?:two|2)(?: people| co-?founders| partners)?(?= *(?:$|[,.;!?]))`],
  },
];

// A team listed person by person, the visitor included: "me, my co-founder and a part-time VA",
// "mon associé, deux freelances et moi". One listed person (or a number of them): a determiner or a count,
// then up to three words.
const LISTED_PERSON = String.raw`(?:(?:my|our|a|an|one|the|mon|ma|mes|notre|nos|un|une|deux|trois|quatre|cinq|two|three|four|five|\d{1,2}) (?:[a-z'-]+ ){0,2}?[a-z'-]+)`;
const SELF = String.raw`(?:me|myself|moi|moi-meme)`;
const LIST_AND = String.raw`(?:,? (?:and|et|&|\+|plus) )`;
const TEAM_LIST = String.raw`(?:(?:just |only |juste |seulement |simplement )?${SELF}(?:, ${LISTED_PERSON}){0,3}${LIST_AND}${LISTED_PERSON}|${LISTED_PERSON}(?:, ${LISTED_PERSON}){0,3}${LIST_AND}${SELF})`;
// The list must end the sentence: "me and my co-founder run a 40-person agency" is no list of the team.
const LIST_END = String.raw`(?= *(?:$|[.;:!?…]|,? (?:that's it|that's all|and that's it|c'est tout|et c'est tout|en tout|au total|in total|point)|, (?:and|et|but|mais|so|donc|alors) ))`;
/** Separators between the people of a matched team list (the reader counts them). */
export const TEAM_LIST_SEPARATOR = /\s*,\s*|\s+(?:and|et|&|\+|plus)\s+/;

/**
 * Teams listed person by person: the reader counts the people (a count such as "deux freelances" counts as
 * many). The match is the list alone, its lead-in a lookbehind. Said of the company ("the team is…",
 * "l'équipe, c'est…") it counts anywhere.
 */
export const TEAM_LIST_CUES: readonly CueSpec[] = [
  {
    level: 'team',
    fr: [String.raw`(?<=(?:l'equipe|toute l'equipe|la boite|la societe|l'entreprise|la structure|l'agence|le cabinet|le studio)(?:,? c'est|,? ce sont| :|:| se compose de| compte) )${TEAM_LIST}${LIST_END}`],
    en: [String.raw`(?<=the (?:whole |entire )?(?:team|company|business|agency|studio|firm|shop|staff)(?: is| are|'s|:| consists of| is made up of) )${TEAM_LIST}${LIST_END}`],
  },
];

/** The same lists said alone ("it's me, my co-founder and a VA"): only an answer to the company question, where "me and my partner" cannot be about who decides. */
export const TEAM_LIST_ANSWER_CUES: readonly CueSpec[] = [
  {
    level: 'team',
    fr: [String.raw`(?<=(?:^|[\n.;:!?…]|, ?|, ?(?:bon|alors|euh) )\s*(?:(?:c'est|il y a|on est|nous sommes|en fait) )?)${TEAM_LIST}${LIST_END}`],
    en: [String.raw`(?<=(?:^|[\n.;:!?…]|, ?|, ?(?:well|so|um) )\s*(?:(?:it's|its|it is|there's|there is|we're|we are|honestly) )?)${TEAM_LIST}${LIST_END}`],
  },
];

/** Size words said about one's own company ("on est une PME", "we're an enterprise"): a hint without a count. */
export const SIZE_CUES: readonly CueSpec[] = [
  { level: 'below_icp_size', weak: true, fr: [String.raw`(?:{je_suis}|on est|nous sommes|c'est) (?:une |un )?(?:tres )?(?:petite )?(?:tpe|micro-?entreprise|tres petite entreprise)`, String.raw`(?:gerant|dirigeant|patron)e? (?:d'une|de la) tpe`], en: [String.raw`(?:we're|we are|it's|its) (?:a |an )?(?:tiny|micro|very small) (?:business|company|team|shop|startup)`] },
  { level: 'in_icp', weak: true, fr: [String.raw`(?:{je_suis}|on est|nous sommes|c'est) (?:une |un )?(?:pme|eti|grand groupe|grande entreprise|grosse entreprise|multinationale|grand compte|groupe international)`], en: [String.raw`(?:we're|we are|it's|its) (?:a |an )?(?:enterprise|large company|large enterprise|big company|mid-?size company|mid-?sized company|mid-?market company|multinational|corporation|global company|scale-?up)`] },
];

/** Sector phrases; the matched words (verbatim) become `sector`. */
export const SECTOR_PATTERNS: readonly string[] = [
  String.raw`(?:editeur|editrice)s?(?: de)? (?:logiciels?|saas|solutions?|crm|erp|progiciels?)(?: (?:de |d'|pour (?:la |les |l')?)?[a-z]+){0,2}`,
  String.raw`(?:[a-z]+ ){0,2}saas(?: [a-z]+)?`,
  String.raw`(?:[a-z]+ ){0,2}software(?: company| vendor| publisher| editor| firm| house| reseller)?`,
  String.raw`(?:esn|ssii|integrateur(?: [a-z]+){0,2})`,
  String.raw`cabinet (?:de conseil|d'avocats|comptable|d'expertise comptable|de recrutement|d'architectes?|d'etudes|d'audit|de courtage)(?: (?:en |d')?[a-z]+){0,2}`,
  String.raw`(?:societe|entreprise|boite|groupe|pme|startup|agence|studio|organisme|bureau) (?:de |d'|du |des )(?:[a-z'-]+ ){0,2}[a-z'-]+`,
  String.raw`(?:[a-z-]+ ){0,2}(?:consultancy|consulting(?: firm| company)?|agency|firm|company|provider|distributor|manufacturer|wholesaler|reseller|broker|startup|bank|platform|integrator|vendor)`,
  String.raw`(?:fabricant|distributeur|negoce|grossiste|courtier|fournisseur|integrateur|prestataire|transporteur|intermediaire)s? (?:de |d'|du |des |en )(?:[a-z'-]+ ){0,2}[a-z'-]+`,
  String.raw`(?:industrie|logistique|transport|btp|immobilier|banque|assurance|fintech|healthtech|medtech|sante|pharma|formation|e-?learning|edtech|rh|recrutement|cybersecurite|services informatiques|telecoms?|energie|retail|e-?commerce|hotellerie|restauration|agroalimentaire|automobile|aeronautique|chimie|imprimerie|nettoyage|securite|ingenierie|architecture|distribution)(?: (?:et|de|du|des|en) [a-z'-]+){0,2}`,
  String.raw`(?:logistics|transport|construction|real estate|insurance|fintech|healthtech|medtech|healthcare|pharma|training|e-?learning|edtech|hr tech|recruitment|staffing|cybersecurity|it services|telecoms?|energy|retail|e-?commerce|hospitality|food|automotive|aerospace|chemicals|printing|cleaning|security|facility management|engineering|manufacturing|distribution|accounting|legal)(?: [a-z]+){0,2}`,
];

/** Leading words to drop from a sector taken from an answer ("On est une", "We're a", "It's a"). */
export const SECTOR_LEAD = /^(?:(?:alors|bon|hello|bonjour|hi|ok|so|well|euh)\W+)?(?:on est|nous sommes|we are|we're|were|it's|its|it is|c'est|je suis|je travaille (?:dans|chez)|i work (?:at|for|in)|je bosse dans)?\s*(?:un |une |a |an |the |le |la |l'|dans le |dans la |dans l'|in the |in )?/i;
