import type { CueSpec } from '../engine/cue.js';

/**
 * Authority: the visitor's role in the purchase. Job titles count only when they are the visitor's own
 * ("je suis le gérant", "VP of Sales.", "CEO here"), never someone else's ("mon DG doit valider").
 * Tags: `top-title` (owner, CEO…), `title` (sales/marketing directors…), `explicit` ("je décide"),
 * `active` (the visitor recommends), `other` (someone else approves).
 */

const TOP = String.raw`(?:co-?founders|cofounders|co-?fondateurs|co-?fondatrices|associes|associees|partners|ceo|c\.e\.o|md|m\.d|pdg|p-dg|p\.d\.g|dg|d\.g|directeur general|directrice generale|directeur generale|president|presidente|president-directeur general|president directeur general|fondateur|fondatrice|co-?fondateur|co-?fondatrice|cofondateur|cofondatrice|founder|co-?founder|cofounder|owner|co-?owner|business owner|proprietaire|gerant|gerante|co-?gerant|co-?gerante|patron|patronne|dirigeant|dirigeante|chef d'entreprise|managing director|general manager|managing partner|associe gerant|associee gerante|associe fondateur|associee fondatrice|administrat(?:eur|rice)[- ]delegu(?:e|ee)|associe|associee|partner|chairman|chairwoman|boss|entrepreneur|chief executive(?: officer)?|founder and ceo|co-founder and ceo)`;
const FUNCTIONAL = String.raw`(?:(?:directeur|directrice) (?:commercial|commerciale|des ventes|du developpement|developpement|de developpement|business development|marketing|du marketing|general adjoint|generale adjointe|des operations|operations|financier|financiere|administratif et financier|administrative et financiere|export|de (?:la )?bu|de l'agence|d'agence|de site|regional|regionale|grands comptes|sales|commercial et marketing|de la strategie|strategie|achats|des achats|croissance|growth)(?: adjoint| adjointe| france| europe| emea| monde)?|daf|cfo|coo|cmo|cro|cco|cso|vp(?: of)? [a-z]+|vice[- ]president(?: of)? [a-z]+|svp(?: of)? [a-z]+|evp(?: of)? [a-z]+|head of [a-z]+(?: [a-z]+)?|chief [a-z]+ officer|[a-z]+ director|director of [a-z]+|country manager|budget owner|directeur|directrice|director)`;
const INFLUENCER_TITLE = String.raw`(?:drh|dsi|directeur des systemes d'information|responsable(?: [a-z']+){0,2}|(?!office )[a-z]+ manager|manager|account manager|key account manager|kam|business developer|bizdev|chef de projet|project manager|sales ops|revops|charge d'affaires|chargee d'affaires|charge de (?:marketing|communication|developpement|mission|clientele)|chargee de (?:marketing|communication|developpement|mission|clientele)|team lead(?:er)?|[a-z]+ team lead|chef des ventes|chef d'equipe|consultant|consultante|product manager|cto|cio|recommender|prescripteur|prescriptrice|adjoint|adjointe)`;
const NO_ROLE_TITLE = String.raw`(?:stagiaire|intern|assistant|assistante|assistant\w* (?:de direction|administratif|administrative|commercial|commerciale)|executive assistant|sdr|bdr|alternant|alternante|apprenti|apprentie|commercial|commerciale|commercial terrain|sales rep|sales representative|account executive|analyst|analyste|[a-z]+ analyst|developer|developpeur|developpeuse|dev|junior [a-z]+|technicien|technicienne|comptable|accountant|receptionist|receptionniste|agent d'accueil|magasinier|magasiniere|coordinator|[a-z]+ coordinator|coordinatrice|coordinateur|employee|employe|employee|salarie|salariee|secretaire|secretary|office manager|chargee? de communication|project architect|architect|ingenieur|ingenieure|engineer)`;

