// PDF → lines with page and line-on-page, using pdf.js (legacy build, runs on Node 20) in-process.
// Nothing is rendered, evaluated or fetched: isEvalSupported off, no font faces, no XFA, no
// network (only pdf.js's own font and CMap files from disk, when they are there).
// Reading order, headings and table rows are rebuilt from text positions.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import { checkPdfStreams } from './pdf-streams.js';
import type { TextSource } from './source.js';
import { LineSink, normalizeSpace, numberedHeadingLevel } from './text-common.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsLoading: Promise<PdfJs> | undefined;

/** Loads pdf.js once, with a DOMMatrix stand-in and the worker in-process (bundles cleanly). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    if (!g.DOMMatrix) {
      // Text extraction never draws; pdf.js only needs the constructor to exist.
      g.DOMMatrix = class DOMMatrixStub {
        a: number; b: number; c: number; d: number; e: number; f: number;
        constructor(init: number[] = [1, 0, 0, 1, 0, 0]) {
          [this.a, this.b, this.c, this.d, this.e, this.f] = init as [number, number, number, number, number, number];
        }
      };
    }
    // pdf.js announces at load time that it cannot find the optional canvas package: harmless.
    const { log, warn } = console;
    console.log = console.warn = () => {};
    try {
      const [pdfjs, worker] = await Promise.all([
        import('pdfjs-dist/legacy/build/pdf.mjs'),
        // @ts-ignore -- the worker module ships without type declarations
        import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
      ]);
      g.pdfjsWorker ??= worker;
      return pdfjs;
    } finally {
      console.log = log;
      console.warn = warn;
    }
  })();
  return pdfjsLoading;
}

/** pdf.js's own standard-font and CMap files on disk, when installed (never fetched from a network). */
function localDataDirs(): { standardFontDataUrl?: string; cMapUrl?: string } {
  try {
    const req = createRequire(import.meta.url);
    const root = path.dirname(req.resolve('pdfjs-dist/package.json'));
    const fonts = path.join(root, 'standard_fonts') + path.sep;
    const cmaps = path.join(root, 'cmaps') + path.sep;
    return {
      ...(existsSync(fonts) ? { standardFontDataUrl: fonts } : {}),
      ...(existsSync(cmaps) ? { cMapUrl: cmaps } : {}),
    };
  } catch {
    return {};
  }
}

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
  bold: boolean;
}

interface Segment {
  x0: number;
  x1: number;
  text: string;
  size: number;
  bold: boolean;
}

interface PhysLine {
  page: number;
  /** 1-based line on the page, top to bottom. */
  line: number;
  y: number;
  size: number;
  bold: boolean;
  segments: Segment[];
  text: string;
  repeated?: boolean;
}

const NUMBER_ONLY = /^(?:\d{1,2}(?:\.\d{1,3})*|[A-Z](?:\.\d{1,3})+|[A-Z]|[IVX]{1,5})\.?$/;

/** Reads a PDF's text. Throws UnreadableError for encrypted, scanned, corrupt or oversized files. */
export async function readPdf(bytes: Uint8Array): Promise<TextSource> {
  // Every filter's output is budgeted before pdf.js, which decodes streams whole, sees the file.
  await checkPdfStreams(bytes);
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // A plain copy: pdf.js refuses Node Buffers and detaches what it is given.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    // Images are never decoded: text extraction does not need them, and their raster (Width ×
    // Height, up to gigabytes) would escape the stream budget checked above.
    maxImageSize: 0,
    verbosity: 0,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    ...localDataDirs(),
  });
  // No onPassword callback: pdf.js then rejects with PasswordException, reported as 'encrypted'.

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnreadableError(`reading the PDF took longer than ${limits.timeoutMs} ms`, 'limit')),
      limits.timeoutMs,
    );
  });
  try {
    return await Promise.race([extract(task), timeout]);
  } catch (err) {
    throw toUnreadable(err);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }
}

