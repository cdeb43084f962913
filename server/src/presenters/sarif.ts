// `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub and others).
// GitHub reads a subset: rules with tags (at most 10 shown) and security-severity, results with a
// relative URI under a base id, a line, and partialFingerprints.primaryLocationLineHash. So the
// framework mappings travel as tags; fingerprints come from rule + document + question ID or
// section, never from cell addresses or lines, because vendors re-flow their forms; PDF lines run
// on across pages; and what is not a finding (a document that could not be read, a skipped file, a
// rule that does not apply) is a tool notification, never an alert.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Invocation, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { findingAnchor, type Evidence, type Finding, type FrameworkId, type Severity } from '../core/findings.js';
import { isConfigNotice, isUnpairedNotice, type ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import type { CatalogRule } from '../rules/rule.js';
import { EXPIRED_WAIVER_RULE } from '../config/waivers.js';
import { describeEvidence, relativePath as displayPath, startLine } from './location.js';
import { artifactUri } from './safe-text.js';
import { TOOL_VERSION } from '../core/version.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };
const TAXONOMY_NAMES: Record<FrameworkId, string> = {
  'nsa-mnp': 'NSA Manageable Network Plan',
  'nist-800-53': 'NIST SP 800-53 Rev. 5',
  'iec-80001-2-2': 'IEC TR 80001-2-2',
  wg14: 'DICOM WG-14 security checklist',
};
const UNREADABLE_RULE = 'DICOMSEC-UNREADABLE';
const NOT_APPLICABLE = 'DICOMSEC-NOT-APPLICABLE';

/** GitHub shows at most 10 tags of a rule (and takes 20); the full mapping stays in help and properties. */
export const MAX_TAGS = 10;
/** The base id relative URIs resolve against (GitHub's convention for the checkout). */
export const SRCROOT = '%SRCROOT%';

const clip = (s: string, n = 1000) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The plans a reviewer filters by come before the control catalogues when tags must be cut. */
const TAG_ORDER: FrameworkId[] = ['nsa-mnp', 'wg14', 'nist-800-53', 'iec-80001-2-2'];

/** 'security' first, then the framework mappings in TAG_ORDER, at most MAX_TAGS. */
function tagsFor(frameworks: Finding['frameworks']): string[] {
  const tags = ['security'];
  for (const fw of TAG_ORDER) for (const id of frameworks[fw] ?? []) tags.push(`${fw}:${id}`);
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

function helpMarkdown(rule: CatalogRule): string {
  const mapping = Object.entries(rule.frameworks)
    .map(([fw, ids]) => `- ${TAXONOMY_NAMES[fw as FrameworkId] ?? fw}: ${(ids ?? []).join(', ')}`)
    .join('\n');
  return [
    `**${rule.title}**`,
    rule.help ?? rule.rationale,
    `**Remediation.** ${rule.remediation}`,
    `**Ask the vendor.** ${rule.question}`,
    `**RFP clause.** ${rule.rfpClause}`,
    `**Frameworks.**\n${mapping}`,
  ].join('\n\n');
}

function descriptor(rule: CatalogRule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: clip(rule.title) },
    fullDescription: { text: clip(rule.rationale) },
    help: { text: clip(`${rule.rationale} Remediation: ${rule.remediation} Ask the vendor: ${rule.question}`, 4000), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: tagsFor(rule.frameworks), 'security-severity': SECURITY_SEVERITY[rule.severity], precision: 'high', pack: rule.pack, frameworks: rule.frameworks },
  };
}

function syntheticDescriptor(id: string, title: string, text: string, level: 'error' | 'warning' | 'note' = 'error'): ReportingDescriptor {
  return {
    id,
    shortDescription: { text: title },
    fullDescription: { text },
    help: { text },
    defaultConfiguration: { level },
    properties: { tags: ['security', 'dicomsec'], ...(level === 'error' ? { 'security-severity': '8.0' } : {}) },
  };
}

/** dicomsec's own identity of a finding (the compare and diff commands match on it): rule, document, question or section, quote. */
function fingerprint(finding: Finding, uri: string): string {
  const e = finding.evidence[0];
  return createHash('sha256').update(`${finding.ruleId}\u0000${uri}\u0000${findingAnchor(finding)}\u0000${e?.quote ?? ''}`).digest('hex').slice(0, 32);
}

/**
 * The key GitHub matches alerts by across runs: rule, document and question or section (no line,
 * cell or quote: those move when a vendor re-flows a form), with an occurrence number so two
 * findings of one rule in one section stay two alerts.
 */
