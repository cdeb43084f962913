// Security facts: the Security section, PS3.15 profiles, TLS (versions, suites, retired profiles),
// association-level policy, audit trail, user identity, DICOMweb exposure, credentials, signatures
// and de-identification. Precision over recall: a claim counts only when it is not negated in its
// clause, not in front matter (definitions, references) and not template instruction text.
import type { Evidence } from '../../core/findings.js';
import type { ConformanceStatement, CsPort, CsSection } from './model.js';
import * as L from './lexicon.js';
import { evidenceOf, sectionEvidence, type Unit } from './units.js';

type Security = Pick<
  ConformanceStatement,
  'securitySection' | 'securityProfiles' | 'securityProfilesNone' | 'tls' | 'aeTitlePolicy' | 'audit' | 'userIdentity' | 'web' | 'credentials' | 'signatures' | 'deidentification'
> & { evidence: Record<string, Evidence[]> };

/** True when a negation shares the clause of text[start, end). */
export function negated(text: string, start: number, end: number): boolean {
  let from = Math.max(0, start - 70);
  const head = text.slice(from, start);
  const cut = Math.max(head.lastIndexOf(';'), head.lastIndexOf(' but '), head.lastIndexOf(' | '), head.lastIndexOf(', while'), head.lastIndexOf(', whereas'));
  if (cut >= 0) from += cut + 1;
  let to = Math.min(text.length, end + 50);
  const tail = text.slice(end, to);
  const stop = tail.search(/;| but | \| |, (?:while|whereas|and|use|however)\b|\. /);
  if (stop >= 0) to = end + stop;
  return L.NEGATION.test(text.slice(from, start)) || L.NEGATION.test(text.slice(end, to));
}

/** For a row: does a value cell answer no? */
function rowSaysNo(u: Unit, termCell: number): boolean {
  if (u.kind !== 'row' || !u.cells) return false;
  return u.cells.some((c, k) => k !== termCell && L.NO_CELL.test(c));
}

