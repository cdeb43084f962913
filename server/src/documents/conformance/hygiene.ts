// Facts beyond transport security that PS3.2 asks a statement to speak to: time synchronisation,
// TLS certificate handling and peer verification, association limits and open C-ECHO, IPv6
// security, media security, whether the product speaks DIMSE at all. Same discipline as
// security.ts: a claim counts only outside front matter, template text and configuration value
// lists, and only when its clause is not negated. `null` means the statement is silent.
import type { Evidence } from '../../core/findings.js';
import type { ConformanceStatement, CsPort, CsSection } from './model.js';
import { negated } from './security.js';
import { TLS_MENTION } from './lexicon.js';
import { evidenceOf, sectionEvidence, type Unit } from './units.js';

type Hygiene = Pick<ConformanceStatement, 'dimse' | 'time' | 'associations' | 'media'> & {
  certificateManagement: boolean | null;
  peerVerification: boolean | null;
  ipv6Security: boolean | null;
  evidence: Record<string, Evidence[]>;
};

// ---- patterns (linear: bounded gaps, no nested quantifiers) --------------------------------------
const TIME_SYNC = /\b(?:s?ntp)\b|\bnetwork time protocol\b|\bbasic time synchroni[sz]ation\b|\btime synchroni[sz]ation\b|\bsynchroni[sz]es? (?:its |the )?(?:system )?(?:clock|time)\b/i;
const NO_TIME_SYNC = /\b(?:does|do)\s+not\s+(?:support|implement|use|provide)\b[^.;]{0,30}\b(?:s?ntp|time synchroni[sz]ation)\b|\b(?:s?ntp|time synchroni[sz]ation)\b[^.;]{0,30}\b(?:is|are)\s+not\s+(?:supported|implemented|available)\b/i;
const TIME_PROTOCOL = /\b(sntp|ntp|basic time synchroni[sz]ation)\b/gi;

const CERTIFICATES = /\bcertificates?\b|\bkey ?stores?\b|\btrust ?stores?\b|\bpkcs ?#? ?12\b|\bpkcs12\b|\bjks\b|\bcsr\b|\bcertificate signing request\b|\bcertificate authorit(?:y|ies)\b|\bprivate keys?\b|\bx\.509\b|\bacme protocol\b|\brevocation\b|\bocsp\b|\bcrl\b/i;

