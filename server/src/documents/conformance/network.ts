// Networking facts: application entities, SOP classes with their roles, implementation identity,
// network interfaces and ports (from AE title / port tables, configuration tables and prose).
import type { Evidence } from '../../core/findings.js';
import type { ConformanceStatement, CsPort, CsPortProtocol } from './model.js';
import { NEGATION } from './lexicon.js';
import { evidenceOf, type Unit } from './units.js';

type Sop = ConformanceStatement['sopClasses'][number];
type Ae = ConformanceStatement['applicationEntities'][number];

export interface NetworkFacts {
  applicationEntities: Ae[];
  sopClasses: Sop[];
  implementationClassUid: string | null;
  implementationVersionName: string | null;
  networkInterfaces: { physical: string | null; ipv4: boolean | null; ipv6: boolean | null };
  ports: CsPort[];
  evidence: Record<string, Evidence[]>;
}

const UID = /\b1\.2\.840\.10008(?:\.\d{1,10}){1,12}\b/g;
const ANY_UID = /\b[012](?:\.\d{1,20}){3,30}\b/;

/** SOP class UIDs live under 1.1 (verification), 1.3.x, 1.9, 1.20.x, 1.40, 1.42 and 5.1.x. */
export function isSopClassUid(uid: string): boolean {
  const rest = uid.slice('1.2.840.10008.'.length);
  if (rest.startsWith('5.1.')) return true;
  if (rest === '1.1' || rest === '1.9' || rest === '1.40' || rest === '1.42') return true;
  if (rest.startsWith('1.3.') || rest.startsWith('1.20.')) return true;
  return false;
}

const loc = (u: Unit) => ({ line: u.line, ...(u.page !== undefined ? { page: u.page } : {}) });

function rolesIn(text: string): ('SCU' | 'SCP')[] {
  const out: ('SCU' | 'SCP')[] = [];
  if (/\bSCU\b|\bservice class user\b/i.test(text)) out.push('SCU');
  if (/\bSCP\b|\bservice class provider\b/i.test(text)) out.push('SCP');
  return out;
}

