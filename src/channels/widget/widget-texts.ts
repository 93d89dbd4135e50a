import type { Locale } from '../../qualification/types.js';

/** Every text the widget chrome shows; the bot's own messages come from the playbook. */
export interface WidgetTexts {
  /** Panel title when the page gives no data-title. */
  title: string;
  subtitle: string;
  /** Launcher aria-label; `{title}` is replaced by the panel title. */
  openChat: string;
  closeChat: string;
  /** The automated-assistant notice shown above the conversation. */
  notice: string;
  privacyLink: string;
  loading: string;
  loadFailed: string;
  /** Shown when the site is not allowed to use this bot (origin refused). */
  unavailable: string;
  rateLimited: string;
  messageTooLarge: string;
  /** The conversation reached its storage quota (WIDGET_MAX_ACTIVITIES_PER_CONVERSATION). */
  conversationFull: string;
  sendFailed: string;
  /** Launcher label suffix and title count when messages arrived while the panel was closed; `{count}`. */
  unread: string;
  /** Header subtitle while a person (the SDR) is talking; their name is the title. */
  humanSubtitle: string;
  /** Screen-reader prefix of every incoming message (Web Chat's "The bot X said:"); the human's name is in their text. */
  botSaid: string;
  /** End of a conversation closed by the team, and the button that starts a new one. */
  ended: string;
  newConversation: string;
  /** After the close: an optional rating from 1 to 5. `{n}` is the number of stars. */
  rateQuestion: string;
  rateStar: string;
  rated: string;
  /** After the close, when a mail transport is configured: the transcript by e-mail. */
  transcriptLabel: string;
  transcriptSend: string;
  /** `{email}` is the address. */
  transcriptSent: string;
  invalidEmail: string;
  addressRefused: string;
  mailUnavailable: string;
  tooManyTranscripts: string;
  /** Screen-reader name of the SDR's avatar; `{name}` is the SDR's. */
  sdrAvatar: string;
}

/** Visitor-facing widget texts, French and English. Edit here, not in the browser code. */
export const WIDGET_TEXTS: Record<Locale, WidgetTexts> = {
  fr: {
    title: 'Discutons de votre projet',
    subtitle: 'Réponse immédiate, 24 h/24',
    openChat: 'Ouvrir la discussion avec {title}',
    closeChat: 'Fermer la discussion',
    notice: 'Vous échangez avec un assistant automatisé. Vos réponses servent uniquement à traiter votre demande.',
    privacyLink: 'Politique de confidentialité',
    loading: 'Chargement de la discussion…',
    loadFailed: 'La discussion ne peut pas se charger pour le moment. Réessayez dans un instant.',
    unavailable: "La discussion n'est pas disponible sur ce site.",
    rateLimited: 'Vous envoyez des messages un peu vite : patientez quelques secondes avant de réessayer.',
    messageTooLarge: 'Ce message est trop long. Raccourcissez-le puis réessayez.',
    conversationFull: 'Cette conversation a atteint sa taille maximale : elle ne peut plus recevoir de messages. Écrivez-nous directement pour continuer.',
    sendFailed: "Votre message n'a pas pu être envoyé. Réessayez.",
    unread: '{count} nouveau(x) message(s)',
    humanSubtitle: "Un membre de l'équipe vous répond en direct",
    botSaid: 'Message :',
    ended: 'Cette conversation est terminée.',
    newConversation: 'Nouvelle conversation',
    rateQuestion: 'Comment évaluez-vous cet échange ? (facultatif)',
    rateStar: '{n} sur 5',
    rated: 'Merci pour votre avis !',
    transcriptLabel: 'Recevoir la transcription par e-mail',
    transcriptSend: 'Envoyer',
    transcriptSent: 'Transcription envoyée à {email}.',
    invalidEmail: "Cette adresse e-mail n'est pas valide : vérifiez-la (exemple : nom@entreprise.fr).",
    addressRefused: "Cette adresse a été refusée par le serveur de messagerie : vérifiez-la ou essayez-en une autre.",
    mailUnavailable: "L'e-mail n'a pas pu partir pour le moment. Réessayez dans quelques minutes.",
    tooManyTranscripts: 'La transcription a déjà été envoyée plusieurs fois.',
    sdrAvatar: '{name}',
  },
  en: {
    title: "Let's talk about your project",
    subtitle: 'Instant answers, 24/7',
    openChat: 'Open the chat with {title}',
    closeChat: 'Close the chat',
    notice: 'You are chatting with an automated assistant. Your answers are only used to handle your request.',
    privacyLink: 'Privacy policy',
    loading: 'Loading the conversation…',
    loadFailed: "The chat can't load right now. Please try again in a moment.",
    unavailable: 'The chat is not available on this site.',
    rateLimited: "You're sending messages a little fast: please wait a few seconds before trying again.",
    messageTooLarge: 'This message is too long. Please shorten it and try again.',
    conversationFull: 'This conversation has reached its maximum size and cannot take more messages. Please write to us directly to go on.',
    sendFailed: "Your message couldn't be sent. Please try again.",
    unread: '{count} new message(s)',
    humanSubtitle: 'A member of our team is answering you live',
    botSaid: 'Message:',
    ended: 'This conversation has ended.',
    newConversation: 'New conversation',
    rateQuestion: 'How was this conversation? (optional)',
    rateStar: '{n} out of 5',
    rated: 'Thanks for your feedback!',
    transcriptLabel: 'Get the transcript by email',
    transcriptSend: 'Send',
    transcriptSent: 'Transcript sent to {email}.',
    invalidEmail: 'This email address is not valid: please check it (for example name@company.com).',
    addressRefused: 'The mail server refused this address: please check it or try another one.',
    mailUnavailable: "The email couldn't be sent right now. Please try again in a few minutes.",
    tooManyTranscripts: 'The transcript was already sent several times.',
    sdrAvatar: '{name}',
  },
};

/** The page served at / and /en when the playbook names no site of its own (`site` in the playbook). */
export interface DemoPageTexts {
  /** `{name}` is the playbook's name. */
  heading: string;
  lead: string;
  open: string;
  navigation: string;
  otherLanguage: string;
  privacy: string;
}

export const DEMO_PAGE_TEXTS: Record<Locale, DemoPageTexts> = {
  fr: {
    heading: '{name}',
    lead: "Cette page montre l'assistant de qualification tel que vos visiteurs le verront. Sur votre site, une seule balise suffit : <script src=\"/widget.js\" async></script>.",
    open: 'Démarrer la discussion',
    navigation: 'Navigation principale',
    otherLanguage: 'English',
    privacy: 'Politique de confidentialité',
  },
  en: {
    heading: '{name}',
    lead: 'This page shows the qualification assistant as your visitors will see it. On your own site, one tag is enough: <script src="/widget.js" async></script>.',
    open: 'Start the conversation',
    navigation: 'Main navigation',
    otherLanguage: 'Français',
    privacy: 'Privacy policy',
  },
};
