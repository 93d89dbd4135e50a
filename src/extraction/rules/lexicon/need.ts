import type { CueSpec } from '../engine/cue.js';

/**
 * Need / challenge: what the visitor's problem sounds like to a sales rep. Levels: clear_problem,
 * vague_interest, none; `hedge` words ("eventually", "un jour") turn a clear problem into vague interest.
 * An explicit absence of need is a knockout (see knockouts.ts), never a level here.
 */

/** Things a prospecting service produces: leads, meetings, clients… (typos included: "meetngs", "rdv"). */
const RESULTS = String.raw`(?:leads?|prospects?|clients?|clientes?|customers?|rdv|r\.d\.v|rendez-?vous|rendez vous|meetings?|meetngs?|mtgs?|reunions?|rencontres|demos|demonstrations|appointments?|opportunit\w*|opps|contacts|affaires|deals|sqls?|mqls?|buyers|decision[- ]?makers|decideurs|discovery calls?|first calls?|calls|chantiers|marches|commandes|pipe|pipeline|pipline|top-of-funnel|top of funnel|signatures|ventes|sales conversations?|contrats|contracts|mandats)`;
/** The same things, exported for whole-message answers ("Des rendez-vous.", "more leads pls"). */
export const NEED_RESULTS = RESULTS;
const MORE_FR = String.raw`(?:plus de |davantage de |de nouveaux |de nouvelles |des nouveaux |des |du |de |d'|nouveaux |assez de |(?:un |d'un )?(?:vrai |veritable )?(?:flux|flot|volume) (?:regulier |constant |continu |suffisant )?(?:de |d'))`;
const MORE_EN = String.raw`(?:more |extra |additional |new |enough |a lot more |(?:an? )?(?:steady |constant |regular |consistent |reliable |predictable |continuous |healthy |real )?(?:flow|stream|supply|cadence) of |steady |qualified |some )`;
const TEAM = String.raw`(?:commerciaux|commerciales|sdrs?|bdrs?|aes?|sales|sales team|sales teem|sales reps|reps|equipe commerciale|equipe de vente|equipe interne|equipe|team|vendeurs|business developers?|bizdevs?|account executives|account managers|force de vente|charges d'affaires|chargees d'affaires|technico-commerciaux|representants|inside sales)`;
/** What the missing thing may be, beyond results: capacity, prospecting itself. */
const CAPACITY_FR = String.raw`(?:${RESULTS}|prospection|chasse|capacite commerciale|bande passante|temps commercial|generation de leads|acquisition(?: clients?)?|visibilite|volume|bras|commerciaux|sdrs?)`;
const CAPACITY_EN = String.raw`(?:${RESULTS}|prospecting|outbound|outreach|sales capacity|capacity|bandwidth|headcount|lead gen\w*|new business|coverage|hunting|sdrs?|reps)`;
/** Prospecting itself, as the work nobody does ("personne pour faire de la chasse"). */
const PROSPECTING_FR = String.raw`(?:(?:faire )?(?:de la |la |du |le )?(?:prospection|chasse|demarchage|phoning|teleprospection|developpement commercial|business development|outbound)|prospecter|chasser|demarcher|appeler (?:les |des )?prospects|aller chercher (?:des |de nouveaux |les )?clients)`;
const PROSPECTING_EN = String.raw`(?:(?:do |doing )?(?:the |any )?(?:prospecting|outbound|outreach|new business(?: outreach| development)?|cold calling|business development|hunting|lead gen\w*)|prospect|hunt|cold call|find (?:new )?(?:clients|customers|leads))`;

