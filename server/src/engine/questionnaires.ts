// Vendor questionnaires read back, applied to the review they came from. Each row names a rule,
// a place (question ID or section) and documents by file name, and the About sheet records the
// SHA-256 of the revision asked about. A row whose documents are in this review and unchanged is
// matched to the finding it answers:
//  - the vendor's answer is added to that finding's evidence (sheet and cell of the answer);
//  - the reviewer's decision counts only when the REVIEWER lets it: the questionnaire is listed
//    under `questionnaires:` in the reviewer's configuration or named with --questionnaire. A
//    questionnaire found among the reviewed files was filled in partly by the vendor, and a file
//    in a reviewed folder never silences a review (as config/resolve.ts does for nested
//    configuration files); its decisions are left out and a notice says so.
//  - "accept" with a justification becomes a waiver (with the expiry the row gives; an expired one
//    is reported as config waivers are), "reject" and "follow-up" keep the finding and add the
//    decision to its evidence.
// A decision without a justification, a decision or expiry that is not one, and a row about a
// document whose bytes changed (the vendor sent a new revision) are findings of the questionnaire.
import path from 'node:path';
import type { Evidence, Finding, Severity } from '../core/findings.js';
import { matchesGlob } from '../core/glob.js';
import { EXPIRED_WAIVER_RULE, today } from '../config/waivers.js';
import { cellEvidence, rowEvidence } from '../documents/questionnaire/kind.js';
import { DECISIONS, documentName, placeOf, UNREADABLE_ROW, type Decision } from '../documents/questionnaire/layout.js';
import type { Questionnaire, QuestionnaireRow } from '../documents/questionnaire/model.js';
import type { ConfigFileNotice, DocumentReview } from './report.js';

export const QUESTIONNAIRE_RULES = {
  /** A decision with no justification: not applied. */
  unjustified: 'DICOMSEC-QUESTIONNAIRE-UNJUSTIFIED',
  /** A decision or expiry that is not one of the allowed values: not applied. */
  invalid: 'DICOMSEC-QUESTIONNAIRE-INVALID',
  /** A row about a document whose bytes are not those the questionnaire was written from. */
  stale: 'DICOMSEC-QUESTIONNAIRE-STALE',
  /** A row whose finding is no longer raised (the gap was answered or fixed). */
  unmatched: 'DICOMSEC-QUESTIONNAIRE-UNMATCHED',
  /** Documents the questionnaire asks about that are not in this review. */
  absent: 'DICOMSEC-QUESTIONNAIRE-DOCUMENTS-ABSENT',
} as const;

export interface QuestionnaireOptions {
  /** Globs of the reviewer's configuration (`questionnaires:`), relative to `configDir`. */
  globs: string[];
  configDir: string;
  /** Files named with --questionnaire (absolute). */
  files: string[];
  now?: string;
}

/** Whether the reviewer lets this questionnaire's decisions count. */
export function reviewerListed(file: string, options: QuestionnaireOptions): boolean {
  const abs = path.resolve(file);
  if (options.files.some((f) => path.resolve(f) === abs)) return true;
  const rel = path.relative(options.configDir, abs).split(path.sep).join('/');
  return !rel.startsWith('..') && options.globs.some((g) => matchesGlob(rel, g));
}

function finding(ruleId: string, severity: Severity, message: string, evidence: Evidence): Finding {
  return { ruleId, severity, message, evidence: [evidence], frameworks: {} };
}

interface Target {
  review: DocumentReview;
  finding: Finding;
  /** Where the finding is listed: a document's findings, or the cross findings. */
  cross: boolean;
}

/** What a row asks to do, once its own cells are checked. */
interface RowIntent {
  decision?: Decision;
  justification?: string;
  expires?: string;
}

