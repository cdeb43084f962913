// The review of one run: the JSON contract other tools read (`dicomsec lint --format json`).
import type { Finding, Severity } from '../core/findings.js';
import type { DocumentKind, DocumentModel } from '../documents/document.js';

export interface DocumentReview {
  path: string;
  kind: DocumentKind;
  status: 'reviewed' | 'unreadable';
  /** One line, set when status is 'unreadable'. */
  error?: string;
  /** Why it is unreadable, for tools: corrupt, encrypted, empty, no-text, limit, unsupported, not-a-document, io, timeout. */
  reason?: string;
  findings: Finding[];
  /** Findings covered by an unexpired waiver; presenters show them apart. */
  waived: Finding[];
  /** Kept in memory for the language server and cross checks; not serialised. */
  model?: DocumentModel;
}

export interface ReviewSummary {
  documents: number;
  reviewed: number;
  unreadable: number;
  findings: Record<Severity, number>;
  waived: number;
}

export interface ReviewReport {
  version: 1;
  documents: DocumentReview[];
  crossFindings: Finding[];
  summary: ReviewSummary;
}