export const NEED_CUES: readonly CueSpec[] = [
  {
    level: 'clear_problem',
    fr: [
      String.raw`(?:n'[a-z]+ |ne [a-z]+ )?(?:pas|plus|jamais) (?:assez|suffisamment) (?:de |d'){words2}${RESULTS}`,
      String.raw`trop peu (?:de |d'){words2}${RESULTS}`,
      String.raw`(?:manque|manquons|manquent|manquer|manquez|manquait){gap2} (?:de |d'){words2}(?:${RESULTS}|visibilite|temps|ressources|bras|capacite|commerciaux|sdrs?|bande passante|volume)`,
      String.raw`(?:le |du )?volume (?:manque|n'y est pas|est insuffisant)`,
      String.raw`(?:il )?(?:nous|me|leur) faut ${MORE_FR}?{words2}${RESULTS}`,
      String.raw`besoins? (?:de |d')(?:plus de |davantage de |nouveaux |nouvelles |trouver (?:des |de nouveaux |plus de )?|generer (?:des |plus de )?|decrocher (?:des |plus de )?)?{words2}${RESULTS}`,
      String.raw`besoin (?:d'aide|d'un coup de main|d'un partenaire|d'un prestataire|de renfort) (?:pour|sur|en) (?:la |notre )?(?:prospect\w*|trouver|generer|developpement commercial)`,
      String.raw`besoin de (?:prospecter|generer|remplir|booster|developper notre (?:ca|chiffre|activite))`,
      String.raw`(?:veut|voulons|voudrait|voudrions|aimerait|aimerions|souhaite|souhaitons|cherche|cherchons|cherche a|cherchons a|veux|voudrais|aimerais)(?: a)? (?:avoir |obtenir |decrocher |trouver |generer |booker |signer |remplir |aller chercher |chercher )?(?:${MORE_FR}|\d+ ){words2}${RESULTS}`,
      String.raw`generer (?:plus de |davantage de |des |assez de |du |de nouveaux |de nouvelles )?(?:\w+ )?${RESULTS}`,
      String.raw`generation de (?:leads|rendez-vous|rdv|prospects|demande|pipe|pipeline|contacts|opportunites)`,
      String.raw`(?:n')?arriv\w* (?:plus |pas )(?:a |à )?(?:les |leur |a les )?(?:booker|caler|placer|generer|trouver|obtenir|decrocher|atteindre|avoir|booker|prendre|remplir|toucher|joindre|prospecter|signer)`,
      String.raw`on n'y arrive (?:pas|plus)(?: en interne)?`,
      String.raw`(?:externaliser|externalisation|deleguer|delegation|sous-traiter|sous traiter|confier|outsourcer){gap3} (?:prospection|prise de (?:rendez-vous|rdv)|generation de leads|business development|bizdev|sdrs?|teleprospection|prospecter|developpement commercial|rendez-vous|rdv|lead gen\w*)`,
      String.raw`(?:veut|voulons|souhaitons|souhaite|aimerions|aimerait|voudrions|voudrait|envisage\w*|cherche a|cherchons a|pensons a) externaliser`,
      String.raw`(?:notre |le |nos |mon |leur )?(?:pipe|pipeline|pipe commercial|carnet de commandes|agenda|agendas){gap3} (?:est |sont |reste )?(?:trop |tres |un peu |completement |desesperement )?(?:faible|maigre|vide|vides|sec|insuffisant|a sec|creux|plat|en baisse|leger)`,
      String.raw`remplir (?:le |notre |nos |l'|les |leur |leurs |mon )?(?:pipe|pipeline|agenda|agendas|carnet)`,
      String.raw`trous dans (?:leur|leurs|nos|notre|mon|son|l') ?agendas?`,
      String.raw`${TEAM}{gap3} (?:sont |est )?(?:debordes?|debordee?s?|surcharges?|surchargee?s?|sous l'eau|satures?|saturee?s?|noyes?)`,
      String.raw`${TEAM}{gap3} n'(?:a|ont) (?:plus |pas )(?:le |assez de |de |du )?(?:temps|bande passante)`,
      String.raw`${TEAM}{gap2} tournent en rond`,
      String.raw`(?:pas|plus|pu) (?:le |assez de |de )?temps (?:de |pour )(?:prospecter|faire de la prospection|chercher des clients|la prospection|solliciter|faire de la sollicitation|la sollicitation|demarcher|faire du demarchage|le demarchage)`,
      // Prospecting done by the visitor alone, then no time left: "c'est moi qui fais toute la sollicitation pis j'ai pu le temps"
      // (Québec: "pu" = plus, "pis" = et).
      String.raw`(?:prospection|sollicitation|demarchage|teleprospection|prospecter|solliciter|demarcher|developpement commercial)(?:,? [a-z'-]+){0,8}?,? (?:(?:et|mais|pis|puis|donc|alors|sauf que|or) )?(?:j'ai|je n'ai|j'|je|on a|on n'a|nous n'avons|n'ai|n'a) ?(?:n'ai |n'a )?(?:pu|pus|plus|pas|pas assez|jamais|plus du tout|pas vraiment) (?:le |de |assez de |du )?temps(?!(?: [a-z]+){0,3} (?:de vous|pour vous|d'en parler|de parler|de discuter|pour un appel|pour un rendez-vous|pour une demo))`,
      String.raw`(?:passent|passe|passons|perdent|perdons|perd)(?: \d+ ?% de| tout| la moitie de| trop de| beaucoup de)? (?:leur |son |notre |mon )?temps (?:a|sur|en|dans) (?:la |le |les |de la )?(?:prospect\w*|cherch\w*|recherche\w*|qualif\w*|appel\w*|relanc\w*|trouv\w*)`,
      String.raw`(?:rate|rater|ratons|ratent|manque|manquons|n'atteignons pas|n'atteint pas|atteint pas|pas atteint|loin de|en dessous de|en retard sur) (?:nos |l'|les |notre |leurs |leur |ses )?(?:objectifs?|quotas?|previsions?|targets?)`,
      String.raw`(?:font|fait|faisons|ferons) pas (?:leurs|leur|nos|notre|ses) (?:chiffres?|objectifs?|quotas?)`,
      String.raw`(?:ventes|ca|chiffre d'affaires|croissance|activite|pipe|pipeline){gap2} (?:stagnent|stagne|baissent|baisse|en baisse|recule|reculent|plafonne|plafonnent|s'effondre|s'effondrent|chute|chutent|s'essouffle)`,
      String.raw`on plafonne`,
      // The usual source of business no longer enough: "le bouche-à-oreille ne suffit plus", "le réseau ne suffit pas".
      String.raw`(?:bouche-a-oreille|bouche a oreille|recommandations?|reseau|inbound|leads entrants|salons?|apporteurs? d'affaires|clients? actuels?|clientele actuelle|portefeuille(?: actuel)?|appels d'offres|partenaires?)(?: [a-z']+){0,2}? (?:ne (?:nous |me )?(?:suffit|suffisent|suffira|suffiront) plus|ne (?:nous |me )?(?:suffit|suffisent) pas(?= *(?:$|[,.;!?…:]|(?:a|pour) (?:remplir|trouver|generer|alimenter|nourrir|faire tourner|atteindre|croitre|grandir|developper)))|n'(?:est|sont) plus (?:suffisante?s?|assez)|ne (?:nous |me )?(?:rapporte|rapportent|ramene|ramenent|donne|donnent) plus (?:assez|rien|grand-chose))`,
      String.raw`(?:on |nous )?(?:vit|vivons) (?:uniquement |seulement )?(?:du|de) (?:bouche-a-oreille|bouche a oreille|recommandations?|reseau)`,
      String.raw`prospection (?:est |reste )?(?:inexistante|nulle|au point mort|a l'arret|insuffisante|trop faible)`,
      String.raw`prospection ne (?:donne|marche|fonctionne|rapporte) (?:rien|pas|plus)`,
      String.raw`(?:accelerer|booster|developper|ameliorer|relancer|structurer|muscler|renforcer|intensifier|industrialiser|dynamiser|lancer|tester) (?:la |notre |nos |sa |l'|une )?(?:prospection|generation de leads|acquisition(?: clients?)?|pipe|pipeline|developpement commercial|activite commerciale|externalisation)`,
      String.raw`trouver (?:de nouveaux|des nouveaux|de nouvelles|des|plus de|assez de|davantage de|d'autres) (?:\w+ )?(?:clients|prospects|leads|marches|comptes|contacts|debouches)`,
      String.raw`(?:attaquer|conquerir|ouvrir|penetrer|adresser) (?:un |de |le |les |des |une |la )?(?:nouveaux? |nouvelle )?(?:segment|marche|cible|comptes|grands comptes|secteur|clientele|region|territoire|pays)`,
      String.raw`prospecter (?:les |des |de |d'|plus de )?(?:grands comptes|nouveaux|entreprises|pme|eti|marches?|clients|comptes|directeurs?|dirigeants|decideurs)`,
      String.raw`(?:pas|aucune?) (?:les |de )?ressources? (?:en interne|pour prospecter|pour la prospection|commerciales)`,
      String.raw`personne (?:pour|qui puisse) prospecter`,
      String.raw`(?:n'a|n'avons|avons|a) aucun contact`,
      String.raw`prise de (?:rendez-vous|rdv)`,
      String.raw`(?:developper|elargir|agrandir|etoffer|grossir|renouveler) (?:notre |le |nos |la |sa )?(?:portefeuille|base|fichier|clientele)(?: clients?)?`,
      String.raw`(?:booster|augmenter|accroitre|doubler|relancer|dynamiser) (?:nos |notre |le |les |la )?(?:ventes|ca|chiffre d'affaires|nombre de (?:rdv|rendez-vous|clients|leads|prospects)|activite commerciale)`,
      String.raw`objectifs? (?:de |d')(?:\d+|[a-z]+) {words2}${RESULTS}|(?:aucun|personne) (?:ne )?(?:prospecte|fait de (?:la )?prospection)|(?:on |nous )?(?:cherche|cherchons|recherchons) (?:un |une )(?:nouveau |nouvelle |autre )?(?:partenaire|prestataire|agence) (?:pour|de|en) {words2}(?:prospect\w*|rdv|rendez-vous|leads|generation|developpement commercial)`,
      String.raw`prospection (?:=|est a|a) ?(?:0|zero|nulle)|tout (?:vient|arrive) (?:du|par le|de notre) (?:reseau|bouche|bouche-a-oreille|recommandation)|(?:faire|fasse|gerer|gere|prendre en charge|faire de) (?:de la |la |notre )?prospection (?:a notre place|pour nous|pour notre compte)`,
      String.raw`il faut (?:des |plus de |de nouveaux |davantage de |absolument des ){words2}${RESULTS}|personne ne (?:nous |la |le |les )?conna\w*|(?:aucune|pas de) (?:vraie )?(?:strategie|demarche|methode|approche) (?:de prospection|commerciale|outbound)|(?:structurer|mettre en place|construire|creer|lancer) (?:une |un |notre |la )?(?:vraie |veritable )?(?:demarche|strategie|approche|machine|moteur|process|processus) (?:outbound|de prospection|commerciale?)`,
      String.raw`on stagne|nous stagnons|(?:plus )?personne (?:ne )?(?:prospecte|fait de (?:la )?prospection)|(?:perdu|parti) (?:notre|nos|le|les|mon) (?:business developer|bizdev|sdrs?|commercial|commerciaux)`,
      String.raw`(?:on |nous )(?:recrut\w*|embauch\w*|remplac\w*|cherch\w* a recruter) (?:des |un |une |de nouveaux |nos )?(?:commerciaux|sdrs?|bdrs?|business developers?|vendeurs)`,
    ],
    en: [
      String.raw`(?:not|aren't|arent|isn't|isnt|don't|dont|can't|cant|cannot|never|barely|hardly|rarely|seldom|struggl\w*|fail\w*|unable){gap2} (?:getting|booking|generating|producing|finding|landing|closing|have|get|book|generate|produce|find|land|reach|keep up|to get|to book|to find|to generate|to reach|with)(?: \w+){0,1}? (?:enough |more |any |new |qualified |the |good )*{words2}${RESULTS}`,
      String.raw`(?:not|never) enough {words2}${RESULTS}`,
      String.raw`(?:too few|too little|very few|few|lack of|lacking|shortage of|short on|short of|low on|running out of|ran out of) {words2}${RESULTS}`,
      String.raw`(?:need|needs|needed|want|wants|require|requires|looking for|look for|would like|we'd like|i'd like|we d like|would love|we'd love|i'd love|must get|must have|have to get|trying to get|hoping to get|hope to get|need to get|need to book|need to generate|aim for|aiming for)(?: to (?:get|book|generate|double|triple|increase|find|land|grow))? ${MORE_EN}?{words4}${RESULTS}`,
      String.raw`(?:double|triple|increase|grow|boost|scale|fill|build|rebuild|accelerate){gap2} (?:the number of |our |the |more |its )?{words2}${RESULTS}`,
      String.raw`(?:generate|generating|generation of|book|booking|set|setting|get|getting)(?: more| enough)? (?:qualified |new |b2b |sales |more )*(?:leads|meetings|appointments|demos|calls|opportunities|pipeline)`,
      String.raw`(?:pipeline|pipline|pipe|funnel|calendar|calendars|outbound|prospecting|lead flow|deal flow|inbound)(?:'s)?{gap4} (?:is |are |has |have |looks |been |feels |was )*(?:too |very |way too |really |pretty |completely |totally |running )?(?:thin|weak|dry|dried up|empty|collapsing|drying up|non-existent|nonexistent|inexistent|flat|shrinking|down|low|poor|a bottleneck|our bottleneck|the bottleneck|a problem|an issue|struggling|broken|stalled)`,
      String.raw`(?:lead gen|lead generation|prospecting|outbound|pipeline|meetings) (?:is|are) (?:our|the|a) (?:bottleneck|problem|issue|challenge|pain)`,
      String.raw`(?:outsource|outsourced|outsourcing|delegate|hire an? agency for|subcontract){gap3} (?:prospecting|lead gen\w*|sdrs?|sdr team|outbound|appointment setting|cold calling|business development|meeting booking|sales development)`,
      String.raw`(?:an? )?outsourced (?:sdr|sdrs|sdr team|prospecting|lead gen\w*|sales team|outbound team|bdr team)`,
            String.raw`${TEAM}{gap3} (?:is |are )?(?:overloaded|overwhelmed|swamped|stretched(?: thin)?|maxed out|at capacity|underwater|drowning)`,
      String.raw`${TEAM}{gap3} (?:can't|cant|cannot|couldn't|don't|dont|do not) (?:keep up|cope|handle|follow|find time|have (?:the )?time)`,
      String.raw`(?:no|not enough|lack of|little) (?:time|bandwidth|capacity|resources|headcount|people) (?:to|for) (?:prospect\w*|outbound|cold call\w*|book\w*|find\w*|generat\w*)`,
      // Prospecting done by the visitor alone, then no time left: "I do all the prospecting myself and I've run out of time".
      String.raw`(?:prospecting|outreach|cold calling|cold-calling|canvassing|business development|outbound)(?:,? [a-z'-]+){0,8}?,? (?:(?:and|but|so|now) )?(?:i|we)(?:'ve|'re|'m)? (?:have no|don't have|do not have|dont have|no longer have|haven't got|haven't|have not got|ran out of|run out of|have run out of|out of|am out of|are out of|never have|can't find|cannot find|can't make|don't get) (?:the |enough |any |much )?time(?!(?: [a-z]+){0,3} (?:to talk|for a call|to chat|for this call|for a meeting|to meet|for a demo))`,
      String.raw`(?:extra|more|additional) (?:prospecting|sales|outbound|sdr) (?:capacity|bandwidth|resources|firepower|muscle)`,
      String.raw`(?:spend|spends|spending|waste|wastes|wasting)(?: all| most| half| too much| hours)?(?: of)? (?:their |our |my |his |her )?(?:time|week|weeks|day|days|hours) (?:on )?(?:prospecting|cold calling|searching|looking for|chasing|finding|hunting|digging)`,
      String.raw`nobody knows (?:about )?(?:us|it|our \w+)|(?:no|don't have a|without a) (?:real )?(?:prospecting|outbound|lead gen\w*|sales) (?:strategy|process|playbook|motion)|(?:leads|inbound|meetings|demos|pipeline|bookings|sales|revenue)(?: [a-z]+){0,3}? (?:have |has )?(?:dropped|fallen|fell|decreased|declined|gone down|plummeted|halved)`,
      String.raw`(?:missed|miss|missing|behind|below|short of|under) (?:on )?(?:our |the |its |their |my )?(?:\w+ )?(?:targets?|quotas?|plan|goals?|numbers|forecast)`,
      String.raw`(?:way |far |well )?behind (?:plan|target|quota)`,
      String.raw`(?:sales|revenue|growth|bookings){gap2} (?:are|is|have|has)? ?(?:down|flat|flatlined|stagnating|stagnant|declining|dropping|plateaued|slowing)`,
      String.raw`(?:referrals|word of mouth|inbound|leads|pipeline|outbound){gap2} (?:have|has) (?:completely |totally )?(?:dried up|slowed down|stopped)`,
      // The usual source of business no longer enough: "referrals aren't enough anymore", "our network doesn't cut it".
      String.raw`(?:referrals|word of mouth|word-of-mouth|(?:our |my )?network|inbound|trade shows|partners|(?:our |existing )?(?:current )?(?:clients|customers|accounts))(?: [a-z']+){0,2}? (?:(?:is|are) no longer (?:enough|sufficient)|(?:is|are)(?:n't| not) (?:enough|sufficient|cutting it)(?= *(?:$|[,.;!?…:]|anymore|any more|to (?:fill|find|get|generate|grow|hit|keep|feed|sustain|reach)))|(?:does|do)(?:n't| not) cut it|(?:won't|will not|can't|cannot) (?:cut it|sustain (?:us|growth|our growth)))`,
      String.raw`go (?:after|out and (?:find|get|win)) (?:new |more |other )?(?:[a-z-]+ ){0,2}?(?:clients|customers|accounts|business)`,
      String.raw`(?:struggle|struggles|struggling|hard|difficult|tough|a challenge) (?:to|with) (?:find|get|book|reach|generate|land|win)\w*{gap3} (?:clients|customers|leads|meetings|prospects|accounts|deals|business)`,
      String.raw`(?:get|getting) (?:in front of|meetings with|access to|through to) (?:more |new |the right |enough )?{words2}(?:buyers|decision[- ]?makers|prospects|accounts|clients|customers|executives|ctos|cfos|ceos)`,
      String.raw`(?:scale|scaling|grow|growing|ramp up|build|building|launch|launching) (?:our |an |the |a )?(?:outbound|prospecting|pipeline|sales development|lead gen\w*|sdr team|bdr team)`,
      String.raw`(?:prospecting|lead gen\w*|outbound|cold calling|appointment setting) (?:for us|on our behalf)|(?:all|only|everything) (?:comes )?(?:from |through )?(?:referrals|word of mouth|our network)`,
      String.raw`(?:hit|reach|meet|achieve|make) (?:our |the |aggressive |ambitious |new |higher )*{words2}(?:targets?|quotas?|goals?|numbers)|(?:need|looking for|want) (?:a |an )?(?:new |better |reliable )?(?:partner|agency|provider) (?:for|to|that)`,
      String.raw`(?:we|i) (?:don't|do not) have (?:an? |any )?(?:sdrs?|sdr team|bdrs?|sales team|outbound team|business developers?)|(?:nobody|no one) (?:is )?(?:prospecting|doing (?:any )?prospecting|does (?:any )?prospecting)`,
      String.raw`(?:fill|filling) (?:the |our |up )?(?:top of the funnel|top-of-funnel|funnel|pipeline|pipe|calendars?|agendas?)`,
      String.raw`(?:break into|enter|expand into|crack|open up|penetrate) (?:the |a |new |our )?{words2}(?:market|region|segment|vertical|territory|accounts)`,
      String.raw`need (?:someone|somebody|a team|an agency|a partner|help|support){gap2} (?:to |with |for )(?:book|find|generate|prospect|reach|set|get|fill)\w*`,
      String.raw`(?:need|want|looking for) (?:help|support|a partner|an agency) (?:with|for|on) (?:our )?(?:prospecting|lead gen\w*|outbound|pipeline|appointment setting|business development)`,
      String.raw`(?:sdrs?|reps|ae|aes|sales team|team){gap3} (?:quit|left|resigned|churned)`,
      String.raw`(?:hire|hiring|recruit|replace) (?:more |new |an? |our )?(?:sdrs?|bdrs?|reps|salespeople|sales reps)`,
    ],
  },
  {
    // Contrastive, terse and indirect statements of the same problems ("what we need is meetings",
    // "ce qui manque c'est des rendez-vous", "personne pour faire de la chasse", "our problem is capacity").
    level: 'clear_problem',
    fr: [
      String.raw`ce (?:qui|qu'il) (?:nous |me |leur |vous )?(?:manque|manquent|faut|faudrait),? (?:c'est|ce sont|c'est surtout|c'est plutot|ce serait|c) {words4}${CAPACITY_FR}`,
      String.raw`ce dont (?:on|nous|j'|je|ils|elles) ?(?:a|avons|ai|ont|aurait|aurions) (?:vraiment |surtout |reellement )?besoin,? (?:c'est|ce sont|c'est surtout|c'est plutot|ce serait|c) {words4}${CAPACITY_FR}`,
      String.raw`(?:notre|le|mon|leur) (?:vrai |plus gros |principal |seul |gros |grand )?(?:probleme|souci|enjeu|defi|frein|point faible|point noir|goulot(?: d'etranglement)?|besoin|manque)(?: principal| numero un| n°1)?,? (?:c'est|ce sont|:|=|est|reste|c) {words4}${CAPACITY_FR}`,
      String.raw`(?:on n'a|nous n'avons|je n'ai|il n'y a|y a|on a|nous avons|j'ai) personne (?:pour|qui (?:fait|fasse|peut|puisse|sait|s'occupe de|a le temps de)) ${PROSPECTING_FR}`,
      String.raw`(?:on doit|nous devons|je dois|il faut|faut|il faudrait|on devrait|on a besoin de|nous avons besoin de) (?:absolument |vite |rapidement |enfin )?(?:decrocher|obtenir|generer|trouver|booker|caler|avoir|prendre|remplir|signer|ramener) ${MORE_FR}?{words2}${RESULTS}`,
      String.raw`${TEAM}{gap3} n'y (?:arrive|arrivent|arrivons) (?:pas|plus)|(?:ils|elles) n'y arrivent (?:pas|plus)|(?:ils|elles) (?:sont|etaient) (?:completement |totalement |deja |toujours )?(?:debordes|debordees|sous l'eau|noyes|noyees|satures|saturees|surcharges|surchargees)`,
      String.raw`(?:depend|dependons|dependent|repose|reposons|reposent|vit|vivons|vivent)(?: [a-z0-9%'-]+){0,3}? (?:du|de la|des|de|d'|sur le|sur la|sur les|sur) (?:bouche-a-oreille|bouche a oreille|recommandations?|reseau|salons|appels d'offres|(?:deux|trois|quatre|\d+|quelques|un seul|une poignee de) (?:gros |grands |principaux )?(?:clients|comptes|donneurs d'ordre))`,
      String.raw`(?:percer|s'implanter|se developper|se lancer|s'attaquer a|s'etendre) (?:sur |dans |en |au |aux |a )?(?:le |la |les |l'|un |une |de nouveaux |d'autres |des )?(?:nouveaux? |nouvelles? )?(?:marche|segment|secteur|region|pays|territoire|cible|clientele|verticale)s?`,
      String.raw`(?:pas de|pas d'|aucun|aucune|zero|jamais eu de|jamais eu d'|plus de) ?(?:vrais? )?(?:sdrs?|bdrs?|business developers?|bizdevs?|commerciaux|commercial|chasseurs?|equipe commerciale|force de vente|equipe de prospection)(?: chasseurs?| dedies?| en interne| interne)?(?! (?:merci|necessaires?|requis))`,
      String.raw`(?:besoin|on cherche|nous cherchons|je cherche|on veut|on voudrait|nous voulons|nous voudrions|on souhaite|nous souhaitons|nous recherchons|on recherche) (?:d'|de |de la |du |une |un |des )?(?:vraie |veritable )?(?:prospection|prise de (?:rendez-vous|rdv)|teleprospection|generation de leads|sdrs?|business developers?|chasse|outbound|renfort commercial|renforts?|bras)`,
      String.raw`c'est (?:la |le |les |l'|notre |nos )?(?:prospection|pipe|pipeline|generation de leads|prise de (?:rendez-vous|rdv)|rendez-vous|rdv|acquisition|chasse|partie commerciale|developpement commercial|volume) qui (?:coince|pose probleme|pose souci|peche|bloque|manque|ne suit pas|fait defaut|cale)`,
      String.raw`(?:${TEAM} )?(?:ne |n')?(?:decroche|decrochent|decrochons|obtient|obtiennent|obtenons|booke|bookent|bookons|cale|calent|calons|genere|generent|generons|signe|signent|signons|trouve|trouvent|trouvons) (?:pas|plus|jamais|quasiment pas|presque pas|quasi pas|aucun|aucune|rarement|tres rarement|a peine|peu|tres peu) (?:assez |suffisamment )?(?:de |d')?{words2}${RESULTS}`,
      String.raw`(?:on n'a|nous n'avons|on a|nous avons|j'ai|je n'ai|ils ont|ils n'ont) (?:zero|0|aucun|aucune|pas de|pas d'|presque pas de|quasiment pas de|tres peu de|peu de|plus de|plus aucun|plus aucune) ${RESULTS}`,
      String.raw`(?:rencontrer|toucher|atteindre|joindre|parler a|voir|obtenir des rendez-vous avec|decrocher des rendez-vous avec) (?:plus de|davantage de|de nouveaux|des nouveaux|de nouvelles|d'autres) (?:[a-z'-]+ ){0,2}?(?:directeurs?|directrices?|drh|daf|dsi|dg|decideurs|dirigeants|acheteurs|responsables|managers|clients|prospects|entreprises|comptes)`,
    ],
    en: [
      String.raw`what (?:we|i|they|our (?:team|reps|sales team|aes|sdrs)) (?:really |actually |do |truly |desperately |still )?(?:need|lack|want|are missing|'re missing|re missing|miss|are short of|'re short of) (?:is|are|=)(?: more| a| an| some)? {words4}${CAPACITY_EN}`,
      String.raw`what(?:'s| is) (?:missing|lacking)(?: is| are|:)? {words4}${CAPACITY_EN}|the missing piece is {words4}${CAPACITY_EN}`,
      String.raw`(?:our|the|my) (?:real |biggest |main |only |big |key |core |#1 |number one )?(?:problem|issue|challenge|bottleneck|pain(?: point)?|gap|constraint|need)(?: right now| today)? (?:is|are|=|:) {words4}${CAPACITY_EN}`,
      String.raw`(?:sales |prospecting |outbound |sdr |team )?(?:capacity|bandwidth|headcount) (?:is|as) (?:the|our|a|an|the main|our main|the real|our biggest|the biggest) (?:bottleneck|problem|issue|constraint|limit\w*)`,
      String.raw`(?:we have|there's|there is|we've got|we got|with) (?:no one|nobody|no-one|noone) (?:to|who can|who could|who does|doing|for|dedicated to|on) ${PROSPECTING_EN}`,
      String.raw`(?:nobody|no one|no-one) (?:is |does |has time for |has time to do |has the time to do )?${PROSPECTING_EN}`,
      String.raw`(?:no|zero|0) (?:dedicated |in-house |real )?(?:sdrs?|bdrs?|sales development|sdr team|bdr team|outbound team|business developers?|salespeople|sales reps?|hunters)(?! (?:needed|required|necessary|please|thanks))`,
      String.raw`(?:rely|relies|relying|depend|depends|depending|dependent|living|live|lives) (?:entirely |only |solely |mostly |too much |heavily |100% |purely )?(?:on|upon|off) (?:referrals|word of mouth|our network|trade shows|inbound|a (?:few|handful of) (?:big |large |key )?(?:clients|customers|accounts)|(?:two|three|four|\d+) (?:big |large |key )?(?:clients|customers|accounts))`,
      String.raw`(?:need|needs|want|wants|looking for|require|requires|seeking|searching for) (?:an? |some |more )?(?:outsourced |external |dedicated )?(?:appointment[- ]setting|lead gen\w*|outbound (?:prospecting|support|help|capacity)|prospecting(?: help| support| capacity)?|cold calling|meeting booking|sdr (?:support|help|capacity|team|function)|sdrs|bdrs)`,
      String.raw`(?:it's|it is|its) (?:the |our )?${CAPACITY_EN} (?:that's|that is|that|we're|we are|we) (?:missing|lacking|the problem|the issue|short (?:of|on)|struggling with|struggle with|lack|need)`,
      String.raw`(?:we have|we've got|there's|there is|with|got|have) (?:zero|no|0|almost no|hardly any|barely any|very little|very few|next to no) (?:real |qualified |new )?(?:pipeline|pipe|meetings|leads|opportunities|demos|prospects|outbound|inbound)`,
      String.raw`(?:get|getting) in front of (?:more |new |the right |enough )?(?:[a-z-]+ ){0,3}?(?:buyers|decision[- ]?makers|prospects|accounts|clients|customers|executives|managers|directors|heads|leaders|ctos|cfos|ceos|cios|vps|owners)`,
      String.raw`(?:reach|meet|connect with|talk to|speak with|speak to|get meetings with|book meetings with) more (?:[a-z-]+ ){0,2}?(?:directors|managers|buyers|decision[- ]?makers|prospects|clients|customers|executives|leaders|owners|ctos|cfos|ceos|cios|vps|heads of [a-z]+)`,
    ],
  },
  {
    // Topic words alone ("prospection téléphonique", "SDR") are hints, not a stated problem.
    level: 'clear_problem',
    weak: true,
    fr: [
      String.raw`prospection (?:telephonique|commerciale|b2b|externalisee|outbound|sortante)`,
      String.raw`teleprospection`,
      String.raw`(?:ameliorer|optimiser|developper) (?:la |notre )?prospection`,
      String.raw`{clause_start}(?:la )?(?:prospection|generation de leads|prise de (?:rendez-vous|rdv)|acquisition(?: clients?)?|chasse commerciale)(?= *(?:$|[.!,;]))`,
      String.raw`(?:faire|fait|faisons) (?:de la |la )?chasse(?: commerciale| aux (?:clients|prospects|nouveaux clients))?`,
    ],
    en: [String.raw`outbound|prospecting|pipeline generation|new business|more business|appointment setting|cold calling|cold outreach|lead gen(?:eration)?|outbound (?:team|prospecting|campaigns|engine|motion)`],
  },
  {
    // Research someone else asked for ("mon patron m'a demandé de me renseigner : …"): curiosity only when
    // nothing else is said; a concrete problem in the same sentence stays clear (see need-reader).
    level: 'vague_interest',
    tag: 'delegated',
    fr: [
      String.raw`(?:mon|ma|notre|le|la|l') ?(?:[a-z-]+ )?(?:patron|patronne|boss|chef|cheffe|directeur|directrice|dg|pdg|ceo|manager|direction|n\+1|gerant|gerante|president|presidente|associe|associee|responsable|superieur|superieure|hierarchie)(?: [a-z-]+)? (?:m'a|nous a|m'ont|nous ont|me|nous) (?:demande|charge|chargee|confie|missionne|missionnee|suggere|propose)(?: de| d')? ?(?:me |nous )?(?:renseigner|regarder|voir|explorer|etudier|pencher|jeter un (?:oeil|coup d'oeil)|comparer|faire (?:un|le) (?:tour|point|benchmark))`,
      String.raw`on (?:m'a|nous a) (?:demande|charge|chargee|confie) (?:de |d')(?:me |nous )?(?:renseigner|regarder|voir|explorer|etudier|comparer)`,
      String.raw`je (?:me renseigne|regarde|fais des recherches|compare|me documente) (?:pour|a la demande de) (?:mon|ma|notre|le|la) (?:[a-z-]+ )?(?:patron|patronne|boss|chef|cheffe|directeur|directrice|dg|pdg|ceo|manager|direction|n\+1|gerant|gerante|president|presidente|associe|associee|responsable|superieur|superieure)`,
    ],
    en: [
      String.raw`(?:my|our|the) (?:[a-z-]+ )?(?:boss|manager|ceo|founder|cfo|coo|cmo|cro|vp|director|head of [a-z]+|md|owner|president|gm|management|leadership)(?: [a-z-]+)? (?:asked|told|wants|wanted|has asked|had asked|tasked|instructed) (?:me|us) (?:to )?(?:look into|research|explore|check out|look at|compare|investigate|figure out|find out about|scope)`,
      String.raw`i(?:'ve| have)? (?:been|was) (?:asked|tasked) (?:to|with) (?:look into|looking into|research|researching|explore|exploring|check out|checking out|look at|compare|comparing|investigate)`,
      String.raw`i'?m (?:looking into|researching|checking) (?:this|it|options|this topic|outsourcing|agencies) (?:for|on behalf of) (?:my|our|the) (?:[a-z-]+ )?(?:boss|manager|ceo|founder|cfo|coo|cmo|cro|vp|director|md|owner|president|gm|management|leadership)`,
    ],
  },
  {
    level: 'vague_interest',
    fr: [
      String.raw`je me rens\w*|(?:me|nous|se) renseigner|on se renseigne|nous nous renseignons|je me documente|je (?:regarde|regardais)|on regarde|je jette un (?:oeil|œil|coup d'oeil|coup d'œil)|je fais (?:un|le) tour`,
      String.raw`(?:simple|pure|par|juste par|petite) curiosite|(?:je suis |juste |simplement )?curieux|(?:je suis |juste |simplement )?curieuse`,
      String.raw`(?:juste |simplement )?pour voir|(?:voir|savoir|comprendre|decouvrir) comment (?:vous |ca |ça |cela )?(?:travaillez|fonctionne|fonctionnez|marche|se passe|vous faites|vous procedez|ca marche)`,
      String.raw`(?:voir|savoir|connaitre|decouvrir) (?:ce que vous (?:faites|proposez)|vos (?:tarifs|prix|offres?|services?|solutions?)|votre (?:offre|tarif|solution))`,
      String.raw`comprendre (?:votre|vos) (?:methode|approche|offre|fonctionnement|process)|je me demandais|en savoir (?:plus|davantage)|(?:je |j')(?:m'interesse|me suis interesse\w*) (?:a|au|aux)|on (?:y )?reflechit|on se pose (?:la|des) questions?|pas (?:encore )?de projet precis|rien de (?:concret|defini)|je decouvre|on explore|j'explore`,
    ],
    en: [
      String.raw`just (?:lookin'?|looking|browsing|curious|exploring|checking|having a look|looking around|researching|reading|wondering)`,
      String.raw`look(?:ing|in)'? around|browsing|(?:i'm |i am |just |only )?curious|having a look|taking a look|(?:have|take) a look|out of curiosity`,
      String.raw`exploring(?: (?:options|ideas|possibilities|solutions|the market|what's out there))?|researching (?:options|solutions|the market)|doing (?:some )?research|gathering (?:information|info)`,
      String.raw`(?:learn|find out|know) more|see (?:what|how) you (?:do|offer|work|guys do)|how you (?:work|run|do it|operate|guys work)|(?:i'm |i am )?interested in (?:how|what|learning|your)|checking (?:you|it) out|wanted to see|thinking about|toying with the idea|might be interested|nothing concrete(?: yet)?|no concrete (?:project|plans?)|nothing specific yet|not sure what we need|(?:just )?had a look|looked at your (?:website|site)|i was wondering|wondering what you (?:do|offer)`,
    ],
  },
  {
    level: 'none',
    fr: [
      String.raw`rien de (?:particulier|special|specifique)|pas de (?:probleme|souci|defi|enjeu|difficulte)s? (?:particulier|particuliere|particuliers|specifique)s?|aucun (?:probleme|souci|defi|enjeu) (?:particulier|specifique)|tout va bien|rien a signaler|pas vraiment de (?:probleme|defi|souci|enjeu|difficulte)s?`,
    ],
    en: [
      String.raw`nothing (?:in particular|specific|special|much|really)|no (?:particular |specific |real |big )?(?:problems?|challenges?|issues?|pain points?)(?: (?:really|in particular|right now))?|all good|everything(?:'s| is) (?:fine|good)|we're (?:fine|doing fine|doing well)|not really (?:a problem|an issue)`,
    ],
  },
];

