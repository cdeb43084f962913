// Port numbers an MDS2 form discloses: CONN-2 ("list of network ports and protocols") and CONN-3
// (communication with other systems), in their answer cells, comments and notes. Precision over
// recall: a number counts only next to the word "port", with a /tcp or /udp suffix, or in a list
// that follows "Ports:"; sizes, versions and years do not.
import type { Mds2Form, Mds2Port } from './model.js';
import { directionIn } from '../network-direction.js';

const SOURCES = ['CONN-2', 'CONN-3'];
const MAX_TEXT = 20_000;

function protocolOf(text: string, port: number): string {
  const t = text.toLowerCase();
  if (/\bdicom\b[^,;|]{0,12}\b(?:tls|secure)\b|\bdicom-tls\b|\bdicoms\b/.test(t)) return 'dicom-tls';
  if (/\bhttps\b/.test(t)) return 'https';
  if (/\bdicom ?web\b|\bwado\b|\bqido\b|\bstow\b/.test(t)) return 'dicomweb';
  if (/\bhttp\b/.test(t)) return 'http';
  if (/\bhl7\b|\bmllp\b/.test(t)) return 'hl7';
  if (/\bldaps?\b/.test(t)) return 'ldap';
  if (/\bsyslog\b|\batna\b/.test(t)) return 'syslog';
  if (/\bs?ntp\b/.test(t)) return 'ntp';
  if (/\bdicom\b|\bdimse\b/.test(t)) return port === 2762 ? 'dicom-tls' : 'dicom';
  if (/\bsmb\b|\bcifs\b/.test(t)) return 'smb';
  if (/\bssh\b/.test(t)) return 'ssh';
  return 'other';
}

/** Ports named in one text. Linear scans; every gap bounded. */
export function portsInText(text: string): Omit<Mds2Port, 'questionId'>[] {
  const t = text.slice(0, MAX_TEXT);
  const out: Omit<Mds2Port, 'questionId'>[] = [];
  const seen = new Set<number>();
  const re = /\d{2,5}/g;
  // After 'Ports:' every number in the list counts, until the sentence ends.
  const listStart = t.search(/\bports?\s*(?:list\s*)?:/i);
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const start = m.index;
    const end = start + m[0].length;
    const before = t.slice(Math.max(0, start - 24), start);
    const after = t.slice(end, end + 12);
    if (/[\d.\w]$/.test(t.slice(Math.max(0, start - 1), start)) || /^[\w.]\d|^\w/.test(after)) {
      if (!/^\/(?:tcp|udp)\b/i.test(after)) continue;
    }
    const value = Number(m[0]);
    if (value < 1 || value > 65535) continue;
    const suffix = /^\s*\/\s*(tcp|udp)\b/i.exec(after) ?? /^\s*\(?(tcp|udp)\)?/i.exec(after);
    const nearWord = /\bports?(?:\s+(?:number|no\.?))?\s*[:=#]?\s*(?:(?:tcp|udp)\s*)?$/i.test(before) || /^\s*(?:\/\s*)?(?:tcp|udp)?\s*ports?\b/i.test(after);
    let inList = false;
    if (listStart >= 0 && start > listStart) {
      const between = t.slice(listStart, start);
      inList = between.length < 400 && !/[.;]\s/.test(between.replace(/\b\d+\.\d+\b/g, ''));
    }
    if (!suffix && !nearWord && !inList) continue;
    if (/^\s*(?:bytes?|kb|mb|gb|ms|seconds?|minutes?|hours?|days?|%|x\b|bits?)/i.test(after)) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    const ctxEnd = t.slice(end).search(/[,;|\n]|\.\s/);
    // The clause around the number: back to the previous separator (at most 60 characters), forward to the next.
    const wide = t.slice(Math.max(0, start - 60), start);
    const cut = Math.max(wide.lastIndexOf(','), wide.lastIndexOf(';'), wide.lastIndexOf('|'), wide.lastIndexOf('\n'));
    const context = `${wide.slice(cut + 1)} ${t.slice(end, end + (ctxEnd < 0 ? 40 : Math.min(ctxEnd, 60)))}`;
    const p: Omit<Mds2Port, 'questionId'> = { port: value, protocol: protocolOf(context, value) };
    if (suffix) p.transport = suffix[1]!.toLowerCase() as 'tcp' | 'udp';
    const direction = directionIn(context);
    if (direction) p.direction = direction;
    out.push(p);
  }
  return out;
}

/** Ports from CONN-2 and CONN-3 (answer, comment and note), first mention wins. */
export function formPorts(form: Pick<Mds2Form, 'answers'>): Mds2Port[] {
  const out: Mds2Port[] = [];
  const seen = new Set<number>();
  for (const id of SOURCES) {
    const a = form.answers[id];
    if (!a) continue;
    for (const text of [a.raw, a.comment, a.note]) {
      if (!text) continue;
      for (const p of portsInText(text)) {
        if (seen.has(p.port)) continue;
        seen.add(p.port);
        out.push({ ...p, questionId: id });
      }
    }
  }
  return out;
}
