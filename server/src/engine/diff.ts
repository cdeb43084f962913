// Two revisions of one product's document (MDS2 forms or conformance statements) set against each
// other: answers and facts changed (old → new, each with its evidence), questions added and
// removed, notes changed, and the gaps the new revision opened and closed. Findings are matched on
// rule + question or section (core/findings.ts findingAnchor, the identity SARIF fingerprints
// use), in document order when one rule fires more than once on one anchor.
import { UsageError } from '../core/errors.js';
import { findingAnchor, type BaselineState, type Evidence, type Finding } from '../core/findings.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { Mds2Answer, Mds2Form } from '../documents/mds2/model.js';
import { COMPARED_FACTS, factEvidence, factText } from './fact-values.js';
import { nameTokens } from './pairing.js';
import { groupProducts } from './products.js';
import type { DocumentReview } from './report.js';

/** One side of a change: the value as one line and where it stands. */
export interface Side {
  text: string;
  evidence?: Evidence;
}

/** A question, note or fact whose value changed, or that only one revision has. */
export interface Change {
  /** Question ID ('AUTH-1'), note ID ('Note 6') or fact key ('tls.versions'). */
  id: string;
  old?: Side;
  new?: Side;
  /** For a note: the questions of the new (else old) revision that refer to it. */
  questions?: string[];
}

export interface FindingPair {
  old: Finding;
  new: Finding;
}

export interface RevisionDiff {
  version: 1;
  kind: 'mds2' | 'conformance-statement';
  old: { path: string; name: string };
  new: { path: string; name: string };
  /** Something the reviewer should know about the pair (they look like different products). */
  notices: string[];
  answers: { changed: Change[]; added: Change[]; removed: Change[] };
  notes: { changed: Change[]; added: Change[]; removed: Change[] };
  facts: { changed: Change[] };
  findings: {
    /** In the new revision only: gaps opened. baseline 'new'. */
    opened: Finding[];
    /** In the old revision only: gaps closed. baseline 'absent'. */
    closed: Finding[];
    /** In both, with a different message, severity or quote. baseline 'updated' (the new one). */
    updated: FindingPair[];
    /** In both, the same. baseline 'unchanged' (the new one). */
    unchanged: Finding[];
  };
}

const flat = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function answerSide(a: Mds2Answer, path: string): Side {
  return { text: flat(a.raw) || a.value, evidence: { path, questionId: a.id, answer: a.value, section: a.section, ...a.location, quote: a.raw } };
}

function diffAnswers(oldForm: Mds2Form, newForm: Mds2Form, oldPath: string, newPath: string): RevisionDiff['answers'] {
  const out: RevisionDiff['answers'] = { changed: [], added: [], removed: [] };
  const ids = [...new Set([...newForm.order, ...oldForm.order, ...Object.keys(newForm.answers), ...Object.keys(oldForm.answers)])];
  for (const id of ids) {
    const [a, b] = [oldForm.answers[id], newForm.answers[id]];
    if (a && b) {
      if (a.value !== b.value || flat(a.raw) !== flat(b.raw)) out.changed.push({ id, old: answerSide(a, oldPath), new: answerSide(b, newPath) });
    } else if (b) out.added.push({ id, new: answerSide(b, newPath) });
    else if (a) out.removed.push({ id, old: answerSide(a, oldPath) });
  }
  return out;
}

function diffNotes(oldForm: Mds2Form, newForm: Mds2Form, oldPath: string, newPath: string): RevisionDiff['notes'] {
  const out: RevisionDiff['notes'] = { changed: [], added: [], removed: [] };
  const side = (form: Mds2Form, id: string, path: string): Side => ({ text: flat(form.notes[id]!.text), evidence: { path, section: id, ...form.notes[id]!.location, quote: form.notes[id]!.text } });
  // The questions whose note is this one (the answer's note text is the note's).
  const referrers = (form: Mds2Form, id: string) => form.order.filter((q) => form.answers[q]?.note !== undefined && flat(form.answers[q]!.note) === flat(form.notes[id]?.text));
  for (const id of [...new Set([...Object.keys(oldForm.notes), ...Object.keys(newForm.notes)])]) {
    const [a, b] = [oldForm.notes[id], newForm.notes[id]];
    if (a && b) {
      if (flat(a.text) !== flat(b.text)) out.changed.push({ id, old: side(oldForm, id, oldPath), new: side(newForm, id, newPath), questions: referrers(newForm, id).length ? referrers(newForm, id) : referrers(oldForm, id) });
    } else if (b) out.added.push({ id, new: side(newForm, id, newPath), questions: referrers(newForm, id) });
    else if (a) out.removed.push({ id, old: side(oldForm, id, oldPath), questions: referrers(oldForm, id) });
  }
  return out;
}

function diffFacts(a: ConformanceStatement, b: ConformanceStatement, oldPath: string, newPath: string): Change[] {
  const changed: Change[] = [];
  for (const key of COMPARED_FACTS) {
    const [x, y] = [factText(a, key), factText(b, key)];
    if (x === y) continue;
    const [ex, ey] = [factEvidence(a, key, oldPath), factEvidence(b, key, newPath)];
    changed.push({ id: key, old: { text: x, ...(ex ? { evidence: ex } : {}) }, new: { text: y, ...(ey ? { evidence: ey } : {}) } });
  }
  return changed;
}

