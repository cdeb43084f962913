// LaTeX → lines with locations. Nothing is expanded or run: macros are not defined or executed,
// \input/\include are not followed. Sectioning commands become headings, tabular rows become
// cells, common inline commands are reduced to their text.
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { TextSource } from './source.js';
import { LineSink, splitLines } from './text-common.js';

const SECTION_LEVELS: Record<string, number> = {
  part: 0, chapter: 1, section: 2, subsection: 3, subsubsection: 4, paragraph: 5, subparagraph: 6,
};
const TABLES = /^(tabular\*?|tabularx|longtable|tabulary|array|supertabular|xtabular)$/;
const VERBATIM = /^(verbatim\*?|lstlisting|minted|Verbatim|comment)$/;
const DROP_ENVS = /^(tikzpicture|picture|pgfpicture|equation\*?|align\*?|displaymath|math)$/;
/** Commands whose arguments are not text. */
const DROP_ARGS = new Set([
  'label', 'ref', 'pageref', 'eqref', 'cite', 'citep', 'citet', 'nocite', 'includegraphics', 'usepackage', 'documentclass',
  'setlength', 'addtolength', 'renewcommand', 'newcommand', 'providecommand', 'def', 'pagestyle', 'thispagestyle',
  'hyphenation', 'input', 'include', 'bibliography', 'bibliographystyle', 'vspace', 'hspace', 'newglossaryentry',
  'lhead', 'rhead', 'chead', 'lfoot', 'rfoot', 'cfoot', 'fancyhead', 'fancyfoot', 'setcounter', 'addcontentsline',
  'index', 'glossary', 'color', 'pagenumbering', 'geometry', 'hypersetup', 'newenvironment', 'renewenvironment', 'cline',
  'setcellgapes', 'arraystretch', 'makeatletter', 'graphicspath', 'definecolor', 'captionsetup', 'newacronym',
]);

/** Reads one balanced {…} group starting at s[i] === '{'; returns [content, index after]. */
function group(s: string, i: number): [string, number] {
  let depth = 0;
  for (let k = i; k < s.length; k++) {
    const ch = s[k];
    if (ch === '\\') {
      k++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return [s.slice(i + 1, k), k + 1];
    }
  }
  return [s.slice(i + 1), s.length];
}

function skipOptional(s: string, i: number): number {
  let k = i;
  while (s[k] === ' ') k++;
  if (s[k] !== '[') return i;
  let depth = 0;
  for (; k < s.length; k++) {
    if (s[k] === '[') depth++;
    else if (s[k] === ']' && --depth === 0) return k + 1;
  }
  return s.length;
}

/** Strips a % comment (unless escaped). */
function stripComment(line: string): string {
  for (let k = 0; k < line.length; k++) {
    if (line[k] === '\\') k++;
    else if (line[k] === '%') return line.slice(0, k);
  }
  return line;
}

/** Inline LaTeX → text. */
export function latexToText(s: string, glossary: Map<string, string> = new Map()): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') {
      const m = /^\\([A-Za-z@]+\*?|.)/.exec(s.slice(i, i + 40));
      if (!m) continue;
      const name = m[1]!;
      let k = i + m[0].length;
      if (name.length === 1 && !/[A-Za-z]/.test(name)) {
        if (name === '\\') out += ' ';
        else if (name === ',' || name === ';' || name === ' ' || name === '!') out += ' ';
        else if (name === '-' || name === '/' || name === '@') {
          /* discretionary hyphen, italic correction */
        } else out += name;
        i = k - 1;
        continue;
      }
      const base = name.replace(/\*$/, '');
      k = skipOptional(s, k);
      while (s[k] === ' ' && s[k + 1] === '{') k++;
      if (DROP_ARGS.has(base)) {
        while (s[k] === '{') [, k] = group(s, k);
        i = k - 1;
        continue;
      }
      if (/^(gls|Gls|glspl|Glspl|acrshort|acrlong|acrfull|ac|acs|acl|glsentryname)$/.test(base) && s[k] === '{') {
        const [key, next] = group(s, k);
        out += glossary.get(key) ?? key;
        i = next - 1;
        continue;
      }
      if (base === 'href' && s[k] === '{') {
        const [url, n1] = group(s, k);
        const [text, n2] = s[n1] === '{' ? group(s, n1) : ['', n1];
        out += text ? `${latexToText(text, glossary)} (${url})` : url;
        i = n2 - 1;
        continue;
      }
      if ((base === 'url' || base === 'nolinkurl' || base === 'path') && s[k] === '{') {
        const [url, next] = group(s, k);
        out += url;
        i = next - 1;
        continue;
      }
      if (base === 'multicolumn' || base === 'multirow') {
        // \multicolumn{n}{spec}{text}: the last argument is the text.
        let text = '';
        let args = 0;
        while (s[k] === '{' && args < 3) {
          [text, k] = group(s, k);
          args++;
          if (base === 'multirow' && args === 2) k = skipOptional(s, k);
        }
        out += latexToText(text, glossary);
        i = k - 1;
        continue;
      }
      const special: Record<string, string> = {
        LaTeX: 'LaTeX', TeX: 'TeX', ldots: '…', dots: '…', textendash: '–', textemdash: '—', textbackslash: '\\',
        textasciitilde: '~', textregistered: '®', texttrademark: '™', copyright: '©', S: '§', ss: 'ß', item: '', hline: '',
        newline: ' ', linebreak: ' ', par: ' ', noindent: '', centering: '', today: '', maketitle: '', tableofcontents: '',
        toprule: '', midrule: '', bottomrule: '', endhead: '', endfirsthead: '', endfoot: '', endlastfoot: '', clearpage: '',
        newpage: '', printglossary: '', makeglossary: '', small: '', footnotesize: '', large: '', Large: '', normalsize: '',
      };
      if (base in special) {
        out += special[base];
        i = k - 1;
        continue;
      }
      // Unknown or text-carrying command: keep the text of its arguments.
      let first = true;
      while (s[k] === '{') {
        const [arg, next] = group(s, k);
        out += (first ? '' : ' ') + latexToText(arg, glossary);
        first = false;
        k = next;
      }
      i = k - 1;
      continue;
    }
    if (ch === '{' || ch === '}' || ch === '$') continue;
    if (ch === '~') out += ' ';
    else if (ch === '`' && s[i + 1] === '`') {
      out += '“';
      i++;
    } else if (ch === "'" && s[i + 1] === "'") {
      out += '”';
      i++;
    } else if (ch === '-' && s.startsWith('---', i)) {
      out += '—';
      i += 2;
    } else if (ch === '-' && s[i + 1] === '-') {
      out += '–';
      i++;
    } else out += ch;
  }
  return out;
}

