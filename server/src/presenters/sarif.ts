// `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub and others).
// Framework mappings travel as properties.tags, which GitHub filters on; fingerprints come from
// rule + question ID or section, never from cell addresses, because vendors re-flow their forms.
import { createHash } from 'node:crypto';
import type { Invocation, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Evidence, Finding, FrameworkId, Severity } from '../core/findings.js';
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

const clip = (s: string, n = 1000) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function tagsFor(frameworks: Finding['frameworks']): string[] {
  const tags = ['security'];
  for (const [fw, ids] of Object.entries(frameworks)) for (const id of ids ?? []) tags.push(`${fw}:${id}`);
  return tags.slice(0, 20);
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
    properties: { tags: tagsFor(rule.frameworks), 'security-severity': SECURITY_SEVERITY[rule.severity], precision: 'high', pack: rule.pack },
  };
}

function syntheticDescriptor(id: string, title: string, text: string): ReportingDescriptor {
  return {
    id,
    shortDescription: { text: title },
    fullDescription: { text },
    help: { text },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'dicomsec'], 'security-severity': '8.0' },
  };
}

function fingerprint(finding: Finding, uri: string): string {
  const e = finding.evidence[0];
  const anchor = e?.questionId ?? e?.section ?? '';
  return createHash('sha256').update(`${finding.ruleId}\u0000${uri}\u0000${anchor}\u0000${e?.quote ?? ''}`).digest('hex').slice(0, 32);
}

function logicalLocations(e: Evidence): NonNullable<NonNullable<Result['locations']>[number]['logicalLocations']> {
  const out: NonNullable<NonNullable<Result['locations']>[number]['logicalLocations']> = [];
  if (e.questionId) out.push({ name: e.questionId, fullyQualifiedName: `mds2/${e.section ?? e.questionId.split('-')[0]}/${e.questionId}`, kind: 'mds2Question' });
  else if (e.section) out.push({ name: e.section, fullyQualifiedName: `conformance-statement/${e.section}`, kind: 'section' });
  if (e.cell) out.push({ name: e.cell, fullyQualifiedName: `'${e.sheet ?? ''}'!${e.cell}`, kind: 'cell' });
  if (e.page !== undefined) out.push({ name: `page ${e.page}`, kind: 'page' });
  return out;
}

function location(e: Evidence, cwd: string, docPath?: string) {
  const file = e.path ?? docPath;
  const uri = file ? artifactUri(file, cwd) : '';
  return {
    physicalLocation: { artifactLocation: { uri }, region: { startLine: startLine(e), startColumn: 1 } },
    logicalLocations: logicalLocations(e),
    message: { text: describeEvidence(e) + (e.quote ? `: ${clip(e.quote, 200)}` : '') },
    properties: { ...e, path: undefined },
  };
}

const SKIPPED_ID = 'DICOMSEC-SKIPPED';
const SKIPPED_DESCRIPTOR: ReportingDescriptor = {
  id: SKIPPED_ID,
  shortDescription: { text: 'File not reviewed' },
  fullDescription: { text: 'Discovery passed over this file or folder (a symlink out of the tree, a dot or build folder, the depth limit, an unsupported or ignored file, a file that is no vendor document, or a part of a multi-file statement). It was not reviewed; it is not a clean result.' },
};
/** Reasons that can hide a document: a warning; the rest (ignored, unsupported, parts of a tree) a note. */
const SKIP_WARNINGS = new Set(['not-a-document', 'depth-limit', 'symlink-outside-tree', 'symlink-broken', 'unreadable-folder']);

/** Skipped files are not results (nothing in them was found wanting): tool execution notifications. */
function skippedNotifications(report: ReviewReport, cwd: string): Notification[] {
  return (report.skipped ?? []).map((s) => ({
    descriptor: { id: SKIPPED_ID },
    level: SKIP_WARNINGS.has(s.reason) ? 'warning' : 'note',
    message: { text: clip(`Not reviewed (${s.reason})${s.detail ? `: ${s.detail}` : ''}`) },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(s.path, cwd) } } }],
    properties: { reason: s.reason, ...(s.root ? { root: artifactUri(s.root, cwd) } : {}) },
  }));
}

/**
 * The run: what it noticed while executing (rules not applicable, documents left unpaired), the
 * configuration it ran with (properties: the reviewer's file and the one that governed each
 * document) and each configuration file of the reviewed tree that was not applied
 * (toolConfigurationNotifications, located at that file).
 */
function invocation(report: ReviewReport, cwd: string, executionNotifications: Notification[]): Invocation {
  const uri = (file: string | null | undefined) => (file ? artifactUri(file, cwd) : null);
  const configNotices = (report.notices ?? []).filter(isConfigNotice);
  return {
    executionSuccessful: true,
    ...(executionNotifications.length ? { toolExecutionNotifications: executionNotifications } : {}),
    ...(configNotices.length
      ? {
          toolConfigurationNotifications: configNotices.map((n) => ({
            descriptor: { id: n.kind },
            level: 'warning' as const,
            message: { text: `${displayPath(n.file, cwd)}: ${n.message}` },
            locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(n.file, cwd) } } }],
          })),
        }
      : {}),
    properties: {
      configuration: uri(report.config),
      documentConfigurations: report.documents.map((d) => ({ uri: artifactUri(d.path, cwd), configuration: uri(d.config) })),
    },
  };
}

