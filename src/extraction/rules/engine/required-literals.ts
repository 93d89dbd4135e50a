import { parseRegExpLiteral, type AST } from '@eslint-community/regexpp';

/**
 * What a text must contain for a regular expression to match in it, read from its syntax tree: sets of
 * literal strings, a literal of each set (so a text lacking all the literals of one set cannot match).
 * An empty list: nothing is required. Characters are taken as written; under the `i` flag the caller
 * must look for them case-insensitively (see literal-prefilter.ts).
 */
export function requiredLiterals(regex: RegExp): string[][] {
  const clauses = clausesOf(ofAlternatives(parseRegExpLiteral(regex).pattern.alternatives)).map(withoutRedundant);
  return bySelectivity(withoutImplied(clauses)).slice(0, MAX_CLAUSES);
}

/** What is known about the strings a node matches. */
interface Info {
  /** All of them, when they are few ("" when the node may match nothing: assertions, `x?`). */
  exact?: string[];
  /** Sets of literals: a text where the node matches contains a literal of every set. */
  clauses: string[][];
}

// Beyond this many strings a set is not worth spelling out ("(?:a|b)(?:c|d)…" grows as a product).
const MAX_EXACT = 64;
const MAX_CLASS_CHARS = 16;
// The most selective sets are enough to rule out almost every regex; more would only cost look-ups.
const MAX_CLAUSES = 6;
const NOTHING_KNOWN: Info = { clauses: [] };
const DIGITS: Info = { exact: [...'0123456789'], clauses: [] };
const EMPTY: Info = { exact: [''], clauses: [] };

function ofNode(node: AST.Element): Info {
  switch (node.type) {
    case 'Character':
      return { exact: [String.fromCodePoint(node.value)], clauses: [] };
    case 'CharacterClass':
      return ofClass(node);
    case 'Assertion':
      return ofAssertion(node);
    case 'Quantifier':
      return ofQuantifier(node);
    case 'Group':
      // `(?i:…)` changes how its characters match: nothing is derived inside.
      return node.modifiers ? NOTHING_KNOWN : ofAlternatives(node.alternatives);
    case 'CapturingGroup':
      return ofAlternatives(node.alternatives);
    case 'CharacterSet':
      // \d spelled out; \s \w . \p{…} are too broad.
      return node.kind === 'digit' && !node.negate ? DIGITS : NOTHING_KNOWN;
    default:
      // Back-references, `v`-flag class expressions.
      return NOTHING_KNOWN;
  }
}

/**
 * Assertions consume nothing: the match is as if they were not there. What a positive lookaround looks
 * for is in the text all the same (next to the match), so the text must contain its literals.
 */
function ofAssertion(node: AST.Assertion): Info {
  if ((node.kind === 'lookahead' || node.kind === 'lookbehind') && !node.negate) return { exact: [''], clauses: clausesOf(ofAlternatives(node.alternatives)) };
  return EMPTY;
}

/** `[- ]`, `[ab]`, `[1-4]`: a few characters spelled out; negated and large classes tell nothing. */
function ofClass(node: AST.CharacterClass): Info {
  if (node.negate || node.unicodeSets) return NOTHING_KNOWN;
  const chars = new Set<string>();
  for (const element of node.elements) {
    if (element.type === 'Character') chars.add(String.fromCodePoint(element.value));
    else if (element.type === 'CharacterClassRange' && element.max.value - element.min.value < MAX_CLASS_CHARS) {
      for (let code = element.min.value; code <= element.max.value; code++) chars.add(String.fromCodePoint(code));
    } else return NOTHING_KNOWN;
    if (chars.size > MAX_CLASS_CHARS) return NOTHING_KNOWN;
  }
  return { exact: [...chars], clauses: [] };
}

