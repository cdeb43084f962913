// Data-driven tests for the shipped rule packs. Each pack has a fixture file
// (fixtures/<pack>.cases.yaml) listing, for every rule id, `fail` cases (model patches that must
// trigger the rule) and `pass` cases (patches that must not). Patches apply to a baseline: an
// HN 1-2019 MDS2 form with all 240 questions answered the "good" way (by the catalogue's gap
// polarity, inverted questions included), a conformance statement with current security, an RFP
// draft that demands every topic, a CycloneDX SBOM whose every component can be matched, and a
// CSAF 2.0 advisory that leaves nothing open. The SBOM and the advisory are patched as JSON and
// read by the real reader and parsers, so their evidence pointers and lines are the real ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Evidence, Finding } from '../../server/src/core/findings.js';
import type { ConformanceStatement } from '../../server/src/documents/conformance/model.js';
import type { AnswerValue, Mds2Answer, Mds2Form } from '../../server/src/documents/mds2/model.js';
import { HN2019_QUESTION_IDS, questionInfo } from '../../server/src/documents/mds2/questions.js';
import { formPorts } from '../../server/src/documents/mds2/ports.js';
import { evaluateRule } from '../../server/src/rules/evaluate.js';
import type { RuleSubject } from '../../server/src/rules/context.js';
import { loadRulePack } from '../../server/src/rules/pack.js';
import { readMarkdown } from '../../server/src/readers/markdown.js';
import { parseRfp } from '../../server/src/documents/rfp/parse.js';
import type { RfpDraft } from '../../server/src/documents/rfp/model.js';
import { clauseGroups, requirementsMarkdown } from '../../server/src/presenters/rfp-requirements.js';
import { crossKinds, type CatalogRule, type RuleDefinition, type RulePack } from '../../server/src/rules/rule.js';
import { jsonTreeOf, pointerSegment, readJson } from '../../server/src/readers/json.js';
import { parseSbomJson } from '../../server/src/documents/sbom/parse.js';
import type { Sbom } from '../../server/src/documents/sbom/model.js';
import { parseCsaf } from '../../server/src/documents/advisory/parse.js';
import type { Advisory } from '../../server/src/documents/advisory/model.js';
import type { SubjectDocument } from '../../server/src/rules/context.js';
import type { JsonObject } from '../../server/src/readers/json.js';

import { repoRoot } from '../helpers/paths.js';

export { repoRoot };
export const rulesDir = path.join(repoRoot, 'rules');
/** Every shipped pack: each rules/*.yaml, so a new pack cannot go without fixtures. */
export const PACKS: readonly string[] = readdirSync(rulesDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => f.replace(/\.ya?ml$/, ''))
  .sort();
export const MDS2_PATH = '/vendor/acme/mds2.xlsx';
export const CS_PATH = '/vendor/acme/conformance.pdf';
export const RFP_PATH = '/hospital/procurement/archive-rfp.md';
export const SBOM_PATH = '/vendor/acme/imagix-pacs-5.2.cdx.json';
export const ADVISORY_PATH = '/vendor/acme/acme-sa-2025-003.csaf.json';
export const fixturesDir = path.join(__dirname, 'fixtures');
export const fixtureFile = (pack: string) => path.join(fixturesDir, `${pack}.cases.yaml`);

// ------------------------------------------------------------------------------------ packs
const packCache = new Map<string, RulePack>();
export function loadPack(name: string): RulePack {
  let pack = packCache.get(name);
  if (!pack) {
    pack = loadRulePack(path.join(rulesDir, `${name}.yaml`));
    packCache.set(name, pack);
  }
  return pack;
}

export function catalogRules(name: string): CatalogRule[] {
  const pack = loadPack(name);
  return pack.rules.map((r) => ({ ...r, pack: pack.pack }));
}