export function formatSarif(report: ReviewReport, { catalog, cwd = process.cwd() }: PresentOptions): string {
  const results: Result[] = [];
  const used = new Set<string>();
  const toResult = (f: Finding, docPath?: string, waived = false): Result => {
    used.add(f.ruleId);
    const [primary, ...related] = f.evidence;
    const loc = location(primary!, cwd, docPath);
    const result: Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [loc],
      partialFingerprints: { 'dicomsecFinding/v1': fingerprint(f, loc.physicalLocation.artifactLocation.uri) },
      properties: { frameworks: f.frameworks, tags: tagsFor(f.frameworks) },
    };
    if (related.length) result.relatedLocations = related.map((e, i) => ({ id: i + 1, ...location(e, cwd, docPath) }));
    if (waived && f.waiver) result.suppressions = [{ kind: 'external', status: 'accepted', justification: f.waiver.justification }];
    return result;
  };
  for (const d of report.documents) {
    if (d.status === 'unreadable') {
      used.add(UNREADABLE_RULE);
      results.push({
        ruleId: UNREADABLE_RULE,
        level: 'error',
        message: { text: `The document could not be reviewed: ${d.error}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(d.path, cwd) }, region: { startLine: 1, startColumn: 1 } } }],
        partialFingerprints: { 'dicomsecFinding/v1': fingerprint({ ruleId: UNREADABLE_RULE, evidence: [], severity: 'error', message: '', frameworks: {} }, artifactUri(d.path, cwd)) },
      });
      continue;
    }
    for (const f of d.findings) results.push(toResult(f, d.path));
    for (const f of d.waived) results.push(toResult(f, d.path, true));
  }
  for (const f of report.crossFindings) results.push(toResult(f));

  const rules: ReportingDescriptor[] = catalog.rules.filter((r) => used.has(r.id)).map(descriptor);
  if (used.has(UNREADABLE_RULE)) rules.push(syntheticDescriptor(UNREADABLE_RULE, 'Document could not be reviewed', 'The document is corrupt, encrypted, scanned without text, not a supported document, or over a resource limit. A document that cannot be read is never a clean result.'));
  if (used.has(EXPIRED_WAIVER_RULE)) rules.push(syntheticDescriptor(EXPIRED_WAIVER_RULE, 'Waiver expired', 'A waiver in .dicomsec.yaml has passed its expiry date and no longer applies.'));
  // Any rule id used but absent from the catalogue (custom pack removed meanwhile) still needs a descriptor.
  for (const id of used) if (!rules.some((r) => r.id === id)) rules.push(syntheticDescriptor(id, id, id));

  // Rules that do not apply to a document are notifications, never results: a dashboard must not
  // count "no TLS" against an offline viewer, and a reviewer can still see what was not checked.
  const notifications: Notification[] = [];
  for (const d of report.documents) {
    for (const n of d.notApplicable ?? []) {
      notifications.push({
        level: 'note',
        message: { text: `${n.ruleId} does not apply: ${n.reason}` },
        descriptor: { id: NOT_APPLICABLE },
        associatedRule: { id: n.ruleId },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(d.path, cwd) } } }],
        properties: { notApplicable: true, reason: n.reason },
      });
    }
  }
  for (const n of report.crossNotApplicable ?? []) {
    notifications.push({
      level: 'note',
      message: { text: `${n.ruleId} does not apply to this pair: ${n.reason}` },
      descriptor: { id: NOT_APPLICABLE },
      associatedRule: { id: n.ruleId },
      locations: [n.mds2, n.conformance].map((p) => ({ physicalLocation: { artifactLocation: { uri: artifactUri(p, cwd) } } })),
      properties: { notApplicable: true, reason: n.reason },
    });
  }
  for (const n of (report.notices ?? []).filter(isUnpairedNotice)) {
    notifications.push({
      level: 'note',
      message: { text: `${displayPath(n.mds2, cwd)} and ${displayPath(n.conformance, cwd)} ${n.message}` },
      descriptor: { id: 'DICOMSEC-UNPAIRED' },
      locations: [n.mds2, n.conformance].map((p) => ({ physicalLocation: { artifactLocation: { uri: artifactUri(p, cwd) } } })),
    });
  }
  // Files discovery passed over: notifications too (nothing in them was found wanting).
  const skippedNotes = skippedNotifications(report, cwd);
  notifications.push(...skippedNotes);
  // The notifications' own descriptors, so `descriptor.id` resolves within the driver.
  const notificationDescriptors: ReportingDescriptor[] = skippedNotes.length ? [SKIPPED_DESCRIPTOR] : [];
  if (notifications.some((n) => n.descriptor?.id === NOT_APPLICABLE)) notificationDescriptors.push(syntheticDescriptor(NOT_APPLICABLE, 'Rule not applicable', 'The rule presupposes a product role (a DICOM listener, a web server, any network service) that the document shows the product does not have; it was not evaluated and gives no result.'));
  if (notifications.some((n) => n.descriptor?.id === 'DICOMSEC-UNPAIRED')) notificationDescriptors.push(syntheticDescriptor('DICOMSEC-UNPAIRED', 'Form and statement not paired', 'An MDS2 form and a conformance statement in the same folder were not checked against each other; the message says why.'));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dicomsec', semanticVersion: TOOL_VERSION, version: TOOL_VERSION, rules, ...(notificationDescriptors.length ? { notifications: notificationDescriptors } : {}) } },
        invocations: [invocation(report, cwd, notifications)],
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
