// TextSource → ConformanceStatement. Recognises a statement by its content (the phrase, DICOM UIDs,
// SOP class tables, AE titles, association language) and builds the model section by section.
import { UnreadableError } from '../../core/errors.js';
import type { Evidence } from '../../core/findings.js';
import type { TextSource } from '../../readers/source.js';
import type { ConformanceStatement } from './model.js';
import { buildSections, sectionIndexByLine } from './sections.js';
import { buildUnits, cleanText } from './units.js';
import { extractIdentity } from './identity.js';
import { extractNetwork } from './network.js';
import { deriveNetworkRole, roleSentences } from './network-role.js';
import { extractClaims, publicClaim } from './claims.js';
import { extractFacts } from './facts/index.js';

const MAX_SCAN_CHARS = 2_000_000;

/** How strongly the text looks like a DICOM Conformance Statement. */
/** Non-DICOM services whose clear-text variant a reviewer asks about (HTTP has its own rules). */
const CLEAR_TEXT_PROTOCOLS = new Set(['hl7', 'ldap', 'syslog']);

type StatementSignals = { isStatement: boolean; score: number; signals: string[] };
/** Recognition reads a source once: documents/recognition.ts and parseConformance both ask. */
const recognised = new WeakMap<TextSource, StatementSignals>();

export function recognise(source: TextSource): StatementSignals {
  let r = recognised.get(source);
  if (!r) recognised.set(source, (r = scanSignals(source)));
  return r;
}

function scanSignals(source: TextSource): StatementSignals {
  let text = '';
  for (const l of source.lines) {
    text += l.text + '\n';
    if (text.length > MAX_SCAN_CHARS) break;
  }
  const signals: string[] = [];
  const has = (name: string, re: RegExp) => {
    if (re.test(text)) signals.push(name);
  };
  has('phrase', /\bconformance\s+statement\b/i);
  has('dicom', /\bDICOM\b/);
  has('uid', /\b1\.2\.840\.10008\.(?:1\.1|5\.1\.|1\.20\.|1\.3\.)/);
  has('sop-class', /\bSOP\s+Class(?:es)?\b/i);
  has('roles', /\bSC[UP]\b/);
  has('ae', /\bAE[- ]?Titles?\b|\bApplication Entit(?:y|ies)\b|\bAETs?\b/i);
  has('association', /\bassociations?\b/i);
  has('transfer-syntax', /\btransfer syntax(?:es)?\b/i);
  has('ps3.2', /\bPS\s?3\.2\b|\bpart 2\b/i);
  has('web-services', /\b(?:WADO|QIDO|STOW)-RS\b/);
  has('implementation', /\bimplementation (?:class uid|version name)\b/i);
  const mds2 = /\bmanufacturer disclosure statement\b|\bMDS2\b/i.test(text) && /\b(?:AUTH|AUDT|NAUT|TXCF)-\d/.test(text);
  const structural = signals.filter((s) => s !== 'phrase' && s !== 'dicom' && s !== 'ps3.2').length;
  const score = signals.length;
  const phrase = signals.includes('phrase');
  // A list of statements (a manifest, an index, a README of a collection) talks like one but
  // describes no product of its own; its title gives it away.
  const title = source.lines.find((l) => l.heading !== undefined)?.text ?? '';
  const collection = /\bmanifest\b|\bcatalog(?:ue)?\b|\bindex of\b|\breadme\b|\bconformance statements\b/i.test(title);
  const isStatement = !mds2 && !collection && signals.includes('dicom') && ((phrase && structural >= 2) || (structural >= 5 && signals.includes('uid')));
  return { isStatement, score, signals };
}

