/**
 * Every literal of a registry, as a trie flattened into typed arrays: one walk from each position of a
 * text finds all the literals it contains. Small and laid out depth first (a node, then its subtrees),
 * so a walk reads few cache lines even when the regexes of the readers have pushed it out of the cache.
 */
export class LiteralTrie {
  // Per node: first tag, end of tags, first edge, end of edges (indexes into `tags` and `edges`).
  private readonly nodes: Int32Array;
  // Per edge: character code, child node, sorted by character within a node.
  private readonly edges: Int32Array;
  private readonly tags: Int32Array;
  // The root's children by ASCII code (most steps start there), -1 when none.
  private readonly rootAscii = new Int32Array(128).fill(-1);

  /** `literals`: each literal with the tags (numbers) reported when a text contains it. */
  constructor(literals: ReadonlyMap<string, readonly number[]>) {
    const root = new Branch();
    for (const [literal, tags] of literals) {
      let branch = root;
      for (let index = 0; index < literal.length; index++) {
        const code = literal.charCodeAt(index);
        let child = branch.next.get(code);
        if (!child) {
          child = new Branch();
          branch.next.set(code, child);
        }
        branch = child;
      }
      branch.tags.push(...tags);
    }
    const order: Branch[] = [];
    const number = (branch: Branch): void => {
      branch.id = order.push(branch) - 1;
      for (const [, child] of [...branch.next].sort(([a], [b]) => a - b)) number(child);
    };
    number(root);
    this.nodes = new Int32Array(order.length * 4);
    this.edges = new Int32Array(order.reduce((sum, branch) => sum + branch.next.size, 0) * 2);
    this.tags = new Int32Array(order.reduce((sum, branch) => sum + branch.tags.length, 0));
    let edge = 0;
    let tag = 0;
    for (const branch of order) {
      const at = branch.id * 4;
      this.nodes[at] = tag;
      for (const value of branch.tags) this.tags[tag++] = value;
      this.nodes[at + 1] = tag;
      this.nodes[at + 2] = edge;
      for (const [code, child] of [...branch.next].sort(([a], [b]) => a - b)) {
        this.edges[edge * 2] = code;
        this.edges[edge * 2 + 1] = child.id;
        edge++;
        if (branch === root && code < 128) this.rootAscii[code] = child.id;
      }
      this.nodes[at + 3] = edge;
    }
  }

  /** The tags (below `tagCount`) of every literal `text` contains, as a tag set (see `hasTag`). */
  tagsIn(text: string, tagCount: number): number[] {
    const found = new Array<number>(Math.ceil(tagCount / TAG_BITS)).fill(0);
    for (let start = 0; start < text.length; start++) {
      const first = text.charCodeAt(start);
      let node = first < 128 ? (this.rootAscii[first] as number) : this.child(0, first);
      for (let index = start + 1; node >= 0; index++) {
        const end = this.nodes[node * 4 + 1] as number;
        for (let tag = this.nodes[node * 4] as number; tag < end; tag++) addTag(found, this.tags[tag] as number);
        if (index >= text.length) break;
        node = this.child(node, text.charCodeAt(index));
      }
    }
    return found;
  }

  private child(node: number, code: number): number {
    const end = this.nodes[node * 4 + 3] as number;
    for (let edge = this.nodes[node * 4 + 2] as number; edge < end; edge++) {
      const char = this.edges[edge * 2] as number;
      if (char === code) return this.edges[edge * 2 + 1] as number;
      if (char > code) return -1;
    }
    return -1;
  }
}

/** A node of the trie while it is built. */
class Branch {
  id = 0;
  readonly next = new Map<number, Branch>();
  readonly tags: number[] = [];
}

// A tag set is an array of bits, 16 per element so each stays a small integer (cheaper to allocate
// than a typed array of one byte per tag, which lives outside the heap).
const TAG_BITS = 16;

export function hasTag(tags: readonly number[], tag: number): boolean {
  return (((tags[tag >> 4] as number) >> (tag & 15)) & 1) === 1;
}

function addTag(tags: number[], tag: number): void {
  tags[tag >> 4] = (tags[tag >> 4] as number) | (1 << (tag & 15));
}
