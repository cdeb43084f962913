// The claim vocabulary (shared with network-role.ts): which features a statement can claim, in
// which scope, and the words that name each feature. Polarity comes from negation.ts and
// structure.ts; this file only says what a mention of each feature looks like.

export const FEATURES = [
  'network-services',
  'dimse-listener',
  'dimse-initiator',
  'dicomweb-server',
  'dicomweb-client',
  'web-ui',
  'tls',
  'plain-http',
  'authentication',
  'user-identity',
  'audit-trail',
  'audit-remote',
  'default-password',
  'fixed-password',
  'deidentification',
  'signatures',
  'media-export',
  'media-encryption',
  'time-sync',
  'ae-title-restriction',
  'remote-service',
] as const;
export type Feature = (typeof FEATURES)[number];

export const SCOPES = ['dimse', 'dicomweb', 'hl7', 'web-ui', 'remote-service', 'media', 'general'] as const;
export type Scope = (typeof SCOPES)[number];

export interface FeatureDef {
  feature: Feature;
  /** Global, case-insensitive, linear. */
  mention: RegExp;
  /** A fixed scope; otherwise the scope nearest the mention (scopeAt). */
  scope?: Scope;
  /** A bare link could fake it ('https://vendor.example'): mentions inside non-endpoint URLs are incidental. */
  urlSensitive?: boolean;
  /** A field name in a schema table ('Anonymized') is not a claim. */
  schemaSensitive?: boolean;
  /** The mention itself states support (a verb or an answer is not needed). */
  selfAsserting?: boolean;
  /** A passing mention is not enough: the sentence must assert (a verb, a table row, a section about it). */
  needsAssertion?: boolean;
  /** Fixed polarity for mentions that are themselves negative of another feature ('accepts any calling AE'). */
  polarity?: 'not-supported';
}

