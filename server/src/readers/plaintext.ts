// Plain text → lines with locations. Headings: rst-style over/underlines (levels in order of
// appearance), numbered titles ('7.1 Security'), short ALL-CAPS lines standing alone. Tables:
// pipe-separated rows, ASCII grid tables, and runs of lines whose columns line up on 2+ spaces.
import type { TextSource } from './source.js';
import { GRID_BORDER, isAdornment, readGridTable } from './rst.js';
import { LineSink, expandTabs, numberedHeadingLevel, splitLines, splitPipes } from './text-common.js';

const RULE_LINE = /^\s*[-=_~*]{3,}(\s+[-=_~*]{3,})*\s*$/;

function isCapsHeading(t: string): boolean {
  if (t.length < 4 || t.length > 70) return false;
  if (!/[A-Z]{3}/.test(t) || /[a-z]/.test(t)) return false;
  if (/[.:;,|]$/.test(t) || t.includes('|') || /\s{3,}/.test(t)) return false;
  return /^[A-Z0-9]/.test(t);
}

/** Column start offsets of a line split on runs of 2+ spaces. */
function columnStarts(line: string): { starts: number[]; cells: string[] } {
  const starts: number[] = [];
  const cells: string[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    starts.push(m.index);
    cells.push(m[0]);
  }
  return { starts, cells };
}

function alignedWith(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 1; k < a.length; k++) if (Math.abs(a[k]! - b[k]!) > 2) return false;
  return true;
}

function isPipeRow(t: string): boolean {
  // A single " | " already separates cells; plain prose rarely has one.
  return / \| /.test(t) || (t.startsWith('|') && t.endsWith('|') && t.length > 2);
}

export function readPlainText(text: string): TextSource {
  const raw = splitLines(text).map((l) => expandTabs(l).replace(/\f/g, ''));
  const sink = new LineSink();
  const styles: string[] = [];
  const levelFor = (key: string) => {
    if (!styles.includes(key)) styles.push(key);
    return styles.indexOf(key) + 1;
  };
  const blankAt = (k: number) => k < 0 || k >= raw.length || raw[k]!.trim() === '';

  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    const t = line.trim();
    const lineNo = i + 1;
    if (t === '') {
      sink.add('', lineNo);
      continue;
    }

    // Over- and underlined titles.
    if (isAdornment(t) && raw[i + 2] !== undefined && raw[i + 1]!.trim() !== '' && isAdornment(raw[i + 2]!.trim()) && raw[i + 2]!.trim()[0] === t[0]) {
      sink.add(raw[i + 1]!, i + 2, { heading: levelFor(`o${t[0]}`) });
      i += 2;
      continue;
    }
    const under = raw[i + 1]?.trim();
    if (under && isAdornment(under) && !RULE_LINE.test(t) && !isPipeRow(t) && under.length >= Math.min(t.length, 3) * 0.5 && t.length <= 120 && blankAt(i - 1)) {
      sink.add(line, lineNo, { heading: levelFor(`u${under[0]}`) });
      i += 1;
      continue;
    }
    if (GRID_BORDER.test(line)) {
      i = readGridTable(raw, i, sink) - 1;
      continue;
    }
    if (RULE_LINE.test(t)) {
      sink.breakBlock();
      continue;
    }

    // Pipe rows (a run of them, or one row with 2+ pipes).
    if (isPipeRow(t)) {
      sink.row(splitPipes(t), lineNo);
      continue;
    }

    // Whitespace-aligned columns: 2+ consecutive lines with the same aligned columns.
    const here = columnStarts(line);
    if (here.cells.length >= 2) {
      let end = i;
      const rows: { cells: string[]; line: number }[] = [{ cells: here.cells, line: lineNo }];
      for (let k = i + 1; k < raw.length; k++) {
        const nt = raw[k]!.trim();
        if (nt === '') break;
        if (RULE_LINE.test(nt)) {
          end = k;
          continue;
        }
        const next = columnStarts(raw[k]!);
        if (!alignedWith(here.starts, next.starts)) break;
        rows.push({ cells: next.cells, line: k + 1 });
        end = k;
      }
      if (rows.length >= 2) {
        sink.breakBlock();
        for (const r of rows) sink.row(r.cells, r.line);
        i = end;
        continue;
      }
    }

    const level = blankAt(i - 1) ? numberedHeadingLevel(t) : 0;
    if (level && (blankAt(i + 1) || t.length < 60)) {
      sink.add(t, lineNo, { heading: level });
      continue;
    }
    if (blankAt(i - 1) && blankAt(i + 1) && isCapsHeading(t)) {
      sink.add(t, lineNo, { heading: 1 });
      continue;
    }
    const bullet = /^\s*([-*•o]|\d{1,3}[.)]|[a-z][.)])\s+/.exec(line);
    if (bullet) sink.breakBlock();
    sink.add(/^[-*•]/.test(bullet?.[1] ?? '') ? line.slice(bullet![0].length) : line, lineNo);
  }
  return sink.source('text');
}
