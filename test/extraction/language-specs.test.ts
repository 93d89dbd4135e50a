import { describe, expect, it } from 'vitest';
import { compileCues, expand, type CueSpec } from '../../src/extraction/rules/engine/cue.js';
import { cueFile, cueList, languageFileNames, term } from '../../src/extraction/rules/engine/cue-file.js';
import { matchCues } from '../../src/extraction/rules/engine/match-cues.js';
import { indexWords } from '../../src/extraction/rules/engine/phrases.js';
import { VocabularyReader } from '../../src/extraction/rules/engine/vocabulary.js';
import { normalize } from '../../src/extraction/rules/text/normalize.js';
import { segment } from '../../src/extraction/rules/text/segments.js';

/**
 * Every cue of every language file (src/extraction/rules/language/*.yaml) reads its examples and none of its
 * counterexamples, as the extractor matches it (folded text, whole words, negation in the clause). Each cue has
 * at least one of each: a cue is specified by what it must and must not read.
 */

interface Finding {
  where: string;
  sentence: string;
  problem: string;
}

/** What one cue reads in a sentence, the file's example vocabulary marked as a playbook's would be. */
function matches(spec: CueSpec, sentence: string, vocabulary?: VocabularyReader): string[] {
  const folded = normalize(sentence);
  const words = indexWords(folded);
  const marked = vocabulary?.read(folded, words).marked;
  return matchCues(compileCues([spec]), { folded, segments: segment(folded), marked, words }).map((match) => folded.slice(match.start, match.end));
}


function cueFindings(file: string): Finding[] {
  const findings: Finding[] = [];
  const { lists, exampleVocabulary } = cueFile(file);
  const vocabulary = exampleVocabulary ? new VocabularyReader(exampleVocabulary) : undefined;
  for (const [list, entries] of Object.entries(lists)) {
    const specs = cueList(file, list);
    entries.forEach((entry, index) => {
      const where = `${file}.yaml lists.${list}[${index}] (${entry.level}${entry.tag ? `/${entry.tag}` : ''}, ${entry.fr !== undefined ? 'fr' : 'en'})`;
      const spec = specs[index]!;
      if (entry.examples.length === 0) findings.push({ where, sentence: '', problem: 'has no example' });
      if (entry.counterexamples.length === 0) findings.push({ where, sentence: '', problem: 'has no counterexample' });
      for (const sentence of entry.examples) {
        if (matches(spec, sentence, vocabulary).length === 0) findings.push({ where, sentence, problem: 'example not read' });
      }
      for (const sentence of entry.counterexamples) {
        const found = matches(spec, sentence, vocabulary);
        if (found.length > 0) findings.push({ where, sentence, problem: `counterexample read as "${found.join('", "')}"` });
      }
    });
  }
  return findings;
}

function termFindings(file: string): Finding[] {
  const findings: Finding[] = [];
  for (const [key, found] of Object.entries(cueFile(file).terms)) {
    const regex = new RegExp(`(?<![a-z0-9])(?:${expand(term(file, key))})(?![a-z0-9])`);
    const where = `${file}.yaml terms.${key}`;
    for (const sentence of found.examples) if (!regex.test(normalize(sentence))) findings.push({ where, sentence, problem: 'example not matched' });
    for (const sentence of found.counterexamples) if (regex.test(normalize(sentence))) findings.push({ where, sentence, problem: 'counterexample matched' });
  }
  return findings;
}

const format = (findings: Finding[]) => findings.map((f) => `  ${f.where}: ${f.problem}${f.sentence ? ` — «${f.sentence}»` : ''}`).join('\n');

describe('language files: every cue reads its examples and none of its counterexamples', () => {
  it.each(languageFileNames())('%s.yaml', (file) => {
    const findings = [...cueFindings(file), ...termFindings(file)];
    expect(findings, `\n${format(findings)}\n`).toEqual([]);
  });
});
