// The review of one run: the JSON contract other tools read (`dicomsec lint --format json`).
import type { Finding, Severity } from '../core/findings.js';
import type { DocumentKind, DocumentModel } from '../documents/document.js';
import type { KindId } from '../documents/kinds.js';
import type { Recognition } from '../documents/recognition.js';

export interface DocumentReview {
  path: string;
  kind: DocumentKind;
  status: 'reviewed' | 'unreadable';
  /** SHA-256 of the bytes reviewed (hex), when they could be read: names the revision in questionnaires. */
  sha256?: string;
  /** What the content says the document is (kind, confidence, reason), for reviewed documents. */
  recognition?: Recognition;
  /** The configuration file that governed this document (absolute path), null for built-in defaults. */
  config?: string | null;
  /** One line, set when status is 'unreadable'. */
  error?: string;
  /** Why it is unreadable, for tools: corrupt, encrypted, empty, no-text, limit, unsupported, not-a-document, io, timeout. */
  reason?: string;
  findings: Finding[];
  /** Findings covered by an unexpired waiver; presenters show them apart. */
  waived: Finding[];
  /** Rules that do not apply to this document (an offline viewer and the TLS rules), each with its reason. Never findings. */
  notApplicable?: { ruleId: string; reason: string }[];
  /** PDF: the highest line number on each page (index 0 = page 1), so a page and line can become one running line (SARIF). */
  pageLines?: number[];
  /** Kept in memory for the language server and cross checks; not serialised. */
  model?: DocumentModel;
  /**
   * Findings of cross rules about a document this one should come with (`missing:`), found on it
   * alone in its own review (so they are cached with it); the run keeps each only when no such
   * document of the same product was reviewed with it (engine/cross.ts resolveMissing). Not serialised.
   */
  pendingCross?: PendingCrossFinding[];
}

/** A finding that holds only if no document of `missing` accompanies its document. Waived ones carry `waiver`. */
export interface PendingCrossFinding {
  missing: KindId;
  finding: Finding;
}

/** Why discovery passed over a file or folder (see README, "What discovery skips"). */
export type SkipReason =
  | 'symlink-outside-tree'
  | 'symlink-duplicate'
  | 'symlink-broken'
  | 'dot-folder'
  | 'build-folder'
  | 'depth-limit'
  | 'unreadable-folder'
  | 'unsupported-extension'
  | 'ignored'
  | 'not-a-document'
  | 'member-of'
  | 'asset-of';

/** A file or folder the run did not review, and why; it never counts as a clean review. */
export interface SkippedFile {
  path: string;
  reason: SkipReason;
  /** member-of, asset-of: the statement (root file) it belongs to. */
  root?: string;
  /** One line for people: the pattern that ignored it, the link's target, the recogniser's verdict. */
  detail?: string;
}

export interface ReviewSummary {
  documents: number;
  reviewed: number;
  unreadable: number;
  findings: Record<Severity, number>;
  waived: number;
  /** Files and folders discovery passed over (listed in `skipped`). */
  skipped?: number;
}

/** Something the reviewer must know that is not a finding: documents of one folder not checked against each other, and why. */
export interface UnpairedNotice {
  kind: 'unpaired';
  /** The two documents (absolute paths), the anchor first: the form, or the SBOM of an SBOM and an advisory. */
  documents: [string, string];
  /** For a form and a statement, the two again under their names. */
  mds2?: string;
  conformance?: string;
  message: string;
}

/** A cross rule that does not apply to a pair, and why. */
export interface CrossNotApplicable {
  ruleId: string;
  reason: string;
  /** The form and the statement compared, when the rule compares them. */
  mds2?: string;
  conformance?: string;
  /** Every document the rule was to compare, anchor first. */
  documents: string[];
}

/**
 * A configuration file in the reviewed tree that was not applied, or a trusted nested one whose
 * custom packs were not loaded (config/resolve.ts), with the documents it would have governed; or
 * a vendor questionnaire whose reviewer decisions were not applied (engine/questionnaires.ts: the
 * reviewer did not list it), with the documents they were about.
 */
export interface ConfigFileNotice {
  kind: 'config-not-applied' | 'custom-packs-not-loaded' | 'known-exploited-not-used' | 'questionnaire-not-applied';
  /** The configuration file (absolute path). */
  file: string;
  message: string;
  /** Documents it would have governed (absolute paths). */
  documents: string[];
}

export type ReviewNotice = UnpairedNotice | ConfigFileNotice;

export const isConfigNotice = (n: ReviewNotice): n is ConfigFileNotice => n.kind !== 'unpaired';
export const isUnpairedNotice = (n: ReviewNotice): n is UnpairedNotice => n.kind === 'unpaired';

export interface ReviewReport {
  version: 1;
  /** The reviewer's configuration file for the run (absolute path), null for built-in defaults. */
  /** The known-exploited list the run marked advisories with (absolute path: --known-exploited or the reviewer's configuration), absent when none. */
  knownExploited?: string;
  config?: string | null;
  documents: DocumentReview[];
  crossFindings: Finding[];
  /** Cross rules that do not apply to a pair (absent when none). */
  crossNotApplicable?: CrossNotApplicable[];
  /**
   * What the reviewer must know that is not a finding (absent when there is nothing to say): why
   * documents side by side were not checked against each other; configuration files in the
   * reviewed tree that were not applied.
   */
  notices?: ReviewNotice[];
  /** Everything discovery passed over, sorted by path (absent from reports not built from discovery). */
  skipped?: SkippedFile[];
  summary: ReviewSummary;
}
