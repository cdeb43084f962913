// TLS for DICOM traffic: supported / denied / optional (from claims), versions, cipher suites, weak
// algorithms, PS3.15 TLS profiles (retired, superseded), and whether a clear-text DICOM port sits
// beside a TLS one. TLS for HL7, LDAP, syslog, a web UI or remote service is not DICOM TLS.
import type { ConformanceStatement } from '../model.js';
import { NEGATIVE, of, verdict, type ClaimRecord } from '../claims.js';
import { negated } from '../negation.js';
import { type FactContext, silentInSecurity, uniq } from './context.js';

// ---- patterns (linear: bounded gaps, no nested quantifiers) --------------------------------------
/** Any mention of TLS-like transport protection (also used by the certificate and port checks). */
export const TLS_MENTION =
  /\btls\b|\btlsv1|\bssl\b|\bsslv[23]\b|\btransport layer security\b|\bsecure transport connection\b|\bsecure transport\b|\bdicom-tls\b|\btls[- ](?:secured|protected|enabled|encrypted)\b|\bmutual tls\b|\bmtls\b/i;
/** TLS versions: the first token; enumerations ('TLS 1.0, 1.1 and 1.2') are followed up in code. */
const TLS_VERSION = /\b(?:tls ?v?|tlsv)(1\.[0-3]|1)(?![.\d])|\bssl ?v?([23])(?:\.0)?\b/gi;
const VERSION_CONTINUATION = /^\s*(?:,|\/|&|\band\b|\bor\b|,\s*and\b|,\s*or\b)\s*(?:tls ?v?)?(1\.[0-3])(?![.\d])/i;
/** IANA cipher suite names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256). */
const IANA_SUITE = /\b(?:TLS|SSL)_[A-Z0-9]+(?:_[A-Z0-9]+){1,10}\b/g;
/** OpenSSL cipher names (ECDHE-RSA-AES128-GCM-SHA256, DES-CBC3-SHA). */
const OPENSSL_SUITE = /\b(?:ECDHE|DHE|EDH|ADH|AECDH|AES128|AES256|DES|RC4|NULL|EXP|CAMELLIA128|CAMELLIA256|PSK|SRP)(?:-[A-Z0-9]+){1,6}\b/g;
/** Parts of a suite name that make it weak. */
const WEAK_SUITE_PART = /3DES|DES_CBC|DES-CBC|_DES_|DES40|RC4|RC2|NULL|_anon_|ADH|AECDH|EXPORT|EXP-|MD5|IDEA/i;
/** Weak algorithms named outside suite names. */
const WEAK_ALGORITHM = /\b(3des|triple[- ]des|rc4|arcfour|export(?:-grade)? (?:ciphers?|suites?)|null (?:ciphers?|encryption)|anonymous (?:tls|cipher suites?|diffie))\b/gi;
/** 'TLS is supported, but disabled by default': the sentence qualifies what it affirms. */
const OFF_BY_DEFAULT = /\b(?:off|disabled|inactive|not (?:enabled|active|activated|on)) (?:by default|out of the box|in the default (?:configuration|installation))\b|\bnot enforced\b|\bnot mandatory\b|\bunencrypted (?:connections?|associations?) (?:are|is) (?:also )?(?:accepted|allowed|possible)\b|\bclear[- ]?text (?:connections?|associations?|communication) (?:are|is) (?:also )?(?:accepted|allowed|possible)\b/i;

const normVersion = (v: string, ssl: boolean) => (ssl ? `SSL ${v}.0` : `TLS ${v === '1' ? '1.0' : v}`);

type Tls = ConformanceStatement['tls'];

/** TLS claims that speak of DICOM traffic: DIMSE, general, or DICOMweb when named as TLS (not a bare 'https'). */
export const dicomTls = (c: ClaimRecord) =>
  of('tls', ['dimse', 'general', 'dicomweb'])(c) && !(c.scope === 'dicomweb' && /^https$/i.test(c.match)) &&
  // Not supporting one named profile ('does not support ISCL') does not deny TLS.
  !(c.def && NEGATIVE.has(c.polarity));