/** Every conformance-statement fact key any shipped rule cites. */
export function citedFacts(): string[] {
  const keys = new Set<string>();
  for (const p of PACKS) for (const r of loadPack(p).rules) if (subjectKinds(r).includes('conformance-statement')) for (const e of r.evidence ?? []) if ('fact' in e) keys.add(e.fact);
  return [...keys].sort();
}

type SubjectKind = 'mds2' | 'conformance-statement' | 'rfp' | 'sbom' | 'advisory';
const SUBJECT_KINDS: readonly string[] = ['mds2', 'conformance-statement', 'rfp', 'sbom', 'advisory'] satisfies SubjectKind[];

/**
 * The kinds of document a rule is evaluated against, in subject order: its own kind, or for a
 * cross rule the kinds of its `between:` as the engine reads them (anchor first; an MDS2 form and
 * a statement when it names none). A `missing:` kind is not in the subject: the case describes the
 * anchor without it.
 */
export function subjectKinds(rule: RuleDefinition): SubjectKind[] {
  const kinds = rule.appliesTo === 'cross' ? crossKinds(rule) : [rule.appliesTo];
  for (const k of kinds) if (!SUBJECT_KINDS.includes(k)) throw new Error(`${rule.id}: the harness builds no ${k} document`);
  return kinds as SubjectKind[];
}

// ------------------------------------------------------------------------------- MDS2 model
/** Informational questions a networked imaging archive holding PHI answers Yes (scoping facts). */
const SCOPE_YES = [
  'MPII-1', 'MPII-2', 'MPII-2.2', 'MPII-2.3', 'MPII-2.4', 'MPII-2.6', 'MPII-2.7', 'MPII-3', 'MPII-3.1', 'MPII-3.5',
  'CONN-1', 'CONN-1.2', 'CONN-1.2.1', 'CONN-3', 'CONN-5',
  'CSUP-1', 'CSUP-2', 'CSUP-3', 'CSUP-4', 'CSUP-5', 'CSUP-6',
  // Third-party updates allowed without waiting for vendor approval: the good answer.
  'CSUP-2.4', 'CSUP-3.4', 'CSUP-4.4', 'CSUP-5.4', 'CSUP-6.4',
  'MLDP-1', 'PAUT-14', 'RMOT-1', 'DTBK-1', 'SAHD-14', 'STCF-3',
];
/** Questions the form's skip logic makes N/A in the baseline. */
const SCOPE_NA = ['DOC-11.1', 'DOC-11.2', 'DOC-11.3', 'DOC-11.4', 'MLDP-3'];
const FREE_TEXT: Record<string, string> = {
  'DOC-1': 'Acme Imaging',
  'DOC-2': 'Imagix PACS image archive and viewer',
  'DOC-3': 'Imagix PACS 5.2',
  'DOC-4': 'ACME-MDS2-0042',
  'DOC-5': 'psirt@acme.example',
  'DOC-6': 'Stores and distributes DICOM images on the hospital network',
  'DOC-7': '2025-03-01',
};
const BASE_NOTES: Record<string, string> = {
  'CONN-2': 'Ports: 2762/tcp DICOM TLS, 443/tcp HTTPS (DICOMweb and web UI)',
};

const RAW: Record<AnswerValue, string> = { yes: 'Yes', no: 'No', 'n/a': 'N/A', 'see-note': 'See Note', unanswered: '', text: 'text' };

function goodAnswer(id: string): AnswerValue {
  if (FREE_TEXT[id] !== undefined) return 'text';
  if (SCOPE_NA.includes(id)) return 'n/a';
  if (SCOPE_YES.includes(id)) return 'yes';
  const info = questionInfo(id);
  if (!info) throw new Error(`unknown question ${id}`);
  if (info.gapWhen === 'no') return 'yes';
  if (info.gapWhen === 'yes') return 'no';
  return 'no';
}

