/**
 * Recognises visitor messages that try to steer the model (instructions, fake roles, fake tags,
 * fake JSON verdicts, prompt extraction). Such a message is still read by the rules extractor, but
 * never sent to the LLM: a model that obeyed it could quote the injected words as "evidence".
 */
const INJECTION_PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instruction|prompt|rule|consigne|règle|regle|directive)s?\b/iu,
  /\b(ignore[rz]?|oublie[rz]?|contourne[rz]?)\b.{0,40}\b(instructions?|consignes?|r[eè]gles?|prompt)\b/iu,
  /\b(system|syst[eè]me)\s*(prompt|message|instructions?)\b/iu,
  /\bprompt\s+(syst[eè]me|initial)\b/iu,
  /<\/?\s*(system|assistant|user|visitor_message|instructions?|im_start|im_end)\b[^>]*>/iu,
  /\[\/?(system|inst|assistant)\]/iu,
  /\byou are now\b|\btu es (maintenant|désormais|desormais)\b|\bact as\b|\bjoue le r[oô]le\b|\bdeveloper mode\b|\bmode d[ée]veloppeur\b|\bDAN\b/u,
  /\bjailbreak\b/iu,
  /["']?\b(route|score|tier|handoffReason)\b["']?\s*[:=]\s*["']?(handoff|high_score|hot|\d{2,3})/iu,
  /\b(score|note|rate|classe|classify|qualif(y|ie))\s*(me|moi|this lead|ce lead)?\b.{0,30}\b(100|hot|chaud|high_score|maximum|max)\b/iu,
  /\b(reveal|show|print|repeat|display|affiche|montre|r[ée]p[eè]te|donne)[sz]?\b.{0,40}\b(prompt|instructions?|consignes?)\b/iu,
  /\bbase64\b/iu,
  /\b(obey|ob[ée]is|ex[ée]cute[rz]?|execute)\b.{0,40}\b(this|it|ceci|cela|[çc]a|instructions?|parties?|parts?|orders?|ordres?)\b/iu,
  /\b(d[ée]code|decode)\b.{0,30}\b(ex[ée]cute|execute|run|obey)/iu,
  /\boverride\b|\b(handoff|high_score|handoffReason)\b/iu,
  /\bnew (rule|instruction|policy|directive)s?\b|\bnouvel(le)?s? (r[eè]gle|instruction|consigne|politique|directive)s?\b/iu,
  /\b(score|note)\b.{0,20}\b100\b|\b\d{2,3}\s*\/\s*100\b|\bhigh score\b|\bscore (élevé|eleve|maximum|max)\b/iu,
  /\{\s*["'][\w.]+["']\s*:/u,
  /\b(r[eè]gles?|rules?|seuils?|thresholds?|crit[eè]res?|grille)\b.{0,25}\b(scor\w*|qualif\w*|notation)\b/iu,
  /^\s*(assistant|system|syst[eè]me|visiteur|visitor|user|utilisateur|bot)\s*:/imu,
];

export function looksLikeInjection(text: string): boolean {
  return INJECTION_PATTERNS.some((pattern) => pattern.test(text));
}
