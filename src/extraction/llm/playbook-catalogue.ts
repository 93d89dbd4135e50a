import type { Playbook } from '../../playbook/schema.js';
import type { Fact, Locale } from '../../qualification/types.js';

/**
 * Renders the playbook into the prompt as structured data (ids, kinds and the playbook's own
 * descriptions), so the model reads the same definitions sales ops maintain in the YAML.
 */

export function renderDimensions(playbook: Playbook): string {
  return playbook.dimensions
    .map((dimension) => {
      const lines = [`- ${dimension.id} (${dimension.kind}): ${oneLine(dimension.description)}`];
      // The detail fields (amount, months, headcount…) are in the JSON schema: not repeated here.
      if (dimension.minimumYearlyAmount !== undefined) lines.push(`  minimumYearlyAmount: ${dimension.minimumYearlyAmount} ${playbook.currency}`);
      for (const level of dimension.levels) {
        const band = level.maxMonths !== undefined ? ` (maxMonths: ${level.maxMonths})` : '';
        lines.push(`  ${level.id}: ${oneLine(level.description)}${band}`);
      }
      return lines.join('\n');
    })
    .join('\n');
}

export function renderKnockouts(playbook: Playbook): string {
  if (playbook.knockouts.length === 0) return '-';
  return playbook.knockouts.map((knockout) => `- ${knockout.id}: ${oneLine(knockout.description)}`).join('\n');
}

export function renderKnownFacts(known: Readonly<Record<string, Fact>>): string {
  const entries = Object.values(known).map((fact) => `${fact.dimension}=${fact.value}`);
  return entries.length ? entries.join(', ') : '-';
}

/** The playbook questions not answered yet, in asking order, in the visitor's language. */
export function renderOpenQuestions(playbook: Playbook, known: Readonly<Record<string, Fact>>, locale: Locale): string {
  const open = playbook.dimensions.filter((dimension) => !known[dimension.id]);
  return open.length ? open.map((dimension) => `  - ${dimension.id}: "${dimension.question[locale]}"`).join('\n') : '  -';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
