import type { Playbook } from '../../playbook/schema.js';
import type { Fact } from '../../qualification/types.js';

/**
 * The dimension a rephrased question may be about: the one the dialog will ask next. The dialog
 * asks dimensions in playbook order and skips known ones; when the dimension it just asked is still
 * unanswered it asks that dimension's clarification instead, so no rephrasing applies (undefined).
 */
export function rephraseTarget(
  playbook: Playbook,
  known: Readonly<Record<string, Fact>>,
  newFacts: readonly Fact[],
  askedDimension?: string,
): string | undefined {
  const answered = new Set([...Object.keys(known), ...newFacts.map((fact) => fact.dimension)]);
  if (askedDimension && playbook.dimensions.some((d) => d.id === askedDimension) && !answered.has(askedDimension)) return undefined;
  return playbook.dimensions.find((dimension) => !answered.has(dimension.id))?.id;
}