export function extractTls(ctx: FactContext, profileClaims: ClaimRecord[], securityProfilesNone: boolean): Tls {
  const { ev, claims } = ctx;
  const tlsProfiles = profileClaims.filter((c) => c.def!.group === 'tls');
  let v = verdict(claims, dicomTls);
  // Every TLS profile the statement names is denied and nothing affirms TLS: PS3.15's TLS profiles
  // are how DICOM specifies TLS, so the denial is the statement's answer (and its evidence).
  // ISCL (B.2) is not TLS: not supporting it says nothing about TLS.
  const deniedProfiles = claims.filter((c) => c.feature === 'tls' && c.def?.group === 'tls' && c.def.id !== 'B.2' && NEGATIVE.has(c.polarity));
  if (v.value === null && deniedProfiles.length && !tlsProfiles.length) v = { value: false, claims: deniedProfiles };
  let supported = v.value;
  if (supported === null && securityProfilesNone) supported = false;
  if (supported === true) {
    ev.pushClaims('tls.supported', tlsProfiles);
    ev.pushClaims('tls.supported', v.claims);
  } else if (supported === false) {
    ev.pushClaims('tls.supported', v.claims);
    for (const e of ev.get('securityProfilesNone') ?? []) ev.push('tls.supported', e);
  } else ev.set('tls.supported', [silentInSecurity(ctx, (s) => s.kind === 'security' || s.kind === 'security-profiles')]);

  // Optional: a TLS claim that is optional / off by default, and none that says it is required.
  const mine = claims.filter(dicomTls);
  const required = mine.some((c) => c.required && c.polarity === 'supported');
  const optionalClaims = mine.filter((c) => c.polarity === 'optional' || (c.polarity === 'supported' && OFF_BY_DEFAULT.test(c.unit.text)));
  const optional = supported === true ? optionalClaims.length > 0 && !required : null;
  // The plainest statement first: a 'TLS | Optional' row or a sentence that opens with TLS.
  const plainness = (c: ClaimRecord) => (c.unit.kind === 'row' && c.start < 5 ? 0 : c.start < 5 ? 1 : 2);
  if (optional) ev.pushClaims('tls.optional', [...optionalClaims].sort((a, b) => plainness(a) - plainness(b)));
  else if (required) ev.pushClaims('tls.optional', mine.filter((c) => c.required));
  ev.fallback('tls.optional', ev.get('tls.supported')!);

  const versions: string[] = [];
  const disabled: string[] = [];
  const suites: string[] = [];
  const weakAlgorithms: string[] = [];
  for (const u of ctx.claimUnits) {
    const text = u.text;
    // A bare value in a configuration reference's list of allowed values is not a claim.
    if (u.enumeration) continue;
    // versions (any context: they describe the product's TLS stack)
    TLS_VERSION.lastIndex = 0;
    let vm: RegExpExecArray | null;
    // Each enumeration ('TLS 1.0, 1.1 and 1.2') is a group read with one polarity.
    const found: { v: string; start: number; end: number; group: number }[] = [];
    let group = 0;
    while ((vm = TLS_VERSION.exec(text))) {
      const ssl = vm[2] !== undefined;
      if (!ssl && vm[1] === '1' && !/tlsv1\b/i.test(vm[0])) continue; // 'TLS 1' alone is too vague unless 'TLSv1'
      group++;
      found.push({ v: normVersion(ssl ? vm[2]! : vm[1]!, ssl), start: vm.index, end: vm.index + vm[0].length, group });
      let end = vm.index + vm[0].length;
      for (let guard = 0; guard < 6; guard++) {
        const c = VERSION_CONTINUATION.exec(text.slice(end, end + 40));
        if (!c) break;
        found.push({ v: normVersion(c[1]!, false), start: end, end: end + c[0].length, group });
        end += c[0].length;
      }
      TLS_VERSION.lastIndex = end;
    }
    // 'TLS Version | 1.3' rows
    if (u.kind === 'row' && u.cells && /\b(?:tls|ssl) versions?\b|\bprotocol versions?\b/i.test(u.cells[0] ?? '')) {
      for (const c of u.cells.slice(1).join(' ').matchAll(/\b1\.[0-3]\b/g)) found.push({ v: `TLS ${c[0]}`, start: 0, end: text.length, group: -1 });
    }
    for (const f of found) {
      const members = found.filter((x) => x.group === f.group);
      const probe = f.group >= 0 ? { start: members[0]!.start, end: members[members.length - 1]!.end } : f;
      const neg = negated(text, probe.start, probe.end) || (/\b(?:disabled?|not (?:supported|allowed|enabled)|deprecated|prohibited|removed)\b/i.test(text.slice(probe.end, probe.end + 40)) && !/\benabled\b/i.test(text.slice(probe.end, probe.end + 25)));
      if (neg) disabled.push(f.v);
      else versions.push(f.v);
      ev.push(neg ? 'tls.disabledVersions' : 'tls.versions', u);
    }
    // cipher suites
    for (const re of [IANA_SUITE, OPENSSL_SUITE]) {
      re.lastIndex = 0;
      let sm: RegExpExecArray | null;
      while ((sm = re.exec(text))) {
        const name = sm[0];
        if (re === OPENSSL_SUITE && !/-(?:SHA\d*|GCM|POLY1305|CBC\d?|MD5|CCM8?)\b/.test(name)) continue;
        if (re === IANA_SUITE && !/_WITH_|^TLS_(?:AES|CHACHA20)/.test(name)) continue;
        if (negated(text, sm.index, sm.index + name.length) && !/\bmay be configured\b/.test(text)) continue;
        suites.push(name);
        ev.push('tls.cipherSuites', u);
      }
    }
    if (TLS_MENTION.test(text) || /\bcipher/i.test(text)) {
      WEAK_ALGORITHM.lastIndex = 0;
      let wm: RegExpExecArray | null;
      while ((wm = WEAK_ALGORITHM.exec(text))) {
        if (negated(text, wm.index, wm.index + wm[0].length)) continue;
        weakAlgorithms.push(wm[1]!.toUpperCase().replace(/^TRIPLE[- ]DES$/, '3DES'));
        ev.push('tls.weakAlgorithms', u);
      }
    }
  }
  ev.pushClaims('tls.profiles', tlsProfiles);
  const retired = tlsProfiles.filter((p) => p.def!.status === 'retired');
  const superseded = tlsProfiles.filter((p) => p.def!.status === 'superseded');
  ev.pushClaims('tls.retiredProfiles', retired);
  ev.pushClaims('tls.supersededProfiles', superseded);
  const vset = uniq(versions);
  const weakVersions = vset.filter((x) => /^SSL|TLS 1\.[01]$/.test(x));
  // 'TLSv1' alone is TLS 1.0, but 'TLSv1.3' is not: the digit after the dot must not follow.
  if (weakVersions.length) ev.set('tls.weakVersions', (ev.get('tls.versions') ?? []).filter((e) => /\b(?:tls ?v?1\.[01](?!\d)|ssl ?v?[23]|tlsv1(?![.\d]))|\b1\.[01](?![.\d])/i.test(e.quote ?? '')));
  const suiteSet = uniq(suites);
  const weakSuites = suiteSet.filter((s) => WEAK_SUITE_PART.test(s) || /_SHA$|-SHA$/.test(s));
  if (weakSuites.length) ev.set('tls.weakCipherSuites', (ev.get('tls.cipherSuites') ?? []).filter((e) => weakSuites.some((w) => e.quote?.includes(w))));
  for (const k of ['tls.versions', 'tls.profiles', 'tls.cipherSuites', 'tls.retiredProfiles', 'tls.weakVersions', 'tls.weakCipherSuites']) ev.fallback(k, ev.get('tls.supported')![0]!);

  // A clear-text DICOM port beside a TLS one.
  const dicomPorts = ctx.ports.filter((p) => p.protocol === 'dicom' || p.protocol === 'dicom-tls');
  let clearTextPortAlongside: boolean | null = null;
  if (dicomPorts.some((p) => p.tls === true)) {
    const clear = dicomPorts.filter((p) => !p.disabledByDefault && (p.tls === false || (p.tls === null && p.port !== 2762)));
    clearTextPortAlongside = clear.length > 0;
    ev.set('tls.clearTextPortAlongside', (ctx.networkEvidence['ports'] ?? []).slice(0, 4));
  }
  // Where the statement speaks of TLS ports (a number, or 'configurable'): cited before the port table.
  for (const u of ctx.claimUnits) if (!u.enumeration && /\bports?\b/i.test(u.text) && TLS_MENTION.test(u.text)) ev.push('tls.ports', u);

  return {
    supported,
    optional,
    versions: vset,
    profiles: uniq(tlsProfiles.map((p) => p.def!.name)),
    cipherSuites: suiteSet,
    weakVersions,
    disabledVersions: uniq(disabled).filter((x) => !vset.includes(x)),
    retiredProfiles: uniq(retired.map((p) => p.def!.name)),
    supersededProfiles: uniq(superseded.map((p) => p.def!.name)),
    weakCipherSuites: weakSuites,
    weakAlgorithms: uniq(weakAlgorithms),
    clearTextPortAlongside,
    ports: uniq(ctx.ports.filter((p) => p.tls === true).map((p) => p.port)),
  };
}