/** The baseline: every HN 1-2019 question answered the good way, consistent with the skip logic. */
export function goodAnswers(): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const id of HN2019_QUESTION_IDS) answers[id] = goodAnswer(id);
  // A Yes needs its enclosing questions not to say No (otherwise the form contradicts itself).
  for (const id of HN2019_QUESTION_IDS) {
    if (answers[id] !== 'yes') continue;
    for (let p = parentOf(id); p; p = parentOf(p)) if (answers[p] === 'no') answers[p] = 'yes';
  }
  return answers;
}

function parentOf(id: string): string | undefined {
  const dot = id.lastIndexOf('.');
  return dot > 0 ? id.slice(0, dot) : undefined;
}

/** An answer patch: a normalised value, `absent` (row deleted), or the fields to set. */
export type AnswerPatch = AnswerValue | 'absent' | { value?: AnswerValue; raw?: string; note?: string; noteRef?: string };

export interface Mds2Patch {
  answers?: Record<string, AnswerPatch>;
  header?: Partial<Pick<Mds2Form, 'manufacturer' | 'model' | 'documentId' | 'releaseDate' | 'deviceDescription'>>;
}

export function buildForm(patch: Mds2Patch = {}): Mds2Form {
  const form: Mds2Form = {
    kind: 'mds2',
    edition: 'HN 1-2019',
    manufacturer: 'Acme Imaging',
    deviceDescription: FREE_TEXT['DOC-2'],
    model: FREE_TEXT['DOC-3'],
    documentId: FREE_TEXT['DOC-4'],
    releaseDate: FREE_TEXT['DOC-7'],
    answers: {},
    order: [],
    notes: {},
    ...patch.header,
  };
  const base = goodAnswers();
  let row = 6;
  for (const id of HN2019_QUESTION_IDS) {
    const value = base[id]!;
    const answer: Mds2Answer = {
      id,
      value,
      raw: FREE_TEXT[id] ?? RAW[value],
      section: id.slice(0, id.indexOf('-')),
      location: { sheet: 'MDS2', cell: `C${row++}` },
    };
    if (BASE_NOTES[id]) answer.note = BASE_NOTES[id];
    form.answers[id] = answer;
    form.order.push(id);
  }
  for (const [id, p] of Object.entries(patch.answers ?? {})) {
    if (!questionInfo(id)) throw new Error(`patch names unknown question ${id}`);
    if (p === 'absent') {
      delete form.answers[id];
      form.order = form.order.filter((x) => x !== id);
      continue;
    }
    const a = form.answers[id]!;
    const spec = typeof p === 'string' ? { value: p } : p;
    if (spec.value !== undefined) {
      a.value = spec.value;
      a.raw = RAW[spec.value];
      // A new answer drops the baseline note unless the patch gives one.
      delete a.note;
    }
    if (spec.raw !== undefined) a.raw = spec.raw;
    if (spec.note !== undefined) a.note = spec.note;
    if (spec.noteRef !== undefined) a.noteRef = spec.noteRef;
  }
  // As the parser does: ports read from the CONN-2 / CONN-3 answers and notes.
  form.ports = formPorts(form);
  return form;
}