function toUnreadable(err: unknown): UnreadableError {
  if (err instanceof UnreadableError) return err;
  const e = err as { name?: string; message?: string };
  if (e?.name === 'PasswordException') {
    return new UnreadableError('the PDF is encrypted with a password; ask the vendor for an unprotected copy', 'encrypted');
  }
  const detail = String(e?.message ?? err).split('\n')[0]!.slice(0, 200);
  return new UnreadableError(`the PDF cannot be read: ${detail}`, 'corrupt');
}

type LoadingTask = ReturnType<PdfJs['getDocument']>;

async function extract(task: LoadingTask): Promise<TextSource> {
  const doc = await task.promise;
  if (doc.numPages > limits.maxPdfPages) {
    throw new UnreadableError(`the PDF has ${doc.numPages} pages, over the ${limits.maxPdfPages}-page limit`, 'limit');
  }
  const fontNames = new Map<string, string>();
  const pages: PhysLine[][] = [];
  let textless = 0;
  let chars = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    try {
      const content = await page.getTextContent();
      const raw = content.items.filter((it): it is Extract<typeof it, { str: string }> => 'str' in it);
      // Bold shows only in the real font name, which pdf.js resolves with the operator list.
      if (raw.some((it) => it.str.trim() && !fontNames.has(it.fontName))) {
        await page.getOperatorList({ intent: 'print' });
        for (const it of raw) {
          if (fontNames.has(it.fontName)) continue;
          let name = '';
          try {
            name = String((page.commonObjs.get(it.fontName) as { name?: string } | null)?.name ?? '');
          } catch {
            /* not resolved: treat as regular */
          }
          fontNames.set(it.fontName, name);
        }
      }
      const items: Item[] = [];
      for (const it of raw) {
        if (!it.str || !it.str.trim()) continue;
        const [a, b, c, d, e, f] = it.transform as number[];
        // Rotated or vertical text (stamps, watermarks, sideways headers) is left out.
        if (Math.abs(b!) > 0.01 * Math.abs(a!) || Math.abs(c!) > 0.01 * Math.abs(d!)) continue;
        const size = Math.abs(d!) || it.height || 10;
        items.push({
          str: it.str,
          x: e!,
          y: f!,
          w: it.width,
          size,
          bold: /bold|black|heavy|semibold|demi/i.test(fontNames.get(it.fontName) ?? ''),
        });
      }
      const n = items.reduce((s, it) => s + it.str.replace(/\s/g, '').length, 0);
      chars += n;
      if (n < 10) textless++;
      pages.push(buildLines(items, p));
    } finally {
      page.cleanup();
    }
  }
  if (chars < 40 || (doc.numPages >= 2 && textless / doc.numPages > 0.6)) {
    throw new UnreadableError(
      textless === doc.numPages
        ? 'the PDF has no extractable text (a scanned document?); ask the vendor for a text PDF'
        : `${textless} of ${doc.numPages} PDF pages have no extractable text (scanned?); ask the vendor for a text PDF`,
      'no-text',
    );
  }
  markRepeated(pages);
  const source = assemble(pages);
  source.pages = doc.numPages;
  return source;
}