/** Explicit statements that the peer's identity is not checked. */
const NO_PEER_VERIFY = [
  /\b(?:does|do|will)\s+not\s+(?:validate|verify|check|authenticate)\b[^.;]{0,30}\b(?:peer|client|server|remote)?\s*certificates?\b/i,
  /\bcertificates?\b[^.;]{0,40}\b(?:is|are)\s+not\s+(?:validated|verified|checked)\b/i,
  /\b(?:certificate (?:validation|verification)|peer verification)\b[^.;]{0,20}\b(?:is|are)\s+(?:disabled|turned off|not performed)\b/i,
  /\b(?:any|all)\s+(?:self-signed\s+)?certificates?\s+(?:is|are)\s+accepted\b|\baccepts?\s+(?:any|all)\s+(?:self-signed\s+)?certificates?\b/i,
  /\banonymous\s+(?:tls|cipher suites?|diffie[- ]hellman|key exchange)\b|\b(?:TLS|SSL)_(?:DH|ECDH)_anon_/i,
];
/** Statements that peers are authenticated by certificate. */
const PEER_VERIFY = [
  /\b(?:mutual(?:ly authenticated)? tls|mtls|two-way tls)\b[^.;]{0,30}\b(?:is\s+)?(?:required|enforced|mandatory|always)\b/i,
  /\b(?:requires?|required|enforces?)\b[^.;]{0,30}\b(?:client|peer|remote)\s+certificates?\b/i,
  /\b(?:validates?|verif(?:y|ies)|checks?)\b[^.;]{0,20}\b(?:the\s+)?(?:peer|client|server|remote)(?:'s)?\s+certificates?\b/i,
  /\bunknown\b[^.;]{0,40}\bcertificates?\b[^.;]{0,30}\b(?:will not be|are not|is not)\s+accepted\b/i,
];

const UNBOUNDED_ASSOC = [
  /\bno\s+(?:artificial\s+|fixed\s+|configured\s+)?(?:maximum|limit|upper limit)\b[^.;]{0,60}\b(?:simultaneous|concurrent|parallel)?\s*associations\b/i,
  /\bunlimited\b[^.;]{0,30}\b(?:simultaneous|concurrent|parallel)?\s*associations\b/i,
  /\b(?:simultaneous|concurrent)\s+associations\b[^.;]{0,30}\b(?:is|are)\s+(?:unlimited|not limited)\b/i,
];
const BOUNDED_ASSOC = /\b(?:up to|maximum of|max(?:imum)?\.?|at most|limited to)\s+\d{1,6}\b[^.;]{0,40}\bassociations\b|\bassociations\b[^.;]{0,30}\b(?:limited to|up to|maximum of)\s+\d{1,6}\b/i;
const ASSOC_COUNT_ROW = /\b(?:number of|max(?:imum)?(?: number of)?)\s+(?:simultaneous\s+|concurrent\s+)?associations\b/i;
const UNLIMITED_CELL = /^\s*(?:unlimited|no (?:maximum|limit)(?: limit)?|not limited|unbounded|∞)\s*\.?$/i;

const ECHO_ANY = [
  /\b(?:c-echo|verification)\b[^.;]{0,60}\b(?:from|for|to)\s+any\s+(?:calling\s+|remote\s+)?(?:ae|aes|ae titles?|aets?|application entit(?:y|ies)|peers?|nodes?|hosts?|systems?|callers?|clients?|scus?)\b/i,
  /\b(?:responds?|answers?|replies)\s+to\s+(?:c-echo|verification)\b[^.;]{0,40}\b(?:regardless of|without checking)\b/i,
  /\b(?:c-echo|verification)\b[^.;]{0,40}\b(?:is|are)\s+(?:accepted|answered)\s+(?:from|for)\s+(?:all|any|unknown)\b/i,
];

const IPV6_SECURITY_USED = /\bipv6\b[^.;]{0,80}\b(?:ipsec|security features?|can be disabled|may be disabled|is disabled|disabled by default|turned off)\b|\b(?:ipsec|disable)\b[^.;]{0,40}\bipv6\b/i;
const IPV6_SECURITY_NONE = /\b(?:does|do)\s+not\s+(?:utili[sz]e|use|support|implement)\b[^.;]{0,80}\bsecurity features of ipv6\b|\bno\s+ipv6 security\b/i;

const MEDIA_EXPORT = /\b(?:export\w*|writ(?:e|es|ing)|burn\w*|cop(?:y|ies|ying))\b[^.;]{0,50}\b(?:cd-?rs?|cd-?roms?|dvds?|usb(?: (?:sticks?|drives?|disks?|storage|flash drives?))?|removable media|dicomdir|external (?:media|drives?)|flash drives?)\b/i;
const MEDIA_SECTION = /\bmedia (?:interchange|storage|export|services?)\b|\boffline media\b/i;
const MEDIA_ENCRYPTED = /\bbasic dicom media security\b|\bencrypt\w*\b/i;
const MEDIA_UNENCRYPTED = /\bunencrypted\b|\bnot encrypted\b|\bwithout encryption\b|\bin (?:the )?clear\b|\bno encryption\b/i;
const MEDIA_WEAK = /\b(3des|triple[- ]des|sha-?1(?![\d-])|sha1(?!\d))\b/gi;
const MEDIA_AES = /\baes\b|\baes-?(?:128|256)\b|\bsha-?(?:256|384|512)\b/i;

const DIMSE_CLAIM = /\bc-(?:store|find|move|get|echo)\b|\bdimse services\b|\bstorage (?:scp|scu)\b|\b(?:accepts?|initiates?|opens?)\b[^.;]{0,20}\bassociations?\b/i;

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function extractHygiene(
  units: Unit[],
  sections: CsSection[],
  facts: { ports: CsPort[]; sopClasses: unknown[]; applicationEntities: unknown[]; tlsSupported: boolean | null; ipv6: boolean | null },
  docStart: Evidence,
): Hygiene {
  const ev: Record<string, Evidence[]> = {};
  const push = (key: string, u: Unit) => {
    const list = (ev[key] ??= []);
    const e = evidenceOf(u);
    if (list.length < 8 && !list.some((x) => x.line === e.line && x.page === e.page && x.quote === e.quote)) list.push(e);
  };
  const claims = units.filter((u) => u.kind !== 'heading' && !u.frontMatter && !u.template && !u.enumeration);
  const silentAt = (...prefer: ((s: CsSection) => boolean)[]): Evidence => {
    for (const p of prefer) {
      const s = sections.find(p);
      if (s) return sectionEvidence(s);
    }
    return docStart;
  };
  const securitySection = (s: CsSection) => s.kind === 'security' || s.kind === 'security-profiles';
  const networkSection = (s: CsSection) => s.kind === 'network-interfaces' || /\badditional protocols\b|\bnetwork interfaces?\b/i.test(s.title);

  // ---- DIMSE at all ---------------------------------------------------------------------------
  let dimse = facts.sopClasses.length > 0 || facts.applicationEntities.length > 0 || facts.ports.some((p) => p.protocol === 'dicom' || p.protocol === 'dicom-tls');
  if (dimse) ev['dimse'] = [docStart];
  for (const u of claims) {
    if (dimse && ev['dimse']!.length > 1) break;
    if (DIMSE_CLAIM.test(u.text)) {
      dimse = true;
      if (ev['dimse']?.[0] === docStart) ev['dimse'] = [];
      push('dimse', u);
    }
  }
  ev['dimse'] ??= [docStart];

  // ---- time synchronisation ---------------------------------------------------------------------
  let synchronized: boolean | null = null;
  const protocols: string[] = [];
  for (const u of claims) {
    if (NO_TIME_SYNC.test(u.text)) {
      synchronized ??= false;
      push('time.synchronized', u);
      continue;
    }
    const m = TIME_SYNC.exec(u.text);
    if (!m || negated(u.text, m.index, m.index + m[0].length)) continue;
    // 'List of NTP servers | Empty list' in a parameter table still says an NTP client exists.
    synchronized = true;
    push('time.synchronized', u);
    TIME_PROTOCOL.lastIndex = 0;
    let pm: RegExpExecArray | null;
    while ((pm = TIME_PROTOCOL.exec(u.text))) protocols.push(/time/i.test(pm[1]!) ? 'Basic Time Synchronization Profile' : pm[1]!.toUpperCase());
  }
  if (facts.ports.some((p) => p.protocol === 'ntp') && synchronized === null) synchronized = true;
  // The profile claim or the NTP client sentence first; passing mentions after.
  if (synchronized === true) ev['time.synchronized']!.sort((a, b) => Number(/time synchroni|ntp client|sntp/i.test(b.quote ?? '')) - Number(/time synchroni|ntp client|sntp/i.test(a.quote ?? '')));
  if (synchronized !== true && ev['time.synchronized']?.length && synchronized === false) {
    // keep the denial as evidence
  } else if (synchronized !== true) {
    ev['time.synchronized'] = [silentAt(networkSection, securitySection)];
  }
  ev['time.protocols'] = ev['time.synchronized']!;

  // ---- certificates and peer verification ---------------------------------------------------------
  let certificateManagement: boolean | null = null;
  let peerVerification: boolean | null = null;
  for (const u of claims) {
    const t = u.text;
    const c = CERTIFICATES.exec(t);
    if (c && !negated(t, c.index, c.index + c[0].length) && (TLS_MENTION.test(t) || /\bcertificate|\bkey ?store|\btrust ?store|\bpkcs/i.test(t))) {
      // Certificates for signatures or a CA download page still describe key handling; web-UI ones too.
      certificateManagement = true;
      push('tls.certificateManagement', u);
    }
    if (NO_PEER_VERIFY.some((re) => re.test(t))) {
      peerVerification = false;
      push('tls.peerVerification', u);
    } else if (PEER_VERIFY.some((re) => re.test(t)) && peerVerification !== false) {
      peerVerification = true;
      push('tls.peerVerification', u);
    }
  }
  if (peerVerification === false) ev['tls.peerVerification'] = ev['tls.peerVerification']!.filter((e) => NO_PEER_VERIFY.some((re) => re.test(e.quote ?? '')));
  const tlsSilent = silentAt((s) => /\btls\b|\bsecure transport\b|\btransport layer security\b/i.test(s.title), securitySection);
  ev['tls.certificateManagement'] ??= [tlsSilent];
  ev['tls.peerVerification'] ??= [tlsSilent];

  // ---- associations -------------------------------------------------------------------------------
  let unbounded: boolean | null = null;
  let echoFromAnyPeer: boolean | null = null;
  for (const u of claims) {
    const t = u.text;
    const rowUnlimited = u.kind === 'row' && !!u.cells && ASSOC_COUNT_ROW.test(u.cells[0] ?? '') && u.cells.slice(1).some((c) => UNLIMITED_CELL.test(c));
    if (rowUnlimited || UNBOUNDED_ASSOC.some((re) => re.test(t))) {
      unbounded = true;
      push('associations.unbounded', u);
    } else if (unbounded === null && (BOUNDED_ASSOC.test(t) || (u.kind === 'row' && !!u.cells && ASSOC_COUNT_ROW.test(u.cells[0] ?? '') && u.cells.slice(1).some((c) => /^\s*\d{1,6}\b/.test(c))))) {
      unbounded = false;
      push('associations.unbounded', u);
    }
    if (ECHO_ANY.some((re) => re.test(t)) && !/\bonly\b|\bnot\b/i.test(t)) {
      echoFromAnyPeer = true;
      push('associations.echoFromAnyPeer', u);
    }
  }
  if (unbounded === true) ev['associations.unbounded'] = ev['associations.unbounded']!.filter((e) => UNBOUNDED_ASSOC.some((re) => re.test(e.quote ?? '')) || /\bunlimited\b|\bno (?:maximum|limit)\b|\bnot limited\b/i.test(e.quote ?? ''));
  const assocSilent = silentAt((s) => /\bnumber of associations\b/i.test(s.title), (s) => s.kind === 'association-acceptance', securitySection);
  ev['associations.unbounded'] ??= [assocSilent];
  ev['associations.echoFromAnyPeer'] ??= [silentAt((s) => s.kind === 'association-level-security' || s.kind === 'association-acceptance', securitySection)];

  // ---- IPv6 -----------------------------------------------------------------------------------------
  let ipv6Security: boolean | null = null;
  for (const u of claims) {
    if (!/\bipv6\b/i.test(u.text)) continue;
    if (IPV6_SECURITY_NONE.test(u.text)) {
      ipv6Security ??= false;
      push('networkInterfaces.ipv6Security', u);
    } else if (IPV6_SECURITY_USED.test(u.text)) {
      ipv6Security = true;
      push('networkInterfaces.ipv6Security', u);
    }
  }
  if (!ev['networkInterfaces.ipv6Security']) {
    const ipv6Unit = claims.find((u) => /\bipv6\b/i.test(u.text));
    ev['networkInterfaces.ipv6Security'] = [ipv6Unit ? evidenceOf(ipv6Unit) : silentAt(networkSection)];
  }
  if (facts.ipv6 !== true && ipv6Security === null) ipv6Security = null;

  // ---- media --------------------------------------------------------------------------------------
  let exported = false;
  let encrypted: boolean | null = null;
  const weak: string[] = [];
  let aes = false;
  const mediaProfile = claims.some((u) => /\bbasic dicom media security\b/i.test(u.text) && !negated(u.text, 0, 0));
  for (const u of claims) {
    const t = u.text;
    const inMedia = u.sections.some((s) => MEDIA_SECTION.test(s.title));
    const m = MEDIA_EXPORT.exec(t);
    const exportHere = m !== null && !negated(t, m.index, m.index + m[0].length) && !/\baudit log\b|\bbackup\b|\bconfiguration\b/i.test(t);
    if (exportHere) {
      exported = true;
      push('media.exported', u);
    }
    if (exportHere || inMedia || /\bmedia security\b/i.test(t)) {
      if (MEDIA_UNENCRYPTED.test(t)) {
        encrypted = false;
        push('media.encrypted', u);
      } else if (MEDIA_ENCRYPTED.test(t) && encrypted !== false) {
        const e = MEDIA_ENCRYPTED.exec(t)!;
        if (!negated(t, e.index, e.index + e[0].length)) {
          encrypted = true;
          push('media.encrypted', u);
        }
      }
      if (/\bmedia security\b|\bencrypt/i.test(t)) {
        MEDIA_WEAK.lastIndex = 0;
        let w: RegExpExecArray | null;
        while ((w = MEDIA_WEAK.exec(t))) {
          weak.push(/des/i.test(w[1]!) ? '3DES' : 'SHA-1');
          push('media.weakAlgorithms', u);
        }
        if (MEDIA_AES.test(t)) aes = true;
      }
    }
  }
  if (mediaProfile && encrypted === null) encrypted = true;
  const mediaSilent = silentAt((s) => MEDIA_SECTION.test(s.title) || /^media\b/i.test(s.title), securitySection);
  ev['media.exported'] ??= [mediaSilent];
  ev['media.encrypted'] ??= [ev['media.exported'][0]!];
  ev['media.weakAlgorithms'] ??= [ev['media.encrypted'][0]!];

  return {
    dimse,
    time: { synchronized, protocols: uniq(protocols) },
    associations: { unbounded, echoFromAnyPeer },
    media: { exported, encrypted, weakAlgorithms: aes ? [] : uniq(weak), securityProfile: mediaProfile },
    certificateManagement,
    peerVerification,
    ipv6Security,
    evidence: ev,
  };
}
