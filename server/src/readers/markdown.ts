// Markdown (CommonMark + GitHub pipe tables + pandoc YAML front matter) → lines with locations.
// Not a full CommonMark parser: it keeps every line where it was and marks what the review needs
// (ATX and setext headings, pipe-table rows), stripping inline markup so phrases match.
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { TextLine, TextSource } from './source.js';
import { LineSink, decodeEntities, expandTabs, splitLines, splitPipes } from './text-common.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC = /^ {0,3}((?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Removes inline Markdown and HTML markup, keeping the words (and absolute link targets). */
export function stripInlineMarkdown(s: string, keepUrls = true): string {
  let t = s;
  // Code spans first: their content is literal.
  const codes: string[] = [];
  t = t.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _f, code: string) => {
    codes.push(code.trim());
    return `\u0000${codes.length - 1}\u0000`;
  });
  // Labels and targets stop at the next bracket or parenthesis: 40,000 nested '[' would otherwise
  // make each of them scan the rest of the line (quadratic); nested labels lose their links only.
  t = t.replace(/!\[([^[\]]*)\]\([^()]*\)/g, '$1');
  t = t.replace(/!\[([^[\]]*)\]\[[^[\]]*\]/g, '$1');
  t = t.replace(/\[([^[\]]+)\]\(\s*<?([^()\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (_m, label: string, url: string) =>
    keepUrls && /^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !label.includes(url) ? `${label} (${url})` : label,
  );
  t = t.replace(/\[([^[\]]+)\]\[[^[\]]*\]/g, '$1');
  t = t.replace(/<((?:https?|ftp|mailto):[^>\s]+)>/gi, '$1');
  t = t.replace(/<br\s*\/?>/gi, ' ');
  t = t.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
  // Emphasis spans end at their delimiter's next occurrence (no lazy scan to the end of the line
  // from each of 25,000 unclosed openers); nested emphasis keeps an asterisk or two.
  t = t.replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, '$1');
  t = t.replace(/__(?=\S)([^_]*?\S)__/g, '$1');
  t = t.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2');
  t = t.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2');
  t = t.replace(/~~(?=\S)([^~]*?\S)~~/g, '$1');
  t = t.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, '$1');
  t = decodeEntities(t);
  t = t.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? '');
  return t;
}

export function readMarkdown(text: string): TextSource {
  const raw = splitLines(text);
  const sink = new LineSink();
  let i = 0;

  // pandoc / Jekyll YAML front matter: kept as plain lines ('title: …'), not a setext heading.
  if (/^---\s*$/.test(raw[0] ?? '')) {
    const end = raw.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      for (let k = 1; k < end; k++) sink.add(raw[k]!, k + 1);
      sink.breakBlock();
      i = end + 1;
    }
  }

  let fence: { char: string; len: number } | null = null;
  let inComment = false;
  let lastText: TextLine | undefined; // the previous line when it was paragraph text (setext candidate)

  for (; i < raw.length; i++) {
    const lineNo = i + 1;
    // Checked before any inline markup is stripped: a long line of markup must not cost its square.
    if (raw[i]!.length > limits.maxLineLength) {
      throw new UnreadableError(`line ${lineNo} is ${raw[i]!.length} characters long, over the ${limits.maxLineLength}-character limit`, 'limit');
    }
    const line = expandTabs(raw[i]!);

    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len && line.trim() === close[1]) {
        fence = null;
        sink.breakBlock();
      } else sink.add(line, lineNo);
      lastText = undefined;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = { char: open[1]![0]!, len: open[1]!.length };
      sink.breakBlock();
      lastText = undefined;
      continue;
    }

    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const commentStart = line.indexOf('<!--');
    let work = line;
    if (commentStart >= 0) {
      const end = line.indexOf('-->', commentStart + 4);
      if (end < 0) {
        inComment = true;
        work = line.slice(0, commentStart);
      } else work = line.slice(0, commentStart) + line.slice(end + 3);
      if (work.trim() === '') continue;
    }

    if (work.trim() === '') {
      sink.add('', lineNo);
      lastText = undefined;
      continue;
    }

    const setext = SETEXT.exec(work);
    if (setext && lastText && lastText.line === lineNo - 1) {
      lastText.heading = setext[1]![0] === '=' ? 1 : 2;
      sink.breakBlock();
      lastText = undefined;
      continue;
    }
    if (THEMATIC.test(work)) {
      sink.breakBlock();
      lastText = undefined;
      continue;
    }

    const atx = ATX.exec(work);
    if (atx) {
      sink.add(stripInlineMarkdown(atx[2] ?? '', false), lineNo, { heading: atx[1]!.length });
      lastText = undefined;
      continue;
    }

    // Pipe table: a row with pipes followed by a delimiter row.
    const next = raw[i + 1];
    if (work.includes('|') && next !== undefined && next.includes('-') && DELIMITER_ROW.test(next) && (next.includes('|') || work.trim().startsWith('|'))) {
      sink.breakBlock();
      sink.row(splitPipes(work).map((c) => stripInlineMarkdown(c)), lineNo);
      i++;
      while (i + 1 < raw.length) {
        const r = raw[i + 1]!;
        if (r.trim() === '' || !r.includes('|')) break;
        i++;
        sink.row(splitPipes(expandTabs(r)).map((c) => stripInlineMarkdown(c)), i + 1);
      }
      lastText = undefined;
      continue;
    }

    // Block quotes and bullets: markers go, the words stay.
    let body = work.replace(/^ {0,3}(> ?)+/, '');
    const bullet = /^\s*[-*+][ \t]+(\[[ xX]\][ \t]+)?/.exec(body);
    if (bullet) {
      sink.breakBlock();
      body = body.slice(bullet[0].length);
    } else if (/^\s*\d{1,9}[.)][ \t]+/.test(body)) sink.breakBlock();
    const added = sink.add(stripInlineMarkdown(body), lineNo);
    lastText = added && !bullet && !/^ {4,}/.test(work) ? added : undefined;
  }
  return sink.source('markdown');
}