function extractSopClasses(units: Unit[], ev: Record<string, Evidence[]>): Sop[] {
  const byUid = new Map<string, Sop>();
  let contextRoles: ('SCU' | 'SCP')[] = [];
  let contextSection: unknown = null;
  let lastName: string | null = null;
  for (const u of units) {
    if (u.frontMatter) continue;
    if (u.section !== contextSection) {
      contextSection = u.section;
      contextRoles = u.sections.length ? rolesIn(u.sections.map((s) => s.title).join(' ')) : [];
    }
    if (u.kind === 'heading') continue;
    const uids = u.text.match(UID) ?? [];
    const sopUids = uids.filter(isSopClassUid);
    if (sopUids.length === 0) {
      // 'Orthanc supports the following SOP Classes as an SCP for C-Store:' sets the role for the rows after it.
      if (u.kind === 'sentence') {
        const r = rolesIn(u.text);
        if (r.length && /\bsop class|\bfollowing\b|\broles?\b/i.test(u.text)) contextRoles = r;
        const nm = /\bsop_class_name:\s*(.{2,120})$/i.exec(u.text);
        lastName = nm ? nm[1]!.trim() : null;
      }
      continue;
    }
    for (const uid of sopUids) {
      let name = '';
      let roles: ('SCU' | 'SCP')[] = [];
      if (u.kind === 'row' && u.cells) {
        const at = u.cells.findIndex((c) => c.includes(uid));
        name = u.cells.find((c, k) => k !== at && c && !ANY_UID.test(c) && /[A-Za-z]{3}/.test(c)) ?? '';
        // Yes/No columns under SCU / SCP headers.
        if (u.header) {
          u.header.forEach((h, k) => {
            const cell = u.cells![k] ?? '';
            if (/^\s*(?:yes|y|x|option(?:al)?|supported|✓)\b/i.test(cell)) roles.push(...rolesIn(h));
          });
        }
        if (!roles.length) roles = rolesIn(u.cells.filter((_c, k) => k !== at).join(' '));
      } else {
        const before = u.text.slice(0, u.text.indexOf(uid)).replace(/[\s:|=,(-]+$/, '');
        const m = /([A-Za-z][\w /&()-]{2,100})$/.exec(before);
        name = m ? m[1]!.replace(/^.*\bsop_class_uid\b.*$/i, '').trim() : '';
        if ((!name || /sop_class_uid/i.test(before)) && lastName) name = lastName;
        roles = rolesIn(u.text);
      }
      if (!roles.length) roles = [...contextRoles];
      const prev = byUid.get(uid);
      if (prev) {
        for (const r of roles) if (!prev.roles.includes(r)) prev.roles.push(r);
        if (!prev.name && name) prev.name = name;
      } else {
        byUid.set(uid, { name: name.replace(/\s*\|\s*$/, '').trim(), uid, roles: [...new Set(roles)], location: loc(u) });
        (ev['sopClasses'] ??= []).push(evidenceOf(u));
      }
    }
    lastName = null;
  }
  return [...byUid.values()];
}

function extractImplementation(units: Unit[], ev: Record<string, Evidence[]>) {
  let classUid: string | null = null;
  let versionName: string | null = null;
  for (const u of units) {
    if (u.kind === 'heading' || u.frontMatter || u.template) continue;
    if (!classUid) {
      const i = u.text.search(/\bimplementation class uid\b/i);
      if (i >= 0) {
        const m = /\b[012](?:\.\d{1,20}){2,30}\b/.exec(u.text.slice(i));
        if (m) {
          classUid = m[0];
          ev['implementationClassUid'] = [evidenceOf(u)];
        }
      }
    }
    if (!versionName) {
      const i = u.text.search(/\bimplementation version name\b/i);
      if (i >= 0) {
        const after = u.text.slice(i + 'implementation version name'.length);
        const m =
          /^[^"“'`|:]{0,20}?(?:is|:|\||=)?\s*["“']([^"”']{1,40})["”']/.exec(after) ??
          /^\s*(?:\(\d{4},\d{4}\)\s*)?(?:is\s+|[:|=]\s*)([A-Za-z0-9_][\w .\-]{0,30}?)(?=\s*(?:\||$|\.\s|,|;|\())/.exec(after);
        if (m) {
          const v = m[1]!.trim();
          if (v && !/^(?:the|a|an|is|of|and)$/i.test(v)) {
            versionName = v;
            ev['implementationVersionName'] = [evidenceOf(u)];
          }
        }
      }
    }
    if (classUid && versionName) break;
  }
  return { classUid, versionName };
}

// ---- ports ---------------------------------------------------------------------------------------

const WELL_KNOWN: Record<number, { protocol: CsPortProtocol; tls: boolean | null; transport?: 'udp' }> = {
  104: { protocol: 'dicom', tls: null },
  11112: { protocol: 'dicom', tls: null },
  2761: { protocol: 'dicom', tls: null },
  2762: { protocol: 'dicom-tls', tls: true },
  443: { protocol: 'https', tls: true },
  80: { protocol: 'http', tls: false },
  514: { protocol: 'syslog', tls: false, transport: 'udp' },
  6514: { protocol: 'syslog', tls: true },
  389: { protocol: 'ldap', tls: false },
  636: { protocol: 'ldap', tls: true },
  123: { protocol: 'ntp', tls: null, transport: 'udp' },
};

function protocolOf(text: string, port: number): CsPortProtocol {
  const t = text.toLowerCase();
  if (/\badmin(?:istration|istrative)? (?:console|portal|ui|interface|dashboard)\b|\bweb ui\b/.test(t)) return /\bhttps\b/.test(t) ? 'https' : 'http';
  if (/\bhl7\b|\bmllp\b/.test(t)) return 'hl7';
  if (/\bldaps?\b/.test(t)) return 'ldap';
  if (/\bsyslog\b|\baudit\b|\brfc ?(?:5424|5425|5426|6587)\b|\batna\b/.test(t)) return 'syslog';
  if (/\b(?:s?ntp)\b|\btime server\b/.test(t)) return 'ntp';
  if (/\bdicom ?web\b|\bwado\b|\bqido\b|\bstow\b|\brest(?:ful)?\b/.test(t)) return 'dicomweb';
  if (/\bhttps\b/.test(t)) return 'https';
  if (/\bhttp\b|\bweb\b|\bportal\b|\bbrowser\b/.test(t)) return 'http';
  if (/\bdicom\b|\bdimse\b|\bassociation|\bae\b|\baet\b|\bae title|\bmwl\b|\bworklist\b|\bscp\b|\bscu\b|\bstorage\b|\bc-(?:store|find|move|echo|get)\b/.test(t)) {
    return port === 2762 || /\btls\b|\bsecure\b/.test(t) ? (port === 2762 ? 'dicom-tls' : 'dicom') : 'dicom';
  }
  return WELL_KNOWN[port]?.protocol ?? 'other';
}

function tlsOf(local: string, port: number, protocol: string): boolean | null {
  const t = local.toLowerCase();
  if (/\bnon-?tls\b|\bwithout tls\b|\bunencrypted\b|\bplain(?:-text| text| tcp| http)?\b|\bclear[- ]?text\b|\bunsecured?\b|\bunprotected\b|\binsecure\b/.test(t)) return false;
  if (/\btls\b|\bssl\b|\bhttps\b|\bldaps\b|\bsecured?\b|\bencrypted\b|\bdicom-tls\b/.test(t)) {
    if (NEGATION.test(t) && !/\bsecured\b/.test(t)) return null;
    return true;
  }
  if (/\budp\b/.test(t) && protocol === 'syslog') return false;
  if (protocol === 'http' && /\bhttp\b/.test(t)) return false;
  const wk = WELL_KNOWN[port];
  if (wk && (wk.protocol === protocol || protocol === 'other')) return wk.tls;
  return null;
}

/** Numbers that look like ports: 2–5 digits, ≤ 65535, not part of a UID, a version, a size or a time. */
function portNumbers(text: string): { value: number; start: number; end: number }[] {
  const out: { value: number; start: number; end: number }[] = [];
  const re = /\d{2,5}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text[start - 1] ?? ' ';
    const after = text[end] ?? ' ';
    if (/[\d.,\w]/.test(before) && before !== ':' ) {
      if (!(before === ',' && /\s/.test(text[start - 2] ?? ''))) continue;
    }
    if (/[\w]/.test(after) || (after === '.' && /\d/.test(text[end + 1] ?? '')) || (after === ',' && /\d/.test(text[end + 1] ?? ''))) continue;
    if (before === ':' && !/[a-z0-9\]>]/i.test(text[start - 2] ?? ' ')) {
      // 'Port: 104' — fine
    }
    const rest = text.slice(end, end + 14).toLowerCase();
    if (/^\s*(?:bytes?|kb|mb|gb|kib|mib|ms|s\b|sec|seconds?|minutes?|min\b|hours?|days?|%|x\b|bit|px|pixels?|dpi|frames?|entries|characters?|chars?)/.test(rest)) continue;
    const value = Number(m[0]);
    if (value < 1 || value > 65535) continue;
    out.push({ value, start, end });
  }
  return out;
}

