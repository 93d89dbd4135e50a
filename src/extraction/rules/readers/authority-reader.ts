import { compileCues, type Cue } from '../engine/cue.js';
import { matchCues, type CueMatch } from '../engine/match-cues.js';
import type { Finding, Reading } from '../engine/reading.js';
import { AUTHORITY_CUES } from '../lexicon/authority.js';

// "je suis le directeur général et…" introduces the visitor, not someone else who approves.
const SELF_INTRO = /(?:je suis|suis|i'm|i am|im|as|en tant que|comme|moi c'est)\s*$/;

/**
 * Authority. Explicit words beat titles; a functional title (sales director) yields to "my CEO signs",
 * while an owner or an explicit "I decide" next to someone else approving is a contradiction: both
 * facts are returned and the fact sheet flags it.
 */
export class AuthorityReader {
  private readonly cues: Cue[];

  constructor(extra: readonly Cue[] = []) {
    this.cues = [...compileCues(AUTHORITY_CUES), ...extra.map((cue) => ({ ...cue, tag: cue.tag ?? 'explicit' }))];
  }

  read(reading: Reading): Finding[] {
    // Refused before overlaps are resolved, so "I'm the commercial director and sign…" stays the visitor's title.
    const matches = matchCues(
      this.cues,
      reading,
      (match) => match.tag !== 'other' || !SELF_INTRO.test(reading.folded.slice(Math.max(0, match.start - 20), match.start)),
    );
    const pick = (level: string, ...tags: string[]) => matches.find((m) => m.level === level && tags.includes(m.tag ?? ''));
    // "Sometimes me, sometimes the board": both levels, the fact sheet flags the contradiction.
    const shared = pick('influencer', 'shared');
    if (shared) return [finding('decision_maker', shared), finding('influencer', shared)];
    const explicitDecider = pick('decision_maker', 'explicit');
    const ownerTitle = pick('decision_maker', 'top-title');
    const title = pick('decision_maker', 'title');
    const recommends = pick('influencer', 'active', 'explicit');
    const someoneElse = pick('influencer', 'other');
    const noRole = pick('no_role', 'explicit');
    const influencer = recommends ?? someoneElse;

    if (noRole) {
      if (recommends) return [finding('influencer', recommends)];
      return explicitDecider ? [finding('decision_maker', explicitDecider), finding('no_role', noRole)] : [finding('no_role', noRole)];
    }
    const decider = explicitDecider ?? ownerTitle ?? title;
    if (decider) {
      if (!influencer) return [finding('decision_maker', decider)];
      if (explicitDecider || ownerTitle) return [finding('decision_maker', decider), finding('influencer', influencer)];
      return [finding('influencer', influencer)];
    }
    if (influencer) return [finding('influencer', influencer)];
    const hint = matches.find((match) => match.weak);
    return hint ? [finding(hint.level, hint)] : [];
  }
}

function finding(level: string, match: CueMatch): Finding {
  return { level, start: match.start, end: match.end, weak: match.weak };
}