/** Clusters items into lines by baseline, sorts each by x and glues fragments into segments. */
function buildLines(items: Item[], page: number): PhysLine[] {
  items.sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Item[][] = [];
  let cur: Item[] = [];
  let curY = Number.NaN;
  for (const it of items) {
    const tol = Math.max(1.5, 0.4 * Math.min(it.size, cur[0]?.size ?? it.size));
    if (cur.length && Math.abs(it.y - curY) <= tol) cur.push(it);
    else {
      if (cur.length) groups.push(cur);
      cur = [it];
      curY = it.y;
    }
  }
  if (cur.length) groups.push(cur);

  return groups.map((g, k) => {
    g.sort((p, q) => p.x - q.x);
    const segments: Segment[] = [];
    let seg: Segment | undefined;
    let prevEnd = 0;
    for (const it of g) {
      const gap = it.x - prevEnd;
      if (seg && gap < Math.max(1.1 * it.size, 6)) {
        const needSpace = gap > 0.12 * it.size && !seg.text.endsWith(' ') && !it.str.startsWith(' ');
        seg.text += (needSpace ? ' ' : '') + it.str;
        seg.x1 = Math.max(seg.x1, it.x + it.w);
        seg.bold &&= it.bold;
        seg.size = Math.max(seg.size, it.size);
      } else {
        seg = { x0: it.x, x1: it.x + it.w, text: it.str, size: it.size, bold: it.bold };
        segments.push(seg);
      }
      prevEnd = Math.max(prevEnd, it.x + it.w);
    }
    for (const s of segments) s.text = normalizeSpace(s.text);
    // A section number set apart by a tab ('7.1<tab>Security') belongs to its title.
    if (segments.length === 2 && NUMBER_ONLY.test(segments[0]!.text) && /^[A-Z]/.test(segments[1]!.text)) {
      const [n, t] = segments as [Segment, Segment];
      segments.splice(0, 2, { x0: n.x0, x1: t.x1, text: `${n.text} ${t.text}`, size: Math.max(n.size, t.size), bold: t.bold });
    }
    const chars = segments.reduce((s, x) => s + x.text.length, 0);
    const size = segments.reduce((s, x) => s + x.size * x.text.length, 0) / Math.max(1, chars);
    return {
      page,
      line: k + 1,
      y: g[0]!.y,
      size,
      bold: segments.every((s) => s.bold),
      segments,
      text: segments.map((s) => s.text).join(' '),
    };
  });
}

/**
 * Running headers and footers: the same text (page numbers aside) at the same height on many
 * pages, set apart from the body by a gap. Numbered titles ('3 Security') are never furniture.
 */
