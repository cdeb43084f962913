// Glob matching on '/'-separated paths, for patterns that come from anywhere (configs, the command
// line, a vendor's Sphinx toctree): `*`, `**`, `?`, `{a,b}` (nestable) and `[...]` classes
// (`[!...]` or `[^...]` negate, `a-z` ranges). A pattern is compiled once into a small
// non-deterministic automaton (Thompson's construction) and a path is matched by carrying the set
// of live states along it, so matching costs at most (path length + 1) × (states) steps whatever
// the pattern: no backtracking, no RegExp built from the glob, no exponential case like
// `a*a*a*a*a*a*b` against a long name of a's.

/** Longest pattern compiled; a longer one matches nothing (no reviewer writes one). */
export const MAX_GLOB_LENGTH = 4096;

type Step =
  | { t: 'char'; c: number; next: number }
  | { t: 'any'; next: number } // one character other than '/'
  | { t: 'class'; ranges: number[]; negated: boolean; next: number }
  | { t: 'star'; next: number; slash: boolean } // loops on itself; '/' too when slash
  | { t: 'split'; to: number[] }
  | { t: 'done' };

export interface GlobMatcher {
  /** The number of automaton states (the per-character cost bound). */
  readonly states: number;
  /** Whether the whole path matches; `counter.steps` (if given) grows by the work done. */
  test(path: string, counter?: { steps: number }): boolean;
}

const SLASH = 47;

type Node =
  | { t: 'char'; c: number }
  | { t: 'any' }
  | { t: 'class'; ranges: number[]; negated: boolean }
  | { t: 'star' }
  | { t: 'globstar' } // '**' not followed by '/': anything, '/' included
  | { t: 'folders' } // '**/': zero or more whole folders
  | { t: 'alt'; options: Node[][] };

/** Parses a glob into nodes; braces nest, an unclosed '{' or '[' is a literal. */
function parse(glob: string): Node[] {
  let i = 0;
  const seq = (inBrace: boolean): { nodes: Node[]; end: 'eof' | ',' | '}' } => {
    const nodes: Node[] = [];
    while (i < glob.length) {
      const c = glob[i]!;
      if (inBrace && (c === ',' || c === '}')) {
        i++;
        return { nodes, end: c };
      }
      if (c === '\\' && i + 1 < glob.length) {
        nodes.push({ t: 'char', c: glob.charCodeAt(i + 1) });
        i += 2;
      } else if (c === '*') {
        let j = i;
        while (glob[j] === '*') j++;
        const atStart = i === 0 || glob[i - 1] === '/';
        if (j - i >= 2 && atStart && glob[j] === '/') {
          nodes.push({ t: 'folders' });
          j++;
        } else if (j - i >= 2 && atStart && j === glob.length) nodes.push({ t: 'globstar' });
        else nodes.push({ t: 'star' });
        i = j;
      } else if (c === '?') {
        nodes.push({ t: 'any' });
        i++;
      } else if (c === '[') {
        const cls = parseClass(glob, i);
        if (cls) {
          nodes.push(cls.node);
          i = cls.end;
        } else {
          nodes.push({ t: 'char', c: 91 });
          i++;
        }
      } else if (c === '{' && glob.indexOf('}', i) > 0) {
        const start = i;
        i++;
        const options: Node[][] = [];
        let end: 'eof' | ',' | '}';
        do {
          const part = seq(true);
          options.push(part.nodes);
          end = part.end;
        } while (end === ',');
        if (end === 'eof') {
          // Unbalanced after all: the '{' is a literal, re-read what followed it.
          i = start + 1;
          nodes.push({ t: 'char', c: 123 });
        } else nodes.push({ t: 'alt', options });
      } else {
        nodes.push({ t: 'char', c: glob.charCodeAt(i) });
        i++;
      }
    }
    return { nodes, end: 'eof' };
  };
  return seq(false).nodes;
}

function parseClass(glob: string, at: number): { node: Node; end: number } | undefined {
  let i = at + 1;
  let negated = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: number[] = [];
  let first = true;
  while (i < glob.length && (glob[i] !== ']' || first)) {
    first = false;
    let lo = glob.charCodeAt(i);
    if (glob[i] === '\\' && i + 1 < glob.length) lo = glob.charCodeAt(++i);
    let hi = lo;
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') {
      hi = glob.charCodeAt(i + 2);
      i += 2;
    }
    ranges.push(Math.min(lo, hi), Math.max(lo, hi));
    i++;
  }
  if (i >= glob.length) return undefined;
  return { node: { t: 'class', ranges, negated }, end: i + 1 };
}

