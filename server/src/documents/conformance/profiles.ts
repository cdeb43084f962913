// The PS3.15 security profiles, recognised however a vendor cites them: by full name, by the name
// without "Profile" / "Secure Transport Connection", abbreviated ("BCP195", "Basic Application
// Confidentiality Profile"), or by annex ("Annex B.9", "PS3.15 B.10", "(E.2)").
// Names and annex numbers follow PS3.15 (2020b and later editions; B.12/B.13 from 2021).
import type { Feature } from './features.js';

export interface ProfileDef {
  /** Annex number in PS3.15 ('B.9'); 'ATNA' / 'JWT' for names outside PS3.15's annexes. */
  id: string;
  name: string;
  group: 'tls' | 'audit' | 'identity' | 'signature' | 'confidentiality' | 'media' | 'network' | 'time' | 'config' | 'email' | 'storage';
  /** 'retired': withdrawn and weak; 'superseded': withdrawn in the newest editions but cryptographically acceptable. */
  status: 'current' | 'retired' | 'superseded';
  /** Name patterns, most specific wording first. Case-insensitive unless `exact`. */
  pattern: RegExp;
}

// Order matters: longer, more specific names first; a match blanks its span before later patterns run.
export const PROFILES: ProfileDef[] = [
  { id: 'B.13', name: 'Modified BCP 195 RFC 8996 TLS Profile', group: 'tls', status: 'current', pattern: /\bmodified bcp[- ]?195(?:,?\s?rfc ?8996)?(?: tls)?(?: (?:secure transport connection |secure transport )?profile)?/gi },
  { id: 'B.12', name: 'BCP 195 RFC 8996 TLS Profile', group: 'tls', status: 'current', pattern: /\bbcp[- ]?195,?\s?(?:rfc ?8996|rfc ?9325)(?: tls)?(?: (?:secure transport connection |secure transport )?profile)?|\brfc ?8996 tls (?:secure transport |transport )?profile\b/gi },
  { id: 'B.10', name: 'Non-Downgrading BCP 195 TLS Secure Transport Connection Profile', group: 'tls', status: 'superseded', pattern: /\bnon-? ?downgrading(?: bcp[- ]?195)?(?: tls)?\b/gi },
  { id: 'B.11', name: 'Extended BCP 195 TLS Secure Transport Connection Profile', group: 'tls', status: 'superseded', pattern: /\bextended bcp[- ]?195\b/gi },
  { id: 'B.9', name: 'BCP 195 TLS Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\bbcp[- ]?195\b/gi },
  { id: 'B.1', name: 'Basic TLS Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\bbasic tls(?= (?:secure|transport|connection|profile)\b)|\bBasic TLS\b|\bBASIC TLS\b/g },
  { id: 'B.3', name: 'AES TLS Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\baes tls(?= (?:secure|transport|connection|profile)\b)|\bAES TLS\b/g },
  { id: 'B.2', name: 'ISCL Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\biscl\b|\bintegrated secure communication layer\b/gi },
  { id: 'A.5', name: 'Audit Trail Message Format Profile', group: 'audit', status: 'current', pattern: /\baudit trail message format\b|\baudit message format profile\b/gi },
  { id: 'A.6', name: 'Audit Trail Message Transmission Profile - SYSLOG-TLS', group: 'audit', status: 'current', pattern: /\bsyslog[- ]tls\b/gi },
  { id: 'A.7', name: 'Audit Trail Message Transmission Profile - SYSLOG-UDP', group: 'audit', status: 'current', pattern: /\bsyslog[- ]udp\b/gi },
  { id: 'ATNA', name: 'IHE ATNA', group: 'audit', status: 'current', pattern: /\batna\b|\baudit trail and node authentication\b/gi },
  { id: 'B.5', name: 'User Identity plus Passcode Association Profile', group: 'identity', status: 'current', pattern: /\buser identity (?:plus|\+|and|with) passcode\b/gi },
  { id: 'B.4', name: 'Basic User Identity Association Profile', group: 'identity', status: 'current', pattern: /\bbasic user identity\b/gi },
  { id: 'B.6', name: 'Kerberos Identity Negotiation Association Profile', group: 'identity', status: 'current', pattern: /\bkerberos identity negotiation\b|\bkerberos (?:user )?identity (?:association )?profile\b/gi },
  { id: 'B.7', name: 'Generic SAML Assertion Identity Negotiation Association Profile', group: 'identity', status: 'current', pattern: /\bsaml assertion identity\b|\bsaml identity (?:negotiation|association)\b/gi },
  { id: 'JWT', name: 'JSON Web Token Identity Negotiation', group: 'identity', status: 'current', pattern: /\b(?:json web token|jwt) (?:assertion )?identity\b/gi },
  { id: 'B.8', name: 'Secure Use of Email Transport', group: 'email', status: 'current', pattern: /\bsecure use of e-?mail(?: transport)?\b|\bsecure e-?mail transport\b/gi },
  { id: 'C.2', name: 'Creator RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\bcreator rsa digital signature\b/gi },
  { id: 'C.3', name: 'Authorization RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\bauthori[sz]ation rsa digital signature\b/gi },
  { id: 'C.4', name: 'Structured Report RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\b(?:structured report|sr) rsa digital signature\b/gi },
  { id: 'C.1', name: 'Base RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\bbase rsa digital signature\b/gi },
  { id: 'A.3', name: 'Bit-preserving Digital Signatures Secure Use Profile', group: 'signature', status: 'current', pattern: /\bbit[- ]?preserving digital signatures?\b/gi },
  { id: 'A.4', name: 'Basic SR Digital Signatures Secure Use Profile', group: 'signature', status: 'current', pattern: /\bbasic (?:sr|structured report) digital signatures?\b/gi },
  { id: 'A.2', name: 'Basic Digital Signatures Secure Use Profile', group: 'signature', status: 'current', pattern: /\bbasic digital signatures? (?:secure use )?profile\b/gi },
  { id: 'A.1', name: 'Online Electronic Storage Secure Use Profile', group: 'storage', status: 'current', pattern: /\bonline electronic storage(?: secure use)?(?: profile)?\b/gi },
  { id: 'E.1', name: 'Basic Application Level Confidentiality Profile', group: 'confidentiality', status: 'current', pattern: /\bbasic application(?:[- ]level)? confidentiality\b|\bapplication[- ]level confidentiality profile\b|\bbasic (?:de-?identification|confidentiality) profile\b/gi },
  { id: 'D.1', name: 'Basic DICOM Media Security Profile', group: 'media', status: 'current', pattern: /\bbasic dicom media security\b|\bdicom media security profile\b/gi },
  { id: 'F.1', name: 'Basic Network Address Management Profile', group: 'network', status: 'current', pattern: /\bbasic network address management\b/gi },
  { id: 'G.1', name: 'Basic Time Synchronization Profile', group: 'time', status: 'current', pattern: /\bbasic time sync(?:hroni[sz]ation)?\b/gi },
  { id: 'H.1', name: 'Application Configuration Management Profile', group: 'config', status: 'current', pattern: /\bapplication configuration management\b/gi },
  { id: 'H.2', name: 'DNS Service Discovery Profile', group: 'config', status: 'current', pattern: /\bdns service discovery\b/gi },
];

/** Annex numbers as cited ('B.9', 'E.2') → the profile; E.2 is the Basic profile, E.1 the family. */
const BY_ANNEX: Record<string, string> = {
  'A.1': 'A.1', 'A.2': 'A.2', 'A.3': 'A.3', 'A.4': 'A.4', 'A.5': 'A.5', 'A.6': 'A.6', 'A.7': 'A.7',
  'B.1': 'B.1', 'B.2': 'B.2', 'B.3': 'B.3', 'B.4': 'B.4', 'B.5': 'B.5', 'B.6': 'B.6', 'B.7': 'B.7', 'B.8': 'B.8',
  'B.9': 'B.9', 'B.10': 'B.10', 'B.11': 'B.11', 'B.12': 'B.12', 'B.13': 'B.13',
  'C.1': 'C.1', 'C.2': 'C.2', 'C.3': 'C.3', 'C.4': 'C.4', 'D.1': 'D.1', 'E.1': 'E.1', 'E.2': 'E.1',
  'F.1': 'F.1', 'G.1': 'G.1', 'H.1': 'H.1', 'H.2': 'H.2',
};
/** 'Annex B.9', 'PS3.15 B.10', 'PS 3.15 Annex E.2', 'Part 15, B.11', 'section B.12 of PS3.15'. */
const ANNEX_CITED = /\b(?:annex|ps\s?3\.15(?:[\s,-]{1,3}(?:annex|section|sect\.))?|part 15(?:,?\s(?:annex|section))?|section)\s{0,2}([A-H]\.\d{1,2})(?!\d|\.\d)/gi;
/** A bare 'B.9' counts only in a sentence that speaks of profiles or PS3.15. */
const ANNEX_BARE = /(?<![\w.])([A-H]\.\d{1,2})(?!\d|\.\d)/g;
const PROFILE_CONTEXT = /\bprofiles?\b|\bps\s?3\.15\b|\bpart 15\b|\bsecurity\b/i;

const NAME_TAIL = /^(?:\s(?:tls|secure use|association|identity negotiation|digital signatures?|secure transport connection|secure transport|transport connection|message format|message transmission))*(?:\s(?:profiles?|options?))?\b/i;

export interface ProfileMention {
  def: ProfileDef;
  start: number;
  end: number;
}

const byId = new Map(PROFILES.map((p) => [p.id, p]));

/** Every profile named in `text`, by name or annex, each span read once. */
export function findProfiles(text: string, context = ''): ProfileMention[] {
  const out: ProfileMention[] = [];
  let masked = text;
  const blank = (s: number, e: number) => {
    masked = masked.slice(0, s) + ' '.repeat(e - s) + masked.slice(e);
  };
  for (const def of PROFILES) {
    def.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = def.pattern.exec(masked))) {
      if (!m[0].trim()) {
        def.pattern.lastIndex++;
        continue;
      }
      // The rest of the name ('… TLS Secure Transport Connection Profile') belongs to the mention.
      const tail = NAME_TAIL.exec(masked.slice(m.index + m[0].length, m.index + m[0].length + 60));
      const end = m.index + m[0].length + (tail ? tail[0].length : 0);
      out.push({ def, start: m.index, end });
      blank(m.index, end);
      def.pattern.lastIndex = end;
    }
  }
  const annex = (re: RegExp) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(masked))) {
      const id = BY_ANNEX[m[1]!.toUpperCase()];
      const def = id ? byId.get(id) : undefined;
      if (def && !out.some((o) => o.def === def)) out.push({ def, start: m.index, end: m.index + m[0].length });
      blank(m.index, m.index + m[0].length);
    }
  };
  annex(ANNEX_CITED);
  if (PROFILE_CONTEXT.test(text) || PROFILE_CONTEXT.test(context)) annex(ANNEX_BARE);
  return out.sort((a, b) => a.start - b.start);
}

/** The claim feature a profile group speaks to. */
export const PROFILE_FEATURE: Record<ProfileDef['group'], Feature | null> = {
  tls: 'tls',
  audit: 'audit-trail',
  identity: 'user-identity',
  signature: 'signatures',
  confidentiality: 'deidentification',
  media: 'media-encryption',
  time: 'time-sync',
  network: null,
  config: null,
  email: null,
  storage: null,
};

/** Options of the Basic Application Level Confidentiality Profile (PS3.15 E.3), however abbreviated. */
const DEID_OPTION_PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'Clean Pixel Data', re: /\bclean pixel(?: data)?\b/i },
  { name: 'Clean Recognizable Visual Features', re: /\bclean recogni[sz]able visual features?\b/i },
  { name: 'Clean Graphics', re: /\bclean graphics\b/i },
  { name: 'Clean Structured Content', re: /\bclean structured content\b/i },
  { name: 'Clean Descriptors', re: /\bclean descriptors?\b/i },
  { name: 'Retain Longitudinal Temporal Information Full Dates', re: /\bretain (?:longitudinal|long\.?)(?: temporal information)?(?: with)? full dates\b/i },
  { name: 'Retain Longitudinal Temporal Information Modified Dates', re: /\bretain (?:longitudinal|long\.?)(?: temporal information)?(?: with)? modified dates\b/i },
  { name: 'Retain Longitudinal Temporal Information', re: /\bretain longitudinal(?: temporal information)?\b/i },
  { name: 'Retain Patient Characteristics', re: /\bretain patient characteristics\b/i },
  { name: 'Retain Device Identity', re: /\bretain device identity\b/i },
  { name: 'Retain Institution Identity', re: /\bretain institution identity\b/i },
  { name: 'Retain UIDs', re: /\bretain uids?\b/i },
  { name: 'Retain Safe Private', re: /\bretain safe private\b/i },
];

/** E.3 option names mentioned in `text` (canonical PS3.15 names). */
export function findDeidOptions(text: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  for (const o of DEID_OPTION_PATTERNS) {
    if (o.name === 'Retain Longitudinal Temporal Information' && out.some((x) => x.name.startsWith(o.name))) continue;
    const m = o.re.exec(text);
    if (m) out.push({ name: o.name, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
