import type { Locale, LocalizedText } from '../qualification/types.js';

/**
 * Every visitor-facing text of the human handoff, French and English. `{name}` placeholders are
 * filled by `say`; values are inserted as they are (never re-read for placeholders).
 */
export const HANDOFF_TEXTS = {
  waiting: {
    fr: "Je préviens un expert de l'équipe : il vous rejoint ici dans quelques instants.",
    en: "I'm letting one of our experts know: they'll join you here in a few moments.",
  },
  /** One message, not two: an expert is coming, and a contact in case the chat is cut off. */
  waitingAskContact: {
    fr: "En attendant qu'un expert vous rejoigne, pouvez-vous me laisser votre e-mail ou votre numéro de téléphone, au cas où nous serions coupés ?",
    en: 'While an expert joins you, could you leave your email or phone number, in case we get cut off?',
  },
  waitEstimateFirst: {
    fr: "Vous êtes en tête de la file. Attente estimée : moins de {minutes} min ; sinon, je vous propose un rappel.",
    en: "You're first in line. Estimated wait: under {minutes} min; otherwise I'll offer you a callback.",
  },
  waitEstimate: {
    fr: 'Vous êtes n° {position} dans la file. Attente estimée : moins de {minutes} min ; sinon, je vous propose un rappel.',
    en: "You're number {position} in line. Estimated wait: under {minutes} min; otherwise I'll offer you a callback.",
  },
  bookingEarly: {
    fr: 'Si vous préférez, réservez dès maintenant un créneau : {bookingUrl}',
    en: 'If you prefer, book a slot right now: {bookingUrl}',
  },
  /** The visitor wrote after the SDR closed: it reaches them as an alert, and the visitor knows it. */
  afterClose: {
    fr: "Cette conversation avec {sdr} est terminée ; je lui ai transmis votre message. Pour une nouvelle demande, démarrez une nouvelle conversation.",
    en: 'This conversation with {sdr} has ended; I have passed your message on to them. For a new request, start a new conversation.',
  },
  contactNoted: {
    fr: "Merci, c'est noté ({contact}). L'expert arrive.",
    en: 'Thanks, noted ({contact}). The expert is on their way.',
  },
  stillWaiting: {
    fr: 'Un expert arrive, merci de patienter encore un instant.',
    en: 'An expert is on the way, thanks for bearing with us a moment longer.',
  },
  outsideHours: {
    fr: "Petite précision : notre équipe n'est pas disponible en ce moment, nous sommes en dehors de nos horaires d'ouverture.",
    en: "A quick note: our team isn't available right now, we're outside our business hours.",
  },
  timedOut: {
    fr: "Désolé de vous avoir fait attendre : nos experts sont tous occupés en ce moment et personne n'a pu vous rejoindre.",
    en: 'Sorry to keep you waiting: our experts are all busy right now and nobody could join you.',
  },
  bookingOffer: {
    fr: 'Vous pouvez réserver directement un créneau qui vous convient : {bookingUrl}',
    en: 'You can book a slot that suits you directly: {bookingUrl}',
  },
  callbackAskContactAndTime: {
    fr: 'Vous pouvez aussi me laisser votre e-mail ou votre téléphone, et le moment qui vous arrange : un expert vous recontactera.',
    en: 'You can also leave me your email or phone number and a time that suits you: an expert will get back to you.',
  },
  callbackAskTime: {
    fr: 'Vous pouvez aussi me dire quand vous joindre ({contact}) : un expert vous rappellera.',
    en: 'You can also tell me when to reach you ({contact}): an expert will call you back.',
  },
  callbackAskContact: {
    fr: "C'est noté. Pour vous recontacter, il me manque juste un e-mail ou un numéro de téléphone.",
    en: 'Noted. To get back to you, I just need an email or phone number.',
  },
  callbackCaptured: {
    fr: 'Merci ! Un expert vous recontactera à {contact}.',
    en: "Thank you! An expert will get back to you at {contact}.",
  },
  /** In-chat booking (BOOKING_CALENDAR): the slots go out as quick replies on this message. */
  bookingSlots: {
    fr: 'Je peux vous réserver directement un rendez-vous de {minutes} min avec un expert : choisissez un créneau ci-dessous (heure de {zone}). Si aucun ne vous convient, dites-moi quand vous joindre : un expert vous recontactera.',
    en: 'I can book you a {minutes}-minute meeting with an expert right here: pick a time below ({zone} time). If none suits you, tell me when to reach you: an expert will get back to you.',
  },
  bookingOtherTimes: {
    fr: 'Autres créneaux',
    en: 'Other times',
  },
  bookingMoreSlots: {
    fr: "Voici d'autres créneaux (heure de {zone}) :",
    en: 'Here are other times ({zone} time):',
  },
  bookingNoMoreSlots: {
    fr: "Je n'ai pas d'autre créneau libre dans les {days} prochains jours. Dites-moi quand vous joindre : un expert vous recontactera.",
    en: "I have no other free time in the next {days} days. Tell me when to reach you: an expert will get back to you.",
  },
  bookingNoSlots: {
    fr: "L'agenda de l'équipe n'a pas de créneau libre dans les {days} prochains jours, je ne peux donc pas réserver de rendez-vous ici.",
    en: "The team's calendar has no free time in the next {days} days, so I can't book a meeting here.",
  },
  bookingAskEmail: {
    fr: "Parfait : {slot}. À quelle adresse e-mail dois-je vous inviter ?",
    en: 'Great: {slot}. Which email address should I invite?',
  },
  bookingConfirmed: {
    fr: "C'est réservé : {slot} (heure de {zone}), avec {sdr}. Vous êtes invité avec l'adresse {email}.",
    en: "You're booked: {slot} ({zone} time), with {sdr}. You're invited at {email}.",
  },
  bookingConfirmedNotInvited: {
    fr: "C'est réservé : {slot} (heure de {zone}), avec {sdr}. L'équipe a votre adresse, {email}, pour vous confirmer le rendez-vous.",
    en: "You're booked: {slot} ({zone} time), with {sdr}. The team has your address, {email}, to confirm the meeting.",
  },
  bookingInvitationSubject: {
    fr: 'Votre rendez-vous avec {sdr} : {slot}',
    en: 'Your meeting with {sdr}: {slot}',
  },
  bookingInvitationText: {
    fr: "Bonjour,\n\nVotre rendez-vous avec {sdr} est réservé : {slot} (heure de {zone}).\n\nL'invitation jointe l'ajoute à votre agenda.",
    en: 'Hello,\n\nYour meeting with {sdr} is booked: {slot} ({zone} time).\n\nThe attached invitation adds it to your calendar.',
  },
  bookingJoinLink: {
    fr: 'Lien pour rejoindre la réunion : {joinUrl}',
    en: 'Link to join the meeting: {joinUrl}',
  },
  bookingTaken: {
    fr: "Désolé, ce créneau vient d'être pris. Voici les suivants (heure de {zone}) :",
    en: 'Sorry, that time was just taken. Here are the next ones ({zone} time):',
  },
  /** The calendar could not be read or written (unreachable, refused credentials): said as it is. */
  bookingUnavailable: {
    fr: "Je ne peux pas réserver de rendez-vous ici pour le moment : l'agenda de l'équipe ne répond pas.",
    en: "I can't book a meeting here right now: the team's calendar isn't responding.",
  },
  sdrJoined: {
    fr: '{sdr} a rejoint la conversation.',
    en: '{sdr} has joined the conversation.',
  },
  sdrMessage: {
    fr: '**{sdr}** : {text}',
    en: '**{sdr}**: {text}',
  },
  backToBotDecided: {
    fr: "C'est de nouveau l'assistant. Merci pour votre échange avec {sdr} ! Puis-je vous aider sur autre chose ?",
    en: "It's the assistant again. Thanks for your chat with {sdr}! Is there anything else I can help with?",
  },
  backToBotQualifying: {
    fr: "C'est de nouveau l'assistant : reprenons là où nous en étions.",
    en: "It's the assistant again: let's pick up where we left off.",
  },
  closedBySdr: {
    fr: '{sdr} a clôturé la conversation. Merci pour cet échange, et à bientôt !',
    en: '{sdr} has closed the conversation. Thanks for chatting with us, see you soon!',
  },
  /** The transcript by e-mail after the conversation (src/mail/transcript-mail.ts). */
  mailSubject: {
    fr: 'Votre conversation avec {title}',
    en: 'Your conversation with {title}',
  },
  mailIntro: {
    fr: 'Bonjour,\n\nVoici la transcription de votre conversation avec {title}, comme vous l\'avez demandé.',
    en: 'Hello,\n\nHere is the transcript of your conversation with {title}, as you asked.',
  },
  mailYou: { fr: 'Vous', en: 'You' },
  mailTeam: { fr: "L'équipe", en: 'The team' },
  mailFooter: {
    fr: "Vous recevez ce message parce que l'adresse a été saisie dans la fenêtre de discussion. Aucune autre communication ne vous sera envoyée à cette adresse sans votre accord.",
    en: 'You receive this message because this address was typed in the chat window. Nothing else will be sent to it without your consent.',
  },
} satisfies Record<string, LocalizedText>;

export type HandoffTextKey = keyof typeof HANDOFF_TEXTS;

/** The text in the visitor's language with its placeholders filled. */
export function say(key: HandoffTextKey, locale: Locale, values: Record<string, string> = {}): string {
  return HANDOFF_TEXTS[key][locale].replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