/** Thompson construction: each node becomes states wired to the state that follows it. */
function build(nodes: Node[]): Step[] {
  const steps: Step[] = [{ t: 'done' }];
  const add = (s: Step) => steps.push(s) - 1;
  // Built back to front: `next` is always already known.
  const seq = (list: Node[], next: number): number => {
    for (let k = list.length - 1; k >= 0; k--) next = node(list[k]!, next);
    return next;
  };
  const node = (n: Node, next: number): number => {
    switch (n.t) {
      case 'char':
        return add({ t: 'char', c: n.c, next });
      case 'any':
        return add({ t: 'any', next });
      case 'class':
        return add({ t: 'class', ranges: n.ranges, negated: n.negated, next });
      case 'star':
        return add({ t: 'star', next, slash: false });
      case 'globstar':
        return add({ t: 'star', next, slash: true });
      case 'folders': {
        // '' or 'anything/': a loop over every character that may leave on a '/'.
        const leave = add({ t: 'char', c: SLASH, next });
        const loop = add({ t: 'star', next: leave, slash: true });
        return add({ t: 'split', to: [next, loop] });
      }
      case 'alt':
        return add({ t: 'split', to: n.options.map((o) => seq(o, next)) });
    }
  };
  const start = seq(nodes, 0);
  steps.push({ t: 'split', to: [start] }); // the start state is always the last one
  return steps;
}

function inClass(s: Extract<Step, { t: 'class' }>, c: number): boolean {
  if (c === SLASH) return false;
  let hit = false;
  for (let k = 0; k < s.ranges.length && !hit; k += 2) hit = c >= s.ranges[k]! && c <= s.ranges[k + 1]!;
  return hit !== s.negated;
}

const NEVER: GlobMatcher = { states: 0, test: () => false };

export function compileGlob(glob: string): GlobMatcher {
  if (glob.length > MAX_GLOB_LENGTH) return NEVER;
  const steps = build(parse(glob));
  const n = steps.length;
  const mark = new Int32Array(n).fill(-1);
  let current = new Int32Array(n);
  let following = new Int32Array(n);
  // Every push follows an edge (or starts a closure): the edges bound the stack.
  const edges = steps.reduce((k, s) => k + (s.t === 'split' ? s.to.length : 1), 1);
  const stack = new Int32Array(edges);
  return {
    states: n,
    test(path: string, counter?: { steps: number }): boolean {
      mark.fill(-1);
      let generation = 0;
      // Adds a state and everything reachable from it without reading a character.
      const close = (into: Int32Array, size: number, from: number): number => {
        const before = size;
        let top = 0;
        stack[top++] = from;
        while (top > 0) {
          const s = stack[--top]!;
          if (mark[s] === generation) continue;
          mark[s] = generation;
          into[size++] = s;
          const step = steps[s]!;
          if (step.t === 'split') for (let k = step.to.length - 1; k >= 0; k--) stack[top++] = step.to[k]!;
          else if (step.t === 'star') stack[top++] = step.next;
        }
        if (counter) counter.steps += size - before;
        return size;
      };
      let size = close(current, 0, n - 1);
      for (let p = 0; p < path.length && size > 0; p++) {
        const c = path.charCodeAt(p);
        generation++;
        let nextSize = 0;
        for (let k = 0; k < size; k++) {
          const step = steps[current[k]!]!;
          if (counter) counter.steps++;
          switch (step.t) {
            case 'char':
              if (step.c === c) nextSize = close(following, nextSize, step.next);
              break;
            case 'any':
              if (c !== SLASH) nextSize = close(following, nextSize, step.next);
              break;
            case 'class':
              if (inClass(step, c)) nextSize = close(following, nextSize, step.next);
              break;
            case 'star':
              if (step.slash || c !== SLASH) nextSize = close(following, nextSize, current[k]!);
              break;
            default:
              break;
          }
        }
        [current, following] = [following, current];
        size = nextSize;
      }
      for (let k = 0; k < size; k++) if (current[k] === 0) return true;
      return false;
    },
  };
}

const compiled = new Map<string, GlobMatcher>();

function matcher(glob: string): GlobMatcher {
  let m = compiled.get(glob);
  if (!m) {
    if (compiled.size > 10_000) compiled.clear();
    m = compileGlob(glob);
    compiled.set(glob, m);
  }
  return m;
}

/** Whether a whole '/'-separated path matches the glob. */
export function globMatches(path: string, glob: string): boolean {
  return matcher(glob).test(path);
}

export function matchesGlob(relPath: string, glob: string): boolean {
  const p = relPath.split('\\').join('/');
  const g = glob.replace(/^\.\//, '');
  // A pattern without a slash matches the file name anywhere, like .gitignore.
  if (!g.includes('/')) return matcher(g).test(p.slice(p.lastIndexOf('/') + 1)) || matcher(g).test(p);
  return matcher(g).test(p);
}

export function isGlob(s: string): boolean {
  return /[*?{[]/.test(s);
}
