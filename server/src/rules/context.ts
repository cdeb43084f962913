// Builds what a rule sees: the CEL variables over a model, and evidence items for the facts and
// questions a rule cites.
import type { Evidence } from '../core/findings.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { Mds2Answer, Mds2Form } from '../documents/mds2/model.js';
import { HN2019_QUESTION_IDS } from '../documents/mds2/questions.js';
import { toCelValue } from './expression.js';

export interface RuleSubject {
  mds2?: Mds2Form;
  cs?: ConformanceStatement;
  /** Document paths, for evidence on cross-document findings. */
  mds2Path?: string;
  csPath?: string;
}

const celCache = new WeakMap<object, Record<string, unknown>>();

function mds2Variables(form: Mds2Form): Record<string, unknown> {
  const answer: Record<string, string> = Object.create(null);
  const raw: Record<string, string> = Object.create(null);
  const note: Record<string, string> = Object.create(null);
  // Every HN 1-2019 ID is present so conditions never fail on a missing key: absent = unanswered.
  for (const id of HN2019_QUESTION_IDS) {
    answer[id] = 'unanswered';
    raw[id] = '';
    note[id] = '';
  }
  for (const [id, a] of Object.entries(form.answers)) {
    answer[id] = a.value;
    raw[id] = a.raw;
    note[id] = a.note ?? '';
  }
  const { answers: _a, notes: _n, order: _o, ...header } = form;
  return { answer: { ...answer }, raw: { ...raw }, note: { ...note }, mds2: toCelValue(header) };
}

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as a UTC timestamp at the start of that period. */
export function isoToTimestamp(iso: string | null | undefined): Date | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso ?? '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)));
  return Number.isNaN(d.getTime()) ? null : d;
}

function csVariables(cs: ConformanceStatement): Record<string, unknown> {
  const { evidence: _e, sections: _s, ...facts } = cs;
  const dateIso = (facts as { dateIso?: string | null }).dateIso;
  // Rules compare the statement's date with `now` as CEL timestamps: now - cs.dateTimestamp > duration("26298h").
  return { cs: toCelValue({ ...facts, dateTimestamp: isoToTimestamp(dateIso) }) };
}

export function celContext(subject: RuleSubject): Record<string, unknown> {
  // `now` lets rules judge age (a statement older than three years) without a clock of their own.
  const parts: Record<string, unknown> = { now: new Date() };
  for (const model of [subject.mds2, subject.cs]) {
    if (!model) continue;
    let vars = celCache.get(model);
    if (!vars) {
      vars = model.kind === 'mds2' ? mds2Variables(model) : csVariables(model);
      celCache.set(model, vars);
    }
    Object.assign(parts, vars);
  }
  return parts;
}

export function answerEvidence(form: Mds2Form, id: string, path?: string): Evidence {
  const a: Mds2Answer | undefined = form.answers[id];
  if (!a) return { path, questionId: id, answer: 'unanswered', section: id.split('-')[0] };
  const e: Evidence = { path, questionId: id, answer: a.value, section: a.section, ...a.location };
  const quote = a.raw.trim();
  if (quote) e.quote = a.note ? `${quote} — ${a.note}` : quote;
  return e;
}

/** The evidence a conformance statement records for a fact; empty when it recorded none. */
export function factEvidence(cs: ConformanceStatement, fact: string, path?: string): Evidence[] {
  const items = cs.evidence[fact] ?? [];
  return items.slice(0, 5).map((e) => ({ ...e, path: e.path ?? path }));
}

/** Where to point when a statement is silent and has no better place: its security section or its start. */
export function fallbackCsEvidence(cs: ConformanceStatement, path?: string): Evidence {
  const security = cs.evidence['securitySection']?.[0];
  if (security) return { ...security, path };
  const first = cs.sections[0];
  return { path, section: first?.title ?? 'document', line: first?.location.line ?? 1, page: first?.location.page };
}
