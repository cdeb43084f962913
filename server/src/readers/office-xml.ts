// A streaming tokenizer for the machine-written XML inside Office and OpenDocument files.
// No DTD, no entity expansion beyond the XML built-ins and character references.
import { decodeEntities } from './text-common.js';

export type XmlToken =
  | { type: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

/** Yields start tags, end tags and (decoded) text, skipping comments, PIs, CDATA markers and DOCTYPE. */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      yield { type: 'text', text: decodeEntities(xml.slice(i)) };
      return;
    }
    if (lt > i) yield { type: 'text', text: decodeEntities(xml.slice(i, lt)) };
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      yield { type: 'text', text: xml.slice(lt + 9, end < 0 ? n : end) };
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      let depth = 0;
      let k = lt + 2;
      for (; k < n; k++) {
        const ch = xml[k];
        if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      i = k + 1;
      continue;
    }
    let k = lt + 1;
    let quote = '';
    for (; k < n; k++) {
      const ch = xml[k]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    const body = xml.slice(lt + 1, k);
    i = k + 1;
    if (body.startsWith('/')) {
      yield { type: 'close', name: body.slice(1).trim() };
      continue;
    }
    const m = /^([^\s/>]+)/.exec(body);
    if (!m) continue;
    const selfClosing = body.endsWith('/');
    yield { type: 'open', name: m[1]!, attrs: body.slice(m[1]!.length, selfClosing ? -1 : undefined), selfClosing };
  }
}

/** One attribute's value from a tag's attribute text. */
export function attr(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name.replace(/[.:-]/g, (c) => `\\${c}`)}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(attrs);
  if (!m) return undefined;
  return decodeEntities(m[2] ?? m[3] ?? '');
}