// --------------------------------------------------------------- conformance statement model
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function baseStatement(): ConformanceStatement {
  const cs: ConformanceStatement = {
    kind: 'conformance-statement',
    product: 'Imagix PACS',
    version: '5.2',
    manufacturer: 'Acme Imaging',
    date: '2025-02-15',
    sections: [
      { title: 'Networking', number: '4', level: 1, location: { page: 5, line: 1 }, startLine: 10, endLine: 200 },
      { title: 'Security', number: '7', level: 1, location: { page: 20, line: 1 }, startLine: 400, endLine: 480 },
    ],
    applicationEntities: [{ aeTitle: 'IMAGIX_SCP', name: 'Storage SCP' }],
    sopClasses: [{ name: 'CT Image Storage', uid: '1.2.840.10008.5.1.4.1.1.2', roles: ['SCU', 'SCP'] }],
    implementationClassUid: '1.2.3.4.5.6',
    implementationVersionName: 'IMAGIX_52',
    networkInterfaces: { physical: 'Imagix PACS connects through 1 Gbit/s Ethernet (RJ45).', ipv4: true, ipv6: false, ipv6Security: null },
    dateIso: '2025-02-15',
    dimse: true,
    time: { synchronized: true, protocols: ['NTP'] },
    associations: { unbounded: false, echoFromAnyPeer: null },
    media: { exported: true, encrypted: true, weakAlgorithms: [], securityProfile: true },
    securitySection: { present: true, empty: false, title: 'Security', notApplicable: false },
    securityProfiles: [
      'BCP 195 RFC 8996 TLS Profile',
      'Audit Trail Message Format Profile',
      'Audit Trail Message Transmission Profile - SYSLOG-TLS',
      'User Identity plus Passcode Association Profile',
      'Basic Application Level Confidentiality Profile',
    ],
    securityProfilesNone: false,
    tls: {
      supported: true,
      versions: ['TLS 1.2', 'TLS 1.3'],
      profiles: ['BCP 195 RFC 8996 TLS Profile'],
      cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256'],
      weakVersions: [],
      disabledVersions: ['TLS 1.0', 'TLS 1.1'],
      retiredProfiles: [],
      supersededProfiles: [],
      weakCipherSuites: [],
      weakAlgorithms: [],
      clearTextPortAlongside: false,
      optional: false,
      ports: [2762, 443],
      certificateManagement: true,
      peerVerification: true,
    },
    ports: [
      { port: 2762, protocol: 'dicom-tls', tls: true, transport: 'tcp', service: 'DICOM TLS listener' },
      { port: 443, protocol: 'https', tls: true, transport: 'tcp', service: 'DICOMweb' },
    ],
    clearTextPorts: [],
    aeTitlePolicy: {
      acceptsAnyCallingAeTitle: false,
      restrictionConfigurable: false,
      calledAeTitleChecked: true,
      ipAddressChecked: true,
      moveDestinationsRestricted: true,
    },
    audit: {
      supported: true,
      profiles: ['Audit Trail Message Format Profile', 'Audit Trail Message Transmission Profile - SYSLOG-TLS'],
      transports: ['syslog-tls'],
      localOnly: false,
    },
    userIdentity: { supported: true, profiles: ['User Identity plus Passcode Association Profile'] },
    web: { exposed: true, services: ['WADO-RS', 'QIDO-RS', 'STOW-RS'], plainHttp: false, authentication: true, https: true, authenticationOptional: false },
    credentials: { defaultOrFixed: false, defaultPassword: false, fixedPassword: false },
    webUi: { exposed: false, plainHttp: null },
    authentication: { unauthenticatedEndpoints: [] },
    signatures: { profiles: [], weakHashes: [] },
    deidentification: { claimed: true, profiles: ['Basic Application Level Confidentiality Profile'], options: ['Clean Pixel Data'] },
    evidence: {},
  };
  // Each cited fact gets a distinct evidence item, so a test can tell which fact a finding cites first.
  let line = 400;
  for (const key of citedFacts()) cs.evidence[key] = [{ section: 'Security', page: 20, line: line++, quote: `fact:${key}` }];
  return cs;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Marks a key to delete, e.g. to test a rule against a model without an optional fact. */
export const ABSENT = '<absent>';

/** Deep merge: objects merge key by key, arrays and scalars replace, `<absent>` deletes. */
function merge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === ABSENT) delete target[k];
    else if (isObject(v) && isObject(target[k])) merge(target[k] as Record<string, unknown>, v);
    else target[k] = v;
  }
}

export function buildStatement(patch: { [k: string]: Json } = {}): ConformanceStatement {
  const cs = baseStatement();
  merge(cs as unknown as Record<string, unknown>, patch);
  return cs;
}

/** Looks a dotted fact key up in a statement ('tls.versions' → cs.tls.versions). */
export function factValue(cs: ConformanceStatement, key: string): unknown {
  let v: unknown = cs;
  for (const part of key.split('.')) {
    if (!isObject(v) || !(part in v)) return undefined;
    v = v[part];
  }
  return v;
}