/** Splits a tabular body on row ends (\\) and cells (&) outside braces. */
function splitRows(body: string): { cells: string[]; offset: number }[] {
  const rows: { cells: string[]; offset: number }[] = [];
  let depth = 0;
  let cell = '';
  let cells: string[] = [];
  let start = 0;
  for (let k = 0; k < body.length; k++) {
    const ch = body[k]!;
    if (ch === '\\' && body[k + 1] === '\\' && depth === 0) {
      cells.push(cell);
      rows.push({ cells, offset: start });
      cells = [];
      cell = '';
      k++;
      k = skipOptional(body, k + 1) - 1;
      start = k + 1;
      continue;
    }
    if (ch === '\\') {
      cell += ch + (body[k + 1] ?? '');
      k++;
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '&' && depth === 0) {
      cells.push(cell);
      cell = '';
      continue;
    }
    cell += ch;
  }
  if (cell.trim() || cells.length) {
    cells.push(cell);
    rows.push({ cells, offset: start });
  }
  return rows;
}

/**
 * Refuses LaTeX nested past limits.maxNesting (environments inside environments, groups inside
 * groups, or openings never closed): the reader looks for each environment's end and each group's
 * closing brace, so 100,000 nested \begin{itemize} would cost 100,000 scans of the rest of the file.
 * One linear pass; verbatim environments are skipped, their braces are code, not groups.
 */
function checkNesting(lines: string[]): void {
  let envs = 0;
  let braces = 0;
  let verbatim: RegExp | undefined;
  const refuse = (what: string, depth: number) => {
    throw new UnreadableError(`the LaTeX nests ${what} ${depth} levels deep, over the maxNesting limit (${limits.maxNesting})`, 'limit');
  };
  for (const line of lines) {
    if (verbatim) {
      if (verbatim.test(line)) verbatim = undefined;
      continue;
    }
    for (let k = 0; k < line.length; k++) {
      const ch = line[k];
      if (ch === '{') {
        if (++braces > limits.maxNesting) refuse('groups', braces);
      } else if (ch === '}') braces = Math.max(0, braces - 1);
      else if (ch === '\\') {
        if (line.startsWith('begin{', k + 1)) {
          const close = line.indexOf('}', k + 7);
          const name = line.slice(k + 7, close < 0 ? line.length : close);
          if (VERBATIM.test(name)) {
            verbatim = new RegExp(`\\\\end\\{${escapeRegExp(name)}\\}`);
            if (verbatim.test(line.slice(k))) verbatim = undefined;
            else break;
          }
          if (++envs > limits.maxNesting) refuse('environments', envs);
        } else if (line.startsWith('end{', k + 1)) envs = Math.max(0, envs - 1);
        k++;
      }
    }
  }
}

