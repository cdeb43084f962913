// Data-driven tests for the shipped rule packs. Each pack has a fixture file
// (fixtures/<pack>.cases.yaml) listing, for every rule id, `fail` cases (model patches that must
// trigger the rule) and `pass` cases (patches that must not). Patches apply to a baseline: an
// HN 1-2019 MDS2 form with all 240 questions answered the "good" way (by the catalogue's gap
// polarity, inverted questions included) and a conformance statement with current security.
import { readFileSync } from 'node:fs';
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
import type { CatalogRule, RulePack } from '../../server/src/rules/rule.js';

import { repoRoot } from '../helpers/paths.js';

export { repoRoot };
export const rulesDir = path.join(repoRoot, 'rules');
export const PACKS = ['nsa-mnp', 'wg14-checklist', 'rfp-requirements'] as const;
export const MDS2_PATH = '/vendor/acme/mds2.xlsx';
export const CS_PATH = '/vendor/acme/conformance.pdf';
export const RFP_PATH = '/hospital/procurement/archive-rfp.md';

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
  for (const p of PACKS) for (const r of loadPack(p).rules) if (r.appliesTo !== 'rfp') for (const e of r.evidence ?? []) if ('fact' in e) keys.add(e.fact);
  return [...keys].sort();
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

// ---------------------------------------------------------------------------------- cases
export interface RuleCase {
  /** What the case shows, for the test name. */
  name?: string;
  mds2?: Mds2Patch['answers'];
  mds2Header?: Mds2Patch['header'];
  cs?: { [k: string]: Json };
  /** An RFP draft: Markdown under the security heading of RFP_FRAME (absent: the baseline draft). */
  rfp?: string;
  /** fail cases: the first evidence item of the first finding: a question ID, `fact:<key>` or a section. */
  expect?: string;
  /** fail cases: words the first evidence item's quote must contain (the sentence that mentions without demanding). */
  quote?: string;
  /** na cases: words the not-applicable reason must contain. */
  reason?: string;
}

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
  const file = path.join(__dirname, 'fixtures', `${pack}.cases.yaml`);
  const raw = parseYaml(readFileSync(file, 'utf8')) as Record<string, { fail?: RuleCase | RuleCase[]; pass?: RuleCase | RuleCase[]; na?: RuleCase | RuleCase[] }>;
  const out: Record<string, RuleCases> = {};
  for (const [id, c] of Object.entries(raw)) out[id] = { fail: asList(c.fail), pass: asList(c.pass), na: asList(c.na) };
  return out;
}

/** Runs one rule against the models a case describes, as the engine would for its appliesTo. */
export function runCase(rule: CatalogRule, c: RuleCase): Finding[] {
  return evaluateRule(rule, caseSubject(rule, c));
}

/** The documents a case describes, as the engine hands them to a rule of this appliesTo. */
export function caseSubject(rule: CatalogRule, c: RuleCase): RuleSubject {
  if (rule.appliesTo === 'rfp') return { documents: [{ model: buildRfp(c.rfp), path: RFP_PATH }] };
  const form = rule.appliesTo === 'mds2' || rule.appliesTo === 'cross' ? buildForm({ answers: c.mds2, header: c.mds2Header }) : undefined;
  const cs = rule.appliesTo === 'conformance-statement' || rule.appliesTo === 'cross' ? buildStatement(c.cs) : undefined;
  const documents = [...(form ? [{ model: form, path: MDS2_PATH }] : []), ...(cs ? [{ model: cs, path: CS_PATH }] : [])];
  return { documents };
}

/** How a test names the first evidence item: the question ID, or the fact key its quote carries. */
export function evidenceName(e: Evidence | undefined): string | undefined {
  if (!e) return undefined;
  if (e.questionId) return e.questionId;
  if (e.quote?.startsWith('fact:')) return e.quote;
  return e.section;
}