// ------------------------------------------------------------------------------------ RFP draft
/** An RFP's opening that demands no security topic: fixture bodies go under its security heading. */
export const RFP_FRAME = `# Request for Proposal: Enterprise Imaging Archive

Issued by: Fabrikam Regional Hospital

Proposals are due on 1 March 2027. The scope of work is the supply, installation and training for an imaging archive.

## Security requirements

`;

/** The baseline draft: the section `dicomsec rfp` writes from the pack's clauses, which covers every topic. */
export function baselineRfpText(): string {
  return requirementsMarkdown(clauseGroups(catalogRules('rfp-requirements')));
}

/** A draft from a fixture body (Markdown under the frame's security heading), or the baseline. */
export function buildRfp(body?: string): RfpDraft {
  const draft = parseRfp(readMarkdown(body === undefined ? baselineRfpText() : RFP_FRAME + body));
  if (!draft) throw new Error('the fixture draft is not recognised as an RFP');
  return draft;
}

// ------------------------------------------------------------------------- SBOM and advisory
/**
 * The baseline SBOM: CycloneDX 1.6 for the same product as the baseline form (Imagix PACS 5.2),
 * every component with a version, a supplier, a purl or CPE and an end of support far ahead.
 */
export function baselineSbomJson(): JsonObject {
  const eos = (date: string) => [{ name: 'acme:end-of-support', value: date }];
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: {
      timestamp: '2025-03-01T09:00:00Z',
      manufacturer: { name: 'Acme Imaging' },
      component: { type: 'application', 'bom-ref': 'imagix-pacs', name: 'Imagix PACS', version: '5.2', supplier: { name: 'Acme Imaging' } },
    },
    components: [
      { type: 'operating-system', 'bom-ref': 'os', name: 'Windows Server 2022', version: '10.0.20348', supplier: { name: 'Microsoft Corporation' }, cpe: 'cpe:2.3:o:microsoft:windows_server_2022:10.0.20348:*:*:*:*:*:*:*', properties: eos('2095-10-14') },
      { type: 'library', 'bom-ref': 'openssl', name: 'openssl', version: '3.0.15', supplier: { name: 'OpenSSL Software Foundation' }, purl: 'pkg:generic/openssl@3.0.15', properties: eos('2096-09-07') },
      { type: 'library', 'bom-ref': 'dcmtk', name: 'dcmtk', version: '3.6.8', supplier: { name: 'OFFIS e.V.' }, purl: 'pkg:generic/dcmtk@3.6.8', properties: eos('2097-12-31') },
      { type: 'library', 'bom-ref': 'log4j-core', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.23.1', supplier: { name: 'The Apache Software Foundation' }, purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.23.1', properties: eos('2098-06-30') },
      { type: 'application', 'bom-ref': 'postgresql', name: 'postgresql', version: '16.4', supplier: { name: 'PostgreSQL Global Development Group' }, purl: 'pkg:generic/postgresql@16.4', properties: eos('2099-11-09') },
    ],
  };
}

/**
 * The baseline advisory: CSAF 2.0 by Acme Imaging for Imagix PACS 5.1, 5.2 and 5.3. CVE-2024-5535
 * affected 5.1 and is fixed in 5.2 and 5.3 (vendor_fix for 5.1); for CVE-2021-44228 all three are
 * known not affected, justified by a VEX flag on the product group.
 */
