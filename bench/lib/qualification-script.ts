/** A realistic qualification, one message per turn (ends in a handoff in the default CHAMP playbook). */
export const QUALIFICATION_SCRIPT = [
  "Bonjour, nos commerciaux n'ont plus assez de rendez-vous.",
  'Éditeur de logiciel, 140 salariés.',
  'Je suis directrice commerciale, je valide les prestataires.',
  'Nous avons 4 000 € par mois de budget prévu.',
  "Nous voulons démarrer d'ici un mois.",
];

/** The Bot Framework activity of one visitor message, as a channel would POST it to /api/messages. */
export function messageActivity(options: { id: string; conversationId: string; visitorId: string; serviceUrl: string; text: string }) {
  return {
    type: 'message',
    id: options.id,
    channelId: 'webchat',
    serviceUrl: options.serviceUrl,
    conversation: { id: options.conversationId },
    from: { id: options.visitorId },
    recipient: { id: 'bot' },
    locale: 'fr-FR',
    text: options.text,
  };
}