function isDicomTlsContext(u: Unit): boolean {
  const titles = u.sections.map((s) => s.title).join(' ');
  if (L.DICOM_CONTEXT.test(u.text)) return true;
  if (L.NON_DICOM_CONTEXT.test(u.text) || L.NON_DICOM_CONTEXT.test(u.section?.title ?? '')) return false;
  // In a security or networking section and not about something else.
  return /\bsecurity\b|\btls\b|\btransport\b|\bnetwork|\bcommunication|\bdicom|\bconfiguration|\bweb\b|\bwado|\brest/i.test(titles) || u.section === null;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const normVersion = (v: string, ssl: boolean) => (ssl ? `SSL ${v}.0` : `TLS ${v === '1' ? '1.0' : v}`);

export function extractSecurity(units: Unit[], sections: CsSection[], ports: CsPort[], docStart: Evidence): Security {
  const ev: Record<string, Evidence[]> = {};
  const push = (key: string, u: Unit) => {
    const list = (ev[key] ??= []);
    if (list.length < 12 && !list.some((e) => e.line === u.line && e.page === u.page && e.quote === evidenceOf(u).quote)) list.push(evidenceOf(u));
  };
  const claims = units.filter((u) => u.kind !== 'heading' && !u.frontMatter && !u.template);

  // ---- Security section -------------------------------------------------------------------------
  const secSections = sections.filter((s) => s.kind === 'security' || s.kind === 'security-profiles');
  const topSecurity = secSections.find((s) => s.kind === 'security') ?? secSections[0] ?? null;
  let empty = true;
  let notApplicable = false;
  for (const s of secSections) {
    const body = units.filter((u) => u.kind !== 'heading' && u.index > s.startLine && u.index < s.endLine);
    const real = body.filter((u) => !u.template && !L.EMPTY_BODY.test(u.text));
    if (body.some((u) => L.EMPTY_BODY.test(u.text))) notApplicable = true;
    if (real.length) empty = false;
  }
  const securitySection = {
    present: secSections.length > 0,
    empty: secSections.length > 0 ? empty : true,
    title: topSecurity ? topSecurity.title : null,
    notApplicable: secSections.length > 0 && empty && notApplicable,
  };
  const silentAt = (prefer: (s: CsSection) => boolean): Evidence => {
    const s = sections.find(prefer) ?? topSecurity;
    return s ? sectionEvidence(s) : docStart;
  };
  ev['securitySection'] = [topSecurity ? sectionEvidence(topSecurity) : docStart];

  // ---- profiles -----------------------------------------------------------------------------------
  const profiles: { def: L.ProfileDef; u: Unit }[] = [];
  for (const u of claims) {
    let text = u.text;
    for (const def of L.PROFILES) {
      def.pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = def.pattern.exec(text))) {
        const neg = negated(text, m.index, m.index + m[0].length) || rowSaysNo(u, -1);
        // 'bit preserving' mentioned as an attribute in a de-identification table is still a claim; fine.
        if (!neg) profiles.push({ def, u });
        text = text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length);
        def.pattern.lastIndex = m.index + m[0].length;
      }
    }
  }
  const securityProfiles = uniq(profiles.map((p) => p.def.name));
  for (const p of profiles) push('securityProfiles', p.u);
  let securityProfilesNone = false;
  for (const u of claims) {
    if (L.NO_PROFILES.some((re) => re.test(u.text))) {
      securityProfilesNone = true;
      push('securityProfilesNone', u);
    }
  }
  // A Security Profiles section whose whole body is 'Not applicable' / 'None'.
  for (const s of sections.filter((x) => x.kind === 'security-profiles' || x.kind === 'security')) {
    const body = units.filter((u) => u.kind !== 'heading' && u.index > s.startLine && u.index < s.endLine);
    if (body.length > 0 && body.every((u) => L.EMPTY_BODY.test(u.text))) {
      securityProfilesNone = true;
      push('securityProfilesNone', body[0]!);
    }
  }
  // Claiming a security profile (not merely LDAP configuration or time sync) contradicts 'none'.
  if (profiles.some((p) => !['network', 'time', 'config'].includes(p.def.group))) securityProfilesNone = false;
  if (!ev['securityProfiles']) ev['securityProfiles'] = [ev['securityProfilesNone']?.[0] ?? silentAt((s) => s.kind === 'security-profiles')];
  // 'Supports no security measures' is the sentence that shows the gap, not an LDAP or NTP profile named elsewhere.
  else if (securityProfilesNone) ev['securityProfiles'] = [...(ev['securityProfilesNone'] ?? []), ...ev['securityProfiles']];

  // ---- TLS --------------------------------------------------------------------------------------
  const tlsProfiles = profiles.filter((p) => p.def.group === 'tls');
  let supported: boolean | null = null;
  const positive: Unit[] = [];
  const negative: Unit[] = [];
  const versions: string[] = [];
  const disabled: string[] = [];
  const suites: string[] = [];
  const weakAlgorithms: string[] = [];
  for (const u of claims) {
    const text = u.text;
    const dicomCtx = isDicomTlsContext(u);
    // A table's first row names columns ('… | Port | TLS'): a label, not a claim. The rows under a
    // TLS column say Yes or No for their port.
    const headerRow = u.kind === 'row' && !u.header;
    const tlsColumn = u.kind === 'row' && u.header ? u.header.findIndex((h) => /^\s*(?:tls|secure|encrypted|tls\s*\(?yes\/no\)?)\s*$/i.test(h)) : -1;
    if (tlsColumn >= 0 && dicomCtx) {
      const cell = u.cells?.[tlsColumn] ?? '';
      if (L.NO_CELL.test(cell)) negative.push(u);
      else if (/^\s*(?:yes|y|supported|required|optional|✓|x)\b/i.test(cell)) positive.push(u);
    }
    if (headerRow) {
      // nothing to claim
    } else if (L.NO_TLS.some((re) => re.test(text)) && dicomCtx) {
      // 'does not support TLS 1.0' speaks of a version, not of TLS.
      if (!/\b(?:tls|ssl)\s?v?\d/i.test(text)) negative.push(u);
    } else {
      const m = L.TLS_MENTION.exec(text);
      if (m && dicomCtx) {
        const neg = negated(text, m.index, m.index + m[0].length) || rowSaysNo(u, 0);
        const verbOk = L.SUPPORT_VERB.test(text) || u.kind === 'row' || u.sections.some((s) => /\btls\b|\btransport layer security\b|\bsecure transport\b/i.test(s.title));
        if (!neg && verbOk) positive.push(u);
      }
    }
    // A bare value in a configuration reference's list of allowed values is not a claim.
    if (u.enumeration) continue;
    // versions (any context: they describe the product's TLS stack)
    L.TLS_VERSION.lastIndex = 0;
    let vm: RegExpExecArray | null;
    const found: { v: string; start: number; end: number }[] = [];
    while ((vm = L.TLS_VERSION.exec(text))) {
      const ssl = vm[2] !== undefined;
      if (!ssl && vm[1] === '1' && !/tlsv1\b/i.test(vm[0])) continue; // 'TLS 1' alone is too vague unless 'TLSv1'
      found.push({ v: normVersion(ssl ? vm[2]! : vm[1]!, ssl), start: vm.index, end: vm.index + vm[0].length });
      let end = vm.index + vm[0].length;
      for (let guard = 0; guard < 6; guard++) {
        const c = L.VERSION_CONTINUATION.exec(text.slice(end, end + 40));
        if (!c) break;
        found.push({ v: normVersion(c[1]!, false), start: end, end: end + c[0].length });
        end += c[0].length;
      }
      L.TLS_VERSION.lastIndex = end;
    }
    // 'TLS Version | 1.3' rows
    if (u.kind === 'row' && u.cells && /\b(?:tls|ssl) versions?\b|\bprotocol versions?\b/i.test(u.cells[0] ?? '')) {
      for (const c of u.cells.slice(1).join(' ').matchAll(/\b1\.[0-3]\b/g)) found.push({ v: `TLS ${c[0]}`, start: 0, end: text.length });
    }
    for (const f of found) {
      const neg = negated(text, f.start, f.end) || /\b(?:disabled?|not (?:supported|allowed|enabled)|deprecated|prohibited|removed)\b/i.test(text.slice(f.end, f.end + 40)) && !/\benabled\b/i.test(text.slice(f.end, f.end + 25));
      if (/\bminimum\b|\bor (?:higher|later|above)\b|\+/.test(text.slice(Math.max(0, f.start - 20), f.end + 15)) && !neg) {
        versions.push(f.v);
      } else if (neg) disabled.push(f.v);
      else versions.push(f.v);
      push(neg ? 'tls.disabledVersions' : 'tls.versions', u);
    }
    // cipher suites
    for (const re of [L.IANA_SUITE, L.OPENSSL_SUITE]) {
      re.lastIndex = 0;
      let sm: RegExpExecArray | null;
      while ((sm = re.exec(text))) {
        const name = sm[0];
        if (re === L.OPENSSL_SUITE && !/-(?:SHA\d*|GCM|POLY1305|CBC\d?|MD5|CCM8?)\b/.test(name)) continue;
        if (re === L.IANA_SUITE && !/_WITH_|^TLS_(?:AES|CHACHA20)/.test(name)) continue;
        if (negated(text, sm.index, sm.index + name.length) && !/\bmay be configured\b/.test(text)) continue;
        suites.push(name);
        push('tls.cipherSuites', u);
      }
    }
    if (L.TLS_MENTION.test(text) || /\bcipher/i.test(text)) {
      L.WEAK_ALGORITHM.lastIndex = 0;
      let wm: RegExpExecArray | null;
      while ((wm = L.WEAK_ALGORITHM.exec(text))) {
        if (negated(text, wm.index, wm.index + wm[0].length)) continue;
        weakAlgorithms.push(wm[1]!.toUpperCase().replace(/^TRIPLE[- ]DES$/, '3DES'));
        push('tls.weakAlgorithms', u);
      }
    }
  }
  const tlsProfileClaims = tlsProfiles.filter((p) => isDicomTlsContext(p.u) || true);
  if (positive.length || tlsProfileClaims.length) supported = true;
  else if (negative.length) supported = false;
  else if (securityProfilesNone) supported = false;
  if (supported === true) {
    for (const p of tlsProfileClaims) push('tls.supported', p.u);
    for (const u of positive) push('tls.supported', u);
  } else if (supported === false) {
    for (const u of negative) push('tls.supported', u);
    for (const e of ev['securityProfilesNone'] ?? []) (ev['tls.supported'] ??= []).push(e);
  } else {
    ev['tls.supported'] = [silentAt((s) => s.kind === 'security' || s.kind === 'security-profiles')];
  }
  for (const p of tlsProfiles) push('tls.profiles', p.u);
  const retired = tlsProfiles.filter((p) => p.def.status === 'retired');
  const superseded = tlsProfiles.filter((p) => p.def.status === 'superseded');
  for (const p of retired) push('tls.retiredProfiles', p.u);
  for (const p of superseded) push('tls.supersededProfiles', p.u);
  const vset = uniq(versions);
  const weakVersions = vset.filter((v) => /^SSL|TLS 1\.[01]$/.test(v));
  // 'TLSv1' alone is TLS 1.0, but 'TLSv1.3' is not: the digit after the dot must not follow.
  if (weakVersions.length) ev['tls.weakVersions'] = (ev['tls.versions'] ?? []).filter((e) => /\b(?:tls ?v?1\.[01](?!\d)|ssl ?v?[23]|tlsv1(?![.\d]))|\b1\.[01](?![.\d])/i.test(e.quote ?? ''));
  const suiteSet = uniq(suites);
  const weakSuites = suiteSet.filter((s) => L.WEAK_SUITE_PART.test(s) || /_SHA$|-SHA$/.test(s));
  if (weakSuites.length) ev['tls.weakCipherSuites'] = (ev['tls.cipherSuites'] ?? []).filter((e) => weakSuites.some((w) => e.quote?.includes(w)));
  for (const k of ['tls.versions', 'tls.profiles', 'tls.cipherSuites', 'tls.retiredProfiles', 'tls.weakVersions', 'tls.weakCipherSuites']) {
    if (!ev[k]?.length) ev[k] = [ev['tls.supported']![0]!];
  }

  // clear-text DICOM port beside a TLS one
  const dicomPorts = ports.filter((p) => p.protocol === 'dicom' || p.protocol === 'dicom-tls');
  let clearTextPortAlongside: boolean | null = null;
  if (dicomPorts.some((p) => p.tls === true)) {
    const clear = dicomPorts.filter((p) => !p.disabledByDefault && (p.tls === false || (p.tls === null && p.port !== 2762)));
    clearTextPortAlongside = clear.length > 0;
    ev['tls.clearTextPortAlongside'] = (ev['ports'] ?? []).slice(0, 4);
  }

  // Where the statement speaks of TLS ports (a number, or 'configurable'): cited before the port table.
  for (const u of claims) if (!u.enumeration && /\bports?\b/i.test(u.text) && L.TLS_MENTION.test(u.text)) push('tls.ports', u);

  // ---- association level ---------------------------------------------------------------------
  const assocCtx = (u: Unit) =>
    u.sections.some((s) => s.kind === 'association-level-security' || s.kind === 'association-acceptance' || s.kind === 'security' || s.kind === 'security-profiles') ||
    /\bassociations?\b|\bae[- ]?titles?\b|\baets?\b|\bcalling\b/i.test(u.text);
  const anyUnits: Unit[] = [];
  const anyDefault: Unit[] = [];
  const restrictUnits: Unit[] = [];
  let restrictionConfigurable: boolean | null = null;
  let calledChecked: boolean | null = null;
  let ipChecked: boolean | null = null;
  let moveRestricted: boolean | null = null;
  for (let k = 0; k < claims.length; k++) {
    const u = claims[k]!;
    if (!assocCtx(u)) continue;
    const t = u.text;
    const restrict = L.RESTRICT.some((re) => re.test(t)) && !/\bmove destinations?\b/i.test(t.replace(/\bcalling ae[- ]?titles?\b.*/i, '') ) || (/\b(?:to|can|may|will)?\s*checks? the following\b/i.test(t) && claims.slice(k + 1, k + 3).some((n) => /\bcalling\b[^.;|]{0,20}\bae[- ]?title\b/i.test(n.text)));
    const any = L.ACCEPT_ANY.some((re) => re.test(t));
    if (any && !restrict) {
      const optional = L.OPTIONAL_CUE.test(t) && !L.DEFAULT_CUE.test(t);
      if (!optional) {
        anyUnits.push(u);
        if (L.DEFAULT_CUE.test(t)) anyDefault.push(u);
      }
    } else if (restrict) {
      restrictUnits.push(u);
      if (L.OPTIONAL_CUE.test(t) && !/\bby default\b/i.test(t)) restrictionConfigurable ??= true;
      else if (!/\bcan\b|\bmay\b/i.test(t)) restrictionConfigurable = false;
    }
    if (L.CALLED_NOT_CHECKED.test(t)) calledChecked = false;
    else if (L.CALLED_CHECKED.test(t) && calledChecked === null) calledChecked = true;
    if (calledChecked !== null && (L.CALLED_CHECKED.test(t) || L.CALLED_NOT_CHECKED.test(t))) push('aeTitlePolicy.calledAeTitleChecked', u);
    if (L.IP_CHECKED.test(t) && !negated(t, 0, 0)) {
      ipChecked = true;
      push('aeTitlePolicy.ipAddressChecked', u);
    }
    if (L.MOVE_OPEN.test(t)) {
      moveRestricted = false;
      push('aeTitlePolicy.moveDestinationsRestricted', u);
    } else if (L.MOVE_RESTRICTED.test(t) && moveRestricted === null) {
      moveRestricted = true;
      push('aeTitlePolicy.moveDestinationsRestricted', u);
    }
  }
  // A bare list item 'Calling AE Title' after 'can be configured to check the following values'.
  let acceptsAny: boolean | null = null;
  if (anyDefault.length) acceptsAny = true;
  else if (restrictUnits.length) acceptsAny = false;
  else if (anyUnits.length) acceptsAny = true;
  const aeKey = 'aeTitlePolicy.acceptsAnyCallingAeTitle';
  if (acceptsAny === true) for (const u of anyDefault.length ? anyDefault : anyUnits) push(aeKey, u);
  else if (acceptsAny === false) for (const u of restrictUnits) push(aeKey, u);
  else ev[aeKey] = [silentAt((s) => s.kind === 'association-level-security' || s.kind === 'association-acceptance')];
  const silentAssoc = ev[aeKey]![0]!;
  for (const k of ['aeTitlePolicy.calledAeTitleChecked', 'aeTitlePolicy.ipAddressChecked', 'aeTitlePolicy.moveDestinationsRestricted']) ev[k] ??= [silentAssoc];

  // ---- audit ------------------------------------------------------------------------------------
  let auditSupported: boolean | null = null;
  const auditProfiles = uniq(profiles.filter((p) => p.def.group === 'audit').map((p) => p.def.name));
  const transports = new Set<'syslog-tls' | 'syslog-udp' | 'other'>();
  for (const u of claims) {
    const t = u.text;
    if (L.NO_AUDIT.test(t)) {
      if (auditSupported === null) auditSupported = false;
      push('audit.supported', u);
      continue;
    }
    const m = L.AUDIT_MENTION.exec(t);
    const inAudit = u.sections.some((s) => s.kind === 'audit');
    if (!m && !inAudit) continue;
    if (m && negated(t, m.index, m.index + m[0].length)) continue;
    if (m) {
      auditSupported = true;
      push('audit.supported', u);
      if (/\batna\b/i.test(t)) auditProfiles.push('IHE ATNA');
    }
    const auditish = m !== null || inAudit;
    if (auditish) {
      if (L.SYSLOG_TLS.test(t)) transports.add('syslog-tls');
      if (L.SYSLOG_UDP.test(t) && (/\bsyslog\b|\brfc ?5426\b|\budp\b/i.test(t) && (inAudit || /\bsyslog|audit/i.test(t)))) transports.add('syslog-udp');
      if (L.SYSLOG_OTHER.test(t)) transports.add('other');
      if (L.SYSLOG_TLS.test(t) || L.SYSLOG_UDP.test(t) || L.SYSLOG_OTHER.test(t)) push('audit.transports', u);
    }
  }
  if (auditProfiles.some((p) => /SYSLOG-TLS/.test(p))) transports.add('syslog-tls');
  if (auditProfiles.some((p) => /SYSLOG-UDP/.test(p))) transports.add('syslog-udp');
  if (auditProfiles.length && auditSupported === null) auditSupported = true;
  if (!ev['audit.supported']) ev['audit.supported'] = [silentAt((s) => s.kind === 'audit' || s.kind === 'security' || s.kind === 'security-profiles')];
  ev['audit.profiles'] = ev['audit.supported'];
  ev['audit.transports'] ??= ev['audit.supported'];

  // ---- user identity ------------------------------------------------------------------------------
  let uidSupported: boolean | null = null;
  const uidProfiles = uniq(profiles.filter((p) => p.def.group === 'identity').map((p) => p.def.name));
  for (const u of claims) {
    const t = u.text;
    if (L.NO_USER_IDENTITY.test(t)) {
      uidSupported ??= false;
      push('userIdentity.supported', u);
      continue;
    }
    const m = L.USER_IDENTITY.exec(t);
    if (m && !negated(t, m.index, m.index + m[0].length)) {
      uidSupported = true;
      push('userIdentity.supported', u);
    }
  }
  if (uidProfiles.length) uidSupported = true;
  if (!ev['userIdentity.supported']) ev['userIdentity.supported'] = [silentAt((s) => s.kind === 'association-level-security' || s.kind === 'security')];
  ev['userIdentity.profiles'] = ev['userIdentity.supported'];

  // ---- DICOMweb -------------------------------------------------------------------------------------
  const services = new Set<string>();
  let clientCue = false;
  let serverCue = false;
  let plainHttp: boolean | null = null;
  let https: boolean | null = null;
  let auth: boolean | null = null;
  let authOptional: boolean | null = null;
  const webUnits: Unit[] = [];
  for (const u of claims) {
    const t = u.text;
    L.WEB_SERVICE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let isWeb = u.sections.some((s) => s.kind === 'web');
    while ((m = L.WEB_SERVICE.exec(t))) {
      isWeb = true;
      const name = m[1]!.toUpperCase().replace(/^DICOMWEB$/, 'DICOMweb').replace(/^RESTFUL SERVICES?$/, 'RESTful');
      services.add(name === 'WADO' ? 'WADO-URI' : name === 'QIDO' ? 'QIDO-RS' : name === 'STOW' ? 'STOW-RS' : name);
    }
    if (!isWeb && !/\bhttps?\b/i.test(t)) continue;
    webUnits.push(u);
    if (L.WEB_CLIENT_ONLY.test(t)) clientCue = true;
    if (L.WEB_SERVER.test(t) && !/\bclient\b/i.test(t)) serverCue = true;
    const plain = L.PLAIN_HTTP.exec(t);
    // 'plain HTTP is not offered' denies what the phrase would otherwise claim.
    const plainDenied = plain !== null && (negated(t, plain.index, plain.index + plain[0].length) || /^\s*(?:is|are)\s+(?:not\s+(?:offered|supported|available|allowed|enabled)|disabled|refused|rejected)/i.test(t.slice(plain.index + plain[0].length)));
    if (plain && !plainDenied && !/\bhttps:\/\//.test(t.replace(/http:\/\/(?:localhost|127\.0\.0\.1)[^\s]*/g, ''))) {
      if (!/\blocalhost\b|\bexample\b/i.test(t) || /\bbase url\b/i.test(t)) {
        plainHttp = true;
        push('web.plainHttp', u);
      }
    }
    if (L.HTTPS.test(t)) {
      https = true;
      push('web.https', u);
    }
    if (L.NO_AUTH.test(t)) {
      if (L.WEB_AUTH.test(t.replace(L.NO_AUTH, ''))) {
        authOptional = true;
        auth = true;
      }
      else auth ??= false;
      push('web.authentication', u);
    } else if ((L.WEB_AUTH.test(t) || /\b401\b/.test(t)) && isWeb) {
      auth = true;
      push('web.authentication', u);
    }
  }
  const exposed = services.size > 0 && !(clientCue && !serverCue);
  if (auth === true && authOptional === null) authOptional = false;
  if (exposed && plainHttp === null && https === true) plainHttp = null;
  const webSilent = silentAt((s) => s.kind === 'web' || s.kind === 'security');
  ev['web.exposed'] = webUnits.length ? [evidenceOf(webUnits[0]!)] : [webSilent];
  ev['web.services'] = ev['web.exposed'];
  ev['web.plainHttp'] ??= [ev['web.exposed'][0]!];
  ev['web.https'] ??= [ev['web.exposed'][0]!];
  ev['web.authentication'] ??= [ev['web.exposed'][0]!];

  // ---- credentials -----------------------------------------------------------------------------
  let defaultOrFixed: boolean | null = null;
  for (const u of claims) {
    for (const re of L.DEFAULT_CREDENTIAL) {
      const m = re.exec(u.text);
      if (!m) continue;
      const neg = negated(u.text, m.index, m.index + m[0].length);
      if (neg && /\bno default\b|\bnot (?:use|have|ship)\b|\bwithout default\b|\bno (?:hard-?coded|fixed)\b/i.test(u.text)) {
        defaultOrFixed ??= false;
        push('credentials.defaultOrFixed', u);
      } else if (!neg) {
        defaultOrFixed = true;
        push('credentials.defaultOrFixed', u);
      }
      break;
    }
  }
  if (defaultOrFixed === true) ev['credentials.defaultOrFixed'] = ev['credentials.defaultOrFixed']!.filter((e) => !/\bno default\b/i.test(e.quote ?? ''));
  ev['credentials.defaultOrFixed'] ??= [silentAt((s) => s.kind === 'application-level-security' || s.kind === 'security')];

  // ---- signatures -------------------------------------------------------------------------------
  const sigProfiles = uniq(profiles.filter((p) => p.def.group === 'signature').map((p) => p.def.name));
  for (const p of profiles.filter((x) => x.def.group === 'signature')) push('signatures.profiles', p.u);
  const weakHashes: string[] = [];
  for (const u of claims) {
    if (!L.SIGNATURE_CONTEXT.test(u.text)) continue;
    L.WEAK_HASH.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = L.WEAK_HASH.exec(u.text))) {
      if (negated(u.text, m.index, m.index + m[0].length)) continue;
      const h = m[1]!.toUpperCase();
      weakHashes.push(h.startsWith('MD5') ? 'MD5' : h.startsWith('RIPEMD') ? 'RIPEMD-160' : 'SHA-1');
      push('signatures.weakHashes', u);
    }
  }
  ev['signatures.profiles'] ??= [silentAt((s) => s.kind === 'security-profiles' || s.kind === 'security')];
  ev['signatures.weakHashes'] ??= ev['signatures.profiles'];

  // ---- de-identification -----------------------------------------------------------------------
  let deidClaimed = false;
  const options: string[] = [];
  for (const u of claims) {
    const m = L.DEID.exec(u.text);
    if (m && !negated(u.text, m.index, m.index + m[0].length)) {
      deidClaimed = true;
      push('deidentification.claimed', u);
    }
    if (m || u.sections.some((s) => L.DEID.test(s.title))) {
      L.DEID_OPTIONS.lastIndex = 0;
      let o: RegExpExecArray | null;
      while ((o = L.DEID_OPTIONS.exec(u.text))) options.push(o[1]!.replace(/\b\w/g, (c) => c.toUpperCase()).replace(/\bUids\b/, 'UIDs'));
      if (u.sections.some((s) => L.DEID.test(s.title)) && /\bbasic profile\b/i.test(u.text)) deidClaimed = true;
    }
  }
  const deidProfiles = uniq(profiles.filter((p) => p.def.group === 'confidentiality').map((p) => p.def.name));
  for (const p of profiles.filter((x) => x.def.group === 'confidentiality')) push('deidentification.profiles', p.u);
  ev['deidentification.profiles'] ??= [ev['deidentification.claimed']?.[0] ?? silentAt((s) => s.kind === 'security' || s.kind === 'security-profiles')];
  if (deidProfiles.length) deidClaimed = true;
  ev['deidentification.claimed'] ??= [silentAt((s) => s.kind === 'security' || s.kind === 'security-profiles')];

  return {
    securitySection,
    securityProfiles,
    securityProfilesNone,
    tls: {
      supported,
      versions: vset,
      profiles: uniq(tlsProfiles.map((p) => p.def.name)),
      cipherSuites: suiteSet,
      weakVersions,
      disabledVersions: uniq(disabled).filter((v) => !vset.includes(v)),
      retiredProfiles: uniq(retired.map((p) => p.def.name)),
      supersededProfiles: uniq(superseded.map((p) => p.def.name)),
      weakCipherSuites: weakSuites,
      weakAlgorithms: uniq(weakAlgorithms),
      clearTextPortAlongside,
    },
    aeTitlePolicy: {
      acceptsAnyCallingAeTitle: acceptsAny,
      restrictionConfigurable: acceptsAny === false ? restrictionConfigurable : null,
      calledAeTitleChecked: calledChecked,
      ipAddressChecked: ipChecked,
      moveDestinationsRestricted: moveRestricted,
    },
    audit: { supported: auditSupported, profiles: uniq(auditProfiles), transports: [...transports] },
    userIdentity: { supported: uidSupported, profiles: uidProfiles },
    web: { exposed, services: [...services], plainHttp, authentication: auth, https, authenticationOptional: authOptional },
    credentials: { defaultOrFixed },
    signatures: { profiles: sigProfiles, weakHashes: uniq(weakHashes) },
    deidentification: { claimed: deidClaimed, profiles: deidProfiles, options: uniq(options) },
    evidence: ev,
  };
}
