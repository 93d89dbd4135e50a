/**
 * Messages that carry no answer at all ("hi", "bonjour !", "hallo", "ok"): the question is asked again as it
 * was, instead of spending the dimension's one clarification on them.
 */
const SMALL_TALK = /^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|bonjour|bonsoir|salut|coucou|hello there|hi there|hey there|ok|okay|d'accord|merci|thanks|thank you|yes|oui|yo|hallo|guten (?:morgen|tag|abend)|servus|moin|danke|ja|alles klar)(?:\s+(?:there|all|tout le monde|à vous|a vous|zusammen))?[\s!.,👋🙂😊]*$/iu;

export function isSmallTalk(text: string): boolean {
  return SMALL_TALK.test(text.trim());
}