/** Hedges that turn a stated need into vague interest ("improve prospecting eventually"), read in the same sentence. */
export const NEED_HEDGES: readonly CueSpec[] = [
  {
    level: 'hedge',
    fr: [String.raw`un jour|a terme|eventuellement|a l'avenir|dans le futur|a plus long terme|a long terme|pas pour tout de suite|pas tout de suite|peut-etre un jour|pourquoi pas|on verra|pas encore sur|dans l'absolu|si jamais`],
    en: [String.raw`eventually|someday|some day|one day|at some point|in the future|down the road|long term|long-term|not right now|not now|later on|we'll see|not sure yet|who knows|if ever`],
  },
  {
    // Only hedge the clause they sit in: "maybe next quarter" must not undo "we need more meetings".
    level: 'hedge',
    tag: 'clause',
    fr: [String.raw`peut-etre|peut etre|probablement|eventuellement`],
    en: [String.raw`maybe|perhaps|possibly|probably|might`],
  },
];

/** A need said to be met ("we already book plenty of meetings", "notre équipe tourne très bien"): not a problem of theirs. */
export const NEED_SATISFIED =
  /\b(?:already|deja|plenty|plein|largement|more than enough|bien assez|tourne(?:nt)? (?:tres |super |plutot |vraiment )?bien|works? (?:very |really |pretty )?well|(?:is|are) (?:going )?(?:very |really )?(?:well|great|fine)|in (?:great|good) shape|full)\b/;
