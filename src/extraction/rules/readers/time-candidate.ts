/** One time expression found in a message: months from now, or `later` with no date. */
export interface TimeCandidate {
  start: number;
  end: number;
  months?: number;
  later?: boolean;
  /** Matched only to hide words ("au plus tard", "last month"). */
  ignore?: boolean;
  /** A playbook pattern: the level is given, no months. */
  level?: string;
  weak: boolean;
  /** Counts even in a message about something else ("…, dès que possible"). */
  standalone: boolean;
  /** Counts only next to a start verb ("démarrer maintenant"). */
  anchored: boolean;
  /** "avant / by / d'ici": a deadline, compatible with an earlier start said in the same message. */
  deadline: boolean;
}

export function plainCandidate(start: number, end: number, months: number | undefined, deadline = false): TimeCandidate {
  return { start, end, months, weak: false, standalone: false, anchored: false, deadline };
}
