import type { CueSpec } from '../engine/cue.js';

/**
 * Budget / money. Levels: allocated, possible, none. Tags say where a phrase counts:
 * - `explicit`: anywhere, it names the money itself ("budget validé", "no budget", "could find budget");
 * - `message`: when the message (or the question just asked) is about money ("not approved yet", "on en discute");
 * - `contextual`: only in a sentence about money ("c'est validé", "maybe", "I think"), so
 *   "c'est prévu pour mars" or "I think it's urgent" never touch the budget;
 * - `pronoun`: "on n'en a pas", "we don't have any", when money is named in this sentence or the one before.
 * Amounts themselves are read by the amount reader, not here.
 */

const BUDGET = String.raw`(?:budg?e?t|budjet|budgt|enveloppe|envelope|funding|funds)`;
// Words between "budget" and "approved" that are neither a negation nor a pending modal ("doit être validé").
const NO_MODAL_GAP = String.raw`(?: (?!(?:not|no|nothing|none|without|sans|pas|rien|aucun|aucune|jamais|never|ne|n'\w*|\w+n't|doit|doivent|devra|devrait|faut|faudra|reste|restent|sera|seront|serait|will|would|must|has|have|needs?|should|will|would|to|be|etre|encore|still|yet)\b)[a-z0-9'-]+){0,3}?`;
const APPROVED_FR = String.raw`(?:valide|validee|valides|validees|approuve|approuvee|alloue|allouee|vote|votee|debloque|debloquee|prevu|prevue|acte|actee|signe|signee|dispo|disponible|en place|defini|definie|fixe|fixee|reserve|reservee|budgete|budgetee|budgetise|provisionne|confirme|confirmee|arbitre|ok|accorde|accordee|attribue|attribuee|pret|calibre|dedie|dediee|acquis|acquise|securise|securisee|sanctuarise|sanctuarisee)`;
const APPROVED_EN = String.raw`(?:approved|approvd|aproved|allocated|signed off|set aside|in place|secured|available|ready|planned|earmarked|confirmed|validated|agreed|locked in|locked|ring-?fenced|committed|there|ok|okay|budgeted|funded|green-?lit|greenlit)`;