function markRepeated(pages: PhysLine[][]): void {
  if (pages.length < 3) return;
  const key = (l: PhysLine) => `${Math.round(l.y / 4)}|${l.text.replace(/\d+/g, '#').toLowerCase()}`;
  const edges = (lines: PhysLine[]): PhysLine[] => {
    const n = lines.length;
    const out: PhysLine[] = [];
    if (n < 2) return out;
    // Set apart: a gap well above both the font size and the page's usual line pitch.
    const pitches = lines.slice(1).map((l, k) => lines[k]!.y - l.y).sort((a, b) => a - b);
    const pitch = pitches[Math.floor(pitches.length / 2)] ?? 0;
    const gap = (a: PhysLine, b: PhysLine) => a.y - b.y > Math.max(1.5 * Math.max(a.size, b.size), 1.3 * pitch);
    const top1 = n > 2 && gap(lines[1]!, lines[2]!);
    if (gap(lines[0]!, lines[1]!) || top1) out.push(lines[0]!);
    if (top1) out.push(lines[1]!);
    const bottom2 = n > 2 && gap(lines[n - 3]!, lines[n - 2]!);
    if (gap(lines[n - 2]!, lines[n - 1]!) || bottom2) out.push(lines[n - 1]!);
    if (bottom2) out.push(lines[n - 2]!);
    return out.filter((l) => l.text.length <= 160 && numberedHeadingLevel(l.text) === 0);
  };
  const counts = new Map<string, number>();
  for (const lines of pages) for (const k of new Set(edges(lines).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const min = Math.max(3, pages.length * 0.4);
  for (const lines of pages) for (const l of edges(lines)) if ((counts.get(key(l)) ?? 0) >= min) l.repeated = true;
}

const TOC_LINE = /(\.{4,}|\. \. \. )\s*\d+$|\s\.{2,}\s*\d+$/;

function assemble(pages: PhysLine[][]): TextSource {
  const all = pages.flat();
  // Body size: the size carrying the most characters.
  const bySize = new Map<number, number>();
  for (const l of all) {
    if (l.repeated) continue;
    const s = Math.round(l.size * 2) / 2;
    bySize.set(s, (bySize.get(s) ?? 0) + l.text.length);
  }
  const body = [...bySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;

  // Which lines are headings, and of what kind.
  const isHeadingCandidate = (l: PhysLine): 'size' | 'numbered' | null => {
    if (l.repeated || l.segments.length > 1 || l.text.length > 150 || !/[A-Za-z]{2}/.test(l.text)) return null;
    if (TOC_LINE.test(l.text) || /[.,;]$/.test(l.text) && l.text.length > 60) return null;
    if (l.size >= body * 1.15 && l.text.length <= 120 && !/:$/.test(l.text)) return 'size';
    if (l.bold && l.size >= body * 1.05 && l.text.length <= 120 && !/[:.]$/.test(l.text)) return 'size';
    if (l.bold && numberedHeadingLevel(l.text) > 0) return 'numbered';
    return null;
  };
  // Size → level, learnt from numbered headings of that size; otherwise by rank among sizes.
  const candidates = all.filter((l) => isHeadingCandidate(l));
  const sizeKey = (l: PhysLine) => Math.round(l.size * 2) / 2;
  const depthVotes = new Map<number, Map<number, number>>();
  for (const l of candidates) {
    const d = numberedHeadingLevel(l.text);
    if (!d) continue;
    const votes = depthVotes.get(sizeKey(l)) ?? new Map<number, number>();
    votes.set(d, (votes.get(d) ?? 0) + 1);
    depthVotes.set(sizeKey(l), votes);
  }
  const sizes = [...new Set(candidates.map(sizeKey))].sort((a, b) => b - a);
  const levelOf = (l: PhysLine): number => {
    const d = numberedHeadingLevel(l.text);
    if (d) return Math.min(d, 6);
    const votes = depthVotes.get(sizeKey(l));
    if (votes) return [...votes].sort((a, b) => b[1] - a[1])[0]![0];
    return Math.min(sizes.indexOf(sizeKey(l)) + 1, 6);
  };

  const sink = new LineSink();
  for (const lines of pages) {
    sink.breakBlock();
    let i = 0;
    while (i < lines.length) {
      const l = lines[i]!;
      const prev = lines[i - 1];
      if (l.segments.length >= 2 && !l.repeated) {
        const end = tableEnd(lines, i);
        if (end - i >= 2 && lines.slice(i, end).filter((x) => x.segments.length >= 2).length >= 2) {
          emitTable(lines.slice(i, end), sink);
          i = end;
          continue;
        }
      }
      if (prev && (prev.y - l.y > 1.9 * Math.max(l.size, prev.size) || Math.abs(prev.size - l.size) > 0.6 || prev.repeated !== l.repeated)) {
        sink.breakBlock();
      }
      const kind = isHeadingCandidate(l);
      if (kind) {
        // A title wrapped over several lines: same size, same level, close together.
        let text = l.text;
        let j = i + 1;
        while (
          j < lines.length && !lines[j]!.repeated && lines[j]!.segments.length === 1 && lines[j]!.text.length <= 80 &&
          numberedHeadingLevel(lines[j]!.text) === 0 && Math.abs(lines[j]!.size - l.size) < 0.3 &&
          lines[j - 1]!.y - lines[j]!.y < 1.6 * l.size && lines[j]!.bold === l.bold && (l.bold || kind === 'size')
        ) {
          text += ` ${lines[j]!.text}`;
          j++;
        }
        sink.add(text, l.line, { page: l.page, heading: levelOf(l), endLine: lines[j - 1]!.line });
        i = j;
      } else {
        sink.add(l.text, l.line, { page: l.page });
        i++;
      }
    }
  }
  const src = sink.source('pdf');
  return src;
}

/** Column starts: segment left edges clustered within a few points, seen on 2+ lines. */
function columnStarts(lines: PhysLine[]): number[] {
  const xs = lines.filter((l) => l.segments.length >= 2).flatMap((l) => l.segments.map((s) => s.x0)).sort((a, b) => a - b);
  const clusters: { x: number; n: number }[] = [];
  for (const x of xs) {
    const last = clusters[clusters.length - 1];
    if (last && x - last.x <= 6) last.n++;
    else clusters.push({ x, n: 1 });
  }
  const kept = clusters.filter((c) => c.n >= 2);
  return (kept.length >= 2 ? kept : clusters).map((c) => c.x);
}

/** Index after the last line of the table that starts at `start`. */
function tableEnd(lines: PhysLine[], start: number): number {
  let cols = columnStarts([lines[start]!, lines[start]!]);
  let i = start + 1;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const prev = lines[i - 1]!;
    if (l.repeated) break;
    const gap = prev.y - l.y;
    if (l.segments.length >= 2) {
      if (gap > 3 * Math.max(l.size, prev.size)) break;
      cols = columnStarts(lines.slice(start, i + 1));
      continue;
    }
    // A single segment continues the table when it sits inside one column (a wrapped cell).
    if (gap > 1.8 * Math.max(l.size, prev.size)) break;
    const s = l.segments[0]!;
    const k = columnIndex(cols, s.x0);
    const nextStart = cols[k + 1] ?? Infinity;
    const aligned = cols.some((c) => Math.abs(c - s.x0) <= 6);
    if (!aligned || s.x1 > nextStart + 2) break;
    // In the first column, a single segment is a wrapped cell only when it sits closer to the line
    // above than rows sit to each other; otherwise it is the paragraph after the table.
    if (k === 0 && !(gap < 0.85 * rowPitch(lines, start, i))) break;
  }
  return i;
}

/** Smallest baseline distance between two multi-segment lines of the table so far. */
function rowPitch(lines: PhysLine[], start: number, end: number): number {
  let pitch = Infinity;
  for (let k = start + 1; k < end; k++) {
    if (lines[k]!.segments.length >= 2 && lines[k - 1]!.segments.length >= 2) pitch = Math.min(pitch, lines[k - 1]!.y - lines[k]!.y);
  }
  return pitch === Infinity ? 0 : pitch;
}

function columnIndex(cols: number[], x: number): number {
  let k = 0;
  for (let j = 0; j < cols.length; j++) if (cols[j]! <= x + 6) k = j;
  return k;
}

function emitTable(lines: PhysLine[], sink: LineSink): void {
  const cols = columnStarts(lines);
  const grid = lines.map((l) => {
    const cells: string[] = cols.map(() => '');
    for (const s of l.segments) {
      const k = columnIndex(cols, s.x0);
      cells[k] = cells[k] ? `${cells[k]} ${s.text}` : s.text;
    }
    return cells;
  });
  // Gap before lines that clearly start a row (first cell filled, 2+ cells): the row pitch.
  const rowGaps: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    if (grid[k]![0] && grid[k]!.filter(Boolean).length >= 2) rowGaps.push(lines[k - 1]!.y - lines[k]!.y);
  }
  rowGaps.sort((a, b) => a - b);
  const pitch = rowGaps[Math.floor(rowGaps.length / 2)] ?? Infinity;

  sink.breakBlock();
  let row: string[] | null = null;
  let first = 0;
  let last = 0;
  const flush = () => {
    if (row) sink.add(row.join(' | '), lines[first]!.line, { page: lines[first]!.page, cells: row, endLine: lines[last]!.line });
    row = null;
  };
  for (let k = 0; k < lines.length; k++) {
    const cells = grid[k]!;
    const filled = cells.filter(Boolean).length;
    const gap = k > 0 ? lines[k - 1]!.y - lines[k]!.y : Infinity;
    const continuation =
      row !== null && (!cells[0] || (filled < (row as string[]).filter(Boolean).length && gap < 0.85 * pitch));
    if (continuation) {
      const r: string[] = row!;
      cells.forEach((c, j) => {
        if (c) r[j] = r[j] ? `${r[j]} ${c}` : c;
      });
      last = k;
    } else {
      flush();
      row = cells;
      first = k;
      last = k;
    }
  }
  flush();
}
