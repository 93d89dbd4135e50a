import type { CueSpec } from '../engine/cue.js';

/**
 * Built-in knockout signals. Each phrase must be about the visitor: "I studied marketing",
 * "we're an agency of 40 people and need more meetings" or "no need to call me" are not knockouts.
 * The level is the playbook `signal` (student, job_seeker, vendor, no_need); below_icp_size comes
 * from the company reader. A `soft` vendor signal ("do you have 15 min?", "partner with you") and any
 * no_need are void when the same message states a problem of the visitor's own (rules-extractor.ts):
 * "we don't need more leads, what we need is meetings" is a buyer.
 */

// "Pas besoin d'aide sur le marketing", "we don't need help with inbound": help with something else than ours.
const OUR_TOPIC_FR = String.raw`(?:la |le |les |l'|notre |nos |vos |votre |ce |cette )?(?:prospection|prospecter|generation|leads|rdv|rendez-vous|clients|prospects|pipe\w*|commercia\w*|developpement commercial|ventes?|outbound|externalis\w*|ca|cela|ce sujet|trouver (?:des |de nouveaux )?clients|l'instant|le moment)\b`;
const NOT_OUR_TOPIC_FR = String.raw`(?! (?:sur|pour|en|avec|de|d'|du|des|au|aux|dans) ?(?!${OUR_TOPIC_FR}))`;
const OUR_TOPIC_EN = String.raw`(?:this|that|it|any|our |the |your )?(?:prospect\w*|outbound|lead gen\w*|leads|meetings|appointment\w*|sales development|pipeline|finding (?:new )?(?:clients|customers)|now|right now)\b`;
const NOT_OUR_TOPIC_EN = String.raw`(?! (?:with|on|for|in|from) (?!${OUR_TOPIC_EN}))`;

// What "pas besoin" / "no need" may be about to mean "we don't need you".
const NO_NEED_OBJECT_FR = String.raw`(?= *(?:$|[,.;!?…:]|merci|pour l'instant|pour le moment|actuellement|en ce moment|vraiment|du tout|de rien))|(?: (?:de|d'|du|des|pour|en) ?(?:vos |votre |ce |cette |ca |cela |ces |ce genre de |ce type de |la |le |l'|un |une |plus de |nouveaux |nouvelles )?(?:prospection|(?:services?|aide|accompagnement|offres?|solutions?|prestations?)${NOT_OUR_TOPIC_FR}|prestataires?|agences?|leads|rdv|rendez-vous|clients|prospects|quoi que ce soit|rien|tout ca|externalisation|genre|type|sdrs?|commerciaux|externaliser|sous-traiter|sous traiter))|(?: (?:de|d') ?vous(?= *(?:$|[,.;!?…:]|merci|pour (?:l'instant|le moment|ca|cela)|car|parce|en ce moment|actuellement|du tout)))`;
const NO_NEED_OBJECT_EN = String.raw`(?= *(?:$|[,.;!?…:]|really|at all|right now|at the moment|thanks|thank you|here|whatsoever))|(?: for (?:this|that|it|your|you|a |an |such|these|those|any|outsourc\w*|prospect\w*|lead gen\w*|more))`;
// What "we are a … agency" must be to make the visitor a competitor: the same trade as ours.
const OUR_TRADE_FR = String.raw`(?:prise de (?:rendez-vous|rdv)|generation de (?:leads|rendez-vous|rdv)|prospection(?: externalisee| b2b| commerciale| telephonique)?|teleprospection|teleprospecteurs|lead gen\w*|outbound|sdrs? externalises?|phoning|telemarketing|centre d'appels|call cent(?:er|re))`;
const OUR_TRADE_EN = String.raw`(?:appointment[- ]setting|lead[- ]gen\w*|lead generation|prospecting|outbound|outsourced sdr|sdr|sdr-as-a-service|telemarketing|cold[- ]calling|demand gen\w*|call cent(?:er|re)|b2b data)`;

