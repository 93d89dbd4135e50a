import type { Locale } from '../../qualification/types.js';

/** One language's texts of the Teams app listing (limits: short description 80, command title 32). */
export interface ManifestTexts {
  nameFull: string;
  descriptionShort: string;
  descriptionFull: string;
  /** Commands offered in the compose box; clicking one sends its title to the bot. */
  commands: Array<{ title: string; description: string }>;
}

/** Data, not logic: what Teams users read about the app, in both languages the bot speaks. */
export const MANIFEST_TEXTS: Record<Locale, ManifestTexts> = {
  en: {
    nameFull: 'Lead qualification assistant',
    descriptionShort: 'Tell us about your project and reach the right sales contact.',
    descriptionFull:
      'A few quick questions about your sales challenge, your company, your role, your budget and your timeline, ' +
      'and the assistant gets you to the right person: an expert joins the conversation when your project fits, ' +
      'otherwise you receive resources to move forward at your own pace. Answers are used only to handle your request.',
    commands: [
      { title: 'Hello', description: 'Start a short conversation to reach the right person for your project.' },
      { title: 'We need more sales meetings', description: 'Describe your sales challenge; the assistant asks a few questions and routes you.' },
    ],
  },
  fr: {
    nameFull: 'Assistant de qualification',
    descriptionShort: 'Présentez votre projet et joignez le bon interlocuteur commercial.',
    descriptionFull:
      "Quelques questions rapides sur votre défi commercial, votre entreprise, votre rôle, votre budget et votre calendrier, " +
      "et l'assistant vous oriente vers la bonne personne : un expert rejoint la conversation quand votre projet correspond, " +
      "sinon vous recevez des ressources pour avancer à votre rythme. Vos réponses servent uniquement à traiter votre demande.",
    commands: [
      { title: 'Bonjour', description: 'Démarrer une courte conversation pour joindre le bon interlocuteur.' },
      { title: 'Il nous faut plus de rendez-vous', description: "Décrivez votre défi commercial ; l'assistant pose quelques questions et vous oriente." },
    ],
  },
};