const CLEAR_BEFORE = /\b(?:unencrypted|non-?tls|clear[- ]?text|plain[- ]?text|unsecured?)\s+(?:(?:dicom|hl7|mllp|http|ldap|syslog)\s+)?(?:(?:traffic|connections?|associations?)\s+)?(?:(?:is|are)\s+)?(?:(?:accepted\s+)?(?:on|over|via|at|using)\s+)?(?:tcp\s+)?ports?\s*$/i;

const PORT_WORD = /\bports?\b|\blisten(?:s|ing|er)?\b|\btcp\/?ip port\b|\bport number\b/i;

function extractPorts(units: Unit[], ev: Record<string, Evidence[]>): CsPort[] {
  const ports = new Map<string, CsPort>();
  const add = (u: Unit, value: number, context: string, local: string, service?: string, stated?: boolean | null) => {
    const near = protocolOf(`${service ?? ''} ${local}`, value);
    const protocol = near !== 'other' ? near : protocolOf(`${service ?? ''} ${context}`, value);
    let tls = stated ?? tlsOf(local, value, protocol);
    if (tls === null && protocol === 'dicom-tls') tls = true;
    const transport: 'tcp' | 'udp' = /\budp\b/i.test(local) || (WELL_KNOWN[value]?.transport === 'udp' && !/\btcp\b/i.test(local)) ? 'udp' : 'tcp';
    const key = `${value}/${protocol}`;
    const prev = ports.get(key);
    if (prev) {
      if (prev.tls === null && tls !== null) prev.tls = tls;
      return;
    }
    const p: CsPort = { port: value, protocol, tls, transport, location: loc(u) };
    // 'Unencrypted DICOM on port 104 is disabled by default': listed, but not open.
    if (/\bdisabled by default\b|\bclosed by default\b|\bnot (?:enabled|open(?:ed)?|active) by default\b|\bis disabled\b|\bturned off\b/i.test(u.text)) p.disabledByDefault = true;
    if (service) p.service = service.slice(0, 80);
    ports.set(key, p);
    (ev['ports'] ??= []).push(evidenceOf(u));
  };

  for (const u of units) {
    if (u.kind === 'heading' || u.frontMatter || u.template) continue;
    if (/[─│┌┐└┘├┤┬┴┼═║╔╗╚╝◄►▲▼]/.test(u.text)) continue; // ASCII-art diagrams
    const sectionTitles = u.sections.map((s) => s.title).join(' ');
    if (u.kind === 'row' && u.cells) {
      const cells = u.cells;
      // A table whose header names a port column.
      const portCol = u.header ? u.header.findIndex((h) => PORT_WORD.test(h) && !/\bdescription\b/i.test(h)) : -1;
      if (portCol >= 0 && cells[portCol]) {
        // A 'TLS' column says, for this row's port, whether it is protected.
        const tlsCol = u.header!.findIndex((h) => /^\s*(?:tls|secure|encrypted)\s*$/i.test(h));
        const tlsCell = tlsCol >= 0 ? (cells[tlsCol] ?? '') : '';
        const stated = tlsCol < 0 ? null : /^\s*(?:no|none|false|-|–|—)\s*\.?$/i.test(tlsCell) ? false : /^\s*(?:yes|true|required)\b/i.test(tlsCell) ? true : null;
        for (const n of portNumbers(cells[portCol]!)) {
          const others = cells.filter((_c, k) => k !== portCol).join(' | ');
          add(u, n.value, `${others} ${u.header!.join(' ')} ${sectionTitles}`, `${others} ${cells[portCol]}`, cells[0], stated);
        }
        continue;
      }
      // A key/value row: 'DICOM Listen Port | dicom.port | 11112 | TCP port for DICOM associations'.
      const key = cells[0] ?? '';
      if (PORT_WORD.test(key) && !/\bpdu\b|\btimeout\b|\bmax/i.test(key)) {
        for (let k = 1; k < cells.length; k++) {
          if (/^[a-z][\w.]*\.[a-z]\w*$/i.test(cells[k]!)) continue; // configuration key
          const nums = portNumbers(cells[k]!);
          if (!nums.length) continue;
          for (const n of nums) add(u, n.value, `${cells.join(' ')} ${sectionTitles}`, cells.join(' '), key);
          break;
        }
      }
      continue;
    }
    // Prose and list items: 'port 104', 'Port: 11112', 'ports 1389 / 1636', 'X Listener: 2575 (or 6575 using TLS)'.
    const text = u.text;
    const inPortSection = u.sections.some((s) => PORT_WORD.test(s.title) || /\blisteners?\b|\bconnections?\b/i.test(s.title));
    const hasPortWord = PORT_WORD.test(text);
    if (!hasPortWord && !inPortSection) continue;
    const nums = portNumbers(text);
    if (!nums.length) continue;
    const accepted: typeof nums = [];
    for (const n of nums) {
      const before = text.slice(Math.max(0, n.start - 40), n.start);
      // a number right after 'port', 'ports', 'port number', 'Port:', or in a 'Label: N' list item of a port section
      const nearPort = /\bports?(?:\s+(?:number|no\.?|numbers))?\s*(?:[:=]|\bis\b|\bare\b|\bof\b|\bdefaults? to\b|\(\s*(?:by\s+)?default(?:\s+is)?\s*:?)?\s*(?:(?:tcp|udp)\s+)?$|\b(?:tcp|udp)\s+ports?\s*$|\blisten(?:s|ing)? on(?:\s+(?:tcp\s+)?port)?\s*$/i.test(before);
      const gap = accepted.length > 0 ? text.slice(accepted[accepted.length - 1]!.end, n.start) : null;
      const chained = gap !== null && gap.length <= 12 && /^[\s(,/&]*(?:or|and)?[\s(,/&]*$/i.test(gap);
      const after = text.slice(n.end, n.end + 12);
      const beforeWord = /\bport\s*$/i.test(text.slice(n.end, n.end + 6)) || /^\s*(?:\/\s*)?(?:tcp|udp)?\s*ports?\b/i.test(after);
      const labelled = inPortSection && /^[^:]{2,80}:\s*$/.test(text.slice(0, n.start).replace(/\([^)]{0,40}\)\s*$/, ''));
      if (nearPort || chained || beforeWord || labelled) accepted.push(n);
    }
    for (let k = 0; k < accepted.length; k++) {
      const n = accepted[k]!;
      const prevEnd = k > 0 ? accepted[k - 1]!.end : 0;
      const nextStart = k + 1 < accepted.length ? accepted[k + 1]!.start : text.length;
      const label = /^([^:]{2,80}):/.exec(text)?.[1]?.replace(/^[-*•+\s]+/, '');
      let localBefore = text.slice(Math.max(prevEnd, n.start - 50), n.start);
      const pw = localBefore.search(/\bports?\b[^]*$/i);
      if (k === 0 && pw >= 0) localBefore = localBefore.slice(pw);
      let localAfter = text.slice(n.end, Math.min(nextStart, n.end + 30));
      const stop = localAfter.search(/[;,]|\.\s|\s(?:and|but|while|whereas)\s/);
      if (stop >= 0) localAfter = localAfter.slice(0, stop);
      // 'X: 2575 (or 6575 using TLS)': the qualifier after the second number belongs to it alone.
      const local = k > 0 ? `${localBefore.replace(/^[\s(,/]*(?:or|and)?/i, '')} ${localAfter}` : `${localBefore} ${localAfter.replace(/\(or\b.*$/i, '')}`;
      const labelCtx = label && accepted.length === 1 ? label : '';
      // 'Unencrypted DICOM on port 104': a clear-text word just before the only port of the sentence.
      const clearBefore = accepted.length === 1 && CLEAR_BEFORE.test(text.slice(Math.max(0, n.start - 50), n.start)) ? false : undefined;
      add(u, n.value, `${label ?? ''} ${text} ${sectionTitles}`, `${labelCtx} ${local}`, label, clearBefore);
    }
  }
  // 'N (or M using TLS)': the first of a pair whose partner is the TLS one is the clear-text port.
  const list = [...ports.values()];
  for (const p of list) {
    if (p.tls !== null) continue;
    const partner = list.find((q) => q !== p && q.tls === true && q.protocol === p.protocol && q.location?.line === p.location?.line && q.service === p.service);
    if (partner && p.protocol !== 'dicom') p.tls = false;
  }
  return list;
}

function extractAes(units: Unit[], ev: Record<string, Evidence[]>): Ae[] {
  const aes: Ae[] = [];
  const seen = new Set<string>();
  const push = (u: Unit, name: string, aeTitle: string | null, port?: number) => {
    const key = `${name}|${aeTitle}`;
    if (seen.has(key)) return;
    seen.add(key);
    const ae: Ae = { name: name || aeTitle || '', aeTitle, location: loc(u) };
    if (port !== undefined) ae.port = port;
    aes.push(ae);
    (ev['applicationEntities'] ??= []).push(evidenceOf(u));
  };
  const aeValue = (s: string): string | null => {
    const v = s.replace(/\((?:configurable|default)[^)]{0,30}\)/gi, '').replace(/["'`]/g, '').trim();
    return /^[A-Z0-9_][A-Z0-9_ \-.]{0,15}$/.test(v) && !/^\d+$/.test(v) ? v : null;
  };
  for (const u of units) {
    if (u.kind !== 'row' || !u.cells || u.frontMatter || u.template) continue;
    const cells = u.cells;
    if (/\([0-9a-f]{4},[0-9a-f]{4}\)/i.test(u.text)) continue; // attribute tables (tag columns)
    const aeCol = u.header ? u.header.findIndex((h) => /^(?:(?:default|local|own)\s+)?(?:ae[- ]?titles?|aets?|application entity titles?)$/i.test(h.trim())) : -1;
    if (aeCol >= 0 && cells[aeCol] && u.header !== cells) {
      const title = aeValue(cells[aeCol]!);
      if (!title && aeCol > 0 && cells[0] && /[A-Za-z]/.test(cells[0])) push(u, cells[0], null);
      if (title) {
        const portCol = u.header!.findIndex((h) => PORT_WORD.test(h));
        const port = portCol >= 0 ? portNumbers(cells[portCol] ?? '')[0]?.value : undefined;
        const nameCol = aeCol === 0 ? -1 : 0;
        push(u, nameCol >= 0 ? cells[nameCol]! : title, title, port);
      }
      continue;
    }
    if (/^(?:(?:local|default|own)\s+)?(?:ae[- ]?titles?|aets?)$/i.test((cells[0] ?? '').trim())) {
      for (let k = cells.length - 1; k >= 1; k--) {
        if (/^[a-z][\w]*\.[a-z]\w*$/.test(cells[k]!)) continue;
        const title = aeValue(cells[k]!);
        if (title) {
          push(u, u.section?.title ?? title, title);
          break;
        }
      }
    }
  }
  // Bulleted 'Label: AETITLE' in a section about application entities.
  for (const u of units) {
    if (u.kind !== 'sentence' || u.frontMatter || u.template) continue;
    if (!u.section || !/\bapplication entit|\baets?\b|\bae titles?\b/i.test(u.section.title)) continue;
    const m = /^(?:[-*•]\s*)?([^:]{2,80}):\s*([A-Z0-9_][A-Z0-9_\-]{0,15})\s*$/.exec(u.text);
    if (m) push(u, m[1]!.trim(), m[2]!);
  }
  return aes;
}

function extractInterfaces(units: Unit[], ev: Record<string, Evidence[]>) {
  const out = { physical: null as string | null, ipv4: null as boolean | null, ipv6: null as boolean | null };
  for (const u of units) {
    if (u.kind === 'heading' || u.frontMatter || u.template) continue;
    if (out.physical === null && u.section && /\bphysical network\b|\bnetwork interface\b/i.test(u.section.title) && u.kind === 'sentence') {
      out.physical = u.text.slice(0, 300);
      ev['networkInterfaces'] = [evidenceOf(u)];
    }
    if (/\bipv6\b/i.test(u.text) && out.ipv6 === null) {
      out.ipv6 = !/\bipv6\b[^.;]{0,30}\bnot\s+supported\b|\bdoes not support\b[^.;]{0,30}\bipv6\b|\bipv4 only\b|\bonly ipv4\b/i.test(u.text);
      (ev['networkInterfaces'] ??= []).push(evidenceOf(u));
    }
    if (/\bipv4\b/i.test(u.text) && out.ipv4 === null) out.ipv4 = !/\bipv4\b[^.;]{0,30}\bnot\s+supported\b/i.test(u.text);
  }
  return out;
}

export function extractNetwork(units: Unit[]): NetworkFacts {
  const evidence: Record<string, Evidence[]> = {};
  const sopClasses = extractSopClasses(units, evidence);
  const { classUid, versionName } = extractImplementation(units, evidence);
  const ports = extractPorts(units, evidence);
  const applicationEntities = extractAes(units, evidence);
  const networkInterfaces = extractInterfaces(units, evidence);
  return {
    applicationEntities,
    sopClasses,
    implementationClassUid: classUid,
    implementationVersionName: versionName,
    networkInterfaces,
    ports,
    evidence,
  };
}