const identity = (f: Finding) => `${f.ruleId}\u0000${findingAnchor(f)}`;
const sameFinding = (a: Finding, b: Finding) => a.severity === b.severity && a.message === b.message && flat(a.evidence[0]?.quote) === flat(b.evidence[0]?.quote) && a.evidence[0]?.answer === b.evidence[0]?.answer;
const marked = (f: Finding, baseline: BaselineState): Finding => ({ ...f, baseline });

/**
 * Each new finding's match among the old ones by identity (the earliest unmatched old finding of
 * the same rule and anchor) and its baseline state, in the new findings' order; the old findings
 * left over are the closed ones.
 */
export function matchByIdentity(oldFindings: Finding[], newFindings: Finding[]): { states: BaselineState[]; matches: (Finding | undefined)[]; closed: Finding[] } {
  const pending = new Map<string, Finding[]>();
  for (const f of oldFindings) pending.set(identity(f), [...(pending.get(identity(f)) ?? []), f]);
  const matches = newFindings.map((f) => pending.get(identity(f))?.shift());
  const states = newFindings.map((f, i): BaselineState => (!matches[i] ? 'new' : sameFinding(matches[i]!, f) ? 'unchanged' : 'updated'));
  return { states, matches, closed: [...pending.values()].flat() };
}

/** Old and new findings (waived ones included) matched by identity: opened, closed, updated, unchanged, each marked with its baseline state. */
export function matchFindings(oldFindings: Finding[], newFindings: Finding[]): RevisionDiff['findings'] {
  const { states, matches, closed } = matchByIdentity(oldFindings, newFindings);
  const out: RevisionDiff['findings'] = { opened: [], closed: closed.map((f) => marked(f, 'absent')), updated: [], unchanged: [] };
  newFindings.forEach((f, i) => {
    const state = states[i]!;
    if (state === 'new') out.opened.push(marked(f, state));
    else if (state === 'unchanged') out.unchanged.push(marked(f, state));
    else out.updated.push({ old: matches[i]!, new: marked(f, state) });
  });
  return out;
}

const KIND_NAMES: Record<string, string> = { mds2: 'an MDS2 form', 'conformance-statement': 'a conformance statement' };

/** Manufacturer and product words of a revision, to notice two revisions that look like different products. */
function nameWords(d: DocumentReview): { maker: Set<string>; product: Set<string> } {
  const m = d.model as Mds2Form | ConformanceStatement;
  return m.kind === 'mds2' ? { maker: nameTokens(m.manufacturer), product: nameTokens(`${m.model ?? ''} ${m.deviceDescription ?? ''}`) } : { maker: nameTokens(m.manufacturer), product: nameTokens(m.product) };
}

/**
 * The diff of two reviewed revisions. Unreadable revisions are the caller's to report (the run
 * fails); two kinds, or a kind other than a form or a statement, are a usage error.
 */
export function diffRevisions(oldDoc: DocumentReview, newDoc: DocumentReview): RevisionDiff {
  if (oldDoc.status !== 'reviewed' || newDoc.status !== 'reviewed' || !oldDoc.model || !newDoc.model) throw new Error('diff needs two reviewed documents');
  const [ko, kn] = [oldDoc.model.kind, newDoc.model.kind];
  if (ko !== kn) throw new UsageError(`diff compares two revisions of one document kind: old is ${KIND_NAMES[ko] ?? ko}, new is ${KIND_NAMES[kn] ?? kn}`);
  if (ko !== 'mds2' && ko !== 'conformance-statement') throw new UsageError(`diff compares MDS2 forms or conformance statements, not ${ko}`);
  // Each revision named on its own (as compare names a column).
  const [oldName, newName] = [groupProducts([oldDoc])[0]?.name ?? '', groupProducts([newDoc])[0]?.name ?? ''];
  const notices: string[] = [];
  const [wo, wn] = [nameWords(oldDoc), nameWords(newDoc)];
  const shares = (a: Set<string>, b: Set<string>) => !a.size || !b.size || [...a].some((t) => b.has(t));
  if (!shares(wo.maker, wn.maker) || !shares(wo.product, wn.product)) notices.push(`the revisions look like different products: old "${oldName}", new "${newName}"`);
  const empty = { changed: [], added: [], removed: [] };
  const forms = ko === 'mds2' ? ([oldDoc.model, newDoc.model] as Mds2Form[]) : undefined;
  const statements = ko === 'conformance-statement' ? ([oldDoc.model, newDoc.model] as ConformanceStatement[]) : undefined;
  return {
    version: 1,
    kind: ko,
    old: { path: oldDoc.path, name: oldName },
    new: { path: newDoc.path, name: newName },
    notices,
    answers: forms ? diffAnswers(forms[0]!, forms[1]!, oldDoc.path, newDoc.path) : empty,
    notes: forms ? diffNotes(forms[0]!, forms[1]!, oldDoc.path, newDoc.path) : empty,
    facts: { changed: statements ? diffFacts(statements[0]!, statements[1]!, oldDoc.path, newDoc.path) : [] },
    findings: matchFindings([...oldDoc.findings, ...oldDoc.waived], [...newDoc.findings, ...newDoc.waived]),
  };
}