/** Someone other than the visitor who approves. */
export const OTHER_APPROVER = String.raw`(?:hq|group hq|group|groupe|le groupe|maison-mere|boss|patron|patronne|chef|cheffe|n\+1|n\+2|manager|managers|superieure?|hierarchie|direction(?: generale| financiere)?|dg|pdg|ceo|cfo|daf|coo|cmo|cro|cto|associe|associee|associes|associees|associe gerant|administrat(?:eur|rice)[- ]delegu(?:e|ee)|partner|partners|co-?founders?|cofounders?|co-?fondateurs?|co-?fondatrices?|fondateurs?|founders?|president|presidente|directeur(?: [a-z]+)?|directrice(?: [a-z]+)?|director|directors|board|conseil(?: d'administration| de surveillance)?|banque|banquier|bank|comite(?: de direction| d'investissement)?|codir|comex|committee|management|head of [a-z]+|vp(?: of)? [a-z]+|vp|actionnaires|shareholders|investisseurs|investors|proprietaire|owner|owners|gerant|gerante|dirigeants?|equipe de direction|leadership(?: team)?|achats|service achats|purchasing|procurement|finance|service financier|finance team|legal|juridique|siege|head office|headquarters|maison mere|holding|famille|family)`;
const APPROVE_VERB = String.raw`(?:valider|valide|validera|validerait|validate|validates|decider|decide|decidera|decident|decideront|decides|trancher|tranche|tranchera|signer|signe|signera|signs?|sign off|signs off|sign-off|approuver|approuve|approuvera|approve|approves|approval|give the (?:green light|go-ahead|ok)|donner (?:son|leur) (?:accord|feu vert|aval|ok)|dire oui|arbitrer|arbitre|financer|finance|a le dernier mot|ont le dernier mot|has the (?:final|last) (?:say|word)|have the (?:final|last) (?:say|word)|makes? the (?:final )?(?:call|decision)|final say|final word)`;
// Gap words between the approver and the verb, never the visitor ("le directeur général et je décide").
const GAP = String.raw`(?: (?!je\b|j'|i\b|moi\b|me\b|myself\b)[a-z'-]+){0,4}?`;
const DETERMINER = String.raw`(?:mon|ma|mes|notre|nos|le|la|les|l'|my|our|the|their|leur|leurs|un|une|his|her)`;
/** Someone the visitor shares ownership with: deciding with them is still deciding ("je décide avec mon associé"). */
const PEER = String.raw`(?:co-?gerante?s?|associee?s?|co-?fondat(?:eur|rice)s?|cofondat(?:eur|rice)s?|co-?dirigeante?s?|co-?presidente?s?|binome|co-?founders?|cofounders?|business partners?|partners?|co-?owners?|co-?ceos?|femme|mari|epouse|epoux|wife|husband|frere|soeur|brother|sister|pere|mere|father|mother)`;

