/**
 * The CRM field allow-list: only these dotted paths of a payload ever leave (privacy by default).
 * A path through an array applies to each element (`lead.reasons.rule`); a path naming an object keeps
 * all of it. Paths that do not exist are simply absent from the result.
 */

/** What leaves when `CRM_FIELDS` is not set: the decision, facts as level ids, and the contact. */
export const DEFAULT_CRM_FIELDS: readonly string[] = [
  'lead.id',
  'lead.version',
  'lead.status',
  'lead.score',
  'lead.route',
  'lead.tier',
  'lead.handoffReason',
  'lead.facts',
  'lead.knockouts',
  'lead.locale',
  'lead.channel',
  'lead.playbookId',
  'lead.playbookVersion',
  'lead.createdAt',
  'lead.updatedAt',
  'contact.email',
  'contact.name',
  'contact.phone',
  'handoff.status',
  'handoff.sdrName',
  'handoff.outcome',
  'handoff.outcomeReason',
  'handoff.closedAt',
  'handoff.meeting',
];

/** Segments that could reach an object's prototype are never followed. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

type PathTree = { [segment: string]: PathTree | true };

/** `"a.b, c"` → `['a.b', 'c']` (blank items dropped). */
export function parseFieldList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Pure: returns a new object holding only the allowed paths of `payload` (the input is not touched). */
export function pickAllowed(payload: unknown, fields: readonly string[]): Record<string, unknown> {
  const picked = pick(payload, buildTree(fields));
  return picked !== null && typeof picked === 'object' && !Array.isArray(picked) ? (picked as Record<string, unknown>) : {};
}

function buildTree(fields: readonly string[]): PathTree {
  // Null-prototype nodes: a field named like an Object method ("toString") is just a name.
  const root: PathTree = Object.create(null);
  for (const field of fields) {
    const segments = field.split('.').map((segment) => segment.trim());
    if (segments.some((segment) => segment === '' || FORBIDDEN.has(segment))) continue;
    let node = root;
    for (const [index, segment] of segments.entries()) {
      const existing = node[segment];
      if (existing === true) break; // A shorter path already keeps the whole subtree.
      if (index === segments.length - 1) {
        node[segment] = true;
        break;
      }
      node = existing ?? (node[segment] = Object.create(null) as PathTree);
    }
  }
  return root;
}

function pick(value: unknown, tree: PathTree | true): unknown {
  if (tree === true) return value === undefined ? undefined : structuredClone(value);
  if (Array.isArray(value)) {
    return value.map((item) => pick(item, tree)).filter((item) => item !== undefined);
  }
  if (value === null || typeof value !== 'object') return undefined;
  const result: Record<string, unknown> = {};
  for (const [segment, subtree] of Object.entries(tree)) {
    if (!Object.hasOwn(value, segment)) continue;
    const picked = pick((value as Record<string, unknown>)[segment], subtree);
    if (picked !== undefined) result[segment] = picked;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}