function ofQuantifier(node: AST.Quantifier): Info {
  const inner = ofNode(node.element);
  if (node.max === 0) return EMPTY;
  const clauses = node.min >= 1 ? clausesOf(inner) : [];
  if (!inner.exact) return { clauses };
  if (node.min === 0 && node.max === 1) return { exact: union([inner.exact, ['']]), clauses };
  if (node.min === node.max) {
    let exact: string[] | undefined = [''];
    for (let count = 0; count < node.min && exact; count++) exact = product(exact, inner.exact);
    return { exact, clauses };
  }
  return { clauses };
}

/**
 * A disjunction: a string of any branch, so a set holds as the union of one set of every branch. The
 * branches' best sets make one; their second best another ("(?:je|on) valide|nous decidons": a verb and
 * a subject), and so on.
 */
function ofAlternatives(alternatives: readonly AST.Alternative[]): Info {
  const branches = alternatives.map(ofSequence);
  if (branches.length === 1) return branches[0] as Info;
  const exacts = branches.map((branch) => branch.exact);
  const exact = exacts.every((set) => set !== undefined) ? union(exacts as string[][]) : undefined;
  const ranked = branches.map((branch) => bySelectivity(clausesOf(branch)));
  const clauses: string[][] = [];
  if (ranked.every((sets) => sets.length > 0)) {
    const depth = Math.min(MAX_CLAUSES, Math.max(...ranked.map((sets) => sets.length)));
    for (let rank = 0; rank < depth; rank++) clauses.push(union(ranked.map((sets) => sets[Math.min(rank, sets.length - 1)] as string[])));
  }
  return { exact: exact && exact.length <= MAX_EXACT ? exact : undefined, clauses };
}

/**
 * A sequence: consecutive spelled-out elements form runs (their exact strings joined as a product); a match
 * contains one string of each run, and meets what each other element requires.
 */
function ofSequence(alternative: AST.Alternative): Info {
  const clauses: string[][] = [];
  let run: string[] = [''];
  let exact = true;
  for (const element of alternative.elements) {
    const info = ofNode(element);
    clauses.push(...info.clauses);
    if (info.exact) {
      const joined = product(run, info.exact);
      if (joined) {
        run = joined;
        continue;
      }
      clauses.push(run);
      run = info.exact;
    } else {
      clauses.push(run);
      run = [''];
    }
    exact = false;
  }
  clauses.push(run);
  return { exact: exact ? run : undefined, clauses: clauses.filter((set) => !set.includes('')) };
}

/** The sets a node requires, its exact strings being one when it cannot match nothing. */
function clausesOf(info: Info): string[][] {
  return info.exact && !info.exact.includes('') ? [...info.clauses, info.exact] : info.clauses;
}

function bySelectivity(clauses: readonly string[][]): string[][] {
  return [...clauses].sort((a, b) => cost(a) - cost(b));
}

/** Roughly how likely a text is to contain a literal of the set: each character divides the odds. */
function cost(literals: readonly string[]): number {
  return literals.reduce((sum, literal) => sum + 8 ** -literal.length, 0);
}

function product(left: readonly string[], right: readonly string[]): string[] | undefined {
  if (left.length * right.length > MAX_EXACT) return undefined;
  return union([left.flatMap((prefix) => right.map((suffix) => prefix + suffix))]);
}

function union(sets: readonly (readonly string[])[]): string[] {
  return [...new Set(sets.flat())];
}

/** A literal that contains another one of its set adds nothing: the shorter one is found whenever it is. */
function withoutRedundant(literals: readonly string[]): string[] {
  return literals.filter((literal, index) => !literals.some((other, at) => at !== index && literal.includes(other) && (other !== literal || at < index)));
}

/** Drops a set that another one implies: when each literal of `stronger` contains a literal of `weaker`. */
function withoutImplied(clauses: readonly string[][]): string[][] {
  const implies = (stronger: string[], weaker: string[]) => stronger.every((literal) => weaker.some((other) => literal.includes(other)));
  return clauses.filter((clause, index) => !clauses.some((other, at) => at !== index && implies(other, clause) && (!implies(clause, other) || at < index)));
}