function rowIntent(row: QuestionnaireRow, qPath: string, own: Finding[]): RowIntent {
  if (!row.decision) return {};
  const value = row.decision.text.trim().toLowerCase() as Decision;
  const at = cellEvidence(row.decision, 'Reviewer decision', qPath);
  if (!DECISIONS.includes(value)) {
    own.push(finding(QUESTIONNAIRE_RULES.invalid, 'error', `Row ${row.row} (${row.ruleId}): the reviewer decision "${row.decision.text}" is none of ${DECISIONS.join(', ')}; it was not applied.`, at));
    return {};
  }
  if (!row.justification) {
    own.push(finding(QUESTIONNAIRE_RULES.unjustified, 'warning', `Row ${row.row} (${row.ruleId}): the decision "${value}" has no reviewer justification; it was not applied. A decision without a reason is not a decision.`, at));
    return {};
  }
  const expires = row.expires?.text.trim();
  if (expires !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(expires) && !Number.isNaN(Date.parse(expires)))) {
    own.push(finding(QUESTIONNAIRE_RULES.invalid, 'error', `Row ${row.row} (${row.ruleId}): the expiry "${expires}" is not a date (YYYY-MM-DD); the decision was not applied.`, cellEvidence(row.expires!, 'Waiver expires', qPath)));
    return {};
  }
  return { decision: value, justification: row.justification.text, ...(expires ? { expires } : {}) };
}

/**
 * Applies every questionnaire among `documents` to the findings of the others (in place): answers
 * as evidence, listed questionnaires' decisions as waivers. Returns the cross findings that remain
 * and a notice per questionnaire whose decisions were left out.
 */