export function baselineAdvisoryJson(): JsonObject {
  const version = (v: string) => ({ category: 'product_version', name: v, product: { product_id: `IMAGIX-${v}`, name: `Acme Imaging Imagix PACS ${v}` } });
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: 'Imagix PACS: OpenSSL and Log4j vulnerabilities',
      publisher: { category: 'vendor', name: 'Acme Imaging', namespace: 'https://acme.example' },
      tracking: {
        id: 'ACME-SA-2025-003',
        status: 'final',
        version: '2',
        initial_release_date: '2025-03-10T08:00:00Z',
        current_release_date: '2025-04-02T08:00:00Z',
        revision_history: [
          { number: '1', date: '2025-03-10T08:00:00Z', summary: 'Initial release.' },
          { number: '2', date: '2025-04-02T08:00:00Z', summary: 'Release 5.3 added.' },
        ],
      },
    },
    product_tree: {
      branches: [{ category: 'vendor', name: 'Acme Imaging', branches: [{ category: 'product_name', name: 'Imagix PACS', branches: [version('5.1'), version('5.2'), version('5.3')] }] }],
      product_groups: [{ group_id: 'IMAGIX-ALL', product_ids: ['IMAGIX-5.1', 'IMAGIX-5.2', 'IMAGIX-5.3'] }],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2024-5535',
        title: 'OpenSSL: SSL_select_next_proto buffer overread',
        product_status: { known_affected: ['IMAGIX-5.1'], fixed: ['IMAGIX-5.2', 'IMAGIX-5.3'] },
        remediations: [{ category: 'vendor_fix', details: 'Update to Imagix PACS 5.2 or later.', product_ids: ['IMAGIX-5.1'] }],
      },
      {
        cve: 'CVE-2021-44228',
        title: 'Apache Log4j2 JNDI lookup remote code execution (Log4Shell)',
        product_status: { known_not_affected: ['IMAGIX-5.1', 'IMAGIX-5.2', 'IMAGIX-5.3'] },
        flags: [{ label: 'vulnerable_code_not_present', group_ids: ['IMAGIX-ALL'] }],
      },
    ],
  };
}

