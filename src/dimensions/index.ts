import { authorityKind } from './authority.js';
import { budgetKind } from './budget.js';
import { companyKind } from './company.js';
import { customKind } from './custom.js';
import type { DimensionKind } from './kind.js';
import { needKind } from './need.js';
import { timelineKind } from './timeline.js';

export type { DimensionKind, DimensionReader, DimensionReading } from './kind.js';

/** Every kind of dimension a playbook may use, by id (the `kind` of a playbook dimension). */
export const DIMENSION_KINDS: ReadonlyMap<string, DimensionKind> = new Map([needKind, authorityKind, budgetKind, timelineKind, companyKind, customKind].map((kind) => [kind.id, kind]));

/** The kind module of a dimension (the playbook schema guarantees it exists). */
export function kindOf(dimension: { kind: string }): DimensionKind {
  const kind = DIMENSION_KINDS.get(dimension.kind);
  if (!kind) throw new Error(`unknown dimension kind "${dimension.kind}"`);
  return kind;
}
