// The contract every rule produces and every presenter consumes.

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type FrameworkId = 'nsa-mnp' | 'nist-800-53' | 'iec-80001-2-2' | 'wg14';
export const FRAMEWORKS: readonly FrameworkId[] = ['nsa-mnp', 'nist-800-53', 'iec-80001-2-2', 'wg14'];
export type FrameworkMap = Partial<Record<FrameworkId, string[]>>;

/**
 * Where a finding comes from. Logical location first (question ID, section), physical second
 * (sheet and cell; page and line), plus the quoted answer or sentence.
 */
export interface Evidence {
  /** Document path, set on cross-document findings and by the engine on every item. */
  path?: string;
  questionId?: string;
  /** Normalised MDS2 answer (yes, no, n/a, see-note, unanswered, text). */
  answer?: string;
  section?: string;
  page?: number;
  /** 1-based line: in the file for text formats, on the page for PDF. */
  line?: number;
  sheet?: string;
  cell?: string;
  quote?: string;
}

export interface Waiver {
  justification: string;
  expires?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The first item is where the gap is. Never empty. */
  evidence: Evidence[];
  frameworks: FrameworkMap;
  /** Set when a waiver from .dicomsec.yaml covers this finding. */
  waiver?: Waiver;
  /** Set by `dicomsec diff` against an earlier revision (SARIF baselineState): absent is a finding of the old revision gone from the new. */
  baseline?: BaselineState;
}

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

/**
 * Where a finding is, as its identity across runs and revisions: the first evidence's question ID
 * or section, never a cell, line or quote (vendors re-flow their forms and statements). SARIF
 * fingerprints take rule + document + this; `dicomsec diff` matches old and new on rule + this.
 */
export function findingAnchor(finding: Pick<Finding, 'evidence'>): string {
  const e = finding.evidence[0];
  return e?.questionId ?? e?.section ?? '';
}

export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

/** The lowest severity that fails a run (--fail-on, `failOn:`), or none. */
export type FailOn = Severity | 'none';
/** A threshold for all documents, or the one of the configuration governing each (a cross finding: undefined). */
export type FailOnFor = FailOn | ((docPath: string | undefined) => FailOn);

/** True when a finding of this severity fails a run with this threshold. */
export function failsAt(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}