export const KNOCKOUT_CUES: readonly CueSpec[] = [
  {
    level: 'student',
    fr: [
      String.raw`{je_suis} (?:un |une |en |actuellement )?(?:etudiant|etudiante|etudiants|etudiantes|eleve|doctorant|doctorante|thesard|thesarde|lyceen|lyceenne)`,
      String.raw`je suis en (?:master|licence|bts|dut|but|mba|these|doctorat|ecole de commerce|ecole d'ingenieur|ecole|prepa|fac|universite|l[1-3]|m[12]|premiere annee|deuxieme annee|troisieme annee)`,
      String.raw`{clause_start}(?:etudiant|etudiante|doctorant|doctorante)s? (?:en|a|de|chez|d')`,
      String.raw`(?:mon|ma|notre|un|une) (?:memoire|these|expose|rapport de stage|projet (?:de fin d'etudes|tutore|etudiant|scolaire|de groupe|d'ecole|universitaire|de cours))`,
      String.raw`(?:memoire|these) (?:de fin d'etudes|de master|de recherche|universitaire)`,
      String.raw`projet (?:scolaire|etudiant|d'ecole|universitaire|de fin d'etudes|tutore|de cours)|exercice de cours|cas pratique pour (?:mon|l') ?(?:ecole|cours)`,
      String.raw`pour (?:un|mon|mes) (?:cours|exam|examen|partiel|td|devoir|prof|professeur)|pour (?:mon|ma|mes) (?:ecole|fac|universite|etudes)`,
      String.raw`(?:recherche|etude|enquete) (?:academique|universitaire|scientifique)|recherche pour (?:mon|ma) (?:master|these|memoire|ecole)`,
      String.raw`dans le cadre de (?:mes|mon|ma|nos|notre) (?:etudes|master|memoire|these|cursus|formation|diplome|bts|mba|licence|stage de fin d'etudes)`,
      String.raw`je (?:prepare|redige|fais|ecris) (?:un|mon|une|ma) (?:memoire|these|expose)`,
      String.raw`simuler un achat|(?:dossier|projet) (?:pour|de) (?:mon|l') ?(?:exam|examen|ecole|cours|bts)`,
    ],
    en: [
      String.raw`{i_am} (?:a |an )?(?:[a-z']+ ){0,2}?(?:student|undergrad|undergraduate|grad student|postgrad|phd student|phd candidate|doctoral student|doctoral candidate)`,
      String.raw`(?:my|our) (?:thesis|dissertation|school project|class project|university project|uni project|group project|assignment|homework|coursework|capstone|term paper)`,
      String.raw`(?:school|class|university|uni|college|student|academic|group|course) (?:project|assignment|exercise)`,
      String.raw`(?:for|in|at) (?:my|our) (?:[a-z]+ )?(?:class|course|professor|teacher|degree|mba|master's|masters)(?! (?:clients|customers|students))|(?:student|studying|i study) at (?:the |a )?(?:university|uni|college|school|business school)`,
      String.raw`academic research|research (?:for|at) (?:my|the) (?:university|school|thesis|dissertation)|writing (?:my|a) (?:thesis|dissertation|paper)|researching [a-z]+ for (?:my|a) (?:thesis|dissertation|class)`,
      String.raw`case study for (?:my|a|our) [a-z]+|as a student|the company is (?:made up|fictional|fake)|a fictional company`,
    ],
  },
  {
    level: 'job_seeker',
    fr: [
      String.raw`(?:je|j') ?(?:cherche|recherche|suis a la recherche d'|suis en recherche d'|suis en recherche de|suis a la recherche de)(?: \w+)? ?(?:un |une |du |d'|de )?(?:emploi|travail|job|poste|stage|alternance|cdi|cdd|apprentissage|nouveau poste|nouvel emploi|nouveau job)`,
      String.raw`(?:en|a la) recherche (?:d'un |d'une |d'|de )?(?:emploi|poste|stage|alternance|job|travail|nouveau poste|nouvel emploi)|recherche d'emploi|demandeur d'emploi|demandeuse d'emploi|au chomage|je suis sans emploi`,
      String.raw`(?:ma|une) candidature|candidature spontanee|(?:je |pour |j'aimerais |je voudrais |je souhaite |souhaiterais )postuler|je postule|j'ai postule|deposer ma candidature`,
      String.raw`(?:mon|un|le) (?:cv|c\.v)|(?:envoyer|transmettre|deposer) (?:mon|un) cv`,
      String.raw`(?:est-ce que vous|vous) (?:recrutez|embauchez|cherchez des (?:commerciaux|sdrs?|business developers?|stagiaires?|alternants?|profils))|recrutez-vous|embauchez-vous`,
      String.raw`offres? d'emploi|(?:travailler|bosser) (?:chez|pour) vous|rejoindre (?:votre|vos) equipes?|integrer (?:votre|vos) equipes?|poste (?:de|d') [a-z]+ chez vous`,
    ],
    en: [
      String.raw`(?:looking|searching|applying|hunting) for (?:a |an )?(?:new |better |different |full-time |part-time |remote |first )?(?:job|position|role|internship|work|employment)`,
      String.raw`job (?:opening|openings|opportunit\w*|application|hunting|seeker|search)|job-?hunting|i'?m job hunting`,
      String.raw`are you hiring|do you hire|you guys hiring|any (?:open )?(?:positions|vacancies|openings)|open positions|vacanc(?:y|ies) (?:at|with) you`,
      String.raw`(?:my|a|our) (?:cv|resume|résumé)|send (?:you )?my (?:cv|resume)`,
      String.raw`(?:apply|applied|applying) (?:for|to) (?:a |an |the |your )?(?:[a-z]+ ){0,2}?(?:job|position|role|internship|opening|vacancy)`,
      String.raw`my (?:job )?application|join your team|work for you|work at your company|career opportunit\w*|i'?m unemployed|between jobs|open to work|i'?d love to (?:apply|join you)`,
    ],
  },
  {
    level: 'vendor',
    fr: [
      String.raw`vous (?:proposer|propose|proposons|presenter|presente|presentons|offrir|offre|offrons|soumettre|montrer|faire decouvrir|faire connaitre) (?:un |une |nos |notre |mes |mon |nos services|notre offre|nos offres|nos solutions|notre solution|notre service)`,
      String.raw`(?:proposer|presenter|offrir) (?:nos|notre) (?:services?|offres?|solutions?|prestations?|outils?|logiciels?|plateformes?|produits?|videos?|expertise|agence|crm)(?! (?:a|aux) (?:nos |des |les )?(?:clients|entreprises|pme|eti|societes|particuliers))`,
      String.raw`revendre (?:vos|votre) (?:services|offres?|solutions?|prestations?)|en tant que (?:revendeur|partenaire revendeur|apporteur)|`+String.raw`partenariat (?:commercial|strategique|gagnant)|(?:proposer|propose|proposons|envisager|discuter d') ?un partenariat|apporteur d'affaires|marque blanche|programme (?:d'affiliation|revendeur|partenaire)`,
      String.raw`(?:seriez-vous|etes-vous|seriez vous|etes vous) (?:interesse|interessee|interesses|interessees|ouverts?|partants?)|(?:ca|cela) (?:vous|pourrait vous) interess\w*`,
      String.raw`(?:nous|je) (?:pouvons|pourrions|peux|pourrais) vous aider a|nous aidons (?:les|des) (?:entreprises|societes|agences) comme (?:la votre|vous)`,
      String.raw`je (?:represente|travaille pour) (?:la societe|l'entreprise|une agence|une societe|le cabinet)(?: [a-z]+)? et|je me permets de vous (?:contacter|solliciter|ecrire)|je vous contacte (?:de la part|pour vous)`,
      String.raw`(?:on est|nous sommes|je suis) (?:une |un )?(?:agence|societe|cabinet|boite|entreprise)(?: [a-z'-]+){0,3} aussi|(?:on fait|nous faisons) (?:la meme chose|le meme metier)|(?:interesse|interessee|interesses|interessees|ouverts?|partants?) (?:par|pour|a) un partenariat|un partenariat (?:avec vous|entre nos)`,
      String.raw`(?:on|nous|je) (?:est|sommes|suis) (?:un |une |vos |des )?concurrents?|(?:je travaille|je bosse) (?:chez|pour) un concurrent`,
      String.raw`(?:vos|votre) (?:sdrs?|commerciaux|equipes?|site|outils|clients)(?: [a-z]+){0,3}? (?:pourraient|pourrait) (?:utiliser|beneficier|adorer)|s'integrerait (?:parfaitement )?a vos outils`,
      String.raw`(?:sous-traiter|sous traiter|confier) (?:une partie de )?(?:vos|votre) (?:campagnes?|clients?|prospection|debordement)(?: [a-z]+){0,2}? (?:a nous|chez nous)`,
      // Selling to us: "nous proposons … aux agences comme la vôtre", "notre solution pourrait booster vos…".
      String.raw`(?:nous|je|j'|on)(?: [a-z']+){0,3}? (?:vous )?(?:proposons|propose|proposer|offrons|offre|offrir|fournissons|fournis|fournit|fournir|vendons|vends|vend|vendre|apportons|apporte|apporter|mettons a disposition|mettre a disposition)(?: [a-z'-]+){0,9}? (?:a|aux|pour) (?:vous(?= *(?:$|[,.;!?]))|votre (?:equipe|agence|entreprise|societe|structure|cabinet)|vos (?:equipes|clients|sdrs?|commerciaux)|(?:des |les )?(?:agences|entreprises|societes|structures|cabinets|acteurs|equipes) comme (?:la votre|le votre|vous|les votres))`,
      String.raw`(?:aidons|aide|aident|accompagnons|accompagne|accompagnent|travaillons avec|travaille avec)(?: [a-z'-]+){0,3}? (?:des |les )?(?:agences|entreprises|societes|equipes|structures|cabinets|acteurs) comme (?:la votre|le votre|vous|les votres)|(?:pouvons|pourrions|puis|pourrais)-(?:nous|je) vous (?:montrer|presenter|faire une demo)|(?:nous|je) (?:pouvons|pourrions|peux|pourrais) vous (?:montrer|faire une demo|presenter une demo)`,
      String.raw`(?:nous|notre [a-z-]+(?: [a-z-]+){0,2}?|nos [a-z-]+) (?:pourrions|pouvons|pourrait|peut|pourraient|peuvent|saurons|saurions|allons|va|vont) (?:vraiment |certainement |facilement |grandement )?(?:vous (?:aider|accompagner|etre utiles?|faire gagner|apporter|permettre)|(?:booster|augmenter|doubler|tripler|ameliorer|accelerer|optimiser|multiplier|remplir) (?:vos|votre|la productivite de vos))`,
      String.raw`(?:pourrait|pourraient|peut|peuvent|va|vont) (?:vraiment |certainement |facilement |grandement )?(?:booster|doubler|tripler|multiplier|augmenter|accelerer|decupler) (?:vos|votre|la productivite de vos|les resultats de vos)`,
      String.raw`je (?:vous contacte|me permets de vous contacter|vous ecris|souhaitais vous|voulais vous|souhaiterais vous|voudrais vous) (?:pour |afin de )?(?:vous )?(?:presenter|proposer|faire decouvrir|parler de) (?:notre|nos|mon|ma|mes|une|un)`,
    ],
    en: [
      String.raw`(?:we'?d|we would|i'?d|i would|we want to|i want to|we'd love to|i'd love to|would like to|wanted to|want to|we're reaching out to|i'm reaching out to|i am reaching out to) (?:like to )?(?:pitch|offer|present|propose|introduce|show|sell) (?:you )?(?:our|my)`,
      String.raw`offer (?:you )?our services|our services (?:to you|could help)|pitch (?:our|my) [a-z-]+(?: [a-z-]+)? (?:services|solution|product|offer) to you|pitch (?:you|our)`,
      String.raw`(?:would you be|are you|would you guys be|might you be) (?:interested|open) (?:in|to) (?:our|my|a partnership|partnering|subcontract\w*|outsourc\w* (?:some|part)|work(?:ing)? with us|collaborat\w*|a free|try(?:ing)? (?:our|my|it)|hear(?:ing)? (?:more )?about (?:our|my)|buy\w*|purchas\w*|resell\w*|a sample|a trial of our)`,
      String.raw`your (?:sdrs?|team|sales team|reps|company|business|marketing team|website|site|agency)(?: [a-z]+){0,2}? (?:could|would|might) (?:really )?(?:use|benefit from|love)`,
      String.raw`(?:subcontract|outsource|send|refer)(?: [a-z]+){0,4}? to us|(?:partnership|partner) (?:opportunity|proposal|program)|(?:propose|explore|discuss) a partnership|white[- ]label|reseller (?:program|agreement)|affiliate program|as (?:a |an |your )?(?:reseller|referral partner|affiliate|white[- ]label partner)|resell your (?:services|offer|solution)`,
      String.raw`we(?: are|'re|re) (?:a |an |your |also |also a |also an )?competitors?|i work for a competitor|(?:run|are|own) an? (?:[a-z-]+ ){0,3}?agency too|we do the same (?:thing|as you)`,
      String.raw`i'?m reaching out (?:from|on behalf of)|on behalf of (?:my|our) (?:company|agency|client)|we help (?:companies|businesses|agencies|firms) like yours|can we help you|we could help you`,
      // Selling to us: "we offer … to agencies like yours", "our platform could boost your team's output".
      String.raw`(?:we|i|our [a-z-]+)(?:'re|'ve|'d|'ll| are| have| would| can| could| will| do)?(?: [a-z']+){0,3}? (?:offer|offering|provide|providing|sell|selling|propose|proposing|bring|bringing|extend|extending|supply|supplying)(?: [a-z'-]+){0,8}? (?:to|for) (?:you(?= *(?:$|[,.;!?]|and|if|at|this|today))|your (?:team|company|agency|business|firm|clients|customers|sdrs|reps|sales team|organi[sz]ation)|(?:agencies|companies|firms|businesses|teams|players|shops|outfits) like (?:yours|you))`,
      String.raw`(?:we|our [a-z-]+(?: [a-z-]+){0,2}?) (?:could|can|would|will|might) (?:really |definitely |easily |significantly |massively |seriously )?(?:help|boost|double|triple|increase|improve|grow|transform|supercharge|scale|save|support|10x|multiply|accelerate) (?:you\b|your)`,
      String.raw`(?:it|this|that|which) (?:could|can|would|will|might) (?:really |definitely |easily |significantly |massively |seriously )?(?:boost|double|triple|increase|improve|transform|supercharge|10x|multiply|accelerate) your`,
      String.raw`(?:we|i)(?:'ve| have)? (?:built|developed|created|launched|designed|made) (?:an? |our |the )?(?:[a-z0-9-]+ ){0,4}?(?:that|which) (?:[a-z0-9-]+ ){0,5}?(?:your|yours|you)\b`,
      String.raw`(?:help|helps|helping|serve|serves|serving|support|supports|work with|works with|working with)(?: [a-z-]+){0,3}? (?:teams|companies|agencies|firms|businesses|organi[sz]ations|startups|shops|players|people) like (?:yours|you)\b|(?:could|can|may) (?:we|i) (?:show|give|send|book) you (?:a |our )?(?:quick |short |free |live )?(?:demo|walkthrough|presentation|trial)`,
    ],
  },
  {
    // Soft vendor signals: void when the visitor states a problem of their own ("partner with you" can be a buyer).
    level: 'vendor',
    tag: 'soft',
    fr: [
      String.raw`(?:auriez|avez|aurez)[- ]vous (?:\d+|quelques|cinq|dix|quinze|vingt|trente) ?(?:min|mins|minutes)|(?:un |une )?(?:creneau|call|appel|visio|echange) (?:rapide )?(?:de )?(?:\d+|quinze|dix|vingt) ?min(?:utes)?`,
      String.raw`(?:je dirige|nous sommes|on est|je travaille (?:pour|dans)|je suis (?:le |la )?(?:fondateur|fondatrice|gerant|gerante|dirigeant|dirigeante|ceo|directeur|directrice) d') ?(?:une |un )(?:agence|societe|cabinet|boite|entreprise|centre d'appels|plateforme)(?: [a-z'-]+){0,2}? (?:de |d'|en |specialisee? (?:en|dans) (?:la )?)?${OUR_TRADE_FR}`,
      String.raw`(?:collaborer|nous associer|travailler en partenariat|monter un partenariat) avec (?:vous|votre (?:agence|societe|entreprise|equipe))`,
    ],
    en: [
      String.raw`(?:do|would|could) you have (?:\d+|a few|five|ten|fifteen|twenty|thirty|a couple of|some)[- ]?(?:min|mins|minutes)|(?:grab|book|schedule|hop on|jump on) (?:a |an )?(?:quick |short |brief )?(?:\d+|fifteen|ten|twenty)[- ]?min(?:ute)? (?:call|chat|demo|meeting)`,
      String.raw`(?:i run|i own|we are|we're|were|i'm the (?:founder|ceo|owner|md|director) of|i work (?:for|at)) an? (?:[a-z-]+ ){0,2}?${OUR_TRADE_EN} (?:agency|company|firm|shop|outfit|provider|vendor|business|startup)`,
      String.raw`(?:partner|partnering|partnership|collaborate|collaborating|team up|teaming up|work together) with (?:you|your (?:agency|company|team|firm))(?= *(?:$|[,.;!?]|on|to|and))`,
    ],
  },
  {
    level: 'no_need',
    fr: [
      String.raw`pas (?:vraiment |du tout )?besoin(?:${NO_NEED_OBJECT_FR})`,
      String.raw`(?:je |on |nous )?n'(?:ai|avons|a) (?:pas|aucun|vraiment pas|absolument pas|pas du tout) (?:de |d')?besoin(?:${NO_NEED_OBJECT_FR})`,
      String.raw`(?:je |on |nous )?n'(?:ai|avons|a) besoin de rien|besoin de rien|aucun besoin|zero besoin|pas de besoin(?: particulier)?(?= *(?:$|[,.;!?…]))`,
      String.raw`pas interess\w*|(?:ca|cela) ne (?:m'|nous )interesse pas|ne (?:suis|sommes) pas interess\w*`,
      // "On ne cherche rien" is no need; "rien de particulier" / "pour l'instant" is someone browsing.
      String.raw`(?:(?:je|on|nous) (?:ne )?|ne )(?:cherche|cherchons|recherche|recherchons) (?:rien|aucune aide|aucun (?:service|accompagnement))(?! (?:de (?:particulier|precis|special|specifique)|en particulier|pour (?:l'instant|le moment)))`,
      String.raw`(?:arrive|arrivee|atterri|atterrie|tombe|tombee|venu|venue|clique|cliquee|retrouve|retrouvee)(?: [a-z]+){0,2}? (?:ici |sur (?:ce|votre) site )?(?:par (?:hasard|erreur|accident|megarde)|sans le vouloir)`,
      String.raw`(?:mauvais|pas le bon) (?:site|lien|chat)|(?:je me suis|on s'est|nous nous sommes) trompee?s? (?:de (?:site|page|lien|chat|adresse|onglet|conversation|entreprise|societe|bouton)|d'(?:adresse|onglet|entreprise))|erreur de (?:site|clic|lien)`,
    ],
    en: [
      String.raw`(?:no|zero|0) (?:real )?need(?:${NO_NEED_OBJECT_EN})`,
      String.raw`(?:don't|do not|dont|doesn't|does not) (?:really )?need (?:any|anything|it|this|that|your|you|help${NOT_OUR_TOPIC_EN}|outsourc\w*|prospect\w*|lead gen\w*|an? (?:[a-z-]+ )?(?:agency|service|provider|vendor|partner)|such|these|those|more (?:leads|meetings|clients|customers|prospects|pipeline|help))`,
      String.raw`(?:we|i) need nothing|not interested|(?:no|zero) interest`,
      // "Not looking for anything" is no need; "…in particular" / "…yet" is someone browsing.
      String.raw`not (?:looking|shopping) for (?:anything|any (?:help|services?|outside help|support))(?! (?:in particular|specific|particular|special|yet|right now|at the moment|just yet|for now))`,
      String.raw`(?:clicked|landed|ended up|came|got|wound up|stumbled)(?: [a-z]+){0,4}? (?:by (?:accident|mistake)|accidentally|by chance)|accidentally (?:clicked|landed|ended up|came)|misclick\w*`,
      String.raw`wrong (?:website|site|page|chat|link|company|place)|(?:was|am|i'm) looking for something else|not what i was looking for`,
    ],
  },
];
