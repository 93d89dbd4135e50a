import type { CueSpec } from '../engine/cue.js';

/**
 * Need / challenge: what the visitor's problem sounds like to a sales rep. Levels: clear_problem,
 * vague_interest, none; `hedge` words ("eventually", "un jour") turn a clear problem into vague interest.
 * An explicit absence of need is a knockout (see knockouts.ts), never a level here.
 */

/** Things a prospecting service produces: leads, meetings, clients… (typos included: "meetngs", "rdv"). */
const RESULTS = String.raw`(?:leads?|prospects?|clients?|customers?|rdv|r\.d\.v|rendez-?vous|rendez vous|meetings?|meetngs?|mtgs?|reunions?|demos|demonstrations|appointments?|opportunit\w*|opps|contacts|affaires|deals|sqls?|mqls?|buyers|decision[- ]?makers|decideurs|discovery calls?|first calls?|calls|chantiers|marches|commandes|pipe|pipeline|pipline|top-of-funnel|top of funnel|signatures|ventes|sales conversations?)`;
const MORE_FR = String.raw`(?:plus de |davantage de |de nouveaux |de nouvelles |des nouveaux |des |du |de |d'|nouveaux |assez de )`;
const MORE_EN = String.raw`(?:more |extra |additional |new |enough |a lot more |a steady flow of |a flow of |steady |qualified |some )`;
const TEAM = String.raw`(?:commerciaux|commerciales|sdrs?|bdrs?|aes?|sales|sales team|sales teem|sales reps|reps|equipe commerciale|equipe de vente|equipe interne|equipe|team|vendeurs|business developers?|bizdevs?|account executives|force de vente)`;

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
      String.raw`(?:veut|voulons|voudrait|voudrions|aimerait|aimerions|souhaite|souhaitons|cherche|cherchons|cherche a|cherchons a|veux|voudrais|aimerais)(?: a)? (?:avoir |obtenir |decrocher |trouver |generer |booker |signer |remplir )?(?:${MORE_FR}|\d+ ){words2}${RESULTS}`,
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
      String.raw`(?:pas|plus) (?:le |assez de |de )?temps (?:de |pour )(?:prospecter|faire de la prospection|chercher des clients|la prospection)`,
      String.raw`(?:passent|passe|passons|perdent|perdons|perd)(?: \d+ ?% de| tout| la moitie de| trop de| beaucoup de)? (?:leur |son |notre |mon )?temps (?:a|sur|en|dans) (?:la |le |les |de la )?(?:prospect\w*|cherch\w*|recherche\w*|qualif\w*|appel\w*|relanc\w*|trouv\w*)`,
      String.raw`(?:rate|rater|ratons|ratent|manque|manquons|n'atteignons pas|n'atteint pas|atteint pas|pas atteint|loin de|en dessous de|en retard sur) (?:nos |l'|les |notre |leurs |leur |ses )?(?:objectifs?|quotas?|previsions?|targets?)`,
      String.raw`(?:font|fait|faisons|ferons) pas (?:leurs|leur|nos|notre|ses) (?:chiffres?|objectifs?|quotas?)`,
      String.raw`(?:ventes|ca|chiffre d'affaires|croissance|activite|pipe|pipeline){gap2} (?:stagnent|stagne|baissent|baisse|en baisse|recule|reculent|plafonne|plafonnent|s'effondre|s'effondrent|chute|chutent|s'essouffle)`,
      String.raw`on plafonne`,
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
      String.raw`(?:not|aren't|arent|isn't|isnt|don't|dont|can't|cant|cannot|never|struggl\w*|fail\w*|unable){gap2} (?:getting|booking|generating|producing|finding|landing|closing|have|get|book|generate|produce|find|land|reach|keep up|to get|to book|to find|to generate|to reach|with)(?: \w+){0,1}? (?:enough |more |any |new |qualified |the |good )*{words2}${RESULTS}`,
      String.raw`(?:not|never) enough {words2}${RESULTS}`,
      String.raw`(?:too few|too little|very few|few|lack of|lacking|shortage of|short on|short of|low on|running out of|ran out of) {words2}${RESULTS}`,
      String.raw`(?:need|needs|needed|want|wants|require|requires|looking for|look for|would like|we'd like|i'd like|we d like|would love|we'd love|i'd love|must get|must have|have to get|trying to get|hoping to get|hope to get|need to get|need to book|need to generate|aim for|aiming for)(?: to (?:get|book|generate|double|triple|increase|find|land|grow))? ${MORE_EN}?{words2}${RESULTS}`,
      String.raw`(?:double|triple|increase|grow|boost|scale|fill|build|rebuild|accelerate){gap2} (?:the number of |our |the |more |its )?{words2}${RESULTS}`,
      String.raw`(?:generate|generating|generation of|book|booking|set|setting|get|getting)(?: more| enough)? (?:qualified |new |b2b |sales |more )*(?:leads|meetings|appointments|demos|calls|opportunities|pipeline)`,
      String.raw`(?:pipeline|pipline|pipe|funnel|calendar|calendars|outbound|prospecting|lead flow|deal flow|inbound){gap4} (?:is |are |has |have |looks |been |feels |was )*(?:too |very |way too |really |pretty |completely |totally |running )?(?:thin|weak|dry|dried up|empty|collapsing|drying up|non-existent|nonexistent|inexistent|flat|shrinking|down|low|poor|a bottleneck|our bottleneck|the bottleneck|a problem|an issue|struggling|broken|stalled)`,
      String.raw`(?:lead gen|lead generation|prospecting|outbound|pipeline|meetings) (?:is|are) (?:our|the|a) (?:bottleneck|problem|issue|challenge|pain)`,
      String.raw`(?:outsource|outsourced|outsourcing|delegate|hire an? agency for|subcontract){gap3} (?:prospecting|lead gen\w*|sdrs?|sdr team|outbound|appointment setting|cold calling|business development|meeting booking|sales development)`,
      String.raw`(?:an? )?outsourced (?:sdr|sdrs|sdr team|prospecting|lead gen\w*|sales team|outbound team|bdr team)`,
            String.raw`${TEAM}{gap3} (?:is |are )?(?:overloaded|overwhelmed|swamped|stretched(?: thin)?|maxed out|at capacity|underwater|drowning)`,
      String.raw`${TEAM}{gap3} (?:can't|cant|cannot|couldn't|don't|dont|do not) (?:keep up|cope|handle|follow|find time|have (?:the )?time)`,
      String.raw`(?:no|not enough|lack of|little) (?:time|bandwidth|capacity|resources|headcount|people) (?:to|for) (?:prospect\w*|outbound|cold call\w*|book\w*|find\w*|generat\w*)`,
      String.raw`(?:extra|more|additional) (?:prospecting|sales|outbound|sdr) (?:capacity|bandwidth|resources|firepower|muscle)`,
      String.raw`(?:spend|spends|spending|waste|wastes|wasting)(?: all| most| half| too much| hours)?(?: of)? (?:their |our |my |his |her )?(?:time|week|weeks|day|days|hours) (?:on )?(?:prospecting|cold calling|searching|looking for|chasing|finding|hunting|digging)`,
      String.raw`nobody knows (?:about )?(?:us|it|our \w+)|(?:no|don't have a|without a) (?:real )?(?:prospecting|outbound|lead gen\w*|sales) (?:strategy|process|playbook|motion)|(?:leads|inbound|meetings|demos|pipeline|bookings|sales|revenue)(?: [a-z]+){0,3}? (?:have |has )?(?:dropped|fallen|fell|decreased|declined|gone down|plummeted|halved)`,
      String.raw`(?:missed|miss|missing|behind|below|short of|under) (?:on )?(?:our |the |its |their |my )?(?:\w+ )?(?:targets?|quotas?|plan|goals?|numbers|forecast)`,
      String.raw`(?:way |far |well )?behind (?:plan|target|quota)`,
      String.raw`(?:sales|revenue|growth|bookings){gap2} (?:are|is|have|has)? ?(?:down|flat|flatlined|stagnating|stagnant|declining|dropping|plateaued|slowing)`,
      String.raw`(?:referrals|word of mouth|inbound|leads|pipeline|outbound){gap2} (?:have|has) (?:completely |totally )?(?:dried up|slowed down|stopped)`,
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
    // Topic words alone ("prospection téléphonique", "SDR") are hints, not a stated problem.
    level: 'clear_problem',
    weak: true,
    fr: [String.raw`prospection (?:telephonique|commerciale|b2b|externalisee|outbound|sortante)`, String.raw`teleprospection`, String.raw`(?:ameliorer|optimiser|developper) (?:la |notre )?prospection`],
    en: [String.raw`outbound|prospecting|pipeline generation|new business|more business|appointment setting|cold calling|cold outreach|lead gen(?:eration)?|outbound (?:team|prospecting|campaigns|engine|motion)`],
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