export function readLatex(text: string): TextSource {
  const raw = splitLines(text);
  const lines = raw.map(stripComment);
  checkNesting(lines);
  const sink = new LineSink();

  // Glossary names, for \gls{key}.
  const glossary = new Map<string, string>();
  const whole = lines.join('\n');
  for (const m of whole.matchAll(/\\newglossaryentry\{([^}]+)\}\s*\{/g)) {
    const [body] = group(whole, m.index! + m[0].length - 1);
    const name = /name\s*=\s*(\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}|[^,]+)/.exec(body);
    if (name) glossary.set(m[1]!, latexToText((name[2] ?? name[1]!).trim()));
  }
  for (const m of whole.matchAll(/\\newacronym(?:\[[^\]]*\])?\{([^}]+)\}\{([^}]+)\}/g)) glossary.set(m[1]!, m[2]!);

  const hasChapters = /\\chapter\*?\s*[[{]/.test(whole);
  const levelOf = (cmd: string) => Math.max(1, SECTION_LEVELS[cmd]! - (hasChapters ? 0 : 1));
  const plain = (s: string) => latexToText(s, glossary);

  let inDocument = !/\\begin\{document\}/.test(whole);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const trimmed = line.trim();

    if (!inDocument) {
      // The preamble: only title, author and date carry text.
      const meta = /\\(title|author|date)\s*(\[[^\]]*\])?\s*\{/.exec(line);
      if (meta) {
        // A title spans a few lines at most: never the rest of the file, once per line.
        const [body] = group(lines.slice(i, i + 50).join('\n'), meta.index + meta[0].length - 1);
        sink.add(`${meta[1]}: ${plain(body)}`, lineNo);
        sink.breakBlock();
      }
      if (/\\begin\{document\}/.test(line)) inDocument = true;
      continue;
    }
    if (/\\end\{document\}/.test(line)) break;
    if (trimmed === '') {
      sink.add('', lineNo);
      continue;
    }

    const env = /\\begin\{([^}]+)\}/.exec(line);
    if (env) {
      const name = env[1]!;
      const endRe = new RegExp(`\\\\end\\{${escapeRegExp(name)}\\}`);
      let end = i;
      while (end < lines.length && !(end === i ? endRe.test(line.slice(env.index + env[0].length)) : endRe.test(lines[end]!))) end++;
      if (VERBATIM.test(name)) {
        for (let k = i + 1; k < end && k < lines.length; k++) sink.add(raw[k]!, k + 1);
        sink.breakBlock();
        i = end;
        continue;
      }
      if (DROP_ENVS.test(name)) {
        i = end;
        continue;
      }
      if (TABLES.test(name)) {
        // Body from after the column spec to \end.
        const block = lines.slice(i, Math.min(end + 1, lines.length)).join('\n');
        let k = block.indexOf(env[0]) + env[0].length;
        if (name.startsWith('tabular*') || name === 'tabularx' || name === 'tabulary') {
          if (block[k] === '{') [, k] = group(block, k);
        }
        k = skipOptional(block, k);
        while (block[k] === ' ') k++;
        if (block[k] === '{') [, k] = group(block, k);
        const stop = block.search(new RegExp(`\\\\end\\{${escapeRegExp(name)}\\}`));
        const body = block.slice(k, stop < 0 ? block.length : stop);
        const bodyLine = i + 1 + (block.slice(0, k).match(/\n/g)?.length ?? 0);
        sink.breakBlock();
        for (const row of splitRows(body)) {
          const lead = body.slice(0, row.offset);
          const skipped = body.slice(row.offset).match(/^(?:\s|\\(?:hline|toprule|midrule|bottomrule|endhead|endfirsthead|cline\{[^}]*\}))*/)?.[0] ?? '';
          const at = bodyLine + (lead.match(/\n/g)?.length ?? 0) + (skipped.match(/\n/g)?.length ?? 0);
          sink.row(row.cells.map(plain), at);
        }
        i = end;
        continue;
      }
      // Other environments: their content is read line by line; the \begin line may carry text.
      const rest = line.replace(/\\(begin|end)\{[^}]+\}(\s*\[[^\]]*\])?(\s*\{[^}]*\})?/g, '');
      if (rest.trim()) sink.add(plain(rest), lineNo);
      else sink.breakBlock();
      continue;
    }
    if (/\\end\{[^}]+\}/.test(line)) {
      const rest = line.replace(/\\end\{[^}]+\}/g, '');
      if (rest.trim()) sink.add(plain(rest), lineNo);
      sink.breakBlock();
      continue;
    }

    const sec = /\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph)(\*?)\s*(\[[^\]]*\])?\s*\{/.exec(line);
    if (sec) {
      const joined = lines.slice(i, i + 5).join('\n');
      const at = sec.index + sec[0].length - 1;
      const [title, after] = group(joined, at);
      sink.add(plain(title), lineNo, { heading: Math.min(levelOf(sec[1]!), 6) });
      const consumed = joined.slice(0, after).match(/\n/g)?.length ?? 0;
      const tail = joined.slice(after).split('\n')[0] ?? '';
      i += consumed;
      if (tail.trim()) sink.add(plain(tail), i + 1);
      continue;
    }
    const item = /^\s*\\item\s*(\[([^\]]*)\])?/.exec(line);
    if (item) {
      sink.breakBlock();
      const label = item[2] ? `${plain(item[2])}: ` : '';
      sink.add(label + plain(line.slice(item[0].length)), lineNo);
      continue;
    }
    sink.add(plain(line), lineNo);
  }
  return sink.source('latex');
}

/** An environment name (document text) as a literal inside a RegExp: never as regex syntax. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