function lineHash(finding: Finding, uri: string, seen: Map<string, number>): string {
  const base = createHash('sha256').update(`${finding.ruleId}\u0000${uri}\u0000${findingAnchor(finding)}`).digest('hex').slice(0, 16);
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return `${base}:${n}`;
}

function logicalLocations(e: Evidence): NonNullable<NonNullable<Result['locations']>[number]['logicalLocations']> {
  const out: NonNullable<NonNullable<Result['locations']>[number]['logicalLocations']> = [];
  if (e.questionId) out.push({ name: e.questionId, fullyQualifiedName: `mds2/${e.section ?? e.questionId.split('-')[0]}/${e.questionId}`, kind: 'mds2Question' });
  else if (e.section) out.push({ name: e.section, fullyQualifiedName: `conformance-statement/${e.section}`, kind: 'section' });
  if (e.cell) out.push({ name: e.cell, fullyQualifiedName: `'${e.sheet ?? ''}'!${e.cell}`, kind: 'cell' });
  if (e.page !== undefined) out.push({ name: `page ${e.page}`, kind: 'page' });
  return out;
}

/**
 * The artifacts of one run: URIs relative to the SARIF root under %SRCROOT%, or file: URIs for
 * documents outside it (or for all when absolute paths were asked for), and the page lengths of
 * each PDF so its lines can run on across pages.
 */
class Artifacts {
  readonly outside = new Set<string>();
  private readonly pageLines = new Map<string, number[]>();

  constructor(
    readonly root: string,
    readonly absolute: boolean,
    report: ReviewReport,
  ) {
    for (const d of report.documents) if (d.pageLines) this.pageLines.set(d.path, d.pageLines);
  }

  at(file: string): ArtifactLocation {
    if (this.absolute) return { uri: pathToFileURL(file).href };
    const uri = artifactUri(file, this.root);
    if (!uri.startsWith('file:')) return { uri, uriBaseId: SRCROOT };
    this.outside.add(file);
    return { uri, properties: { outsideSarifRoot: true } };
  }

  location(e: Evidence, docPath?: string) {
    const file = e.path ?? docPath;
    return {
      physicalLocation: { artifactLocation: file ? this.at(file) : { uri: '' }, region: { startLine: startLine(e, file ? this.pageLines.get(file) : undefined), startColumn: 1 } },
      logicalLocations: logicalLocations(e),
      message: { text: describeEvidence(e) + (e.quote ? `: ${clip(e.quote, 200)}` : '') },
      properties: { ...e, path: undefined },
    };
  }

  /** The base id's absolute location (a folder URI ends with '/'), unless every URI is absolute. */
  baseIds(): Log['runs'][number]['originalUriBaseIds'] {
    if (this.absolute) return undefined;
    const href = pathToFileURL(this.root).href;
    return { [SRCROOT]: { uri: href.endsWith('/') ? href : `${href}/`, description: { text: 'The folder dicomsec was run from, or --sarif-root.' } } };
  }
}

const SKIPPED_ID = 'DICOMSEC-SKIPPED';
const SKIPPED_DESCRIPTOR: ReportingDescriptor = {
  id: SKIPPED_ID,
  shortDescription: { text: 'File not reviewed' },
  fullDescription: { text: 'Discovery passed over this file or folder (a symlink out of the tree, a dot or build folder, the depth limit, an unsupported or ignored file, a file that is no vendor document, or a part of a multi-file statement). It was not reviewed; it is not a clean result.' },
};
const UNREADABLE_DESCRIPTOR = syntheticDescriptor(UNREADABLE_RULE, 'Document could not be reviewed', 'The document is corrupt, encrypted, scanned without text, not a supported document, or over a resource limit. It was not reviewed: a document that cannot be read is never a clean result, and the run did not succeed.');
const OUTSIDE_ROOT = 'DICOMSEC-OUTSIDE-SARIF-ROOT';
const OUTSIDE_ROOT_DESCRIPTOR = syntheticDescriptor(OUTSIDE_ROOT, 'Documents outside the SARIF root', 'These documents lie outside the folder the URIs are relative to (the working directory or --sarif-root), so their URIs are absolute file: URIs; GitHub code scanning cannot place alerts in them. Run from the repository root or pass --sarif-root.', 'warning');
const NOT_APPLICABLE_DESCRIPTOR = syntheticDescriptor(NOT_APPLICABLE, 'Rule not applicable', 'The rule presupposes a product role (a DICOM listener, a web server, any network service) that the document shows the product does not have; it was not evaluated and gives no result.', 'note');
const UNPAIRED_DESCRIPTOR = syntheticDescriptor('DICOMSEC-UNPAIRED', 'Form and statement not paired', 'An MDS2 form and a conformance statement in the same folder were not checked against each other; the message says why.', 'note');
const EXPIRED_WAIVER_DESCRIPTOR = syntheticDescriptor(EXPIRED_WAIVER_RULE, 'Waiver expired', 'A waiver in .dicomsec.yaml has passed its expiry date and no longer applies.');
/** Reasons that can hide a document: a warning; the rest (ignored, unsupported, parts of a tree) a note. */
const SKIP_WARNINGS = new Set(['not-a-document', 'depth-limit', 'symlink-outside-tree', 'symlink-broken', 'unreadable-folder']);

