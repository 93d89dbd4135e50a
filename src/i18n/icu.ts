import { IntlMessageFormat } from 'intl-messageformat';

/**
 * ICU MessageFormat through FormatJS's `intl-messageformat`: the same library renders in Node and in the browser
 * consoles. Tags stay plain text (`ignoreTag`): a text may show `<script …>` to a reader, never build markup.
 */
export const ICU_OPTIONS = { ignoreTag: true } as const;

export function compileMessage(message: string, locale: string): IntlMessageFormat {
  return new IntlMessageFormat(message, locale, undefined, ICU_OPTIONS);
}

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** Argument, number, date, time, select, plural (the parser's element types 1 to 6). */
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);
const PLAIN_ARGUMENT = 1;

/**
 * The placeholder names a message uses (`{sdr}`, `{count, plural, …}`), sorted; throws on an ICU syntax error.
 * `formattedOnly` keeps those formatted by ICU (plural, select, number, date, time), not plain `{name}` slots.
 */
export function placeholderNames(message: string, locale: string, formattedOnly = false): string[] {
  const names = new Set<string>();
  const walk = (nodes: AstNode[]): void => {
    for (const node of nodes) {
      if (ARGUMENT_TYPES.has(node.type) && typeof node.value === 'string' && !(formattedOnly && node.type === PLAIN_ARGUMENT)) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(compileMessage(message, locale).getAst() as unknown as AstNode[]);
  return [...names].sort();
}