export function parseConformance(source: TextSource): ConformanceStatement | null {
  if (source.kind !== 'text') return null;
  const { isStatement } = recognise(source);
  if (!isStatement) return null;

  const lines = source.lines;
  const { sections, decoration } = buildSections(lines);
  const sectionOf = sectionIndexByLine(lines.length, sections);
  const units = buildUnits(lines, sections, sectionOf, decoration);

  const firstLine = lines.find((l) => l.text.trim());
  const docStart: Evidence = firstLine
    ? { section: 'document start', line: firstLine.line, ...(firstLine.page !== undefined ? { page: firstLine.page } : {}), quote: cleanText(firstLine.text).slice(0, 200) }
    : { section: 'document start', line: 1 };

  // PS3.2's own template: its sentences instruct authors; none of them is a claim about a product.
  const template = /\bconformance statement template\b/i.test(lines.slice(0, 40).map((l) => l.text).join(' '));
  if (template) for (const u of units) u.template = true;

  const claims = extractClaims(units);
  const identity = extractIdentity(lines, units);
  const network = extractNetwork(units);
  const facts = extractFacts(
    units,
    sections,
    claims,
    { ports: network.ports, sopClasses: network.sopClasses, applicationEntities: network.applicationEntities, ipv6: network.networkInterfaces.ipv6, evidence: network.evidence },
    docStart,
  );

  const evidence: Record<string, Evidence[]> = { ...identity.evidence, ...network.evidence, ...facts.evidence };
  for (const k of ['product', 'version', 'manufacturer', 'date', 'dateIso', 'implementationClassUid', 'implementationVersionName', 'applicationEntities', 'sopClasses', 'networkInterfaces']) {
    evidence[k] ??= [docStart];
  }
  if (!evidence['ports']?.length) {
    // Where a port list belongs: AE title mapping, network interfaces, or a configuration section about
    // the network — not 'Supported Search Parameters' or other 'parameters' sections of a web API.
    const where =
      sections.find((s) => s.kind === 'ae-mapping') ??
      sections.find((s) => s.kind === 'network-interfaces') ??
      sections.find((s) => s.kind === 'configuration' && /\bconfiguration\b|\bnetwork\b|\bports?\b|\blisteners?\b/i.test(s.title) && !/\bsearch\b|\bquery\b/i.test(s.title));
    evidence['ports'] = [where ? { section: where.number ? `${where.number} ${where.title}` : where.title, line: where.location.line, ...(where.location.page !== undefined ? { page: where.location.page } : {}), quote: where.title } : docStart];
  }

  // HL7, LDAP and syslog ports said to run without TLS, each cited by its own row or sentence.
  const clearText = network.ports.filter((p) => CLEAR_TEXT_PROTOCOLS.has(p.protocol) && p.tls === false);
  const portRows = evidence['ports'] ?? [];
  const clearEvidence = clearText.map((p) => portRows.find((e) => e.line === p.location?.line && e.page === p.location?.page)).filter((e): e is Evidence => !!e);
  evidence['clearTextPorts'] = clearEvidence.length ? clearEvidence : portRows;

  const cs: ConformanceStatement = {
    kind: 'conformance-statement',
    product: identity.product,
    version: identity.version,
    manufacturer: identity.manufacturer,
    date: identity.date,
    dateIso: identity.dateIso,
    template,
    sections,
    applicationEntities: network.applicationEntities,
    sopClasses: network.sopClasses,
    implementationClassUid: network.implementationClassUid,
    implementationVersionName: network.implementationVersionName,
    networkInterfaces: { ...network.networkInterfaces, ipv6Security: facts.ipv6Security },
    dimse: facts.dimse,
    time: facts.time,
    associations: facts.associations,
    media: facts.media,
    securitySection: facts.securitySection,
    securityProfiles: facts.securityProfiles,
    securityProfilesNone: facts.securityProfilesNone,
    tls: facts.tls,
    ports: network.ports,
    clearTextPorts: [...new Set(clearText.map((p) => p.port))],
    aeTitlePolicy: facts.aeTitlePolicy,
    audit: facts.audit,
    userIdentity: facts.userIdentity,
    web: facts.web,
    webUi: facts.webUi,
    authentication: facts.authentication,
    credentials: facts.credentials,
    signatures: facts.signatures,
    deidentification: facts.deidentification,
    claims: claims.map(publicClaim),
    evidence,
  };

  const role = deriveNetworkRole(cs, roleSentences(units));
  cs.networkRole = role.role;
  Object.assign(cs.evidence, role.evidence);

  const nothing =
    sections.length === 0 &&
    cs.sopClasses.length === 0 &&
    cs.product === null &&
    cs.ports.length === 0 &&
    cs.applicationEntities.length === 0 &&
    cs.implementationClassUid === null &&
    cs.tls.supported === null;
  if (nothing) {
    throw new UnreadableError('a DICOM Conformance Statement from which no section, product, SOP class or port could be read', 'empty');
  }
  return cs;
}