/** Skipped files are not results (nothing in them was found wanting): tool execution notifications. */
function skippedNotifications(report: ReviewReport, artifacts: Artifacts): Notification[] {
  return (report.skipped ?? []).map((s) => ({
    descriptor: { id: SKIPPED_ID },
    level: SKIP_WARNINGS.has(s.reason) ? 'warning' : 'note',
    message: { text: clip(`Not reviewed (${s.reason})${s.detail ? `: ${s.detail}` : ''}`) },
    locations: [{ physicalLocation: { artifactLocation: artifacts.at(s.path) } }],
    properties: { reason: s.reason, ...(s.root ? { root: artifacts.at(s.root).uri } : {}) },
  }));
}

/** Documents that could not be read: errors of the run (executionSuccessful false), not security alerts. */
function unreadableNotifications(report: ReviewReport, artifacts: Artifacts): Notification[] {
  return report.documents
    .filter((d) => d.status === 'unreadable')
    .map((d) => ({
      descriptor: { id: UNREADABLE_RULE },
      level: 'error',
      message: { text: clip(`${displayPath(d.path, artifacts.root)} could not be reviewed: ${d.error ?? 'unreadable'}`) },
      locations: [{ physicalLocation: { artifactLocation: artifacts.at(d.path) } }],
      properties: { reason: d.reason ?? 'unreadable' },
    }));
}

/** Rules that do not apply to a document or a pair, and pairs left unchecked: notes, never results. */
function reviewNotifications(report: ReviewReport, artifacts: Artifacts, ruleIndex: Map<string, number>): Notification[] {
  const rule = (id: string) => ({ id, ...(ruleIndex.has(id) ? { index: ruleIndex.get(id)! } : {}) });
  const notifications: Notification[] = [];
  for (const d of report.documents) {
    for (const n of d.notApplicable ?? []) {
      notifications.push({
        level: 'note',
        message: { text: `${n.ruleId} does not apply: ${n.reason}` },
        descriptor: { id: NOT_APPLICABLE },
        associatedRule: rule(n.ruleId),
        locations: [{ physicalLocation: { artifactLocation: artifacts.at(d.path) } }],
        properties: { notApplicable: true, reason: n.reason },
      });
    }
  }
  for (const n of report.crossNotApplicable ?? []) {
    notifications.push({
      level: 'note',
      message: { text: `${n.ruleId} does not apply to these documents: ${n.reason}` },
      descriptor: { id: NOT_APPLICABLE },
      associatedRule: rule(n.ruleId),
      locations: n.documents.map((p) => ({ physicalLocation: { artifactLocation: artifacts.at(p) } })),
      properties: { notApplicable: true, reason: n.reason },
    });
  }
  for (const n of (report.notices ?? []).filter(isUnpairedNotice)) {
    notifications.push({
      level: 'note',
      message: { text: `${displayPath(n.documents[0], artifacts.root)} and ${displayPath(n.documents[1], artifacts.root)} ${n.message}` },
      descriptor: { id: 'DICOMSEC-UNPAIRED' },
      locations: n.documents.map((p) => ({ physicalLocation: { artifactLocation: artifacts.at(p) } })),
    });
  }
  return notifications;
}

/**
 * The run: whether it succeeded (not when a document could not be read), what it noticed while
 * executing, the configuration it ran with (properties: the reviewer's file and the one that
 * governed each document) and each configuration file of the reviewed tree that was not applied
 * (toolConfigurationNotifications, located at that file).
 */
