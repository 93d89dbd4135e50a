import type { Locale, LocalizedText } from '../../qualification/types.js';

/**
 * Every text the SDRs read in Teams and Slack (cards, thread lines, notices), French and English.
 * `{name}` placeholders are filled by `sdrSay`; values are inserted as they are.
 */
export const SDR_TEXTS = {
  queuedTitle: { fr: 'Nouveau lead en attente : {score}/100', en: 'New lead waiting: {score}/100' },
  callbackTitle: { fr: 'À rappeler ({score}/100) : personne ne l’a rejoint à temps', en: 'Callback task ({score}/100): nobody joined in time' },
  liveTitle: { fr: 'Pris en charge par {sdr}', en: 'Claimed by {sdr}' },
  releasedTitle: { fr: 'Rendu à l’assistant par {sdr}', en: 'Handed back to the bot by {sdr}' },
  closedTitle: { fr: 'Clôturé par {sdr} : {outcome}', en: 'Closed by {sdr}: {outcome}' },
  reasonHighScore: { fr: 'score élevé', en: 'high score' },
  reasonAmbiguous: { fr: 'réponses à clarifier', en: 'answers to clarify' },
  scoreLine: { fr: 'Score {score}/100 · {reason} · {locale}', en: 'Score {score}/100 · {reason} · {locale}' },
  factsHeading: { fr: 'Ce que le visiteur a dit', en: 'What the visitor said' },
  reasonsHeading: { fr: 'Le score, règle par règle', en: 'The score, rule by rule' },
  contactLabel: { fr: 'Contact', en: 'Contact' },
  pageLabel: { fr: 'Page', en: 'Page' },
  lookedUpCompany: { fr: 'recherché : {company}', en: 'looked up: {company}' },
  lookedUpEmployees: { fr: '{count} salariés', en: '{count} employees' },
  lookedUpFreeMail: { fr: 'messagerie gratuite', en: 'free-mail address' },
  lookedUpDisposable: { fr: 'adresse jetable', en: 'throwaway address' },
  lookedUpCustomer: { fr: 'déjà client (responsable : {owner})', en: 'existing customer (owner: {owner})' },
  claim: { fr: 'Prendre en charge', en: 'Claim' },
  release: { fr: 'Rendre à l’assistant', en: 'Release to the bot' },
  openConsole: { fr: 'Ouvrir dans la console', en: 'Open in console' },
  outcomeAccepted: { fr: 'Accepté', en: 'Accepted' },
  outcomeRejected: { fr: 'Refusé', en: 'Rejected' },
  outcomeMeetingBooked: { fr: 'RDV pris', en: 'Meeting booked' },
  closeAs: { fr: 'Clôturer : {outcome}', en: 'Close: {outcome}' },
  rejectBecause: { fr: 'Refuser : pourquoi ?', en: 'Reject: why?' },
  reject: { fr: 'Refuser', en: 'Reject' },
  closedReason: { fr: '{outcome} ({reason})', en: '{outcome} ({reason})' },
  replyHint: {
    fr: 'Répondez dans ce fil en mentionnant le bot pour écrire au visiteur.',
    en: 'Reply in this thread, mentioning the bot, to write to the visitor.',
  },
  visitorLine: { fr: '**Visiteur** : {text}', en: '**Visitor**: {text}' },
  sdrLine: { fr: '**{sdr}** (au visiteur) : {text}', en: '**{sdr}** (to the visitor): {text}' },
  alreadyClaimed: { fr: '{sdr}, ce lead est déjà pris en charge par {holder}.', en: '{sdr}, this lead was already claimed by {holder}.' },
  notHolder: {
    fr: '{sdr}, seul·e {holder}, qui a pris ce lead en charge, peut écrire au visiteur ou le clôturer.',
    en: '{sdr}, only {holder}, who claimed this lead, can write to the visitor or close it.',
  },
  claimFirst: { fr: '{sdr}, prenez d’abord ce lead en charge pour écrire au visiteur.', en: '{sdr}, claim this lead first to write to the visitor.' },
  notOpen: { fr: '{sdr}, ce lead n’est plus en cours ({status}).', en: '{sdr}, this lead is no longer open ({status}).' },
  unknownLead: { fr: 'Ce lead n’existe plus.', en: 'This lead no longer exists.' },
  notDelivered: { fr: 'Message non remis au visiteur ({delivery}).', en: 'Message not delivered to the visitor ({delivery}).' },
  notALeadThread: {
    fr: 'Je ne transmets que les réponses écrites dans le fil d’un lead.',
    en: 'I only relay replies written in a lead’s thread.',
  },
  done: { fr: 'C’est fait.', en: 'Done.' },
} satisfies Record<string, LocalizedText>;

export type SdrTextKey = keyof typeof SDR_TEXTS;

export function sdrSay(key: SdrTextKey, locale: Locale, values: Record<string, string | number> = {}): string {
  return SDR_TEXTS[key][locale].replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}