export const AUTHORITY_CUES: readonly CueSpec[] = [
  // ── Job titles said about oneself ──
  { level: 'decision_maker', tag: 'top-title', fr: [String.raw`{je_suis} {art}{adj}${TOP}`, String.raw`{clause_start}${TOP}(?= *(?:$|[,.;!?&/]|et|and|de|d'|du|chez|of|at|here|ici|dans|in|pour|for|@|\w+ (?:company|firm|agency|startup)))`], en: [String.raw`{i_am} {art}{adj}${TOP}`] },
  { level: 'decision_maker', tag: 'title', fr: [String.raw`{je_suis} {art}{adj}${FUNCTIONAL}`, String.raw`{clause_start}${FUNCTIONAL}(?= *(?:$|[,.;!?&/]|et|and|de|d'|du|chez|of|at|here|ici|dans|in|pour|for|@|emea|france|europe))`], en: [String.raw`{i_am} {art}{adj}${FUNCTIONAL}`] },
  {
    level: 'decision_maker',
    tag: 'title',
    fr: [String.raw`je (?:dirige|manage|pilote|encadre|gere|chapeaute) (?:l'|la |les |le |notre |nos )?(?:equipes? (?:commerciales?|de vente|marketing|sdr|de prospection|business developers?)|direction commerciale|service commercial|pole commercial|force de vente)`],
    en: [String.raw`i (?:lead|run|manage|head|oversee) (?:the |our |a )?(?:sales|sdr|bdr|business development|revenue|growth|marketing|commercial|inside sales) (?:team|department|org|organization|function)`],
  },
  { level: 'influencer', tag: 'weak-title', weak: true, fr: [String.raw`{je_suis} (?:en charge|responsable|charge|chargee) (?:du|de la|des|de l') (?:developpement commercial|ventes|commercial|business development|marketing|prospection|acquisition)`, String.raw`{je_suis} {art}{adj}${INFLUENCER_TITLE}`, String.raw`{clause_start}${INFLUENCER_TITLE}(?= *(?:$|[,.;!?&/]|de|d'|du|chez|of|at|here|ici|dans|in|pour|for))`], en: [String.raw`{i_am} {art}{adj}${INFLUENCER_TITLE}`] },
  { level: 'no_role', tag: 'weak-title', weak: true, fr: [String.raw`{je_suis} {art}(?:juste |seulement |simplement |un simple |une simple )?${NO_ROLE_TITLE}`, String.raw`{clause_start}${NO_ROLE_TITLE}(?= *(?:$|[,.;!?&/]|de|d'|du|chez|of|at|here|ici|dans|in|pour|for))`, String.raw`je (?:suis|travaille) (?:au|dans le|en|a la|au sein du) (?:service client|support|marketing|communication|rh|it|informatique|finance|comptabilite|customer success)`], en: [String.raw`{i_am} {art}(?:just |only |simply |a simple )?${NO_ROLE_TITLE}`, String.raw`(?:i'm|i am|im|i work) in (?:customer success|support|customer support|marketing|it|hr|finance|accounting|operations|engineering|tech|product)`] },

  // ── Explicit statements ──
  {
    level: 'decision_maker',
    tag: 'explicit',
    fr: [
      String.raw`je (?:decid+e|decid\w*|tranche|valide|signe|arbitre|choisis)(?! pas)`,
      String.raw`c'?est moi (?:le|la) (?:patron|patronne|boss|chef|cheffe|gerant|gerante|dirigeant|dirigeante|decideur|decisionnaire|proprio|proprietaire)`,
      String.raw`c'?est moi qui (?:decid\w*|valide|signe|tranche|choisis|gere|ai le dernier mot|paie|paye|pilote|donne le feu vert|ai la main|ai la decision|arbitre)`,
      String.raw`je (?:decide|decid\w*|tranche|valide|signe|choisis) (?:ensemble |conjointement |a deux )?(?:avec|conjointement avec|de concert avec) (?:mon |ma |mes |notre |nos |l'autre |les autres |le |la |l')?(?:${PEER}|${OTHER_APPROVER})`,
      String.raw`(?:on|nous) (?:decide|decidons|tranche|tranchons|valide|validons|signe|signons) (?:ensemble |a deux |conjointement )?(?:avec )?(?:mon|ma|mes|nos|notre) ${PEER}|(?<!juste |que |seulement |uniquement )(?:moi et (?:mon|ma|mes) ${PEER}|(?:mon|ma|mes) ${PEER} et moi)(?:,? (?:on |nous )?(?:decidons|decide|validons|valide|signons|tranchons|choisissons)(?: ensemble| a deux| conjointement)?)?`,
      String.raw`c'?est moi qui (?:porte|tiens|detiens|controle|pilote|gere) (?:le|ce|les|mon|notre) budgets?|(?:le|ce) budget,? c'?est moi qui (?:le )?(?:porte|tiens|detiens|gere|pilote|valide|signe)`,
      String.raw`(?:la )?decision (?:me revient|m'appartient|est la mienne|c'est moi)|c'est (?:ma|mon) (?:decision|choix)`,
      String.raw`j'ai (?:le dernier mot|le pouvoir de decision|la main (?:sur|pour) (?:le |la |les |ce |cette |ces |l')?(?:budgets?|sujets?|projets?|dossiers?|decisions?|achats?|choix)|carte blanche|la decision finale|delegation (?:de|pour) signer|la signature)`,
      String.raw`je (?:tiens|gere|pilote|detiens|porte|controle) (?:le|mon|notre|ce|les|un) budgets?`,
      String.raw`(?:le )?budget(?: [a-z]+){0,2} (?:est |releve )?(?:dans|de|sous) (?:mon|ma) (?:perimetre|responsabilite|ressort)`,
      String.raw`je suis (?:responsable|en charge|charge|chargee|le responsable|la responsable) (?:du|des) budgets?`,
      String.raw`je suis (?:le |la |l')?(?:seul |seule |unique )?(?:decideur|decideuse|decisionnaire)(?: final| finale)?|je suis (?:le |la )?seule? a decider`,
      String.raw`je dirige (?:la |une |ma |mon |l'|cette |notre )?(?:entreprise|societe|boite|agence|pme|startup|structure|cabinet|filiale|bu|business unit)`,
      String.raw`j'ai (?:cree|fonde|monte|lance) (?:la |ma |mon |cette |l'|notre )?(?:boite|societe|entreprise|agence|startup|cabinet)`,
      String.raw`c'est (?:ma|mon) (?:boite|societe|entreprise|agence|cabinet)`,
      String.raw`proprietaire du budget|porteur du budget|porteuse du budget|j'ai (?:une |la )?delegation(?: de signature| de pouvoirs?| budgetaire)?(?: (?:jusqu'a|pour|sur))?|(?:le dernier mot|la decision finale|le choix final) (?:me revient|est pour moi|c'est moi)`,
      // Money the visitor approved themselves: "j'ai déjà validé 4 000 € par mois", "j'ai signé le budget".
      String.raw`j'ai (?:deja |moi-meme |personnellement |moi-meme deja )?(?:valide|approuve|signe|debloque|accorde|alloue|vote|arbitre) (?:moi-meme )?(?:(?:le |un |une |l'|ce |cette |notre |mon |ma )(?:budget|enveloppe|montant|depense|achat|investissement)|(?=[$€£\d]))`,
      // A bare "ma décision" / "mon choix" as a whole clause ("fondateur, ma décision").
      String.raw`{clause_start}(?:ma decision|mon choix|mon call)(?= *(?:$|[,.;!?]))`,
    ],
    en: [
      String.raw`i (?:decid+e|make (?:the |all the |final |purchasing |buying |all )*(?:decisions?|calls?)|make the call|sign(?: off)?(?: on)?(?! up)|sign everything|approve|approve (?:vendor |the |all )?(?:spend|budget|purchases|vendors|it|this)|own the (?:[a-z-]+ ){0,2}?budget|hold the budget|control the budget|manage the budget|have the (?:final|last) (?:say|word)|call the shots|have (?:full )?budget authority)`,
      String.raw`i'?m the one (?:who decides|who signs|who approves|who makes the call|who makes the decisions?|who signs off|deciding|signing|approving|making the call|holding the budget)|i(?:'d| would| will) be the one (?:deciding|who decides|signing|making the call|approving)`,
      String.raw`(?:it's|its|it is) (?:my|all my) (?:call|decision)|the decision is mine|the (?:[a-z]+ )?budget(?: line)? is mine|(?:it's|its) my budget`,
      String.raw`i'?m the (?:final )?decision[- ]?maker|i am the (?:final )?decision[- ]?maker|i'?m the budget (?:owner|holder)|i am the budget (?:owner|holder)`,
      String.raw`i (?:run|own|founded|co-?founded|started|created) (?:the|my|this|our|a|an) (?:[a-z-]+ ){0,2}?(?:company|business|agency|firm|startup|shop|store|bakery|restaurant|practice|consultancy|studio|clinic|brand)`,
      String.raw`i decide (?:everything|alone|on my own|myself|by myself)`,
      String.raw`(?:the |all |budget |purchasing |buying |final |vendor )*decisions? (?:are|is) (?:all )?mine|i (?:head|lead|run|own) (?:up )?(?:sales|the sales (?:side|org|function)|business development|revenue|commercial|growth|marketing)(?= *(?:$|[,.;!?]|and|here|at|for))|the buck stops with me|(?:the )?(?:final |last )?(?:say|word|call|decision|sign-?off) (?:is mine|rests with me|lies with me|is with me|sits with me|is on me)|i have (?:delegated )?(?:signing|sign-?off|spending) (?:authority|power|rights)`,
      String.raw`i (?:decide|make (?:the )?(?:decisions?|call)|sign off|approve) (?:together |jointly )?(?:with|together with|alongside|jointly with) (?:my|our|the other) (?:${PEER}|${OTHER_APPROVER})|(?:my|our) ${PEER} and (?:i|me),? (?:decide|make the (?:call|decision)|sign|approve|sign off|run)(?: (?:together|jointly|it together))?|(?<!just |only )(?:me and|myself and|both me and) my ${PEER}|i (?:hold|control) the purse strings`,
      String.raw`i have (?:full |final |complete |the |sole )?(?:authority|signing authority|sign-off authority|decision(?:-making)? (?:power|authority))`,
      // Money the visitor approved themselves: "I've already approved $4k a month", "I signed off on the budget".
      String.raw`i(?:'ve| have)? (?:already |personally |just |myself )?(?:approved|signed off(?: on)?|green-?lit|okayed|ok'd|authori[sz]ed|allocated|earmarked|set aside) (?:(?:a |the |this |that |our |my )(?:budget|spend|amount|envelope|purchase|investment)|(?=[$€£\d]))`,
      // A bare "my call" / "my decision" as a whole clause ("founder/MD, my call").
      String.raw`{clause_start}(?:all )?my (?:call|decision)(?= *(?:$|[,.;!?]))`,
    ],
  },
  {
    level: 'influencer',
    tag: 'active',
    fr: [
      String.raw`je (?:recommande|preconise|conseille|suggere|prescris|influence|propose)(?! (?:nos|notre|mes|mon|de vous|a vous))`,
      String.raw`je (?:fais|ferai|ferais|vais faire) (?:une |des |la |ma |mes )?(?:recommandations?|propositions?)|je prepare (?:les |la |des )?decisions?`,
      String.raw`je (?:prepare|monte|constitue|instruis|porte) (?:le |un |ce |les )?(?:dossier|projet|business case)`,
      String.raw`je (?:ferai|vais|dois|devrai|peux) (?:remonter|faire remonter|presenter|soumettre|proposer|relayer|transmettre)|je (?:remonterai|transmettrai|presenterai|soumettrai|proposerai|en parlerai|relaierai)`,
      String.raw`je (?:compare|collecte|rassemble|etudie|recense|benchmarke|regroupe) (?:les |des |plusieurs |differentes |quelques )?(?:options|offres|devis|solutions|prestataires|agences|propositions)`,
      String.raw`je fais (?:un |le )?benchmark`,
      String.raw`on (?:decide|choisit|tranche|valide) (?:a plusieurs|ensemble|en equipe|collectivement|en comite|a deux|a trois|en binome)`,
      String.raw`(?:nous )?decidons ensemble|decision (?:collegiale|collective|partagee|a plusieurs|commune|de groupe|en comite)`,
      String.raw`je (?:participe|contribue) a la decision|je fais partie (?:du comite|des decideurs|de la decision|du codir|du comex)|je suis (?:force de proposition|prescripteur|prescriptrice|consulte|consultee|implique|impliquee|associe a la decision|associee a la decision)`,
      String.raw`(?<!juste |que |seulement |uniquement )(?:moi et|avec) (?:mon|ma|notre|nos|mes) (?!${PEER}\b)${OTHER_APPROVER}|(?<!juste |que |seulement |uniquement )moi et (?:le|la|les|l') ?(?!${PEER}\b)${OTHER_APPROVER}|(?:suit|suivent|suivra|ecoute|ecoutent) (?:souvent |generalement |toujours |en general )?(?:mes|ma) (?:recommandations?|avis|conseils?|propositions?)|au final,? (?:c'est )?(?:le |la |les |l'|mon |ma |notre |nos )${OTHER_APPROVER}(?= *(?:$|[,.;!?]|qui|decide|valide|signe|tranche))|je donne (?:mon|un) avis|j'ai (?:mon|un) mot a dire|co-?decideur|co-?decisionnaire|(?:un|l'un|une|l'une) des (?:decideurs|decisionnaires)|parmi les decideurs`,
    ],
    en: [
      String.raw`(?:je (?:decide|valide|tranche|signe) (?:ensemble )?en accord avec|on (?:decide|valide|tranche) (?:ensemble )?(?:avec|en accord avec)|i (?:decide|approve|sign off) in agreement with) (?:le |la |l'|mon |ma |notre |my |our |the )(?!${PEER}\b)${OTHER_APPROVER}`,
      String.raw`i(?:'d| would| will|'ll| can| could| d|'m| am)?(?: be)?(?: just| only| simply| usually| generally| mainly| mostly)? (?:recommend\w*|advis\w*|influenc\w*|suggest\w*|propos\w*|shortlist\w*)(?! (?:our|my) (?:services|product|solution|platform))`,
      String.raw`i(?:'d| would| will|'ll| can| could)? (?:make|give|put together|prepare|write|draft|draw up) (?:a |the |my )?(?:recommendations?|proposal|business case)`,
      String.raw`i'?m (?:gathering|collecting|comparing|evaluating|looking at|researching|shortlisting|reviewing) (?:[a-z]+ )?(?:options|quotes|offers|solutions|vendors|providers|agencies|proposals|suppliers)`,
      String.raw`i'?m (?:part of|on|in) the (?:buying |decision |decision-making |selection |purchasing )?(?:committee|team|group|process|panel)`,
      String.raw`we (?:all )?(?:decide|choose|make the (?:call|decision)) (?:together|as a team|jointly|collectively)|(?:joint|shared|group|team|collective|committee) decision`,
      String.raw`(?<!just |only )(?:both (?:me|myself) and|me and|myself and|together with|jointly with) (?:my|our|the) (?!${PEER}\b)${OTHER_APPROVER}|(?:follows?|takes?|listens? to|usually follows?|goes with) (?:my|our) (?:recommendations?|advice|lead|input|suggestions?)|(?:ultimately|in the end|at the end of the day|eventually),? (?:it's |it is )?(?:the|my|our) ${OTHER_APPROVER}(?= *(?:$|[,.;!?]|decides|signs|approves|has the|makes the|does|will))|i have (?:a |some )?(?:say|input|influence|voice)|recommender|influencer|(?:i'm |i am )?one of the decision[- ]?makers`,
      String.raw`(?:i'm|i am) not the (?:only|sole) (?:one|person) (?:deciding|who decides|making the (?:call|decision))|je ne suis pas (?:le |la )?seule? a decider|je ne decide pas seule?`,
      String.raw`i(?:'ll| will| can| could| would|'d) (?:suggest|propose|pitch|present|bring|take|run|recommend) (?:it|this)(?: [a-z]+){0,2}? (?:to|by|past) (?:my|our|the)`,
    ],
  },
  {
    level: 'influencer',
    tag: 'other',
    fr: [
      // "Moi et mon associé décidons" is the visitor deciding with a peer, not someone else approving.
      String.raw`(?<!(?:moi|me|myself|i) (?:et|and) )${DETERMINER}(?: [a-z]+){0,2}? ${OTHER_APPROVER}${GAP}(?: (?:doit|doivent|devra|devront|va|vont|faut|aura|auront|devrait|devraient))?${GAP} ${APPROVE_VERB}`,
      String.raw`(?:c'est|cest|c) (?:mon|ma|notre|nos|mes|le|la|les|l'|lui|elle|eux)(?: [a-z]+){0,3}? (?:qui) (?:[a-z]+ ){0,2}?(?:decide|decidera|decident|valide|validera|signe|signera|tranche|tranchera|a le dernier mot|ont le dernier mot|voit|gere|choisit|paie)`,
      String.raw`(?:c'est|cest|c) (?:mon|ma|notre|nos|mes|le|la|les) ${OTHER_APPROVER}(?= *(?:$|[,.;!?]|qui))`,
      String.raw`(?:decide|decidee|valide|validee|signe|signee|approuve|approuvee|tranche)s? (?:par|au niveau de|en) (?:mon|ma|notre|la|le|les|l'|nos|mes)? ?${OTHER_APPROVER}`,
      String.raw`(?:il faut|il faudra|il faudrait|besoin de|soumis a|sous reserve de) (?:l'|la |le |leur |son |un |une )?(?:accord|validation|aval|feu vert|ok|signature)(?: [a-z]+){0,2}? (?:de|du|des|d') ?(?:mon |ma |mes |notre |nos |la |le |les |l')?${OTHER_APPROVER}`,
      String.raw`(?:je dois|je devrai|je devrais|(?:il )?faudr(?:a|ait) que j'en|(?:il )?faut que j'en|(?:il )?faudr(?:a|ait) que je|(?:il )?faut que je|(?:il )?faudr(?:a|ait)|je vais|je dois en|je devrai en|je vais en)(?: en)? (?:parler|discuter|voir|valider|faire valider|soumettre|presenter|remonter|verifier|referer)(?: [a-z']+){0,2}? (?:a|au|aux|avec|par) (?:mon |ma |mes |notre |nos |la |le |les |l')?${OTHER_APPROVER}`,
      String.raw`(?:c'est|ce sera) (?:sa|leur) (?:decision|choix)`,
      // Approval by someone else as a condition, or said with "pas moi": "si mon patron est d'accord", "elle décide, pas moi".
      String.raw`(?:si|une fois que|quand|des que|pourvu que|a condition que|sous reserve que) (?:mon |ma |mes |notre |nos |le |la |les |l')?${OTHER_APPROVER} (?:est d'accord|sont d'accord|dit oui|disent oui|accepte|acceptent|donne son (?:accord|feu vert|aval|ok)|donnent leur (?:accord|feu vert|aval|ok))`,
      String.raw`(?:decide|decident|decidera|valide|valident|validera|signe|signent|signera|tranche|tranchent|choisit|choisissent)(?: [a-z']+){0,3}?,? (?:et )?pas moi`,
      String.raw`(?:la )?(?:decision|validation|signature)(?: finale)? (?:revient|appartient|incombe|reste) (?:a|au|aux|a la|a l') ?(?:mon |ma |notre |nos |la |le |les |l')?${OTHER_APPROVER}`,
    ],
    en: [
      String.raw`(?<!(?:moi|me|myself|i) (?:et|and) )${DETERMINER}(?: [a-z]+){0,2}? ${OTHER_APPROVER}${GAP}(?: (?:will|must|has to|have to|needs? to|would|should|is going to|are going to|gets? to|got to|to))?${GAP} ${APPROVE_VERB}`,
      String.raw`(?:it's|it is|its) (?:my|our|the) (?:[a-z]+ ){0,2}?(?:who|that) (?:decides|signs|approves|validates|has the final (?:say|word)|makes the (?:final )?(?:call|decision))`,
      String.raw`(?<!(?:moi|me|myself|i) (?:et|and) )(?:my|our|the) ${OTHER_APPROVER} (?:who|that) (?:signs|decides|approves|validates|has the final (?:say|word)|makes the (?:final )?(?:call|decision))`,
      String.raw`(?:my|our|the) ${OTHER_APPROVER} (?:does|do|will|decides|signs)(?= *(?:$|[,.;!?]))`,
      String.raw`(?:final )?(?:sign-?off|approval|validation|decision|say|word|call)(?: [a-z]+){0,2}? (?:is|lies|rests|sits|belongs|goes)? ?(?:with|to|from|by) (?:my|our|the) ${OTHER_APPROVER}`,
      String.raw`(?:decided|approved|signed off|validated|made|taken|signed|handled|managed|done|owned) by (?:my|our|the) ${OTHER_APPROVER}`,
      String.raw`(?:need|needs|requires?|subject to|pending) (?:the |an? |their |his |her )?(?:approval|sign-?off|validation|go-ahead|green light|buy-in|blessing|ok)(?: [a-z]+){0,2}? (?:from|of|by) (?:my |our |the )?${OTHER_APPROVER}`,
      String.raw`(?:i need to|i have to|i'll need to|i will need to|i'd need to|i would need to|i'll have to|i must|i'd have to|i need)(?: [a-z]+)? (?:check|talk|speak|run it by|run this by|discuss|ask|consult|get (?:it |this )?(?:approved|signed off|validated)|get approval|get sign-?off|get the green light|validate|present|pitch|escalate|loop in|bring (?:it|this) up)(?: [a-z]+){0,2}? (?:to|with|by|from)? ?(?:my|our|the) ${OTHER_APPROVER}`,
      String.raw`(?:it's|it is|its) (?:her|his|their) (?:decision|call)`,
      // Someone else named by a pronoun ("she's the one who decides"), approval as a condition ("if my boss agrees"), "…, not me".
      String.raw`(?:she|he|they)(?:'s| is|'re| are) the (?:one|ones|person|people)(?: [a-z]+){0,2}? (?:who|that) (?:decides?|signs?(?: off)?|approves?|validates?|has the (?:final|last) (?:say|word)|have the (?:final|last) (?:say|word)|makes? the (?:final )?(?:call|decision)s?)`,
      String.raw`(?:if|once|when|as long as|provided|assuming) (?:my|our|the) ${OTHER_APPROVER} (?:agrees|agree|says yes|say yes|is on board|are on board|is ok with it|okays it|gives (?:the |us the |me the )?(?:green light|go-ahead|ok|okay|nod))`,
      String.raw`(?:decides?|signs?(?: off)?|approves?|validates?|makes? the (?:final )?(?:call|decision)s?|has the (?:final|last) (?:say|word))(?: [a-z']+){0,3}?,? (?:and )?not me`,
      String.raw`{clause_start}(?:the )?(?:ceo|cfo|coo|cro|cmo|dg|pdg|daf|board|boss|management|direction|patron|hq|group hq|group|head office|headquarters|corporate|the group) (?:signs(?: off)?|decides|approves|validates|valide|decide|tranche|signe)`,
      String.raw`(?:procurement|purchasing|finance|legal|management|leadership|hr|headquarters|head office) (?:team )?(?:has|have|gets?|makes?) the (?:final|last) (?:say|word|call|decision)|(?:procurement|purchasing|finance|management|leadership|headquarters|head office) (?:team )?(?:decides|approves|signs off|validates|signs)`,
    ],
  },
  {
    // Who decides varies: "parfois c'est moi, parfois ça passe au conseil d'administration". Both levels: a
    // person must check which applies here (the reader returns decision maker and influencer).
    level: 'influencer',
    tag: 'shared',
    fr: [
      String.raw`(?:parfois|des fois|tantot|quelquefois)(?: c'est)? (?:moi|je (?:decide|valide|signe|tranche))(?: qui (?:decide|valide|signe|tranche))?,? (?:et )?(?:parfois|des fois|tantot|quelquefois|d'autres fois|sinon)(?: c'est| ca (?:passe|remonte|va|monte)(?: (?:au|a la|a l'|aux|par le|par la|par l'|devant le|devant la|en))?| il faut (?:l'accord|la validation) (?:du|de la|de l'|des))? (?:le |la |les |l'|mon |ma |mes |notre |nos )?(?!${PEER}\b)${OTHER_APPROVER}`,
      String.raw`(?:parfois|des fois|tantot|quelquefois)(?: c'est)? (?:le |la |les |l'|mon |ma |mes |notre |nos )?(?!${PEER}\b)${OTHER_APPROVER}(?: qui (?:decide|valide|signe|tranche))?,? (?:et )?(?:parfois|des fois|tantot|quelquefois|d'autres fois|sinon)(?: c'est)? moi`,
    ],
    en: [
      String.raw`sometimes (?:it's |it is )?(?:me|i (?:decide|sign off|approve|do))(?: who (?:decides|signs off|approves))?,? (?:and )?(?:sometimes|other times|at other times)(?: it's| it is| it (?:goes|has to go|needs to go) (?:to|through|up to|past))? (?:the |my |our )?(?!${PEER}\b)${OTHER_APPROVER}`,
      String.raw`sometimes (?:it's |it is )?(?:the |my |our )?(?!${PEER}\b)${OTHER_APPROVER}(?: who (?:decides|signs off|approves))?,? (?:and )?(?:sometimes|other times|at other times)(?: it's| it is)? (?:me|i (?:do|decide))`,
    ],
  },
  {
    level: 'no_role',
    tag: 'explicit',
    fr: [
      String.raw`je ne (?:decid\w*|valide|signe|tranche|participe|choisis|gere|m'occupe|touche) (?:pas|de rien|rien|jamais|plus)`,
      String.raw`je (?:decide|valide|signe|participe) pas|je (?:decide|decid\w*|valide|signe|tranche|choisis) (?:de )?rien`,
      String.raw`(?:ce n'est|c'est|c|ce n'est vraiment|c'est vraiment|cest) pas (?:moi|a moi|mon role|mon job|mon boulot|mon travail|de mon ressort|ma decision|mon domaine|mon rayon|mon perimetre)(?: qui (?:decide|gere|valide|signe|m'occupe|choisit|tranche))?`,
      String.raw`pas (?:mon role|de mon ressort|dans mon perimetre|mon domaine)`,
      String.raw`je ne suis pas (?:le |la |l'|un |une )?(?:decideur|decideuse|decisionnaire|responsable|concerne|concernee|implique|impliquee|dans la boucle|en charge)`,
      String.raw`je n'ai (?:aucun|pas de|pas le|pas mon|pas vraiment de|pas vraiment mon|pas vraiment le|aucune?) (?:role|pouvoir|poids|mot a dire|pouvoir de decision|influence|voix au chapitre)`,
      String.raw`je n'interviens (?:pas|jamais)|je ne participe pas|aucun (?:role|pouvoir)|pas de role|je ne m'occupe pas (?:des achats|de ca|du budget|de cela)|non decisionnaire|pas decisionnaire|je ne decide de rien`,
    ],
    en: [
      String.raw`i (?:don't|do not|dont|can't|cannot|won't|never) (?:decide|make (?:the |that |this |these |any |purchasing |buying |such )?(?:decisions?|calls?)|sign|approve|buy|purchase|have (?:a |any |much )?say|have (?:any )?(?:authority|budget authority)|get a say|choose|handle (?:purchasing|budgets?)|control (?:the )?budget)`,
      String.raw`i'?m not (?:the |a )?(?:decision[- ]?maker|decider|involved|in charge|responsible|the one (?:who decides|deciding|signing))|i am not (?:the |a )?(?:decision[- ]?maker|involved|in charge)`,
      String.raw`not (?:up to me|involved in (?:the )?(?:decision|purchas\w+|buying))|(?:it's|its|it is|that's|thats) not (?:up to me|my call|my decision|my role|my job|my department)|not my (?:call|decision|role|job|department|area)`,
      String.raw`no (?:say|role|authority|power|input|influence|decision power)(?: (?:in|on|over) [a-z]+)?|i have no (?:say|role|authority|power|input)|nothing to do with (?:the )?(?:decision|purchas\w+|buying)|not involved(?: in [a-z]+)?`,
    ],
  },
  {
    // Not about the purchase: "c'est pas moi qui gère le planning" answers the timeline, not who decides.
    level: 'ignore',
    fr: [String.raw`(?:ce n'est|c'est|c|cest) pas moi qui (?:gere|m'occupe (?:de|du|des)|s'occupe (?:de|du|des)|fait|fais|tiens|prepare|organise|fixe) (?:le |la |les |l'|du |de la |des )?(?:planning|calendrier|agenda|planification|organisation|logistique|technique|site|informatique|marketing|communication|recrutement|rh|compta\w*|production|delais?|dates?)`],
    en: [String.raw`i (?:don't|do not|dont) (?:handle|manage|set|own|do|run) (?:the )?(?:schedul\w*|planning|calendar|timeline|timing|dates?|deadlines?|logistics|it|website|marketing|hr|recruiting)`],
  },
];
