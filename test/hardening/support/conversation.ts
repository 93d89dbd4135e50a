import type { Activity } from 'botbuilder';

type QualibotData = { ask?: string; route?: string; handoffReason?: string; tier?: string };

/** The qualibot channel data of a bot activity (what it asks, the route it announces). */
export function qualibotData(activity: Partial<Activity> | undefined): QualibotData | undefined {
  return (activity?.channelData as { qualibot?: QualibotData } | undefined)?.qualibot;
}

/** The dimension the last of these bot messages asks about. */
export function asked(replies: Partial<Activity>[]): string | undefined {
  return qualibotData(replies.at(-1))?.ask;
}

export type Answers = Readonly<Record<'challenge' | 'company' | 'authority' | 'money' | 'prioritization', string>>;

/** The scripted answer to the dimension a bot message asks about. */
export function answerTo(answers: Answers, dimension: string | undefined): string {
  const answer = (answers as Record<string, string | undefined>)[dimension ?? ''];
  if (answer === undefined) throw new Error(`no scripted answer for ${dimension}`);
  return answer;
}

/** Answers per dimension that lead the rules extractor to a hot handoff (French). */
export const HOT_FR: Answers = {
  challenge: "Nos commerciaux n'ont plus assez de rendez-vous qualifiés.",
  company: 'Éditeur de logiciel, 140 salariés.',
  authority: 'Je suis directrice commerciale, je valide les prestataires.',
  money: 'Nous avons 4 000 € par mois de budget prévu.',
  prioritization: 'Nous voulons démarrer d’ici un mois.',
};

/** The same lead in English. */
export const HOT_EN: Answers = {
  challenge: "Our sales reps don't get enough qualified meetings.",
  company: 'We are a software company with 140 employees.',
  authority: 'I am the VP of Sales and I sign off on vendors.',
  money: 'We have a budget of 4,000 euros per month approved.',
  prioritization: 'We want to start within a month.',
};
