// A tiny PDF writer with no dependencies: positioned text lines in Helvetica / Helvetica-Bold,
// several pages, optional Flate compression. Enough for fictional conformance statements, test
// fixtures (tables, headings, scanned and encrypted look-alikes) and benchmark documents.
import { deflateSync } from 'node:zlib';

export interface PdfTextLine {
  text: string;
  /** Left edge in points from the page's left side (default: the left margin). */
  x?: number;
  /** Baseline in points from the page's TOP (default: below the previous line). */
  y?: number;
  /** Font size in points (default 10). */
  size?: number;
  bold?: boolean;
}

export interface PdfPage {
  lines: PdfTextLine[];
  /** Filled grey rectangles [x, yTop, width, height], e.g. a fake scanned image. */
  rects?: [number, number, number, number][];
}

export interface PdfOptions {
  width?: number;
  height?: number;
  compress?: boolean;
  title?: string;
  /**
   * Test fixture: add a Standard security handler whose user password is unknown, so readers
   * must ask for a password. The content itself is not encrypted (nobody can open it anyway).
   */
  encryptWithUnknownPassword?: boolean;
}

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 56;

// Helvetica advance widths (1/1000 em) for ASCII 32..126, from the standard font metrics.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
  722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
  278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Approximate width of a string in points. */
export function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    w += c >= 32 && c <= 126 ? HELVETICA[c - 32]! : 556;
  }
  return (w / 1000) * size * (bold ? 1.07 : 1);
}

/** Splits text into lines no wider than `width` points. */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let cur = '';
  for (const word of words) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && textWidth(next, size, bold) > width) {
      out.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out.length ? out : [''];
}

// WinAnsiEncoding for the few non-ASCII characters our samples use.
const WIN_ANSI: Record<string, number> = {
  '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '•': 0x95, '–': 0x96, '—': 0x97, '‘': 0x91, '’': 0x92,
  '“': 0x93, '”': 0x94, '™': 0x99,
};