/** A JSON document as pretty text, with the line each JSON pointer starts on (independently of the reader). */
export function writeJson(value: JsonObject): { text: string; lineOf: Map<string, number> } {
  const out: string[] = [];
  const lineOf = new Map<string, number>();
  const emit = (v: unknown, pointer: string, depth: number, head: string, tail: string): void => {
    const pad = '  '.repeat(depth);
    lineOf.set(pointer || '/', out.length + 1);
    const entries: [string, unknown][] | null = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : isObject(v) ? Object.entries(v) : null;
    if (!entries || entries.length === 0) {
      out.push(`${pad}${head}${JSON.stringify(v)}${tail}`);
      return;
    }
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    out.push(`${pad}${head}${open}`);
    entries.forEach(([k, x], i) => emit(x, `${pointer}/${pointerSegment(k)}`, depth + 1, Array.isArray(v) ? '' : `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : ''));
    out.push(`${pad}${close}${tail}`);
  };
  emit(value, '', 0, '', '');
  return { text: `${out.join('\n')}\n`, lineOf };
}

/** Components (by CycloneDX `name`) or vulnerabilities (by `cve`): a patch to merge into each, or `<absent>` to drop it. */
export type ItemPatches = Record<string, { [k: string]: Json } | typeof ABSENT>;

function patchItems(items: unknown, patches: ItemPatches | undefined, key: string, what: string): void {
  if (!patches) return;
  if (!Array.isArray(items)) throw new Error(`the document has no ${what} list to patch`);
  for (const [name, p] of Object.entries(patches)) {
    const i = items.findIndex((x) => isObject(x) && x[key] === name);
    if (i < 0) throw new Error(`the patch names ${what} ${name}, which the document does not have`);
    if (p === ABSENT) items.splice(i, 1);
    else merge(items[i] as Record<string, unknown>, p);
  }
}

export interface JsonDocumentPatch {
  /** Deep patch of the whole JSON document (objects merge, arrays replace, `<absent>` deletes). */
  patch?: { [k: string]: Json };
  items?: ItemPatches;
  /** The whole document as raw JSON text, instead of the patched baseline. */
  text?: string;
}

/** The text a patched JSON document is written as, with its pointer lines (none for raw text). */
function jsonDocumentText(base: () => JsonObject, itemsKey: string, itemKey: string, what: string, p: JsonDocumentPatch): { text: string; lineOf?: Map<string, number> } {
  if (p.text !== undefined) return { text: p.text };
  const doc = base();
  merge(doc as Record<string, unknown>, p.patch ?? {});
  patchItems(doc[itemsKey], p.items, itemKey, what);
  return writeJson(doc);
}

export function sbomText(p: JsonDocumentPatch = {}) {
  return jsonDocumentText(baselineSbomJson, 'components', 'name', 'component', p);
}

export function advisoryText(p: JsonDocumentPatch = {}) {
  return jsonDocumentText(baselineAdvisoryJson, 'vulnerabilities', 'cve', 'vulnerability', p);
}

/** The baseline SBOM with a patch, read by readers/json.ts and documents/sbom/parse.ts. */
export function buildSbom(p: JsonDocumentPatch = {}): Sbom {
  const sbom = parseSbomJson(jsonTreeOf(readJson(sbomText(p).text)));
  if (!sbom) throw new Error('the fixture JSON is not recognised as an SBOM');
  return sbom;
}

/** A fixture's known-exploited list entry, as the KEV reader would attach it. */
export const FIXTURE_KEV = { dateAdded: '2021-12-10', dueDate: '2021-12-24', ransomware: 'Known', list: 'fixture-kev.json' } as const;

/** The baseline advisory with a patch, read by readers/json.ts and documents/advisory/parse.ts; `knownExploited` CVEs marked as the KEV reader marks them. */
export function buildAdvisory(p: JsonDocumentPatch = {}, knownExploited: string[] = []): Advisory {
  const advisory = parseCsaf(jsonTreeOf(readJson(advisoryText(p).text)));
  if (!advisory) throw new Error('the fixture JSON is not recognised as a CSAF advisory');
  for (const cve of knownExploited) {
    const v = advisory.vulnerabilities.find((x) => x.cve === cve);
    if (!v) throw new Error(`knownExploited names ${cve}, which the advisory does not list`);
    v.knownExploited = { ...FIXTURE_KEV };
  }
  return advisory;
}

// ---------------------------------------------------------------------------------- cases
export interface RuleCase {
  /** What the case shows, for the test name. */
  name?: string;
  mds2?: Mds2Patch['answers'];
  mds2Header?: Mds2Patch['header'];
  cs?: { [k: string]: Json };
  /** An RFP draft: Markdown under the security heading of RFP_FRAME (absent: the baseline draft). */
  rfp?: string;
  /** Deep patch of the baseline CycloneDX JSON (arrays replace, `<absent>` deletes). */
  sbom?: { [k: string]: Json };
  /** Patches of baseline components by their `name` (`<absent>` drops one), applied after `sbom`. */
  sbomComponents?: ItemPatches;
  /** A whole SBOM as raw JSON text (SPDX, odd layouts) instead of the patched baseline. */
  sbomJson?: string;
  /** Deep patch of the baseline CSAF JSON. */
  advisory?: { [k: string]: Json };
  /** Patches of baseline vulnerabilities by their `cve` (`<absent>` drops one), applied after `advisory`. */
  advisoryVulnerabilities?: ItemPatches;
  /** A whole advisory as raw JSON text instead of the patched baseline. */
  advisoryJson?: string;
  /** CVEs the reviewer's known-exploited list names: set on the parsed advisory as the KEV reader does. */
  knownExploited?: string[];
  /** fail cases: the first evidence item of the first finding: a question ID, `fact:<key>`, a section or a JSON pointer. */
  expect?: string;
  /** fail cases: words the first evidence item's quote must contain (the sentence that mentions without demanding). */
  quote?: string;
  /** na cases: words the not-applicable reason must contain. */
  reason?: string;
}

export const CASE_KEYS: readonly string[] = ['name', 'mds2', 'mds2Header', 'cs', 'rfp', 'sbom', 'sbomComponents', 'sbomJson', 'advisory', 'advisoryVulnerabilities', 'advisoryJson', 'knownExploited', 'expect', 'quote', 'reason'];

const sbomPatch = (c: RuleCase): JsonDocumentPatch => ({ patch: c.sbom, items: c.sbomComponents, text: c.sbomJson });
const advisoryPatch = (c: RuleCase): JsonDocumentPatch => ({ patch: c.advisory, items: c.advisoryVulnerabilities, text: c.advisoryJson });

export interface RuleCases {
  fail: RuleCase[];
  pass: RuleCase[];
  /** Documents the rule does not apply to (its `requires:` roles are absent): reported as n/a, never a finding. */
  na: RuleCase[];
}

function asList(v: RuleCase | RuleCase[] | undefined): RuleCase[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export function loadCases(pack: string): Record<string, RuleCases> {
  const file = fixtureFile(pack);
  if (!existsSync(file)) throw new Error(`the pack ${pack} has no fixture file ${path.relative(repoRoot, file)}`);
  const raw = parseYaml(readFileSync(file, 'utf8')) as Record<string, { fail?: RuleCase | RuleCase[]; pass?: RuleCase | RuleCase[]; na?: RuleCase | RuleCase[] }>;
  const out: Record<string, RuleCases> = {};
  for (const [id, c] of Object.entries(raw)) out[id] = { fail: asList(c.fail), pass: asList(c.pass), na: asList(c.na) };
  return out;
}

/** The rules of a pack without at least one fail and one pass case. */
export function rulesWithoutCases(pack: string): string[] {
  const cases = loadCases(pack);
  return loadPack(pack)
    .rules.filter((r) => !cases[r.id] || cases[r.id]!.fail.length === 0 || cases[r.id]!.pass.length === 0)
    .map((r) => r.id);
}

/** Runs one rule against the models a case describes, as the engine would for its appliesTo. */
export function runCase(rule: CatalogRule, c: RuleCase): Finding[] {
  return evaluateRule(rule, caseSubject(rule, c));
}

/** The documents a case describes, as the engine hands them to a rule of this appliesTo (cross: the kinds of its `between:`). */
export function caseSubject(rule: RuleDefinition, c: RuleCase): RuleSubject {
  const documents: SubjectDocument[] = subjectKinds(rule).map((kind) => {
    switch (kind) {
      case 'rfp':
        return { model: buildRfp(c.rfp), path: RFP_PATH };
      case 'mds2':
        return { model: buildForm({ answers: c.mds2, header: c.mds2Header }), path: MDS2_PATH };
      case 'conformance-statement':
        return { model: buildStatement(c.cs), path: CS_PATH };
      case 'sbom':
        return { model: buildSbom(sbomPatch(c)), path: SBOM_PATH };
      case 'advisory':
        return { model: buildAdvisory(advisoryPatch(c), c.knownExploited), path: ADVISORY_PATH };
    }
  });
  return { documents };
}

/**
 * For the JSON documents a case writes from the baseline, the line each JSON pointer starts on,
 * by document path: what a test checks evidence lines against. Raw-text documents have none.
 */
export function caseJsonLines(rule: RuleDefinition, c: RuleCase): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const kinds = subjectKinds(rule);
  const sbom = kinds.includes('sbom') ? sbomText(sbomPatch(c)).lineOf : undefined;
  const advisory = kinds.includes('advisory') ? advisoryText(advisoryPatch(c)).lineOf : undefined;
  if (sbom) out.set(SBOM_PATH, sbom);
  if (advisory) out.set(ADVISORY_PATH, advisory);
  return out;
}

/** How a test names the first evidence item: the question ID, or the fact key its quote carries. */
export function evidenceName(e: Evidence | undefined): string | undefined {
  if (!e) return undefined;
  if (e.questionId) return e.questionId;
  if (e.quote?.startsWith('fact:')) return e.quote;
  // SBOM and advisory evidence: the section is the JSON pointer.
  return e.section;
}