export const BUDGET_CUES: readonly CueSpec[] = [
  {
    level: 'allocated',
    tag: 'explicit',
    fr: [
      String.raw`${BUDGET}${NO_MODAL_GAP} (?:est |a ete |sont |ont ete |deja |bien |tout a fait |est deja |c'est )*${APPROVED_FR}`,
      String.raw`(?:on|nous|j'|je) ?(?:a|avons|ai|dispose|disposons|possede) (?:deja )?(?:d'|de )?(?:un|une|le|la|notre|du|des|mon|ma) (?:petit |gros |vrai )?(?:budget|enveloppe|budjet)`,
      String.raw`dans (?:le|notre) budget|(?:deja )?(?:budgete|budgetise|provisionne)s?|enveloppe (?:de|d'|validee|prevue|allouee|dediee|dispo)|une enveloppe|ligne budgetaire`,
      String.raw`budget (?:de|d') ?(?:environ |a peu pres |autour de |pres de )?(?=\d)`,
      String.raw`(?:le |notre )?budget n'est pas (?:vraiment |forcement )?(?:un |le )?(?:probleme|souci|frein|sujet)|(?:l'argent|les moyens) (?:ne sont|n'est) pas (?:vraiment |forcement )?(?:un |le )?(?:probleme|souci|frein)`,
    ],
    en: [
      String.raw`${BUDGET}${NO_MODAL_GAP} (?:is |was |has been |'s |s |already |been |has |are |were |fully )*${APPROVED_EN}`,
      String.raw`(?:we|i) (?:have|'ve got|ve got|got|'ve|already have|do have|now have) (?:a |the |an approved |an |some |our |dedicated |enough )?(?:budget|budgt|funds|funding)(?! (?:authority|owner|holder|line|responsibility|sign-?off))`,
      String.raw`(?:we've|we have|we|i've|i have|they've|finance has|finance) (?:already )?(?:set aside|allocated|earmarked|budgeted|approved|reserved|ring-?fenced|committed|signed off)`,
      String.raw`(?:our |the )?(?:budget|money|cost|price|pricing) (?:is not|isn't|is|'s|s) (?:not |never )?(?:really |much of |too much of |going to be )?(?:an? |the )?(?:issue|problem|concern|constraint|blocker)|(?:budget|money) (?:is )?no (?:issue|problem|object)`,
      String.raw`(?:in|within|from) (?:the|our) (?:[a-z]+ )?budget|already agreed(?: with [a-z]+)?|agreed with (?:finance|the cfo|management|the board)|budget of (?=[$€£\d])`,
    ],
  },
  {
    level: 'allocated',
    tag: 'contextual',
    fr: [String.raw`(?:c'est |c'est deja |c'est bien |deja |tout est )?${APPROVED_FR}`],
    en: [String.raw`(?:it's |it is |that's |already |is |all )?(?:approved|approvd|aproved|allocated|signed off|set aside|secured|earmarked|confirmed|validated|agreed|committed|budgeted|funded|ok|okay)`],
  },
  {
    level: 'possible',
    tag: 'explicit',
    fr: [
      String.raw`${BUDGET}{gap2} (?:est |reste |sera |serait )?(?:possible|envisageable|a (?:valider|confirmer|definir|discuter|arbitrer|trouver|debloquer)|en (?:cours de )?(?:discussion|validation|arbitrage|reflexion|negociation|preparation|definition))`,
      String.raw`(?:on|nous|je|j') ?(?:pourrait|pourrions|pourra|pourrons|peut|pouvons|devrait|devrions|pourrais|peux) (?:surement |sans doute |peut-etre |probablement )?(?:trouver|debloquer|degager|obtenir|liberer|mobiliser|demander|mettre) (?:du|un|le|des|une|un peu de|de l')? ?(?:petit )?(?:budget|enveloppe|fonds|moyens|argent|sous)`,
      String.raw`(?:ca|cela|tout) (?:depend|dependra|va dependre) (?:du|de la|des|de l'|de notre) (?:roi|retour sur investissement|resultats?|prix|tarifs?|couts?|devis|proposition|offre|budget|financement|tresorerie)`,
      // "On verra selon le prix", "en fonction du devis": money tied to the price, not yet decided.
      String.raw`(?:selon|en fonction (?:du|de la|des|de l')|suivant) ?(?:le |la |les |l'|votre |vos )?(?:prix|tarifs?|couts?|devis|proposition|offre|roi|retour sur investissement)(?: (?:que vous (?:proposez|ferez|nous ferez)|propose))?(?= *(?:$|[,.;!?…]))`,
      String.raw`(?:prochain|au prochain|pour le prochain) (?:budget|exercice)|budget de l'an prochain|budget de l'annee prochaine`,
      // Money planned for a later budget: "on le mettrait au budget de l'exercice suivant".
      String.raw`(?:(?:au|sur le|dans le|pour le) )?budget (?:de l'|du |de l'annee |de l'an )?(?:exercice )?(?:suivant|prochain|prochaine|qui vient)|(?:sur|pour|dans) l'exercice (?:suivant|prochain|qui vient)|exercice (?:budgetaire |fiscal )?(?:suivant|prochain)`,
      String.raw`${BUDGET}{gap2} (?:sera|seront|serait|devrait etre|doit etre|va etre|devra etre) (?:[a-z]+ )?(?:vote|votee|valide|validee|approuve|approuvee|debloque|debloquee|arbitre|decide|decidee|fixe|fixee|acte|actee|signe|signee|alloue|allouee|confirme|confirmee)`,
      String.raw`(?:on |nous |je )?(?:debloquera|debloquerait|debloquerons|debloquerions|degagera|degagerait|trouvera|trouverait|trouverons|obtiendra|obtiendrait|allouera|allouerait|mettra|mettrait) (?:alors |sans doute |surement |probablement )?(?:une |un |du |le |la |des )?(?:petite |petit |vraie |vrai )?(?:enveloppe|budget|fonds|moyens)`,
    ],
    en: [
      String.raw`${BUDGET}{gap2} (?:is |'s |s |being |still |has |are |might be |may be |could be )*(?:being discussed|under discussion|under review|in discussion|pending|tbd|tbc|possible|to be (?:confirmed|decided|approved|defined|discussed|validated)|not (?:yet |fully )?(?:approved|validated|confirmed|signed off|allocated|finali[sz]ed|set|decided|agreed|final)(?: yet)?)`,
      String.raw`(?:could|might|may|can|should|would|will) (?:probably |likely |maybe |possibly )?(?:be able to |manage to )?(?:find|get|free up|unlock|secure|make|request|ask for|allocate|release) (?:a |the |some )?(?:small |little )?(?:budget|money|funds|funding)`,
      String.raw`${BUDGET}{gap2} (?:could|might|may|can|should|would) (?:probably |likely |maybe |possibly )?be (?:found|freed up|unlocked|made available|released|approved|allocated)`,
      String.raw`depends? on (?:the )?(?:roi|results?|price|pricing|cost|costs|quote|proposal|offer|budget|business case|numbers)`,
      String.raw`(?:depending on|based on|according to|subject to) (?:the |your )?(?:price|pricing|prices|cost|costs|quote|proposal|offer|roi)(?: (?:you (?:offer|quote|propose|give us)))?(?= *(?:$|[,.;!?…]))`,
      String.raw`next budget cycle|next year's budget|(?:in|for) next year's budget|still (?:has|have|needs?) to go through budgeting`,
      // Money planned for a later budget: "we'd put it in next fiscal year's budget", "in the FY27 budget".
      String.raw`(?:(?:in|into|for|from|on) )?(?:the |our )?(?:next|following|coming) (?:fiscal |financial |budget )?(?:year|fy)(?:'s|s)? (?:budget|plan|allocation)s?|(?:put|include|add|plan|pencil) (?:it|this|that) (?:in|into|for) (?:the |our )?(?:next|following|coming) (?:fiscal |financial )?(?:year|fy|budget)`,
      String.raw`${BUDGET}{gap2} (?:will|should|would|is going to|is to|'ll) (?:only |hopefully |probably )?be (?:approved|voted|signed off|decided|set|confirmed|finali[sz]ed|allocated|released|validated)`,
    ],
  },
  {
    level: 'possible',
    tag: 'message',
    fr: [
      String.raw`(?:ca |cela )?(?:se discute|peut se discuter|pourrait se discuter|se negocie|peut se negocier|pourrait se trouver|peut se trouver)|negociable|(?:ouvert|ouverts|ouverte|ouvertes) a la discussion`,
      String.raw`(?:en cours de|en) (?:discussion|validation|arbitrage|negociation|definition)|a l'(?:etude|examen|arbitrage|ordre du jour)|en cours d'(?:etude|examen|arbitrage)`,
      String.raw`(?:a|reste a|restent a|ca reste a|c'est a|encore a) (?:valider|confirmer|definir|discuter|arbitrer|debloquer|chiffrer|faire valider)`,
      String.raw`(?:pas|n'est pas|ne sont pas) (?:encore |toujours |vraiment )?(?:[a-z]+ )?(?:acte|actee|valide|validee|approuve|approuvee|vote|votee|defini|definie|fixe|fixee|alloue|allouee|debloque|debloquee|arbitre|confirme|confirmee|signe|signee|tranche|officiel)`,
      String.raw`rien n'est (?:encore |vraiment )?(?:valide|acte|signe|fixe|decide|arbitre|fait|officiel)`,
      String.raw`(?:on|nous) (?:pourrait|pourrions|pourra|pourrons|peut|pouvons|doit|devons|devra|devrait) (?:en )?(?:discuter|parler|reparler|rediscuter)|(?:il faut|il faudra|il faudrait|faut|faudra|faudrait) qu'on en (?:discute|parle|reparle)|(?:on|nous) (?:en )?(?:discute|discutons|parle|parlons|reflechit|reflechissons|debat|debattons)(?: (?:d'une|d'un|de l'|du|de la|des) (?:enveloppe|budget|montant|financement|investissement)s?)?|on en (?:parle|discute|reparle)|c'est en (?:discussion|reflexion)|en discussion`,
      String.raw`si (?:le |la |les |l')?(?:roi|resultats|prix|tarif|projet|offre|proposition|test|pilote|business case|business plan|dossier|chiffres|rentabilite) (?:est|sont|tient|tiennent|se tient|convainc|marche|fonctionne|suit|suivent)`,
      String.raw`(?:on|nous|je|j') ?(?:pourrait|pourrions|pourra|pourrons|peut|pouvons|pourrais|peux) (?:surement |sans doute |peut-etre |probablement )?(?:debloquer|degager|trouver|liberer|mobiliser|mettre) (?:qqch|qqc|quelque chose|un petit quelque chose|un peu|une somme|un montant)`,
      String.raw`(?:il faudra|il faut|on doit|je dois|il faudrait) (?:encore )?(?:le |la |les |l')?(?:valider|faire valider|trouver|debloquer|demander|passer en comite)`,
      String.raw`(?:quand|lorsque|une fois que|des que|si) (?:le |notre |l')?(?:budget|enveloppe)(?: [a-z]+)? (?:sera|serait|est) (?:valide|validee|approuve|approuvee|vote|votee|debloque|debloquee|acte|actee|signe)`,
      String.raw`(?:ca|cela|le budget) (?:pourrait|pourra|devrait) (?:venir|se faire|se debloquer|evoluer|arriver)`,
      String.raw`(?:doit|doivent|devra|devront|reste a|faut) (?:encore |d'abord )?(?:etre )?(?:valide|validee|approuve|approuvee|vote|votee|signe|signee|arbitre|passer en comite)`,
      String.raw`(?:on attend|nous attendons|j'attends|en attente d[eu']|il manque) (?:encore )?(?:la |le |l'|les )?(?:validation|accord|feu vert|signature|aval|go)`,
    ],
    en: [
      String.raw`(?:it|this|that){gap2} (?:is |'s |s |being |still |has |are )*(?:being discussed|under discussion|under review|in discussion|pending|tbd|tbc|to be (?:confirmed|decided|approved|defined|discussed|validated)|not (?:yet |fully )?(?:approved|validated|confirmed|signed off|allocated|finali[sz]ed|set|decided|agreed|final)(?: yet)?)`,
      String.raw`nothing(?:'s| is| has)?(?: been)? (?:approved|signed off|signed|validated|final|finali[sz]ed|decided|official|confirmed) yet|`+String.raw`under (?:review|consideration|discussion)|being (?:reviewed|considered|evaluated|discussed)|not (?:yet |fully )?(?:approved|validated|confirmed|signed off|allocated|finali[sz]ed|agreed)(?: yet)?|(?:hasn't|has not|haven't|have not|isn't|is not) been (?:approved|validated|confirmed|signed off|allocated|finali[sz]ed|agreed)(?: yet)?`,
      String.raw`(?:we're|we are|we're still|still|currently) (?:discussing|talking about|looking at|working on|figuring out|finali[sz]ing|reviewing){gap2}|being discussed|under discussion|in discussion|(?:we|i) (?:are )?discuss(?:ing)? (?:a |the |it)`,
      String.raw`(?:could|can|might|may|would|will|should) be (?:discussed|negotiated|looked at|considered|arranged|found)|(?:open|up) (?:to|for) discussion|negotiable`,
      String.raw`(?:we'd|we would|we'll|we will|we|i'd|i would|i'll|i) (?:need|have|'d need|'d have|'ll need|'ll have) to (?:discuss|talk about|think about|review|look at) (?:it|this|that|the budget)(?: internally| with [a-z]+)?`,
      String.raw`if (?:the )?(?:roi|results|price|numbers|business case|pilot|test|case|math) (?:is|are|works|make sense|makes sense|looks good|holds(?: up)?|stacks up|adds up|checks out)`,
      String.raw`(?:could|might|may|can|should|would) (?:probably |likely |maybe |possibly )?(?:be able to |manage to )?(?:find|get|free up|unlock|scrape|put|stretch to|come up with)(?: something| some money| a bit| some cash| the money| a little)(?: together| approved| signed off| validated| budgeted)?`,
      String.raw`(?:has|have|needs?|must|will need) (?:still |first )?(?:to )?(?:be )?(?:approved|validated|signed off|voted|confirmed)`,
      String.raw`(?:when|once|if|as soon as) (?:the |our )?(?:budget|funding)(?: [a-z]+)? (?:is|gets|will be|has been) (?:approved|validated|signed off|allocated|confirmed|released)`,
      String.raw`still (?:has|have|needs?) to (?:sign off|approve|validate|agree|confirm)|(?:sign off|approve|validate|agree on|confirm) (?:the |our |this )?budget`,
      String.raw`(?:still )?(?:needs?|requires?|waiting (?:for|on)|awaiting|pending) (?:the |our |my |a |an )?(?:[a-z']+ ){0,2}?(?:to (?:sign off|approve|validate|sign it|green-?light)|sign-?off|approval|validation|green light|go-ahead)`,
      String.raw`(?:could|might|may|hope to|should|will try to) (?:get|have|find) {words2}(?:approved|signed off|validated|budgeted)|(?:could|might) come later`,
      String.raw`(?:i'd|i would|i'll|i will|i need to|i'd need to|need to|have to) (?:have to )?(?:check|confirm|verify|ask)|to be confirmed|still (?:has|have|needs?) to go through|(?:has|have|needs?) to go through (?:budgeting|approval|finance|procurement|the board)|subject to (?:[a-z]+ ){0,2}approval|pending (?:[a-z]+ ){0,2}(?:approval|sign-?off|validation)|(?:might|may|could) be possible|could be possible|depends? on (?:the )?(?:board|management|approval|cfo|committee|investors|funding)`,
    ],
  },
  {
    level: 'possible',
    tag: 'contextual',
    fr: [String.raw`(?<!(?:que|plus|tot|vite|si|autant que) )possible|envisageable|peut-etre|peut etre|probablement|je (?:crois|pense|suppose)|il me semble|normalement|en principe|a priori|sous reserve|a voir|on verra|je ne suis pas sur|pas sur|j'imagine`],
    en: [String.raw`maybe|perhaps|possibly|potentially|probably|i think|i believe|i guess|i suppose|should be|hopefully|roughly speaking|not sure|i'm not certain|we'll see|might|tentatively|in principle|in theory`],
  },
  {
    level: 'none',
    tag: 'message',
    fr: [
      String.raw`rien n'est (?:encore |pour l'instant |pour le moment )?(?:prevu|budgete|budgetise|provisionne|alloue|envisage|mis de cote)|rien (?:de prevu|du tout)|rien (?:pour )?(?:cette annee|cet exercice|l'exercice en cours)|(?:pour )?(?:cette annee|cet exercice),? rien|(?:pour l'instant|pour le moment|actuellement|a ce jour|pas encore),? non|non,? (?:pas pour l'instant|pas encore|pas pour le moment)|pas (?:encore )?envisage|(?:n'est|n'a) pas (?:encore )?(?:ete )?envisage|rien (?:de prevu |de budgete )?pour (?:ca|cela|la prospection|l'externalisation|ce projet|ce sujet|ce type de (?:projet|prestation))`,
      // Taking back a "yes" ("Oui on a un budget. Enfin, pas vraiment…"): a clause that is only the denial.
      String.raw`{clause_start}(?:enfin |bon |euh |ben )?(?:non,? )?(?:pas vraiment|pas tout a fait|pas exactement|en fait non|finalement non)(?= *(?:$|[,.;!?…]))`,
    ],
    en: [
      String.raw`nothing(?:'s| is| has been) (?:yet |currently )?(?:planned|budgeted|set aside|earmarked|allocated)|nothing (?:yet|for now|at the moment|planned|this year|for this year|this fiscal year|this fy)|not (?:yet|for now|at the moment)|no,? not yet|not (?:yet )?(?:considered|planned|envisaged)|(?:nothing|none|no budget|zero) (?:yet )?(?:for|set aside for|earmarked for) (?:this|that|it|outsourc\w*|prospecting|outbound|lead gen\w*|an agency|a project like this)`,
      String.raw`{clause_start}(?:well |um |uh |so )?(?:no,? )?(?:not really|not quite|not exactly|actually no|actually,? not)(?= *(?:$|[,.;!?…]))`,
    ],
  },
  {
    // "…le temps de trouver le budget, pour l'instant on n'en a pas": the pronoun stands for the money
    // named in this sentence or the one before.
    level: 'none',
    tag: 'pronoun',
    fr: [String.raw`(?:(?:on |nous |je |j')?n'en (?:a|avons|ai|ont) (?:pas|aucun|aucune|plus|pas encore|toujours pas|malheureusement pas)|(?:il )?n'y en a (?:pas|aucun|plus))(?= *(?:$|[,.;!?…]|pour l'instant|pour le moment|encore|actuellement|du tout|non plus|malheureusement|mais|et\b))`],
    en: [String.raw`(?:(?:we|i) (?:don't|do not|dont|haven't|have not) (?:have|got) (?:it|one|any)|(?:there's|there is) none)(?: yet| right now| at the moment| for now| for this| for it)?(?= *(?:$|[,.;!?…]|but|and|so))`],
  },
  {
    level: 'none',
    tag: 'explicit',
    fr: [
      String.raw`pas (?:encore |vraiment |du tout |non plus )?(?:de |d')(?:\w+ )?(?:budget|budjet|budgt|enveloppe|argent|moyens|fonds|financement|sous|thunes?|fric|tresorerie)(?: (?:n'est |n'a ete )?${APPROVED_FR})?`,
      String.raw`(?:aucun|zero|0) (?:\w+ )?(?:budget|budjet|euro|centime|moyen|financement)(?: (?:n'est |n'a ete )?${APPROVED_FR})?|budget (?:zero|nul|inexistant|a zero|a 0)`,
      String.raw`(?:on |nous |je )?n'(?:a|avons|ai|ont) (?:pas|aucun|rien|plus|vraiment pas|pas encore|malheureusement pas|toujours pas){gap2} (?:de |d'|du |le )?(?:budget|budjet|enveloppe|argent|moyens|fonds)`,
      String.raw`(?:il )?n'y a (?:pas|aucun|plus) (?:de |d')?(?:\w+ )?(?:budget|budjet|enveloppe|argent)`,
      String.raw`(?:il faudrait|il faudra|il faut|on doit|on devra|on devrait|nous devons|nous devrons|faudrait|faudra) (?:d'abord |avant |encore )?(?:lever|trouver|obtenir) (?:des |les |du |de l'|notre |un |une |le |la )?(?:fonds|financements?|argent|investisseurs|tour de table|levee|budgets?|enveloppes?)|(?:pas|rien) avant (?:notre |la |une )?(?:levee|tour de table|financement)`,
      // Un gel des dépenses: "la direction a gelé toutes les nouvelles dépenses", "budgets gelés".
      String.raw`gel (?:des |de toutes les |de tous les |du |de nos |de notre |de la )?(?:nouvelles |nouveaux )?(?:depenses|budgets?|investissements|achats|engagements)|gel budgetaire|(?:gele|geler|gelent|gelera|geleront|gelait|gelaient) (?:toutes |tous )?(?:les |nos |le |notre |leurs? )?(?:nouvelles |nouveaux )?(?:depenses|budgets?|investissements|achats|engagements)|(?:depenses|budgets?|investissements|achats|enveloppes?){gap2} (?:sont |est |ont ete |a ete |restent |reste |tous |toutes |actuellement )*(?:gelee?s?)`,
      String.raw`pas un (?:rond|centime|euro|kopeck)|pas les moyens|(?:budget|pour le budget|cote budget){gap2} :? ?(?:rien|zero|nada|neant)(?: du tout)?|rien (?:de budgete|d'alloue|de debloque)`,
    ],
    en: [
      // A spending freeze: "finance froze all new spend", "budgets are frozen", "there's a spending freeze".
      String.raw`(?:froze|frozen|freezing|freezes|freeze) (?:all |any |the |our |every |new |further |non-essential |discretionary )*(?:spend|spending|expenses?|expenditures?|budgets?|purchases|purchasing|investments?)|(?:spend|spending|expenses?|expenditures?|budgets?|purchases|purchasing|investments?){gap2} (?:is |are |was |were |has been |have been |got |been |all |now |currently )*(?:frozen|on freeze|on ice)|(?:budget|spending|spend|expense|cost|purchasing|investment) freeze|freeze on (?:all |any |new |further )*(?:spend|spending|expenses?|budgets?|purchases|purchasing|investments?)`,
      String.raw`no (?:\w+ )?(?:budget|budgt|money|funds|funding|cash)(?: (?:has been |is |was |yet )?(?:yet )?${APPROVED_EN})?|no \$+|(?:zero|0|nil) (?:budget|dollars|euros|pounds)(?: ${APPROVED_EN})?`,
      String.raw`(?:don't|do not|dont|doesn't|does not|haven't|have not) (?:have|got|get) (?:a |any |the |much )?(?:\w+ )?(?:budget|money|funds|funding)`,
      String.raw`(?:we|i) (?:have|got) no (?:budget|money|funds)|nothing (?:budgeted|allocated|set aside|earmarked|approved|in the budget)|(?:can't|cannot|can not) afford`,
      String.raw`(?:haven't|have not|hasn't|has not|didn't|did not) (?:yet )?(?:allocated|budgeted|set aside|earmarked|approved) (?:anything|any budget|a budget|any money|money)|budget is (?:zero|nil|0|empty)|there(?:'s| is) no (?:budget|money)|not a (?:penny|cent|dime)`,
      String.raw`(?:we'd|we would|we'll|we will|we|i'd|i would|i'll) (?:have|need|'d have|'d need|'ll have|'ll need|first have|first need) to (?:raise|fundraise|close (?:a|our|the) (?:round|raise)|secure (?:funding|financing|investment)|find (?:the |a |some )?(?:money|funds|funding|budget))(?: (?:money|funds|capital|a round))?(?: first)?|not (?:before|until) (?:we|our) (?:raise|fundrais\w*|funding round|round closes)`,
    ],
  },
];

/** Corrections between two amounts: the later one is what the visitor means ("2 000 €… pardon, 20 000 €"). */
export const AMOUNT_CORRECTION = /\b(?:pardon|sorry|i mean|i meant|je veux dire|je voulais dire|correction|oops|plutot|rather|my bad|typo|scratch that|non,)/;