function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (c >= 32 && c <= 126) out += ch;
    else {
      const code = WIN_ANSI[ch] ?? (c >= 0xa0 && c <= 0xff ? c : 0x3f);
      out += `\\${code.toString(8).padStart(3, '0')}`;
    }
  }
  return `${out})`;
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** Writes a PDF. Line y positions count from the top of the page. */
export function writePdf(pages: PdfPage[], options: PdfOptions = {}): Uint8Array {
  const width = options.width ?? PAGE_WIDTH;
  const height = options.height ?? PAGE_HEIGHT;
  const compress = options.compress ?? true;
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => {
    objects.push(body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer) => {
    const body = compress ? deflateSync(data) : data;
    return Buffer.concat([
      Buffer.from(`<< ${dict}${compress ? ' /Filter /FlateDecode' : ''} /Length ${body.length} >>\nstream\n`, 'latin1'),
      body,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  };

  const catalog = add(''); // filled in below
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const fontBold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    let ops = '';
    for (const [x, yTop, w, h] of page.rects ?? []) ops += `0.6 g ${num(x)} ${num(height - yTop - h)} ${num(w)} ${num(h)} re f 0 g\n`;
    let y = MARGIN;
    for (const line of page.lines) {
      const size = line.size ?? 10;
      y = line.y ?? y + size * 1.35;
      if (line.text === '') continue;
      ops += `BT /${line.bold ? 'F2' : 'F1'} ${num(size)} Tf 1 0 0 1 ${num(line.x ?? MARGIN)} ${num(height - y)} Tm ${pdfString(line.text)} Tj ET\n`;
    }
    const content = add(stream('', Buffer.from(ops, 'latin1')));
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${num(width)} ${num(height)}] ` +
          `/Resources << /Font << /F1 ${font} 0 R /F2 ${fontBold} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(`<< /Producer (dicomsec sample writer)${options.title ? ` /Title ${pdfString(options.title)}` : ''} >>`);
  let encrypt = 0;
  if (options.encryptWithUnknownPassword) {
    const hex32 = (seed: number) => Array.from({ length: 32 }, (_, k) => ((seed * 31 + k * 17) & 0xff).toString(16).padStart(2, '0')).join('');
    encrypt = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex32(7)}> /U <${hex32(11)}> /P -44 >>`);
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(offset);
    const buf = Buffer.concat([
      Buffer.from(`${k + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(buf);
    offset += buf.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${o.toString().padStart(10, '0')} 00000 n \n`;
  const id = '<0123456789abcdef0123456789abcdef>';
  xref +=
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R /ID [${id} ${id}]` +
    `${encrypt ? ` /Encrypt ${encrypt} 0 R` : ''} >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

export type Block =
  | { kind: 'heading'; text: string; level: number }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] }
  | { kind: 'pagebreak' };

export interface LayoutOptions {
  /** Running footer; '{page}' is replaced by the page number. */
  footer?: string;
  bodySize?: number;
}

const HEADING_SIZES = [18, 14, 12, 11];

/** Paginates headings, paragraphs, bullet lists and tables onto A4 pages. */
export function layoutDocument(blocks: Block[], options: LayoutOptions = {}): PdfPage[] {
  const body = options.bodySize ?? 10;
  const bottom = PAGE_HEIGHT - MARGIN - 20;
  const usable = PAGE_WIDTH - 2 * MARGIN;
  const pages: PdfPage[] = [];
  let page: PdfPage = { lines: [] };
  let y = MARGIN;
  const newPage = () => {
    pages.push(page);
    page = { lines: [] };
    y = MARGIN;
  };
  const ensure = (h: number) => {
    if (y + h > bottom && page.lines.length) newPage();
  };
  const put = (text: string, x: number, size: number, bold = false) => page.lines.push({ text, x, y, size, bold });

  for (const b of blocks) {
    switch (b.kind) {
      case 'pagebreak':
        if (page.lines.length) newPage();
        break;
      case 'heading': {
        const size = HEADING_SIZES[Math.min(b.level, HEADING_SIZES.length) - 1]!;
        const lines = wrapText(b.text, usable, size, true);
        ensure(size * 1.4 * lines.length + size * 2 + body * 3);
        y += size * 1.1;
        for (const l of lines) {
          y += size * 1.25;
          put(l, MARGIN, size, true);
        }
        y += size * 0.4;
        break;
      }
      case 'paragraph': {
        const lines = wrapText(b.text, usable, body);
        for (const l of lines) {
          ensure(body * 1.35);
          y += body * 1.35;
          put(l, MARGIN, body);
        }
        y += body * 0.6;
        break;
      }
      case 'bullets':
        for (const item of b.items) {
          const lines = wrapText(item, usable - 14, body);
          lines.forEach((l, k) => {
            ensure(body * 1.35);
            y += body * 1.35;
            if (k === 0) put('•', MARGIN + 2, body);
            put(l, MARGIN + 14, body);
          });
          y += body * 0.3;
        }
        y += body * 0.4;
        break;
      case 'table': {
        const n = b.header.length;
        const widths = b.widths ?? Array.from({ length: n }, () => usable / n);
        const xs: number[] = [];
        widths.reduce((x, w) => (xs.push(x), x + w), MARGIN);
        const size = body - 1;
        const drawRow = (cells: string[], bold: boolean) => {
          const wrapped = cells.map((c, k) => wrapText(c, widths[k]! - 16, size, bold));
          const h = Math.max(...wrapped.map((w) => w.length));
          ensure(h * size * 1.3 + 6);
          const top = y;
          for (let r = 0; r < h; r++) {
            y = top + (r + 1) * size * 1.3;
            wrapped.forEach((w, k) => {
              if (w[r]) put(w[r]!, xs[k]! + 2, size, bold);
            });
          }
          y += 6;
        };
        y += 4;
        drawRow(b.header, true);
        for (const row of b.rows) drawRow(row, false);
        y += body * 0.8;
        break;
      }
    }
  }
  if (page.lines.length) pages.push(page);
  if (options.footer) {
    pages.forEach((p, k) =>
      p.lines.push({ text: options.footer!.replace('{page}', String(k + 1)), x: MARGIN, y: PAGE_HEIGHT - MARGIN + 10, size: 8 }),
    );
  }
  return pages;
}