// Patterns: bounded gaps only. A mention's own wording (e.g. 'cannot be changed') is not re-read as a trigger.
export const FEATURE_DEFS: FeatureDef[] = [
  // ---- network at all -----------------------------------------------------------------------
  { feature: 'network-services', mention: /\bnetwork(?:ing)? (?:services?|connectivity|connections?|interfaces?|communication|access|features?|functionality|capabilit(?:y|ies))\b|\bnetworking\b|\bdicom network(?:ing)?\b/gi, scope: 'general' },
  { feature: 'network-services', mention: /\bstand-?alone (?:system|application|workstation|device|product|mode|viewer)\b|\bair-?gapped\b|\boffline (?:only|viewer|application|use)\b|\bno network (?:connection|interface|connectivity|access)\b/gi, scope: 'general', polarity: 'not-supported', selfAsserting: true },
  // ---- DIMSE roles --------------------------------------------------------------------------
  { feature: 'dimse-listener', mention: /\b(?:accepts?|accepting|listens?|listening|responds? to|waits? for)\b[^.;|]{0,40}?\b(?:associations?|association requests?|incoming (?:connections?|requests?)|c-echo|c-store|c-find|c-move|c-get)\b|\bas (?:an? )?(?:storage |query\/retrieve |verification |worklist |mwl |mpps |commitment )?scp\b|\bacts? as (?:an? )?(?:[a-z/]+ )?scp\b|\bassociation acceptance\b|\blisten(?:ing)? port\b|\b(?:storage|query\/retrieve|verification|worklist|c-store|c-find|c-move) scp\b/gi, scope: 'dimse' },
  { feature: 'dimse-initiator', mention: /\b(?:initiates?|initiating|opens?|originates?|requests?|establish(?:es)?)\b[^.;|]{0,30}?\bassociations?\b|\bas (?:an? )?(?:storage |query\/retrieve |verification |worklist |mwl |mpps |commitment )?scu\b|\bacts? as (?:an? )?(?:[a-z/]+ )?scu\b|\bassociation initiation\b|\b(?:storage|query\/retrieve|verification|worklist|c-store|c-find|c-move|mpps|print) scu\b|\bsends?\b[^.;|]{0,30}?\b(?:images?|instances?|studies|objects)\b[^.;|]{0,30}?\b(?:to (?:a |the |remote |other )?(?:pacs|archives?|dicom|nodes?|destinations?|peers?)|via c-store)\b/gi, scope: 'dimse' },
  // ---- DICOMweb ------------------------------------------------------------------------------
  { feature: 'dicomweb-client', mention: /\b(?:is|acts? as|as|functions as|operates as|serves as) (?:a |an |the )?(?:dicom ?web |http )?(?:user agent|client)\b|\bdicom ?web[- ]client\b|\b(?:queries|retrieves? (?:images |studies |instances )?from|calls|connects to|consumes|talks to)\b[^.;|]{0,40}?\b(?:dicom ?web|wado(?:-rs|-uri)?|qido(?:-rs)?|stow(?:-rs)?)\b[^.;|]{0,20}?\b(?:servers?|services?|endpoints?|origin servers?|archives?|pacs)\b|\bas (?:a |an )?(?:dicom ?web )?client\b/gi, scope: 'dicomweb' },
  { feature: 'dicomweb-server', mention: /\b(?:wado-rs|wado-uri|wado-ws|wado|qido-rs|qido|stow-rs|stow|ups-rs|dicom ?web|restful (?:dicom )?services?|origin server|web services?)\b/gi, scope: 'dicomweb', needsAssertion: true },
  // ---- web UI --------------------------------------------------------------------------------
  { feature: 'web-ui', mention: /\bweb[- ]?(?:based )?(?:ui|user interface|interface|console|portal|application|viewer|front[- ]?end|pages?|server|gui|administration|admin)\b|\badmin(?:istration|istrative)? (?:console|portal|interface|ui|pages?|website|web ?(?:site|ui|page|interface)?)\b|\bbrowser[- ]based\b|\b(?:in|via|through) a (?:web )?browser\b|\bmanagement (?:console|ui|interface) (?:over|via) (?:http|https|the web)\b|\b(?:service|maintenance|configuration|management|admin(?:istration)?|user) (?:user |web )?(?:interface|ui|console|tool|pages?)\b(?= [^.;|]{0,40}?\b(?:https?|browser|web)\b)/gi, scope: 'web-ui' },
  // ---- transport security -------------------------------------------------------------------------
  { feature: 'tls', mention: /\btls\b|\btlsv1|\bssl\b|\bsslv[23]\b|\btransport layer security\b|\bsecure (?:transport|dicom|communication|connections?|channel|sockets? layer)\b|\bdicom-tls\b|\bdicoms\b|\bmutual tls\b|\bmtls\b|\bhttps\b|\bencrypt(?:ed|ion|s)?\b(?=[^.;|]{0,30}?\b(?:communications?|connections?|transport|transit|traffic|channel|network|transfers?|associations?|data in motion)\b)|\b(?:communications?|connections?|transport|traffic|associations?|transfers?|data in transit)\b[^.;|]{0,25}?\bencrypt(?:ed|ion)\b|\bencryption in transit\b/gi, urlSensitive: true, needsAssertion: true },
  { feature: 'plain-http', mention: /\bplain(?:[- ]text)? http\b|\bunencrypted http\b|\bunprotected http\b|\bclear[- ]?text http\b|\bhttp (?:only|traffic|port|listener|requests? (?:are|is) (?:accepted|allowed))\b|\b(?:over|via|using|and|or|\/) http\b(?![s/])(?! (?:get|post|put|delete|head|patch|options|methods?|headers?|status|response|codes?|verbs?|semantics|caching|1\.1|2)\b)|\bhttp\b(?= (?:and|or|\/) https\b)|\bhttp:\/\/[^\s|)>\]"']{1,200}/gi, urlSensitive: true },
  // ---- who may connect -------------------------------------------------------------------------
  { feature: 'authentication', mention: /\bauthenticat(?:ion|es?|ed|ing)\b|\bauthori[sz](?:ation|es?)\b|\boauth ?2?(?:\.0)?\b|\bopenid(?: connect)?\b|\boidc\b|\bbearer tokens?\b|\bbasic auth\w*\b|\bdigest auth\w*\b|\bapi keys?\b|\bclient certificates?\b|\bkeycloak\b|\bsaml\b|\b(?:log ?in|sign[- ]?in)\b(?=[^.;|]{0,40}?\b(?:required|mandatory|enforced)\b)|\b(?:requires?|required) (?:a )?(?:log ?in|sign[- ]?in|credentials)\b|\b401 unauthori[sz]ed\b|\bhttp 401\b/gi },
  { feature: 'authentication', mention: /\bunauthenticated\b|\bno (?:user )?(?:log ?in|login|password|credentials?) (?:is |are )?(?:required|needed)\b|\banonymous (?:access|requests?|users?|connections?)\b|\bopen access\b|\bwithout (?:any )?(?:log ?in|login|credentials|a password)\b|\bany(?:one| user| client)\b[^.;|]{0,30}?\bcan (?:access|connect|query|retrieve|download)\b/gi, polarity: 'not-supported', selfAsserting: true },
  { feature: 'user-identity', mention: /\buser[- ]identity(?: negotiation)?\b|\buser-identity-type\b|\bidentity negotiation\b/gi, scope: 'dimse' },
  { feature: 'ae-title-restriction', mention: /\bonly\b[^.;|]{0,60}?\b(?:calling ae[- ]?titles?|ae[- ]?titles?|aets?|known (?:aes|nodes|hosts|systems|peers|application entities)|configured (?:aes|ae titles|nodes|hosts|systems|peers|remote (?:aes|nodes|systems))|registered (?:aes|nodes|systems))\b|\b(?:unknown|unregistered|unconfigured|unlisted|unauthori[sz]ed)\s+(?:calling\s+|remote\s+)?(?:aes|ae titles?|aets?|nodes|peers|hosts|systems|application entities)\b[^.;|]{0,30}?\b(?:are|is|will be)\s+(?:rejected|refused|denied)\b|\brejects?\b[^.;|]{0,50}?\b(?:unknown|unregistered|unconfigured|unlisted) (?:calling |remote )?(?:aes?|ae titles?|aets?|nodes|peers|hosts|systems)\b|\b(?:white|allow)[- ]?list(?:ing|ed)?\b[^.;|]{0,40}?\b(?:ae|aes|ae titles?|aets?)\b|\b(?:ae|ae titles?|aets?)\b[^.;|]{0,40}?\b(?:white|allow)[- ]?list|\bae[- ]?title (?:validation|checking|filtering)\b|\bvalidat(?:es?|ion of) the calling ae\b|\bchecks?\b[^.;|]{0,40}?\bcalling ae[- ]?titles?\b|\brestrict(?:s|ed|ing)?\b[^.;|]{0,40}?\b(?:known|configured|registered|listed) (?:calling )?(?:ae[- ]titles?|aets?|aes|application entities|nodes|peers|systems)\b|\bcalling ae[- ]?title (?:checking|filtering|restriction)\b/gi, scope: 'dimse', selfAsserting: true },
  { feature: 'ae-title-restriction', mention: /\baccepts?\b[^.;|]{0,50}?\b(?:associations?|association requests?|requests?|connections?)\b[^.;|]{0,20}?\bfrom any\b[^.;|]{0,30}?\b(?:calling\s+|remote\s+)?(?:ae|aes|ae titles?|aets?|application entit(?:y|ies)|systems?|nodes?|hosts?|scus?|peers?|devices?|clients?)\b|\b(?:accepts?|accepted)\b[^.;|]{0,40}?\b(?:any|all)\s+(?:calling\s+|remote\s+)?(?:ae titles?|aets?|aes|application entit(?:y|ies))\b|\bpromiscuous\b|\b(?:any|all) (?:calling |remote )?(?:ae[- ]titles?|aets?|aes|application entit(?:y|ies)|nodes|systems|peers|hosts)\b[^.;|]{0,30}?\b(?:is|are|will be) accepted\b|\bno (?:restrictions?|checks?|checking|validation) (?:is |are )?(?:made |performed |applied )?(?:on|of|based on|for) (?:the )?(?:calling )?(?:ae|ae titles?|aets?)\b/gi, scope: 'dimse', polarity: 'not-supported', selfAsserting: true },
  // ---- audit ---------------------------------------------------------------------------------
  { feature: 'audit-trail', mention: /\baudit (?:trails?|messages?|records?|logs?|logging|events?|entries|data|repository|reports?)\b|\bauditing\b|\bsecurity (?:audit|event) logs?\b|\b(?:logs?|records?) (?:all )?security(?:-relevant)? events\b|\bsecurity events? (?:are |is )?(?:logged|recorded)\b|\baudit(?:able)? events?\b|\baudit trail message format\b/gi },
  { feature: 'audit-remote', mention: /\bsyslog\b|\batna\b|\baudit record repository\b|\baudit repository\b|\barr\b|\brfc ?(?:3881|5424|5425|5426|6587)\b|\b(?:sends?|sent|forwards?|forwarded|transmit(?:s|ted)?|exports?|exported)\b[^.;|]{0,40}?\baudit (?:messages?|records?|events?|logs?|trail)\b|\baudit (?:messages?|records?|events?|logs?|trail)\b[^.;|]{0,40}?\b(?:sent|forwarded|transmitted|exported) to\b|\bsiem\b/gi },
  // ---- credentials --------------------------------------------------------------------------------
  { feature: 'default-password', mention: /\bdefault\s+(?:admin(?:istrator)?\s+|user\s+|service\s+|root\s+|login\s+)?(?:passwords?|credentials?|passcodes?|logins?|pins?)\b|\bfactory(?:[- ]set| default)? (?:passwords?|credentials?)\b|\b(?:default|initial) (?:user(?:name)?|account) (?:and|\/) password\b|\b\w{0,20}password\s?=\s?["'`]?[\w!@#$%^&*.-]{1,40}|\bpassword\s?:\s?["'`][^"'`\s]{1,40}["'`]/gi, selfAsserting: true },
  { feature: 'fixed-password', mention: /\bhard-?coded (?:passwords?|credentials?|keys?|accounts?|secrets?)\b|\b(?:fixed|unchangeable|static|embedded|shared|common|well-known) (?:service |admin(?:istrator)? |root |maintenance )?(?:passwords?|credentials?)\b|\b(?:passwords?|credentials?)\b[^.;|]{0,40}?\b(?:cannot|can ?not|can't|may not) be (?:changed|modified|altered|disabled)\b|\bbuilt-in (?:service |maintenance |administrator )?(?:accounts?|passwords?)\b|\bservice (?:account|password|login)s?\b[^.;|]{0,40}?\b(?:fixed|cannot be changed|hard-?coded|identical (?:on|across|for) all)\b/gi, selfAsserting: true },
  // ---- data protection ---------------------------------------------------------------------------
  { feature: 'deidentification', mention: /\bde-?identif\w*|\banonymi[sz]\w*|\bpseudonymi[sz]\w*|\bbasic application level confidentiality\b/gi, schemaSensitive: true },
  { feature: 'signatures', mention: /\bdigital(?:ly)? sign(?:atures?|ed|ing)\b|\bdicom signatures?\b|\bsignature profiles?\b/gi, scope: 'general' },
  // Reading media (FSR, a viewer of CDs, "media interchange" alone) is not export: only writing is.
  { feature: 'media-export', mention: /\b(?:export\w*|writ(?:e|es|ing)|burn\w*|cop(?:y|ies|ying)|stores?|saves?)\b[^.;|]{0,50}?\b(?:cd-?rs?|cd-?roms?|dvds?|blu-?ray|usb(?: (?:sticks?|drives?|disks?|storage|flash drives?|media))?|removable media|dicomdir|external (?:media|drives?|storage)|flash drives?|offline media|portable media)\b|\bmedia (?:export|creation)\b|\b(?:fsc|fsu)\b|\bfile-?set (?:creator|updater)\b/gi, scope: 'media' },
  { feature: 'media-encryption', mention: /\bbasic dicom media security\b|\bencrypt(?:ed|ion|s)?\b[^.;|]{0,40}?\b(?:media|cds?|dvds?|usb|discs?|disks?|drives?|dicomdir|files?|exports?)\b|\b(?:media|cds?|dvds?|usb(?: drives?| sticks?)?|discs?|exports?)\b[^.;|]{0,40}?\bencrypt(?:ed|ion)\b|\bmedia security\b/gi, scope: 'media' },
  // ---- time ------------------------------------------------------------------------------------------
  { feature: 'time-sync', mention: /\b(?:s?ntp)\b|\bnetwork time protocol\b|\bbasic time sync(?:hroni[sz]ation)?\b|\btime sync(?:hroni[sz]ation)?\b|\bsynchroni[sz](?:es?|ed|ing) (?:its |the )?(?:system )?(?:clock|time)\b|\bclock sync(?:hroni[sz]ation)?\b|\btime server\b|\bptp\b/gi, scope: 'general' },
  // ---- vendor access ------------------------------------------------------------------------------
  { feature: 'remote-service', mention: /\bremote (?:service|support|access|maintenance|diagnostics|connectivity|servicing|administration)\b|\bteamviewer\b|\bvendor (?:remote )?(?:access|support connection)\b|\bremote desktop\b|\bservice tunnel\b/gi, scope: 'remote-service' },
];

import { clauseAround } from './negation.js';

// ---- scope of a mention -------------------------------------------------------------------------
const SCOPE_WORDS: { scope: Scope; re: RegExp }[] = [
  { scope: 'hl7', re: /\bhl7\b|\bmllp\b|\bfhir\b/gi },
  { scope: 'remote-service', re: /\bremote (?:service|support|access|maintenance|diagnostics)\b|\bteamviewer\b|\bservice (?:portal|access|tunnel)\b|\bremote desktop\b|\brdp\b|\bssh\b/gi },
  { scope: 'web-ui', re: /\bweb[- ]?(?:ui|user interface|interface|console|portal|application|viewer|browser|pages?|gui)\b|\badmin(?:istration|istrative)? (?:console|portal|interface|ui|pages?|website)\b|\b(?:service|maintenance|configuration|management) (?:user )?(?:interface|ui|console|pages?)\b|\bbrowsers?\b|\bportal\b|\bexplorer\b/gi },
  { scope: 'dicomweb', re: /\bdicom ?web\b|\bwado(?:-rs|-uri|-ws)?\b|\bqido(?:-rs)?\b|\bstow(?:-rs)?\b|\bups-rs\b|\brestful\b|\brest (?:api|services?)\b|\bweb services?\b|\bbase url\b|\/dicom-?web\b/gi },
  { scope: 'media', re: /\bremovable media\b|\bcd-?rs?\b|\bdvds?\b|\busb\b|\bdicomdir\b|\bmedia\b/gi },
  { scope: 'dimse', re: /\bdimse\b|\bassociations?\b|\bae[- ]?titles?\b|\baets?\b|\bc-(?:store|find|move|get|echo)\b|\bscps?\b|\bscus?\b|\bdicom\b|\bport (?:104|11112|2761|2762)\b|\bstorage commitment\b|\bworklist\b|\bquery\/retrieve\b|\b(?:remote|calling|called|local|peer) aes?\b|\bapplication entit(?:y|ies)\b/gi },
];

/** Subjects that are neither DICOM traffic nor a vocabulary scope: TLS for syslog or LDAP is not DICOM TLS. */
const OTHER_SUBJECT = /\bsyslog\b|\baudit\b|\batna\b|\bldaps?\b|\bactive directory\b|\bsmtp\b|\be-?mail\b|\bbackups?\b|\bdatabase\b|\bsql\b|\blicen[cs]e (?:server|activation)\b|\bupdates? server\b|\bntp\b|\bvpn\b|\bkerberos\b/gi;

function nearest(text: string, re: RegExp, start: number, end: number): { at: number; word: string } | null {
  re.lastIndex = 0;
  let best: { at: number; word: string } | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const s = m.index;
    const e = s + m[0].length;
    if (s < end && e > start) continue; // the mention itself
    const d = e <= start ? start - e : s - end;
    if (!best || d < best.at) best = { at: d, word: m[0].toLowerCase() };
  }
  return best;
}

/** The scope a mention sits in: the nearest scope word in its text, else its sections, else general. */
export function scopeAt(text: string, start: number, end: number, sectionTitles: string): { scope: Scope; about?: string } {
  // The mention's own clause first (a subject elsewhere in the sentence belongs to another clause),
  // then the whole sentence, then the headings above it.
  const [from, to] = text ? clauseAround(text, start, end) : [0, 0];
  const clause = ' '.repeat(from) + text.slice(from, to);
  for (const scan of [clause, text]) {
    let best: { scope: Scope; d: number } | null = null;
    for (const w of SCOPE_WORDS) {
      const n = nearest(scan, w.re, start, end);
      if (n && (!best || n.at < best.d)) best = { scope: w.scope, d: n.at };
    }
      // A non-DICOM subject counts only close by ('TLS for syslog', 'LDAP over TLS'), not across the clause.
    const other = scan === clause ? nearest(scan, OTHER_SUBJECT, start, end) : null;
    if (other && other.at <= 30 && (!best || other.at < best.d)) return { scope: 'general', about: other.word.replace(/s$/, '') };
    if (best) return { scope: best.scope };
  }
  for (const w of SCOPE_WORDS) {
    w.re.lastIndex = 0;
    if (w.re.test(sectionTitles)) return { scope: w.scope };
  }
  OTHER_SUBJECT.lastIndex = 0;
  const so = OTHER_SUBJECT.exec(sectionTitles);
  if (so) return { scope: 'general', about: so[0].toLowerCase().replace(/s$/, '') };
  return { scope: 'general' };
}