function invocation(report: ReviewReport, artifacts: Artifacts, executionNotifications: Notification[]): Invocation {
  const uri = (file: string | null | undefined) => (file ? artifacts.at(file).uri : null);
  const configNotices = (report.notices ?? []).filter(isConfigNotice);
  return {
    executionSuccessful: !report.documents.some((d) => d.status === 'unreadable'),
    ...(executionNotifications.length ? { toolExecutionNotifications: executionNotifications } : {}),
    ...(configNotices.length
      ? {
          toolConfigurationNotifications: configNotices.map((n) => ({
            descriptor: { id: n.kind },
            level: 'warning' as const,
            message: { text: `${displayPath(n.file, artifacts.root)}: ${n.message}` },
            locations: [{ physicalLocation: { artifactLocation: artifacts.at(n.file) } }],
          })),
        }
      : {}),
    properties: {
      configuration: uri(report.config),
      documentConfigurations: report.documents.map((d) => ({ uri: artifacts.at(d.path).uri, configuration: uri(d.config) })),
    },
  };
}

/**
 * driver.rules: every rule of the active packs whether it fired or not, by id (the same order in
 * every run with the same packs), then dicomsec's own expired-waiver rule, then any rule a
 * finding names that the catalogue lacks (a custom pack of a nested configuration).
 */
function ruleCatalogue(report: ReviewReport, catalog: PresentOptions['catalog']): ReportingDescriptor[] {
  const rules = [...catalog.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(descriptor);
  rules.push(EXPIRED_WAIVER_DESCRIPTOR);
  const known = new Set(rules.map((r) => r.id));
  const all = [...report.documents.flatMap((d) => [...d.findings, ...d.waived]), ...report.crossFindings];
  const extra = [...new Set(all.map((f) => f.ruleId).filter((id) => !known.has(id)))].sort();
  for (const id of extra) rules.push(syntheticDescriptor(id, id, id));
  return rules;
}

export function formatSarif(report: ReviewReport, { catalog, cwd = process.cwd(), sarifRoot, absolutePaths }: PresentOptions): string {
  const artifacts = new Artifacts(sarifRoot ?? cwd, !!absolutePaths, report);
  const rules = ruleCatalogue(report, catalog);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const results: Result[] = [];
  const toResult = (f: Finding, docPath?: string, waived = false): Result => {
    const [primary, ...related] = f.evidence;
    const loc = artifacts.location(primary!, docPath);
    const uri = loc.physicalLocation.artifactLocation.uri ?? '';
    const result: Result = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [loc],
      partialFingerprints: { primaryLocationLineHash: lineHash(f, uri, seen), 'dicomsecFinding/v1': fingerprint(f, uri) },
      properties: { frameworks: f.frameworks, tags: tagsFor(f.frameworks) },
    };
    if (related.length) result.relatedLocations = related.map((e, i) => ({ id: i + 1, ...artifacts.location(e, docPath) }));
    if (f.baseline) result.baselineState = f.baseline;
    if (waived && f.waiver) result.suppressions = [{ kind: 'external', status: 'accepted', justification: f.waiver.justification }];
    return result;
  };
  for (const d of report.documents) {
    for (const f of d.findings) results.push(toResult(f, d.path));
    for (const f of d.waived) results.push(toResult(f, d.path, true));
  }
  for (const f of report.crossFindings) results.push(toResult(f));

  const notifications = [...unreadableNotifications(report, artifacts), ...reviewNotifications(report, artifacts, ruleIndex), ...skippedNotifications(report, artifacts)];
  // Every artifact has been located by now: say once which ones had to stay absolute.
  if (artifacts.outside.size) {
    notifications.push({
      descriptor: { id: OUTSIDE_ROOT },
      level: 'warning',
      message: { text: `${artifacts.outside.size} document${artifacts.outside.size === 1 ? '' : 's'} outside ${artifacts.root}: their URIs are absolute (run from the repository root or pass --sarif-root)` },
      locations: [...artifacts.outside].slice(0, 100).map((file) => ({ physicalLocation: { artifactLocation: { uri: pathToFileURL(file).href } } })),
    });
  }
  // The notifications' own descriptors, so `descriptor.id` resolves within the driver.
  const used = new Set(notifications.map((n) => n.descriptor?.id));
  const notificationDescriptors = [UNREADABLE_DESCRIPTOR, NOT_APPLICABLE_DESCRIPTOR, UNPAIRED_DESCRIPTOR, SKIPPED_DESCRIPTOR, OUTSIDE_ROOT_DESCRIPTOR].filter((d) => used.has(d.id));
  const baseIds = artifacts.baseIds();
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dicomsec', semanticVersion: TOOL_VERSION, version: TOOL_VERSION, rules, ...(notificationDescriptors.length ? { notifications: notificationDescriptors } : {}) } },
        invocations: [invocation(report, artifacts, notifications)],
        ...(baseIds ? { originalUriBaseIds: baseIds } : {}),
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