export function applyQuestionnaires(documents: DocumentReview[], crossFindings: Finding[], options: QuestionnaireOptions): { crossFindings: Finding[]; notices: ConfigFileNotice[] } {
  const questionnaires = documents.filter((d): d is DocumentReview & { model: Questionnaire } => d.status === 'reviewed' && d.model?.kind === 'questionnaire');
  if (questionnaires.length === 0) return { crossFindings, notices: [] };
  const now = options.now ?? today();
  const byName = new Map<string, DocumentReview[]>();
  for (const d of documents) {
    if (d.status !== 'reviewed' || d.kind === 'questionnaire') continue;
    const name = documentName(d.path);
    byName.set(name, [...(byName.get(name) ?? []), d]);
  }
  // Replacements by original finding: evidence added, or waived. Applied at the end, once.
  const updated = new Map<Finding, Finding>();
  const waivedCross = new Map<Finding, DocumentReview>();
  const waived = new Set<Finding>();
  const notices: ConfigFileNotice[] = [];
  const current = (f: Finding) => updated.get(f) ?? f;

  for (const q of questionnaires) {
    const listed = reviewerListed(q.path, options);
    const own: Finding[] = [];
    // Two folders may each hold an mds2.xlsx: a name can stand for several revisions.
    const recorded = new Map<string, Set<string>>();
    for (const d of q.model.documents) if (d.sha256) recorded.set(d.name, (recorded.get(d.name) ?? new Set()).add(d.sha256));
    const absent = new Set<string>();
    const ignoredFor = new Set<string>();
    for (const row of q.model.rows) {
      if (!row.ruleId || row.ruleId === UNREADABLE_ROW) continue;
      const intent = rowIntent(row, q.path, own);
      const targets: Target[] = [];
      let present = 0;
      for (const name of row.documents) {
        const reviews = byName.get(name);
        if (!reviews) {
          absent.add(name);
          continue;
        }
        const asked = recorded.get(name);
        const same = reviews.filter((r) => r.sha256 && asked?.has(r.sha256));
        if (same.length === 0) {
          if (!row.answer && !row.decision) continue; // nothing was left unapplied
          const was = asked ? `as it was (SHA-256 ${[...asked][0]!.slice(0, 12)}…)` : 'without a SHA-256 in the About sheet';
          const now = reviews.map((r) => `${r.sha256?.slice(0, 12) ?? 'unknown'}…`).join(', ');
          own.push(finding(QUESTIONNAIRE_RULES.stale, 'warning', `Row ${row.row} (${row.ruleId}) is about ${name} ${was}; the reviewed ${name} is another revision (${now}): the vendor sent a new revision. Its answer and decision were not applied; send a questionnaire for this revision.`, rowEvidence(row, q.path)));
          continue;
        }
        for (const review of same) {
          present++;
          for (const f of review.findings) if (f.ruleId === row.ruleId && placeOf(f.evidence[0]) === row.place) targets.push({ review, finding: f, cross: false });
          for (const f of crossFindings) {
            if (f.ruleId !== row.ruleId || placeOf(f.evidence[0]) !== row.place || !f.evidence.some((e) => e.path === review.path)) continue;
            if (!targets.some((t) => t.finding === f)) targets.push({ review, finding: f, cross: true });
          }
        }
      }
      if (present > 0 && targets.length === 0 && !waivedAlready(row, documents)) {
        own.push(finding(QUESTIONNAIRE_RULES.unmatched, 'info', `Row ${row.row}: ${row.ruleId}${row.place ? ` at ${row.place}` : ''} is no longer raised for ${row.documents.join(' and ')}; nothing to apply.`, rowEvidence(row, q.path)));
      }
      const expired = listed && intent.decision === 'accept' && intent.expires !== undefined && intent.expires < now;
      if (expired && targets.length) {
        own.push(finding(EXPIRED_WAIVER_RULE, 'warning', `The accepted decision of row ${row.row} for ${row.ruleId} expired on ${intent.expires}; the finding applies again. Review the justification: "${intent.justification}"`, cellEvidence(row.expires!, 'Waiver expires', q.path)));
      }
      for (const t of targets) {
        const extra: Evidence[] = [];
        if (row.answer) extra.push(cellEvidence(row.answer, 'Vendor answer', q.path));
        const base = current(t.finding);
        if (intent.decision && !listed) {
          ignoredFor.add(t.review.path);
        } else if (intent.decision === 'accept') {
          if (!expired) {
            const justification = `${intent.justification} (vendor questionnaire ${documentName(q.path)}, row ${row.row})`;
            updated.set(t.finding, { ...base, evidence: [...base.evidence, ...extra], waiver: { justification, ...(intent.expires ? { expires: intent.expires } : {}) } });
            waived.add(t.finding);
            if (t.cross) waivedCross.set(t.finding, t.review);
            continue;
          }
        } else if (intent.decision) {
          extra.push({ ...cellEvidence(row.decision!, 'Reviewer decision', q.path), quote: `${intent.decision}: ${intent.justification}` });
        }
        if (extra.length) updated.set(t.finding, { ...base, evidence: [...base.evidence, ...extra] });
      }
    }
    if (absent.size) {
      const names = [...absent].sort();
      own.push(finding(QUESTIONNAIRE_RULES.absent, 'info', `The questionnaire asks about ${names.length === 1 ? 'a document' : `${names.length} documents`} not in this review (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); review them together to see the answers with their findings.`, { path: q.path, section: 'document start', sheet: q.model.aboutSheet, cell: 'A1' }));
    }
    if (ignoredFor.size) {
      notices.push({
        kind: 'questionnaire-not-applied',
        file: q.path,
        message: 'the reviewer decisions in this vendor questionnaire were not applied: it was found among the reviewed files, and decisions count only from a questionnaire your configuration lists under questionnaires: or that you name with --questionnaire (its answers are shown as evidence)',
        documents: [...ignoredFor].sort(),
      });
    }
    q.findings = [...q.findings, ...own];
  }

  for (const d of documents) {
    if (d.kind === 'questionnaire') continue;
    const keep: Finding[] = [];
    for (const f of d.findings) (waived.has(f) ? d.waived : keep).push(current(f));
    d.findings = keep;
  }
  const remaining: Finding[] = [];
  for (const f of crossFindings) {
    const home = waivedCross.get(f);
    // A waived cross finding is listed with the waived findings of its first document (the MDS2 form).
    if (home) (documents.find((d) => d.path === f.evidence[0]?.path) ?? home).waived.push(current(f));
    else remaining.push(current(f));
  }
  return { crossFindings: remaining, notices };
}

/** The finding was already waived by the configuration: the row has nothing left to do, which is no news. */
function waivedAlready(row: QuestionnaireRow, documents: DocumentReview[]): boolean {
  return documents.some((d) => row.documents.includes(documentName(d.path)) && d.waived.some((f) => f.ruleId === row.ruleId && placeOf(f.evidence[0]) === row.place));
}
